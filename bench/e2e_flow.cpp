#include "bench/e2e_flow.hpp"

#include <atomic>
#include <condition_variable>
#include <mutex>
#include <thread>
#include <unordered_set>

#include "bench/proc_stats.hpp"
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
constexpr milliseconds kWindowWait{20};  // the submitter reads its own stream at least this often
constexpr std::string_view kDelay = "urn:xmpp:delay";  // XEP-0203

struct Shared {
    std::atomic<std::size_t> received{0};
    std::atomic<bool> recipient_ready{false};
    std::atomic<bool> failed{false};
    std::mutex mutex;
    std::condition_variable progress;  // the recipient got something, or the flow failed
    std::string problem;

    void fail(const std::string& why) {
        {
            std::lock_guard lock(mutex);
            if (problem.empty()) problem = why;
            failed = true;
        }
        progress.notify_all();
    }
    void set_received(std::size_t n) {
        {
            std::lock_guard lock(mutex);
            received = n;
        }
        progress.notify_all();
    }
};

// Logs in; once more after a failure (a server busy closing the previous flow's sessions
// has been seen to drop a login right after TLS).
Status connect_with_retry(client::Session& session) {
    if (session.connect()) return Ok{};
    std::this_thread::sleep_for(milliseconds(500));
    return session.connect();
}

// The acks gathered during one slice of cardex's event loop (client::kAgentSlice), as cardex
// sends them: one <ack/>, or an <acks/> of up to 100.
xml::Element ack_iq(const std::vector<protocol::Ack>& acks, const std::string& service,
                    std::size_t n) {
    xmpp::Iq iq;
    iq.type = xmpp::IqType::set;
    iq.id = "a" + std::to_string(n);
    iq.to = *xmpp::Jid::parse(service);
    iq.payload = acks.size() == 1 ? protocol::serialize(acks.front())
                                  : protocol::serialize(protocol::AckBatch{acks});
    return xmpp::serialize(iq, ns::kClient);
}

class Recipient {
  public:
    Recipient(const FlowSetup& setup, FlowKind kind, Shared& shared)
        : setup_(setup), kind_(kind), shared_(shared) {
        arrivals_.reserve(setup.items);
    }

    void run() {
        client::Session session(setup_.recipient);
        if (auto connected = connect_with_retry(session); !connected) {
            shared_.fail(connected.error().message);
            shared_.recipient_ready = true;
            return;
        }
        session.on_stanza = [&](const xml::Element& stanza) { on_stanza(session, stanza); };
        session.send_presence();
        session.run_for(milliseconds(200));  // presence round trip before items flow
        if (kind_ == FlowKind::cards && !sync_for_text(session)) {
            shared_.fail("the recipient's <sync form='text'/> got no result");
            shared_.recipient_ready = true;
            return;
        }
        const double cpu_before = thread_cpu_seconds();
        shared_.recipient_ready = true;
        auto last_progress = Clock::now();
        std::size_t seen = 0;
        while (arrivals_.size() < setup_.items && !shared_.failed) {
            session.run_for(client::kAgentSlice);
            send_acks(session);
            if (!session.connected())
                shared_.fail("the recipient was disconnected: " + session.last_error());
            if (arrivals_.size() != seen) {
                seen = arrivals_.size();
                last_progress = Clock::now();
            } else if (Clock::now() - last_progress > setup_.stall_limit) {
                shared_.fail("the recipient got nothing for " +
                             std::to_string(setup_.stall_limit.count()) + " s (" +
                             std::to_string(seen) + " of " + std::to_string(setup_.items) + ")");
            }
        }
        cpu_ = thread_cpu_seconds() - cpu_before;
        send_acks(session);
        session.run_for(milliseconds(300));  // let the last acks go out
    }

    const std::vector<Clock::time_point>& arrivals() const { return arrivals_; }
    std::size_t copies() const { return copies_; }
    std::size_t text_copies() const { return text_copies_; }
    std::size_t stanzas() const { return stanzas_; }
    double cpu() const { return cpu_; }

