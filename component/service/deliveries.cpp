#include "component/service/deliveries.hpp"

#include "component/service/updates.hpp"
#include "core/protocol/syntax.hpp"
#include "core/xmpp/namespaces.hpp"

namespace cardex::component {
namespace {

using protocol::ErrorCondition;
using std::chrono::milliseconds;

const std::string kBizcard(ns::kBizcard);

}  // namespace

Deliveries::Deliveries(RequestSupport& support, store::StoreExecutor& store, Courier& courier,
                       Clock& clock, DeliveryPolicy policy)
    : support_(support),
      store_(store),
      courier_(courier),
      clock_(clock),
      policy_(std::move(policy)),
      log_(support.log()),
      submits_(policy_.limits.submits_per_minute, milliseconds(60'000)),
      syncs_(policy_.min_sync_interval.count() > 0 ? 1 : 0, policy_.min_sync_interval) {}

void Deliveries::register_with(IqRouter& router) {
    using xmpp::IqType;
    auto bind = [this](void (Deliveries::*handler)(const xmpp::Iq&, const Reply&)) {
        return support_.admitting([this, handler](const xmpp::Iq& request, const Reply& reply) {
            (this->*handler)(request, reply);
        });
    };
    router.add(IqType::set, kBizcard, "submit", bind(&Deliveries::submit));
    router.add(IqType::set, kBizcard, "ack", bind(&Deliveries::ack));
    router.add(IqType::set, kBizcard, "acks", bind(&Deliveries::acks));
    router.add(IqType::set, kBizcard, "sync", bind(&Deliveries::sync));
    router.add(IqType::get, kBizcard, "status", bind(&Deliveries::status));
}

void Deliveries::describe(protocol::ServiceInfo& info) const {
    info.features.text = true;  // submits may carry their card as text
    if (!info.limits) info.limits.emplace();
    // The core's limits only: other features set their own, before or after.
    const auto& core = policy_.limits;
    info.limits->max_card_bytes = core.max_card_bytes;
    info.limits->max_copy_bytes = core.max_copy_bytes;
    info.limits->max_recipients = core.max_recipients;
    info.limits->max_pending_per_recipient = core.max_pending_per_recipient;
    info.limits->submits_per_minute = core.submits_per_minute;
    info.limits->card_lifetime_seconds = core.card_lifetime_seconds;
}

// One ack in the store, as <ack/> and each <ack/> of an <acks/> apply it: the delivery's new
// state, and with follow="true" the recipient follows the card's set.
store::AckOutcome Deliveries::apply_ack(store::Stores& s, const protocol::Ack& ack,
                                        const std::string& requester, bool updates,
                                        protocol::Timestamp now) {
    auto outcome = s.deliveries.ack(ack, requester, now);
    if (updates && outcome.final) follow_by_ack(s, ack, *outcome.final, now);
    return outcome;
}

void Deliveries::ack(const xmpp::Iq& request, const Reply& reply) {
    auto ack = protocol::parse_ack(*request.payload);
    if (!ack) {
        return support_.malformed(request, reply, ack.error());
    }
    const std::string requester = request.from->bare_str();
    store_.run<store::AckOutcome>(
        [ack = *ack, requester, updates = policy_.updates, now = clock_.now()](store::Stores& s) {
            s.deliveries.make_capable(requester, now);
            return apply_ack(s, ack, requester, updates, now);
        },
        [this, request = request_head(request), reply,
         id = ack->id](Result<store::AckOutcome> outcome) {
            using Kind = store::AckOutcome::Kind;
            if (!outcome) return support_.store_failed(request, reply, outcome.error());
            if (outcome->kind == Kind::unknown) {
                return support_.refuse(request, reply,
                                       refusal(ErrorCondition::unknown_delivery,
                                               "this service has no delivery '" + id + "'"));
            }
            if (outcome->kind == Kind::not_recipient) {
                return support_.refuse(request, reply,
                                       refusal(ErrorCondition::not_recipient,
                                               "delivery '" + id + "' is not addressed to " +
                                                   request.from->bare_str()));
            }
            reply(xmpp::result_reply(request));
            if (outcome->final) {
                log_->debug("delivery {} {} by {}", id, protocol::to_string(outcome->final->state),
                            request.from->bare_str());
                courier_.send_receipt(*outcome->final);
            }
        });
}

// Several acks in one request and one transaction: each is applied as a single <ack/> would be;
// those that name no delivery of the requester are listed in the result, and every delivery
// that became final gets its receipt.
void Deliveries::acks(const xmpp::Iq& request, const Reply& reply) {
    auto batch = protocol::parse_ack_batch(*request.payload);
    if (!batch) {
        return support_.malformed(request, reply, batch.error());
    }
    struct Applied {
        protocol::AckBatchResult result;
        std::vector<store::FinalDelivery> finals;
    };
    const std::string requester = request.from->bare_str();
    store_.run<Applied>(
        [batch = std::move(*batch), requester, updates = policy_.updates,
         now = clock_.now()](store::Stores& s) {
            using Kind = store::AckOutcome::Kind;
            s.deliveries.make_capable(requester, now);
            Applied applied;
            for (const auto& ack : batch.acks) {
                auto outcome = apply_ack(s, ack, requester, updates, now);
                if (outcome.kind == Kind::unknown || outcome.kind == Kind::not_recipient) {
                    const auto condition = outcome.kind == Kind::unknown
                                               ? ErrorCondition::unknown_delivery
                                               : ErrorCondition::not_recipient;
                    applied.result.failed.push_back(
                        {ack.id, std::string(protocol::to_string(condition))});
                    continue;
                }
                if (outcome.final) applied.finals.push_back(std::move(*outcome.final));
            }
            return applied;
        },
        [this, request = request_head(request), reply](Result<Applied> applied) {
            if (!applied) return support_.store_failed(request, reply, applied.error());
            if (applied->result.failed.empty()) {
                reply(xmpp::result_reply(request));
            } else {
                reply(xmpp::result_reply(request, protocol::serialize(applied->result)));
            }
            for (const auto& final : applied->finals) {
                log_->debug("delivery {} {} by {}", final.id, protocol::to_string(final.state),
                            request.from->bare_str());
            }
            courier_.send_receipts(applied->finals);
        });
}

void Deliveries::sync(const xmpp::Iq& request, const Reply& reply) {
    auto sync = protocol::parse_sync(*request.payload);
    if (!sync) {
        return support_.malformed(request, reply, sync.error());
    }
    const auto now = clock_.now();
    if (auto retry = syncs_.admit(request.from->str(), now)) {
        return support_.refuse(
            request, reply,
            {ErrorCondition::rate_limited,
             "one sync per " + std::to_string(policy_.min_sync_interval.count()) +
                 " seconds from one resource",
             {},
             *retry,
             {}});
    }
    const std::string requester = request.from->bare_str();
    store_.run<std::uint64_t>(
        [requester, now, form = sync->form](store::Stores& s) {
            // The requester's copies go in the form this sync asks for, its resends included.
            s.deliveries.set_card_form(requester, form, now);
            return s.deliveries.count_open(requester, store::kCountAll);
        },
        [this, request = request_head(request), reply, requester](Result<std::uint64_t> pending) {
            if (!pending) return support_.store_failed(request, reply, pending.error());
            reply(xmpp::result_reply(request, protocol::serialize(protocol::SyncResult{*pending})));
            if (*pending > 0) courier_.resend_all(requester, *request.from);
        });
}

void Deliveries::status(const xmpp::Iq& request, const Reply& reply) {
    auto query = protocol::parse_status_query(*request.payload);
    if (!query) {
        return support_.malformed(request, reply, query.error());
    }
    store_.run<std::vector<protocol::DeliveryStatus>>(
        [ids = query->ids, sender = request.from->bare_str()](store::Stores& s) {
            return s.deliveries.status(sender, ids);
        },
        [this, request = request_head(request),
         reply](Result<std::vector<protocol::DeliveryStatus>> found) {
            if (!found) return support_.store_failed(request, reply, found.error());
            reply(xmpp::result_reply(request, protocol::serialize(protocol::StatusResult{*found})));
        });
}

}  // namespace cardex::component
