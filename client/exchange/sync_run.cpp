#include "client/exchange/sync_run.hpp"

#include <algorithm>

#include "client/exchange/service_requests.hpp"

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
    for (std::size_t i = 0; i < entries_->size(); ++i) {
        Entry& e = (*entries_)[i];
        auto jid = xmpp::Jid::parse(e.outcome.service);
        if (!jid) {
            e.outcome.error = jid.error().message;
            e.outcome.answered = true;
            continue;
        }
        agent_.resend_unanswered_acks(e.outcome.service);
        e.copies_before = agent_.activity(e.outcome.service).copies;
        agent_.request(sync_request(*jid),
                       [entries = entries_, &agent = agent_, i](Result<xmpp::Iq> answer) {
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