  private:
    // As cardex does after every login: a <sync/> asking for cards as text (the draft, Cards as
    // Text); the service is fresh, so nothing is pending. True once its result came.
    bool sync_for_text(client::Session& session) {
        xmpp::Iq sync = client::exchange::sync_request(*xmpp::Jid::parse(setup_.service));
        sync.id = "sync0";
        session.send(xmpp::serialize(sync, ns::kClient));
        const auto deadline = Clock::now() + std::chrono::seconds(10);
        while (!synced_ && session.connected() && Clock::now() < deadline)
            session.run_for(milliseconds(10));
        return synced_;
    }

    void send_acks(client::Session& session) {
        if (gathered_.empty()) return;
        session.send(ack_iq(gathered_, setup_.service, ids_.size()));
        ++stanzas_;
        gathered_.clear();
    }

    void on_stanza(client::Session& session, const xml::Element& stanza) {
        if (stanza.name == "iq" && stanza.attr_or_empty("id") == "sync0") {
            synced_ = stanza.attr_or_empty("type") == "result";
            return;
        }
        ++stanzas_;
        if (stanza.name != "message" || stanza.attr_or_empty("from") != setup_.service) return;
        // The recipient is online: anything from offline storage is left over from before.
        if (stanza.child("delay", kDelay) != nullptr) return;
        ++copies_;
        if (kind_ != FlowKind::cards) {  // counted by id, as they were sent
            if (stanza.attr_or_empty("id").starts_with("m")) arrived();
            return;
        }
        auto delivery = protocol::parse_delivery_message(stanza);
        if (!delivery) return;  // a receipt or something else
        const std::string& id = delivery->delivery.id;
        if (delivery->delivery.form == protocol::CardForm::text) ++text_copies_;
        if (!ids_.insert(id).second) return;
        gathered_.push_back({id, protocol::AckStatus::saved, false, {}});
        if (gathered_.size() == protocol::kMaxBatchAcks) send_acks(session);
        arrived();
    }

    void arrived() {
        arrivals_.push_back(Clock::now());
        shared_.set_received(arrivals_.size());
    }

    const FlowSetup& setup_;
    FlowKind kind_;
    Shared& shared_;
    std::vector<Clock::time_point> arrivals_;
    std::unordered_set<std::string> ids_;
    std::vector<protocol::Ack> gathered_;  // acks not sent yet
    std::size_t copies_ = 0;
    std::size_t text_copies_ = 0;  // copies with the card as text
    std::size_t stanzas_ = 0;      // received, and acks sent
    double cpu_ = 0;
    bool synced_ = false;
};

class Submitter {
  public:
    Submitter(const FlowSetup& setup, FlowKind kind, Shared& shared)
        : setup_(setup), kind_(kind), shared_(shared) {
        const std::string recipient = bare_of(setup.recipient.jid);
        if (kind != FlowKind::plain) {
            for (const auto& card : *setup.cards)
                items_.push_back(
                    submit_iq(card, "x", "", setup.service, recipient, ns::kClient, kSubmitForm));
        } else {
            xml::Element message("message", std::string(ns::kClient));
            message.set_attr("type", "chat").set_attr("to", setup.service).set_attr("id", "x");
            message.add_text_child("body", std::string(ns::kClient),
                                   std::string(setup.body_bytes, 'x'));
            items_.push_back(std::move(message));
        }
        stanza_bytes_ = xml::to_string(items_.front(), ns::kClient).size();
    }

    void run() {
        while (!shared_.recipient_ready)
            std::this_thread::sleep_for(milliseconds(10));
        if (shared_.failed) return;
        client::Session session(setup_.submitter);
        if (auto connected = connect_with_retry(session); !connected)
            return shared_.fail(connected.error().message);
        session.on_stanza = [this](const xml::Element& stanza) { on_stanza(stanza); };
        session.send_presence();
        session.run_for(milliseconds(200));
        const double cpu_before = thread_cpu_seconds();
        start_ = Clock::now();
        while (shared_.received < setup_.items && !shared_.failed) {
            while (sent_ < setup_.items && !window_full()) {
                xml::Element& item = items_[sent_ % items_.size()];
                item.set_attr("id", (kind_ == FlowKind::cards ? "s" : "m") + std::to_string(sent_));
                session.send(item);
                ++sent_;
            }
            session.run_for(milliseconds(1));  // writes what was queued, reads what came
            if (!session.connected())
                shared_.fail("the submitter was disconnected: " + session.last_error());
            // Sleep, not poll, while the window is full: the CPU belongs to the servers.
            std::unique_lock lock(shared_.mutex);
            shared_.progress.wait_for(lock, kWindowWait, [this] {
                return shared_.failed || shared_.received >= setup_.items || !window_full();
            });
        }
        cpu_ = thread_cpu_seconds() - cpu_before;
        session.run_for(milliseconds(300));
    }

