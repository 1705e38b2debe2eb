// run_redeliver (declared in bench/component_e2e.hpp): cards submitted to a recipient who is
// offline, then the time from her login until she has every one of them; next to as many plain
// chat messages of the same size, sent by the same submitter straight to the same offline
// recipient (no component), and the time from her login until she has those.
#include <algorithm>
#include <cstdio>
#include <optional>
#include <string>
#include <thread>
#include <unordered_set>

#include "bench/card_copy.hpp"
#include "bench/component_e2e.hpp"
#include "bench/e2e_flow.hpp"
#include "bench/proc_stats.hpp"
#include "bench/report.hpp"
#include "bench/server_under_test.hpp"
#include "bench/submit_stanzas.hpp"
#include "client/exchange/service_requests.hpp"
#include "client/session/card_session.hpp"
#include "core/protocol/delivery.hpp"
#include "core/protocol/service_messages.hpp"
#include "core/protocol/syntax.hpp"
#include "core/xml/writer.hpp"
#include "core/xmpp/namespaces.hpp"
#include "core/xmpp/stanza.hpp"

namespace cardex::bench {
namespace {

using Clock = std::chrono::steady_clock;
using std::chrono::milliseconds;
constexpr std::size_t kDistinctCards = 64;
constexpr std::size_t kSubmitWindow = 200;
constexpr std::chrono::seconds kStallLimit{60};
constexpr std::chrono::seconds kQuietTimeout{120};
constexpr milliseconds kQuietAfter{2'000};  // no copy for this long: redelivery is over
constexpr std::size_t kSizeSamples = 256;   // received stanzas whose size is measured
// The target 4: copies per card, and the cards' time over the plain messages' time.
constexpr double kCopiesTarget = 1.02;
constexpr double kTimeRatioTarget = 2.0;

double since(Clock::time_point start) {
    return std::chrono::duration<double>(Clock::now() - start).count();
}

// Submits `count` cards to the recipient while she is offline; returns the results received.
std::size_t submit_while_offline(const ServerUnderTest& server,
                                 const std::vector<vcard::Card>& cards, std::size_t count,
                                 std::string& problem) {
    client::Session session(server.offline_submitter);
    if (auto connected = session.connect(); !connected) {
        problem = connected.error().message;
        return 0;
    }
    std::size_t answered = 0, results = 0, sent = 0;
    session.on_stanza = [&](const xml::Element& stanza) {
        if (stanza.name != "iq" || !stanza.attr_or_empty("id").starts_with("r")) return;
        ++answered;
        if (stanza.attr_or_empty("type") == "result") ++results;
    };
    const std::string recipient = bare_of(server.offline_recipient.jid);
    auto last_progress = Clock::now();
    while (answered < count && Clock::now() - last_progress < kStallLimit) {
        while (sent < count && sent - answered < kSubmitWindow) {
            session.send(submit_iq(cards[sent % cards.size()], "r" + std::to_string(sent), "",
                                   server.service, recipient, ns::kClient, kSubmitForm));
            ++sent;
        }
        const std::size_t before = answered;
        session.run_for(milliseconds(2));
        if (answered != before) last_progress = Clock::now();
    }
    if (answered < count)
        problem = "submits unanswered after " + std::to_string(kStallLimit.count()) + " s";
    return results;
}

// A card's <vcard/> element as a copy carries it.
xml::Element vcard_element(const vcard::Card& card) {
    protocol::CardDelivery delivery;
    delivery.id = std::string(33, 'A');
    delivery.from = *xmpp::Jid::parse("alice@a.test");
    delivery.card = card;
    return protocol::serialize(delivery).children.front();
}

// The plain reference's messages are as long as a card copy: the average size, over the pool
// of cards, of the delivery message cardexd sends for a card (bench/card_copy.hpp), written
// for a client stream.
std::size_t average_card_copy_bytes(const ServerUnderTest& server,
                                    const std::vector<vcard::Card>& cards) {
    const auto service = xmpp::Jid::parse(server.service);
    const auto submitter = xmpp::Jid::parse(bare_of(server.offline_submitter.jid));
    const auto recipient = xmpp::Jid::parse(bare_of(server.offline_recipient.jid));
    if (cards.empty() || !service || !submitter || !recipient) return 0;
    std::size_t total = 0;
    for (const auto& card : cards) {
        total += xml::to_string(card_copy(card, *service, *submitter, *recipient, ns::kClient),
                                ns::kClient)
                     .size();
    }
    return total / cards.size();
}

// <message type='chat' to id><body>x...</body></message>, `bytes` long as a client sends it
// (at least as long as it is with an empty body); with `payload` (a card's <vcard/>), that
// element follows the body, which is then shorter: a message as rich in elements as a copy.
xml::Element plain_message(const std::string& to, const std::string& id, std::size_t bytes,
                           const xml::Element* payload = nullptr) {
    const auto with_body = [&](std::size_t length) {
        xml::Element message("message", std::string(ns::kClient));
        message.set_attr("type", "chat").set_attr("to", to).set_attr("id", id);
        message.add_text_child("body", std::string(ns::kClient), std::string(length, 'x'));
        if (payload != nullptr) message.add_child(*payload);
        return message;
    };
    const std::size_t overhead = xml::to_string(with_body(1), ns::kClient).size() - 1;
    return with_body(bytes > overhead ? bytes - overhead : 1);
}

struct PlainSent {
    std::size_t confirmed = 0;  // messages the server had handled (a later ping was answered)
    std::size_t errors = 0;     // message errors bounced to the submitter
    std::size_t stanza_bytes = 0;
    std::string problem;
};

// Sends `count` plain chat messages (ids `prefix`0, `prefix`1...) from the submitter to the
// recipient while she is offline. A ping to the submitter's own server follows every
// kPingEvery of them: its answer means the server has handled the messages before it (a c2s
// stream's stanzas are processed in order), and at most kSubmitWindow are sent and unconfirmed.
PlainSent send_plain_while_offline(const ServerUnderTest& server, std::size_t count,
                                   std::size_t bytes, const std::string& prefix,
                                   const xml::Element* payload) {
    constexpr std::size_t kPingEvery = 50;
    PlainSent out;
    client::Session session(server.offline_submitter);
    if (auto connected = session.connect(); !connected) {
        out.problem = connected.error().message;
        return out;
    }
    session.on_stanza = [&](const xml::Element& stanza) {
        if (stanza.name == "message" && stanza.attr_or_empty("type") == "error") {
            if (out.errors++ == 0) out.problem = "message error: " + xml::to_string(stanza);
            return;
        }
        const std::string_view id = stanza.attr_or_empty("id");
        if (stanza.name != "iq" || !id.starts_with("w")) return;
        if (stanza.attr_or_empty("type") == "result")
            out.confirmed =
                std::max<std::size_t>(out.confirmed, std::stoul(std::string(id.substr(1))));
    };
    const std::string recipient = bare_of(server.offline_recipient.jid);
    const std::string domain = recipient.substr(recipient.find('@') + 1);
    xml::Element message = plain_message(recipient, prefix + "0", bytes, payload);
    out.stanza_bytes = xml::to_string(message, ns::kClient).size();
    std::size_t sent = 0;
    auto last_progress = Clock::now();
    while (out.confirmed < count && Clock::now() - last_progress < kStallLimit) {
        while (sent < count && sent - out.confirmed < kSubmitWindow) {
            message.set_attr("id", prefix + std::to_string(sent));
            session.send(message);
            ++sent;
            if (sent % kPingEvery == 0 || sent == count) {
                xml::Element ping("iq", std::string(ns::kClient));
                ping.set_attr("type", "get")
                    .set_attr("to", domain)
                    .set_attr("id", "w" + std::to_string(sent));
                ping.add_child("ping", std::string(ns::kPing));
                session.send(ping);
            }
        }
        const std::size_t before = out.confirmed;
        session.run_for(milliseconds(2));
        if (out.confirmed != before) last_progress = Clock::now();
    }
    if (out.confirmed < count && out.problem.empty())
        out.problem = "messages unconfirmed after " + std::to_string(kStallLimit.count()) + " s";
    return out;
}

// Waits until the server and cardexd have stopped working (their CPU time stands still).
void wait_until_quiet(pid_t server, pid_t cardexd) {
    const auto cpu = [&] {
        const auto a = sample_process(server);
        const auto b = sample_process(cardexd);
        return (a ? a->cpu_seconds : 0) + (b ? b->cpu_seconds : 0);
    };
    const auto deadline = Clock::now() + kQuietTimeout;
    double last = cpu();
    while (Clock::now() < deadline) {
        std::this_thread::sleep_for(milliseconds(500));
        const double now = cpu();
        if (now - last < 0.02) return;
        last = now;
    }
}

// What the recipient waits for after logging in: cards from the service, which she
// acknowledges as cardex does (the acks of one slice of the event loop together in <acks/>, at
// most 100; after presence and a ping to her server she sends them and <sync/>), or the
// plain reference's chat messages from the submitter (presence only, as any XMPP client does).
enum class Items { cards, plain };

struct Login {
    double connect_seconds = 0;  // TLS, authentication, resource binding
    double all_seconds = 0;      // from the start of the login until every item was there
    std::size_t copies_at_all = 0;
    std::size_t offline_at_all = 0;  // of those, from the server's offline storage (<delay/>)
    std::size_t distinct = 0;
    std::size_t copies_total = 0;                // once nothing more arrived for a while
    std::size_t text_copies = 0;                 // of those, cards carried as text
    std::size_t sampled_bytes = 0, sampled = 0;  // sizes of the first copies, as received
    std::size_t others = 0;                      // messages that are none of the items
    std::string sync_pending;                    // what the sync result said (cards)
    double cpu = 0;                              // the recipient client's CPU time
    std::string problem;

    double average_bytes() const {
        return sampled ? static_cast<double>(sampled_bytes) / static_cast<double>(sampled) : 0;
    }
};

// The recipient logs in, sends presence (and for cards <sync/>), and stays until she has all
// `expected` items and then nothing more came for kQuietAfter. With `expected` 0 this empties
// her offline storage: whatever arrives is counted in `others`.
class LoggingIn {
  public:
    LoggingIn(const ServerUnderTest& server, std::size_t expected, Items items,
              std::string plain_prefix = {})
        : server_(server),
          expected_(expected),
          items_(items),
          plain_prefix_(std::move(plain_prefix)),
          submitter_(bare_of(server.offline_submitter.jid)) {}

    Login run() {
        const auto start = Clock::now();
        const double cpu_before = thread_cpu_seconds();
        client::Session session(server_.offline_recipient);
        if (auto connected = session.connect(); !connected) {
            login_.problem = connected.error().message;
            return login_;
        }
        login_.connect_seconds = since(start);
        last_copy_ = Clock::now();
        session.on_stanza = [&](const xml::Element& s) { on_stanza(session, s, start); };
        session.send_presence();
        if (items_ == Items::cards) {
            // As cardex does (the draft's "Redelivery and Synchronisation"): a ping to her own
            // server first; its answer comes after what offline storage kept, which she has
            // acked by then, and the sync follows it.
            const std::string recipient = bare_of(server_.offline_recipient.jid);
            xml::Element ping("iq", std::string(ns::kClient));
            ping.set_attr("type", "get")
                .set_attr("to", recipient.substr(recipient.find('@') + 1))
                .set_attr("id", "ping1");
            ping.add_child("ping", std::string(ns::kPing));
            session.send(ping);
        }
        while (session.connected() && Clock::now() - last_copy_ < kStallLimit &&
               (login_.distinct < expected_ || Clock::now() - last_copy_ < kQuietAfter)) {
            session.run_for(client::kAgentSlice);  // acks go out as often as cardex sends them
            send_acks(session);
        }
        login_.cpu = thread_cpu_seconds() - cpu_before;
        if (login_.distinct < expected_)
            login_.problem = "only " + std::to_string(login_.distinct) + " of " +
                             std::to_string(expected_) +
                             (items_ == Items::cards ? " cards" : " messages") + " arrived";
        return login_;
    }

  private:
    void send_acks(client::Session& session) {
        if (gathered_.empty()) return;
        xmpp::Iq iq;
        iq.type = xmpp::IqType::set;
        iq.id = "a" + std::to_string(ids_.size());
        iq.to = *xmpp::Jid::parse(server_.service);
        iq.payload = gathered_.size() == 1 ? protocol::serialize(gathered_.front())
                                           : protocol::serialize(protocol::AckBatch{gathered_});
        session.send(xmpp::serialize(iq, ns::kClient));
        gathered_.clear();
    }

    void send_sync(client::Session& session) {
        send_acks(session);
        xmpp::Iq sync = client::exchange::sync_request(*xmpp::Jid::parse(server_.service));
        sync.id = "sync1";  // cardex's own request: it asks for cards as text
        session.send(xmpp::serialize(sync, ns::kClient));
    }

    void on_stanza(client::Session& session, const xml::Element& stanza, Clock::time_point start) {
        if (stanza.name == "iq" && stanza.attr_or_empty("id") == "ping1") return send_sync(session);
        if (stanza.name == "iq" && stanza.attr_or_empty("id") == "sync1") {
            const auto* result = stanza.child("sync", ns::kBizcard);
            login_.sync_pending = result ? std::string(result->attr_or_empty("pending"))
                                         : "error " + std::string(stanza.attr_or_empty("type"));
            return;
        }
        if (stanza.name != "message") return;
        std::string id;
        std::optional<protocol::DeliveryMessage> delivery;
        if (items_ == Items::cards && stanza.attr_or_empty("from") == server_.service) {
            if (auto parsed = protocol::parse_delivery_message(stanza)) {
                delivery = std::move(parsed).value();
                id = delivery->delivery.id;
            }
        } else if (items_ == Items::plain && !plain_prefix_.empty() &&
                   stanza.attr_or_empty("type") == "chat" &&
                   bare_of(std::string(stanza.attr_or_empty("from"))) == submitter_ &&
                   stanza.attr_or_empty("id").starts_with(plain_prefix_) &&
                   stanza.child("body", ns::kClient) != nullptr) {
            id = stanza.attr_or_empty("id");
        }
        last_copy_ = Clock::now();
        if (id.empty()) {
            ++login_.others;
            return;
        }
        ++login_.copies_total;
        if (login_.sampled < kSizeSamples) {
            login_.sampled_bytes += xml::to_string(stanza, ns::kClient).size();
            ++login_.sampled;
        }
        if (stanza.child("delay", ns::kDelay) != nullptr) ++offline_;
        if (delivery && delivery->delivery.form == protocol::CardForm::text) ++login_.text_copies;
        if (!ids_.insert(id).second) return;
        if (delivery) {
            gathered_.push_back({delivery->delivery.id, protocol::AckStatus::saved, false, {}});
            if (gathered_.size() == protocol::kMaxBatchAcks) send_acks(session);
        }
        login_.distinct = ids_.size();
        if (login_.distinct == expected_) {
            login_.all_seconds = since(start);
            login_.copies_at_all = login_.copies_total;
            login_.offline_at_all = offline_;
        }
    }

    const ServerUnderTest& server_;
    std::size_t expected_;
    Items items_;
    std::string plain_prefix_;
    std::string submitter_;
    Login login_;
    std::unordered_set<std::string> ids_;
    std::vector<protocol::Ack> gathered_;  // acks not sent yet
    std::size_t offline_ = 0;
    Clock::time_point last_copy_ = Clock::now();
};

void print_login(const ServerUnderTest& server, std::size_t count, const Login& l) {
    std::printf("    %s logged in (TLS, SASL, bind) in %.0f ms; sync said pending='%s'\n",
                bare_of(server.offline_recipient.jid).c_str(), l.connect_seconds * 1000,
                l.sync_pending.c_str());
    if (l.distinct == count) {
        std::printf(
            "    all %s cards there %.2f s after the login began (%s cards/s); %s copies "
            "by then, %s of them from offline storage\n",
            grouped(static_cast<double>(count)).c_str(), l.all_seconds,
            grouped(static_cast<double>(count) / l.all_seconds).c_str(),
            grouped(static_cast<double>(l.copies_at_all)).c_str(),
            grouped(static_cast<double>(l.offline_at_all)).c_str());
    }
    std::printf(
        "    copies received in all: %s for %s distinct cards (the rest came after "
        "every card was there), %s of them with the card as text\n",
        grouped(static_cast<double>(l.copies_total)).c_str(),
        grouped(static_cast<double>(l.distinct)).c_str(),
        grouped(static_cast<double>(l.text_copies)).c_str());
    if (!l.problem.empty()) std::printf("    problem: %s\n", l.problem.c_str());
}

const auto cpu_between = [](const auto& before, const auto& after) {
    return before && after ? after->cpu_seconds - before->cpu_seconds : 0.0;
};

// The plain reference: `count` chat messages of `bytes` each from the submitter straight to
// the offline recipient, then her login. Returns the login (its problem says what failed).
Login measure_plain(const ServerUnderTest& server, pid_t cardexd, std::size_t count,
                    std::size_t bytes, const xml::Element* payload = nullptr) {
    const std::string recipient = bare_of(server.offline_recipient.jid);
    std::printf("    %s: %s sends %s chat messages%s straight to %s, who is offline\n",
                payload ? "shaped reference" : "plain reference",
                bare_of(server.offline_submitter.jid).c_str(),
                grouped(static_cast<double>(count)).c_str(),
                payload ? " carrying a card's <vcard/> after the body" : "", recipient.c_str());
    // Ids no earlier run of this process used, so that nothing else counts as the reference.
    const std::string prefix =
        "plain" + std::to_string(Clock::now().time_since_epoch().count()) + "-";
    const auto start = Clock::now();
    const auto server_before = sample_process(server.pid);
    const PlainSent sent = send_plain_while_offline(server, count, bytes, prefix, payload);
    const double send_seconds = since(start);
    wait_until_quiet(server.pid, cardexd);
    const auto server_after = sample_process(server.pid);
    const std::string bounced =
        sent.errors ? "; " + grouped(static_cast<double>(sent.errors)) + " bounced" : "";
    std::printf(
        "    %s messages of %s bytes sent and handled in %.1f s (%s messages/s); %s idle "
        "again after %.1f s, having used %.2f s CPU%s%s%s\n",
        grouped(static_cast<double>(sent.confirmed)).c_str(),
        grouped(static_cast<double>(sent.stanza_bytes)).c_str(), send_seconds,
        grouped(static_cast<double>(sent.confirmed) / send_seconds).c_str(), server.name.c_str(),
        since(start), cpu_between(server_before, server_after), bounced.c_str(),
        sent.problem.empty() ? "" : "; ", sent.problem.c_str());
    if (sent.confirmed != count || sent.errors != 0) {
        Login failed;
        failed.problem = sent.problem.empty() ? "not every message was handled" : sent.problem;
        return failed;
    }
    const auto server_at_login = sample_process(server.pid);
    const Login login = LoggingIn(server, count, Items::plain, prefix).run();
    const auto server_done = sample_process(server.pid);
    std::printf(
        "    %s logged in (TLS, SASL, bind) in %.0f ms; %s copies of %s distinct messages "
        "arrived, %s of them from offline storage, %s bytes each on average as received; "
        "CPU from the login until nothing more came: %s %.2f s, the recipient client %.2f s\n",
        recipient.c_str(), login.connect_seconds * 1000,
        grouped(static_cast<double>(login.copies_total)).c_str(),
        grouped(static_cast<double>(login.distinct)).c_str(),
        grouped(static_cast<double>(login.offline_at_all)).c_str(),
        grouped(login.average_bytes()).c_str(), server.name.c_str(),
        cpu_between(server_at_login, server_done), login.cpu);
    if (login.others != 0)
        std::printf("    (%s other messages arrived during that login)\n",
                    grouped(static_cast<double>(login.others)).c_str());
    if (!login.problem.empty()) std::printf("    problem: %s\n", login.problem.c_str());
    return login;
}

bool run_server(const ServerUnderTest& server, const BenchOptions& options,
                const std::vector<vcard::Card>& cards, const std::filesystem::path& dir) {
    const std::string recipient = bare_of(server.offline_recipient.jid);
    std::printf("  %s (%s): %s submits %s cards to %s, who is offline\n", server.name.c_str(),
                server.domain.c_str(), bare_of(server.offline_submitter.jid).c_str(),
                grouped(static_cast<double>(options.redeliver)).c_str(), recipient.c_str());
    auto cardexd = start_cardexd_for(server, options.cardexd, dir / ("cardexd-" + server.domain));
    if (!cardexd)
        return std::printf("    not measured: %s\n", cardexd.error().message.c_str()), false;

    // The order: the recipient first logs in once as cardex does, takes whatever her offline
    // storage holds (it should be empty: a fresh federation) and syncs, asking for cards as text
    // (so cardexd knows her as a client that reads them), so that both measured logins come
    // after an earlier login of hers; then the plain reference, whose login takes every message (it
    // checks that all arrived, so her storage is empty again); then the cards. The cards'
    // login thus cannot see a plain message (and counts only the service's card messages
    // anyway), nor the plain login a card, which is not submitted yet. cardexd runs from the
    // start, idle during the reference: it gets no stanza then (the recipient sends it no
    // <sync/> and the component sees no presence).
    const Login drained = LoggingIn(server, 0, Items::cards).run();
    if (!drained.problem.empty())
        return std::printf("    not measured: %s\n", drained.problem.c_str()), false;
    if (drained.others != 0)
        std::printf(
            "    %s's offline storage held %s messages before the measurements; "
            "she took them at a first login\n",
            recipient.c_str(), grouped(static_cast<double>(drained.others)).c_str());
    const std::size_t plain_bytes = average_card_copy_bytes(server, cards);
    const Login plain = measure_plain(server, cardexd->pid(), options.redeliver, plain_bytes);
    // The same, with as many elements as a copy: what the server's handling of an element-rich
    // stanza costs, apart from the protocol.
    const xml::Element vcard = vcard_element(cards.front());
    const Login shaped =
        measure_plain(server, cardexd->pid(), options.redeliver, plain_bytes, &vcard);

    std::printf("    cards:\n");
    std::string problem;
    const auto start = Clock::now();
    const auto server_before = sample_process(server.pid);
    const auto cardexd_before = sample_process(cardexd->pid());
    const std::size_t stored = submit_while_offline(server, cards, options.redeliver, problem);
    const double submit_seconds = since(start);
    wait_until_quiet(server.pid, cardexd->pid());
    const auto server_after = sample_process(server.pid);
    const auto cardexd_after = sample_process(cardexd->pid());
    std::printf(
        "    %s accepted in %.1f s (%s cards/s); %s and cardexd idle again after %.1f s, "
        "having used %.2f s and %.2f s CPU%s%s\n",
        grouped(static_cast<double>(stored)).c_str(), submit_seconds,
        grouped(static_cast<double>(stored) / submit_seconds).c_str(), server.name.c_str(),
        since(start), cpu_between(server_before, server_after),
        cpu_between(cardexd_before, cardexd_after), problem.empty() ? "" : "; ", problem.c_str());
    if (stored != options.redeliver) return false;
    const auto server_at_login = sample_process(server.pid);
    const auto cardexd_at_login = sample_process(cardexd->pid());
    const Login login = LoggingIn(server, stored, Items::cards).run();
    const auto server_done = sample_process(server.pid);
    const auto cardexd_done = sample_process(cardexd->pid());
    cardexd->stop(std::chrono::seconds(10));
    print_login(server, stored, login);
    std::printf(
        "    CPU from the login until nothing more came: %s %.2f s, cardexd %.2f s, the "
        "recipient client %.2f s\n",
        server.name.c_str(), cpu_between(server_at_login, server_done),
        cpu_between(cardexd_at_login, cardexd_done), login.cpu);

    // The target 4, next to the reference.
    const double n = static_cast<double>(options.redeliver);
    std::printf(
        "    sizes: each plain message is %s bytes as sent, the average card copy as cardexd "
        "writes it for these cards; as received, plain messages averaged %s bytes and card "
        "copies %s bytes\n",
        grouped(static_cast<double>(plain_bytes)).c_str(), grouped(plain.average_bytes()).c_str(),
        grouped(login.average_bytes()).c_str());
    const bool plain_ok = plain.problem.empty() && plain.distinct == options.redeliver;
    const bool cards_ok = login.problem.empty() && login.distinct == options.redeliver;
    if (plain_ok)
        std::printf("    plain offline messages: %s reached %s in %.2f s after login\n",
                    grouped(n).c_str(), recipient.c_str(), plain.all_seconds);
    else
        std::printf("    plain offline messages: not measured (%s)\n", plain.problem.c_str());
    const double per_card = static_cast<double>(login.copies_total) / n;
    if (cards_ok)
        std::printf(
            "    cards: %s reached %s in %.2f s after login, %s copies (%.3f copies per card)"
            "   target <= %.2f copies per card: %s\n",
            grouped(n).c_str(), recipient.c_str(), login.all_seconds,
            grouped(static_cast<double>(login.copies_total)).c_str(), per_card, kCopiesTarget,
            std::string(verdict(per_card <= kCopiesTarget)).c_str());
    else
        std::printf("    cards: only %s of %s reached %s   target <= %.2f copies per card: %s\n",
                    grouped(static_cast<double>(login.distinct)).c_str(), grouped(n).c_str(),
                    recipient.c_str(), kCopiesTarget, std::string(verdict(false)).c_str());
    const bool shaped_ok = shaped.problem.empty() && shaped.distinct == options.redeliver;
    if (shaped_ok)
        std::printf(
            "    shaped offline messages (each with the <vcard/> of a card): %s reached %s in "
            "%.2f s after login\n",
            grouped(n).c_str(), recipient.c_str(), shaped.all_seconds);
    if (plain_ok && cards_ok && plain.all_seconds > 0) {
        const double ratio = login.all_seconds / plain.all_seconds;
        std::printf("    cards / plain time = %.2f   target <= %.2f: %s\n", ratio, kTimeRatioTarget,
                    std::string(verdict(ratio <= kTimeRatioTarget)).c_str());
        if (shaped_ok && shaped.all_seconds > 0)
            std::printf(
                "    cards / shaped time = %.2f (the cards as their copies carry them, against "
                "messages carrying a card's xCard)\n",
                login.all_seconds / shaped.all_seconds);
    } else {
        std::printf("    cards / plain time: not measured\n");
    }
    std::printf("\n");
    return plain_ok && cards_ok;
}

}  // namespace

int run_redeliver(const BenchOptions& options) {
    auto accounts = FederationAccounts::load(options.accounts);
    if (!accounts) return std::fprintf(stderr, "%s\n", accounts.error().message.c_str()), 1;
    auto dir = make_work_dir(options.work_dir, "redeliver");
    if (!dir) return std::fprintf(stderr, "%s\n", dir.error().message.c_str()), 1;
    const auto cards = cards_of_size(kDistinctCards, options.card_bytes, options.seed);
    std::printf(
        "(c) redelivery at login: cards submitted while the recipient is offline; then the "
        "recipient logs in, sends presence and <sync/>, and acknowledges each card once. The "
        "reference, measured first: as many plain chat messages of the same size sent by the "
        "same submitter straight to the same offline recipient, and the same login without "
        "<sync/>. Times run from the start of the login (TLS, SASL, bind) until all are there\n");
    const bool all = for_each_server(
        *accounts, options.redeliver_servers,
        [&](const ServerUnderTest& server) { return run_server(server, options, cards, *dir); });
    if (!options.keep) std::filesystem::remove_all(*dir);
    return all ? 0 : 1;
}

}  // namespace cardex::bench
