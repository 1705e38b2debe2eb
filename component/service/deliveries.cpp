#include "component/service/deliveries.hpp"

#include <algorithm>

#include "component/service/ids.hpp"
#include "component/service/updates.hpp"
#include "core/protocol/syntax.hpp"
#include "core/xmpp/namespaces.hpp"

namespace cardex::component {
namespace {

using protocol::ErrorCondition;
using protocol::ProtocolError;
using std::chrono::milliseconds;

const std::string kBizcard(ns::kBizcard);

// What a submit asks for: its recipients and its card. A repeat has the same digest.
std::string submit_digest(const std::vector<xmpp::Jid>& recipients, const std::string& card) {
    std::vector<std::string> to;
    for (const auto& r : recipients)
        to.push_back(r.bare_str());
    std::sort(to.begin(), to.end());
    std::string text;
    for (const auto& t : to)
        text += t + "\n";
    return content_digest(text + "\n" + card);
}

// Puts the current card of the set the submit names, and its version, into `card`; false when
// the sender has no such set.
bool take_set_card(store::SetStore& sets, store::NewCard& card) {
    auto set = sets.find(card.sender, *card.origin.set);
    if (!set) return false;
    card.xml = std::move(set->xml);
    card.origin.version = set->version;
    return true;
}

std::vector<xmpp::Jid> distinct_recipients(const protocol::Submit& submit) {
    std::vector<xmpp::Jid> out;
    for (const auto& r : submit.recipients) {
        xmpp::Jid bare = r.bare();
        if (std::find(out.begin(), out.end(), bare) == out.end()) out.push_back(std::move(bare));
    }
    return out;
}

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

// A submit that passed every check: the card to store (a set's is filled in by the store job),
// the fallback body of its copies (none for a set's, whose card the store job reads), and the
// result to send once it is stored. The card's model is not kept: a request in flight holds
// the card once, as its bytes.
struct Deliveries::AcceptedSubmit {
    std::shared_ptr<store::NewCard> card;
    std::optional<std::string> body;
    protocol::Submitted result;
};

void Deliveries::submit(const xmpp::Iq& request, const Reply& reply) {
    auto accepted = accept_submit(request, reply);
    if (!accepted) return;
    auto card = accepted->card;  // before `accepted` moves into the completion
    store_.run<std::optional<store::SubmitOutcome>>(
        [card = std::move(card), max = policy_.limits.max_pending_per_recipient,
         now = clock_.now()](store::Stores& s) -> std::optional<store::SubmitOutcome> {
            if (card->origin.set && !take_set_card(s.sets, *card)) return std::nullopt;
            return s.deliveries.add_card(*card, max, now);
        },
        [this, request = request_head(request), reply,
         accepted = std::move(*accepted)](Result<std::optional<store::SubmitOutcome>> outcome) {
            if (!outcome) return support_.store_failed(request, reply, outcome.error());
            if (!*outcome) {
                return support_.refuse(request, reply,
                                       refusal(ErrorCondition::unknown_set,
                                               "you have no card set '" +
                                                   accepted.card->origin.set.value_or("") + "'"));
            }
            answer_submit(request, reply, accepted, **outcome);
        });
}

// Checks who submits and what; answers a refusal and returns nullopt.
std::optional<Deliveries::AcceptedSubmit> Deliveries::accept_submit(const xmpp::Iq& request,
                                                                    const Reply& reply) {
    const std::string sender = request.from->bare_str();
    if (!support_.require_local(request, reply)) return std::nullopt;
    if (auto refused = check_rate(*request.from)) {
        support_.refuse(request, reply, std::move(*refused));
        return std::nullopt;
    }
    if (store_.queued() >= policy_.max_queue) {
        log_->warn("submit from {} refused: {} requests are waiting for the disk", sender,
                   store_.queued());
        reply(xmpp::error_reply(
            request, wait_error("internal-server-error",
                                "the card service is busy; try again in a few seconds")));
        return std::nullopt;
    }
    std::string xml = received_vcard(*request.payload);
    auto submit = protocol::parse_submit(*request.payload);
    if (!submit) {
        support_.malformed(request, reply, submit.error());
        return std::nullopt;
    }
    if (submit->set && !policy_.sets) {
        reply(xmpp::error_reply(
            request,
            {xmpp::ErrorType::cancel, "service-unavailable",
             "this service does not offer card sets; send the card itself", std::nullopt}));
        return std::nullopt;
    }
    const auto recipients = distinct_recipients(*submit);
    if (auto refused = check_submit(*submit, recipients.size(), xml.size())) {
        support_.refuse(request, reply, std::move(*refused));
        return std::nullopt;
    }
    AcceptedSubmit accepted;
    // A set's card is read in the store job; what is asked for is then the set, by name.
    const std::string digest = submit_digest(recipients, submit->set ? "set " + *submit->set : xml);
    accepted.card = std::make_shared<store::NewCard>(
        store::NewCard{sender, clock_.now(), std::move(xml), {}, submit->id, digest, {}});
    accepted.card->origin.set = submit->set;
    for (const auto& r : recipients) {
        accepted.card->deliveries.push_back({delivery_id(), r.bare_str()});
        accepted.result.deliveries.push_back({accepted.card->deliveries.back().id, r});
    }
    if (submit->card) {
        accepted.body = Courier::copy_body(*accepted.card, *submit->card);
        if (auto refused = courier_.copy_over_limit(*accepted.card, *accepted.body)) {
            log_->info("submit from {} refused: {}", sender, refused->text);
            reply(xmpp::error_reply(request, std::move(*refused)));
            return std::nullopt;
        }
    }
    return accepted;
}

std::optional<ProtocolError> Deliveries::check_rate(const xmpp::Jid& from) {
    const xmpp::Jid sender = from.bare();
    if (auto retry = submits_.admit(sender.bare_str(), clock_.now())) {
        return ProtocolError{
            ErrorCondition::rate_limited, "", policy_.limits.submits_per_minute, *retry, {}};
    }
    return std::nullopt;
}

std::optional<ProtocolError> Deliveries::check_submit(const protocol::Submit& submit,
                                                      std::size_t recipients, std::size_t bytes) {
    const auto& limits = policy_.limits;
    if (recipients > limits.max_recipients) {
        return ProtocolError{ErrorCondition::too_many_recipients,
                             std::to_string(recipients) + " recipients; at most " +
                                 std::to_string(limits.max_recipients) + " per submit",
                             limits.max_recipients,
                             {},
                             {}};
    }
    if (!submit.card) return std::nullopt;  // a set's card was checked when it was published
    return card_problem(*submit.card, bytes, limits.max_card_bytes);
}

void Deliveries::answer_submit(const xmpp::Iq& request, const Reply& reply,
                               const AcceptedSubmit& accepted,
                               const store::SubmitOutcome& outcome) {
    if (outcome.over_quota) {
        const auto max = policy_.limits.max_pending_per_recipient;
        return support_.refuse(request, reply,
                               {ErrorCondition::recipient_quota,
                                *outcome.over_quota + " already has " + std::to_string(max) +
                                    " cards waiting from this service",
                                max,
                                {},
                                *outcome.over_quota});
    }
    const auto& id = accepted.card->submit_id;
    if (outcome.id_used_at) {
        log_->info("submit from {} refused: its id {} was used before", accepted.card->sender,
                   id.value_or(""));
        return reply(xmpp::error_reply(
            request, {xmpp::ErrorType::cancel, "conflict",
                      "the submit id '" + id.value_or("") + "' was used at " +
                          protocol::format_timestamp(*outcome.id_used_at) +
                          " for other recipients or another card; choose a new id for a new "
                          "submit",
                      std::nullopt}));
    }
    if (outcome.repeated) {
        log_->info("submit {} from {} repeated: answered with its {} deliveries", id.value_or(""),
                   accepted.card->sender, outcome.repeated->size());
        protocol::Submitted earlier;
        for (const auto& d : *outcome.repeated) {
            if (auto to = xmpp::Jid::parse(d.recipient)) earlier.deliveries.push_back({d.id, *to});
        }
        return reply(xmpp::result_reply(request, protocol::serialize(earlier)));
    }
    reply(xmpp::result_reply(request, protocol::serialize(accepted.result)));
    if (accepted.body) return courier_.deliver(*accepted.card, *accepted.body);
    auto model = protocol::card_from_vcard_text(accepted.card->xml);
    if (!model) {
        return log_->error("the card of set '{}' of {} cannot be read back: {}",
                           accepted.card->origin.set.value_or(""), accepted.card->sender,
                           model.error().message);
    }
    courier_.deliver(*accepted.card, *model);
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
    if (auto sync = protocol::parse_sync(*request.payload); !sync) {
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
        [requester, now](store::Stores& s) {
            s.deliveries.make_capable(requester, now);
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
