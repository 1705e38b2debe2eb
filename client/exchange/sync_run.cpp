#include "client/exchange/sync_run.hpp"

#include <algorithm>

#include "client/exchange/service_requests.hpp"
#include "core/xmpp/namespaces.hpp"

namespace cardex::client::exchange {

Result<std::vector<std::string>> services_to_sync(const book::AddressBook& book,
                                                  const CardAgent& agent,
                                                  const std::optional<xmpp::Jid>& home) {
    auto known = book.services();
    if (!known) return known.error();
    std::vector<std::string> services = *known;
    for (auto& seen : agent.services_seen())
        services.push_back(std::move(seen));
    if (home) services.push_back(home->str());
    return services;
}

SyncRun::SyncRun(CardAgent& agent, std::vector<std::string> services,
                 std::chrono::milliseconds quiet)
    : agent_(agent), quiet_(quiet), entries_(std::make_shared<std::vector<Entry>>()) {
    std::sort(services.begin(), services.end());
    services.erase(std::unique(services.begin(), services.end()), services.end());
    for (auto& s : services) {
        SyncOutcome outcome;
        outcome.service = std::move(s);
        entries_->push_back(Entry{std::move(outcome), 0, {}});
    }
}

void SyncRun::start() {
    xmpp::Iq ping;
    ping.type = xmpp::IqType::get;
    ping.to = xmpp::Jid{"", agent_.own_jid().domain, ""};
    ping.payload = xml::Element("ping", std::string(ns::kPing));
    // Whatever the answer (an error, or none in time), the syncs go out after it.
    agent_.request(std::move(ping),
                   [weak = std::weak_ptr(entries_), &agent = agent_](const Result<xmpp::Iq>&) {
                       if (auto entries = weak.lock()) sync_each(agent, entries);
                   });
}

void SyncRun::sync_each(CardAgent& agent, const std::shared_ptr<std::vector<Entry>>& entries) {
    for (std::size_t i = 0; i < entries->size(); ++i) {
        Entry& e = (*entries)[i];
        auto jid = xmpp::Jid::parse(e.outcome.service);
        if (!jid) {
            e.outcome.error = jid.error().message;
            e.outcome.answered = true;
            continue;
        }
        agent.resend_unanswered_acks(e.outcome.service);
        agent.flush_acks(e.outcome.service);  // the acks travel before the sync
        e.copies_before = agent.activity(e.outcome.service).copies;
        agent.request(sync_request(*jid), [entries, &agent, i](Result<xmpp::Iq> answer) {
            Entry& entry = (*entries)[i];
            entry.outcome.answered = true;
            entry.answered_at = agent.now();
            if (!answer) {
                entry.outcome.error = answer.error().message;
                return;
            }
            auto reply = read_sync(*answer);
            if (!reply) {
                entry.outcome.error = reply.error().message;
            } else if (!reply->ok()) {
                entry.outcome.error = explain(*reply->error);
            } else {
                entry.outcome.pending = reply->value->pending;
            }
        });
    }
}

bool SyncRun::service_done(const Entry& e) const {
    if (!e.outcome.answered) return false;
    if (!e.outcome.pending) return true;  // failed: nothing more will come for this sync
    const ServiceActivity seen = agent_.activity(e.outcome.service);
    if (seen.copies - e.copies_before >= *e.outcome.pending) return true;
    const SteadyTime last = std::max(seen.last_copy, e.answered_at);
    return agent_.now() - last >= quiet_;
}

bool SyncRun::done() {
    for (const Entry& e : *entries_)
        if (!service_done(e)) return false;
    return agent_.acks_in_flight() == 0;
}

std::vector<SyncOutcome> SyncRun::outcomes() const {
    std::vector<SyncOutcome> out;
    for (const Entry& e : *entries_) {
        SyncOutcome o = e.outcome;
        o.copies = agent_.activity(o.service).copies - e.copies_before;
        o.before = e.copies_before;
        o.unsaved = agent_.unsaved(o.service);
        out.push_back(std::move(o));
    }
    return out;
}

}  // namespace cardex::client::exchange
