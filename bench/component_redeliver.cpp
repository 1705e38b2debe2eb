// run_redeliver (declared in bench/component_e2e.hpp): cards submitted to a recipient who is
// offline, then the time from her login until she has every one of them.
#include <cstdio>
#include <thread>
#include <unordered_set>

#include "bench/component_e2e.hpp"
#include "bench/proc_stats.hpp"
#include "bench/report.hpp"
#include "bench/server_under_test.hpp"
#include "bench/submit_stanzas.hpp"
#include "core/protocol/delivery.hpp"
#include "core/protocol/service_messages.hpp"
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

double since(Clock::time_point start) {
    return std::chrono::duration<double>(Clock::now() - start).count();
}

std::string bare_of(const std::string& jid) {
    return jid.substr(0, jid.find('/'));
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
                                   server.service, recipient, ns::kClient));
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

struct Login {
    double connect_seconds = 0;  // TLS, authentication, resource binding
    double all_seconds = 0;      // from the start of the login until every card was there
    std::size_t copies_at_all = 0;
    std::size_t offline_at_all = 0;  // of those, from the server's offline storage (<delay/>)
    std::size_t distinct = 0;
    std::size_t copies_total = 0;  // once nothing more arrived for a while
    std::string sync_pending;      // what the sync result said
    double cpu = 0;                // the recipient client's CPU time
    std::string problem;
};

class LoggingIn {
  public:
    LoggingIn(const ServerUnderTest& server, std::size_t expected)
        : server_(server), expected_(expected) {}

    Login run() {
        const auto start = Clock::now();
        const double cpu_before = thread_cpu_seconds();
        client::Session session(server_.offline_recipient);
        if (auto connected = session.connect(); !connected) {
            login_.problem = connected.error().message;
            return login_;
        }
        login_.connect_seconds = since(start);
        session.on_stanza = [&](const xml::Element& s) { on_stanza(session, s, start); };
        session.send_presence();
        xmpp::Iq sync;
        sync.type = xmpp::IqType::set;
        sync.id = "sync1";
        sync.to = *xmpp::Jid::parse(server_.service);
        sync.payload = protocol::serialize(protocol::Sync{});
        session.send(xmpp::serialize(sync, ns::kClient));
        while (session.connected() && Clock::now() - last_copy_ < kStallLimit &&
               (login_.distinct < expected_ || Clock::now() - last_copy_ < kQuietAfter))
            session.run_for(milliseconds(10));
        login_.cpu = thread_cpu_seconds() - cpu_before;
        if (login_.distinct < expected_)
            login_.problem = "only " + std::to_string(login_.distinct) + " of " +
                             std::to_string(expected_) + " cards arrived";
        return login_;
    }

  private:
    void on_stanza(client::Session& session, const xml::Element& stanza, Clock::time_point start) {
        if (stanza.name == "iq" && stanza.attr_or_empty("id") == "sync1") {
            const auto* result = stanza.child("sync", ns::kBizcard);
            login_.sync_pending = result ? std::string(result->attr_or_empty("pending"))
                                         : "error " + std::string(stanza.attr_or_empty("type"));
            return;
        }
        if (stanza.name != "message" || stanza.attr_or_empty("from") != server_.service) return;
        auto delivery = protocol::parse_delivery_message(stanza);
        if (!delivery) return;
        last_copy_ = Clock::now();
        ++login_.copies_total;
        if (stanza.child("delay", "urn:xmpp:delay") != nullptr) ++offline_;
        if (!ids_.insert(delivery->delivery.id).second) return;
        xmpp::Iq ack;
        ack.type = xmpp::IqType::set;
        ack.id = "a" + std::to_string(ids_.size());
        ack.to = *xmpp::Jid::parse(server_.service);
        ack.payload = protocol::serialize(
            protocol::Ack{delivery->delivery.id, protocol::AckStatus::saved, false, {}});
        session.send(xmpp::serialize(ack, ns::kClient));
        login_.distinct = ids_.size();
        if (login_.distinct == expected_) {
            login_.all_seconds = since(start);
            login_.copies_at_all = login_.copies_total;
            login_.offline_at_all = offline_;
        }
    }

    const ServerUnderTest& server_;
    std::size_t expected_;
    Login login_;
    std::unordered_set<std::string> ids_;
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
        "every card was there)\n",
        grouped(static_cast<double>(l.copies_total)).c_str(),
        grouped(static_cast<double>(l.distinct)).c_str());
    if (!l.problem.empty()) std::printf("    problem: %s\n", l.problem.c_str());
}

bool run_server(const ServerUnderTest& server, const BenchOptions& options,
                const std::vector<vcard::Card>& cards, const std::filesystem::path& dir) {
    std::printf("  %s (%s): %s submits %s cards to %s, who is offline\n", server.name.c_str(),
                server.domain.c_str(), bare_of(server.offline_submitter.jid).c_str(),
                grouped(static_cast<double>(options.redeliver)).c_str(),
                bare_of(server.offline_recipient.jid).c_str());
    auto cardexd = start_cardexd_for(server, options.cardexd, dir / ("cardexd-" + server.domain));
    if (!cardexd)
        return std::printf("    not measured: %s\n", cardexd.error().message.c_str()), false;
    std::string problem;
    const auto start = Clock::now();
    const auto server_before = sample_process(server.pid);
    const auto cardexd_before = sample_process(cardexd->pid());
    const std::size_t stored = submit_while_offline(server, cards, options.redeliver, problem);
    const double submit_seconds = since(start);
    wait_until_quiet(server.pid, cardexd->pid());
    const auto server_after = sample_process(server.pid);
    const auto cardexd_after = sample_process(cardexd->pid());
    const auto cpu = [](const auto& before, const auto& after) {
        return before && after ? after->cpu_seconds - before->cpu_seconds : 0.0;
    };
    std::printf(
        "    %s accepted in %.1f s (%s cards/s); %s and cardexd idle again after %.1f s, "
        "having used %.2f s and %.2f s CPU%s%s\n",
        grouped(static_cast<double>(stored)).c_str(), submit_seconds,
        grouped(static_cast<double>(stored) / submit_seconds).c_str(), server.name.c_str(),
        since(start), cpu(server_before, server_after), cpu(cardexd_before, cardexd_after),
        problem.empty() ? "" : "; ", problem.c_str());
    if (stored != options.redeliver) return false;
    const auto server_at_login = sample_process(server.pid);
    const auto cardexd_at_login = sample_process(cardexd->pid());
    const Login login = LoggingIn(server, stored).run();
    const auto server_done = sample_process(server.pid);
    const auto cardexd_done = sample_process(cardexd->pid());
    cardexd->stop(std::chrono::seconds(10));
    print_login(server, stored, login);
    std::printf(
        "    CPU from the login until nothing more came: %s %.2f s, cardexd %.2f s, the "
        "recipient client %.2f s\n\n",
        server.name.c_str(), cpu(server_at_login, server_done), cpu(cardexd_at_login, cardexd_done),
        login.cpu);
    return login.problem.empty();
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
        "recipient logs in, sends presence and <sync/>, and acknowledges each card once\n");
    const bool all = for_each_server(
        *accounts, options.redeliver_servers,
        [&](const ServerUnderTest& server) { return run_server(server, options, cards, *dir); });
    if (!options.keep) std::filesystem::remove_all(*dir);
    return all ? 0 : 1;
}

}  // namespace cardex::bench