    std::size_t sent() const { return sent_; }
    bool window_full() const { return sent_ >= shared_.received + setup_.window; }
    std::size_t answered() const { return answered_; }
    std::size_t errors() const { return errors_; }
    const std::string& first_error() const { return first_error_; }
    double cpu() const { return cpu_; }
    Clock::time_point start() const { return start_; }
    std::size_t stanza_bytes() const { return stanza_bytes_; }
    std::size_t stanzas() const { return stanzas_ + sent_; }

  private:
    void on_stanza(const xml::Element& stanza) {
        ++stanzas_;
        if (stanza.name != "iq") return;
        const auto type = stanza.attr_or_empty("type");
        if (!stanza.attr_or_empty("id").starts_with("s")) return;  // not one of the items
        if (type == "result") {
            ++answered_;
        } else if (type == "error") {
            if (errors_++ == 0) {
                const auto* error = stanza.child("error");
                first_error_ =
                    error && !error->children.empty() ? error->children.front().name : "error";
            }
        }
    }

    const FlowSetup& setup_;
    FlowKind kind_;
    Shared& shared_;
    std::vector<xml::Element> items_;
    std::size_t stanza_bytes_ = 0;
    std::size_t sent_ = 0;
    std::size_t answered_ = 0;
    std::size_t errors_ = 0;
    std::size_t stanzas_ = 0;  // received
    std::string first_error_;
    double cpu_ = 0;
    Clock::time_point start_;
};

double steady_rate(const std::vector<Clock::time_point>& arrivals) {
    if (arrivals.size() < 20) return 0;
    const std::size_t first = arrivals.size() / 10;
    const double seconds = std::chrono::duration<double>(arrivals.back() - arrivals[first]).count();
    return seconds > 0 ? static_cast<double>(arrivals.size() - 1 - first) / seconds : 0;
}

}  // namespace

std::string bare_of(const std::string& jid) {
    return jid.substr(0, jid.find('/'));
}

FlowResult run_flow(const FlowSetup& setup, FlowKind kind) {
    Shared shared;
    Recipient recipient(setup, kind, shared);
    Submitter submitter(setup, kind, shared);
    std::thread receiving([&] { recipient.run(); });
    std::thread sending([&] { submitter.run(); });
    sending.join();
    receiving.join();

    FlowResult r;
    r.sent = submitter.sent();
    r.received = recipient.arrivals().size();
    r.copies = recipient.copies();
    r.text_copies = recipient.text_copies();
    r.answered = submitter.answered();
    r.errors = submitter.errors();
    r.first_error = submitter.first_error();
    r.steady_rate = steady_rate(recipient.arrivals());
    if (!recipient.arrivals().empty())
        r.seconds =
            std::chrono::duration<double>(recipient.arrivals().back() - submitter.start()).count();
    r.submitter_cpu = submitter.cpu();
    r.recipient_cpu = recipient.cpu();
    r.stanza_bytes = submitter.stanza_bytes();
    r.client_stanzas = submitter.stanzas() + recipient.stanzas();
    r.problem = shared.problem;
    return r;
}

bool wait_until_reachable(const client::SessionConfig& account, const std::string& service,
                          std::chrono::seconds timeout) {
    client::Session session(account);
    if (!session.connect()) return false;
    const auto deadline = Clock::now() + timeout;
    while (Clock::now() < deadline) {
        xmpp::Iq ping;
        ping.type = xmpp::IqType::get;
        ping.to = *xmpp::Jid::parse(service);
        ping.payload = xml::Element("ping", std::string(ns::kPing));
        auto answer = session.request(ping, milliseconds(2'000));
        if (answer && answer->type == xmpp::IqType::result) return true;
        session.run_for(milliseconds(200));
    }
    return false;
}

}  // namespace cardex::bench
