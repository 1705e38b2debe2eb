// The submit request of Deliveries (deliveries.hpp): the checks a new submit must pass, the
// answer to one that repeats a remembered submit id, and the card stored and delivered.
#include <algorithm>

#include "component/service/deliveries.hpp"
#include "component/service/ids.hpp"
#include "core/protocol/syntax.hpp"
#include "core/vcard/writer.hpp"
#include "core/xmpp/namespaces.hpp"

namespace cardex::component {
namespace {

using protocol::ErrorCondition;
using protocol::ProtocolError;

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

// The text of a submit's <vcard-text/>; empty when the card is not sent as text.
std::string_view received_text(const xml::Element& submit) {
    const xml::Element* card = submit.child("card", ns::kBizcard);
    const xml::Element* text = card != nullptr ? protocol::card_text_child(*card) : nullptr;
    return text != nullptr ? std::string_view(text->text) : std::string_view();
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

// A submit that passed every check: the card to store (a set's is filled in by the store job),
// the fallback body of its copies (none for a set's, whose card the store job reads), and the
// result to send once it is stored. The card's model is not kept: a request in flight holds
// the card as its bytes, and a card sent as text also as the text its copies carry (made
// while the model is at hand; no larger than the xCard). `counted`: it took one of the
// sender's submits per minute.
struct Deliveries::AcceptedSubmit {
    std::shared_ptr<store::NewCard> card;
    std::optional<std::string> body;
    std::optional<TextForm> text;
    protocol::Submitted result;
    bool counted = false;
};

// Who sent a submit with an id, the id, and when it took one of the sender's submits per
// minute, if it did: what answers it when it repeats an earlier one. Not the card: a submit
// that waits only to learn whether it is a repeat does not hold its card.
struct Deliveries::SubmitId {
    std::string sender;
    std::string id;
    std::optional<protocol::Timestamp> counted_at;

    explicit SubmitId(const AcceptedSubmit& submit)
        : sender(submit.card->sender),
          id(submit.card->submit_id.value_or("")),
          counted_at(submit.counted ? std::optional(submit.card->stamp) : std::nullopt) {}
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

// Checks who submits and what; answers a refusal and returns nullopt. A submit that repeats a
// remembered id is answered as the first was, whatever the limits say now (refuse_submit).
std::optional<Deliveries::AcceptedSubmit> Deliveries::accept_submit(const xmpp::Iq& request,
                                                                    const Reply& reply) {
    if (!support_.require_local(request, reply)) return std::nullopt;
    std::string xml = received_vcard(*request.payload);
    auto submit = protocol::parse_submit(*request.payload);
    if (!submit) {
        support_.malformed(request, reply, submit.error());
        return std::nullopt;
    }
    // A card sent as text is stored, limited and delivered as the xCard made of it.
    if (submit->card && submit->form == protocol::CardForm::text)
        xml = protocol::canonical_form(vcard::card_to_xml(*submit->card));
    const auto recipients = distinct_recipients(*submit);
    AcceptedSubmit accepted;
    // A set's card is read in the store job; what is asked for is then the set, by name.
    const std::string digest = submit_digest(recipients, submit->set ? "set " + *submit->set : xml);
    accepted.card = std::make_shared<store::NewCard>(store::NewCard{
        request.from->bare_str(), clock_.now(), std::move(xml), {}, submit->id, digest, {}});
    accepted.card->origin.set = submit->set;
    auto refused = check_limits(*submit, recipients.size(), accepted);
    if (!refused) {
        for (const auto& r : recipients) {
            accepted.card->deliveries.push_back({delivery_id(), r.bare_str()});
            accepted.result.deliveries.push_back({accepted.card->deliveries.back().id, r});
        }
        if (submit->card) {
            accepted.body = Courier::copy_body(*accepted.card, *submit->card);
            refused = courier_.copy_over_limit(*accepted.card, *accepted.body);
        }
    }
    if (refused) {
        refuse_submit(request, reply, accepted, std::move(*refused));
        return std::nullopt;
    }
    if (submit->card && submit->form == protocol::CardForm::text) {
        accepted.text =
            Courier::text_form(accepted.card->xml, &*submit->card, received_text(*request.payload));
    }
    return accepted;
}

// The limits a new submit must keep now: the sender's submits per minute (which it takes one
// of, noted in `accepted`), the store's queue, and what it asks for.
std::optional<xmpp::StanzaError> Deliveries::check_limits(const protocol::Submit& submit,
                                                          std::size_t recipients,
                                                          AcceptedSubmit& accepted) {
    const auto& card = *accepted.card;
    if (auto retry = submits_.admit(card.sender, card.stamp)) {
        return refusal_error(
            {ErrorCondition::rate_limited, "", policy_.limits.submits_per_minute, *retry, {}});
    }
    accepted.counted = true;
    if (store_.queued() >= policy_.max_queue) {
        log_->warn("submit from {}: {} requests are waiting for the disk", card.sender,
                   store_.queued());
        return wait_error("internal-server-error",
                          "the card service is busy; try again in a few seconds");
    }
    if (submit.set && !policy_.sets) {
        return xmpp::StanzaError{xmpp::ErrorType::cancel, "service-unavailable",
                                 "this service does not offer card sets; send the card itself",
                                 std::nullopt};
    }
    if (auto refused = check_submit(submit, recipients, card.xml.size()))
        return refusal_error(std::move(*refused));
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

// Answers `refusal` to a submit that a limit refuses now, unless the submit repeats a
// remembered one: that one's deliveries exist, so the repeat gets them, and an id used for
// another submit gets its conflict. Only the store remembers ids, so a submit with an id asks
// it first; a new submit without one is refused at once.
void Deliveries::refuse_submit(const xmpp::Iq& request, const Reply& reply,
                               const AcceptedSubmit& accepted, xmpp::StanzaError refusal) {
    const auto& card = *accepted.card;
    if (!card.submit_id) return refuse(request, reply, std::move(refusal));
    store_.run<std::optional<store::SubmitOutcome>>(
        [sender = card.sender, id = *card.submit_id, digest = card.digest, now = clock_.now()](
            store::Stores& s) { return s.deliveries.earlier_submit(sender, id, digest, now); },
        [this, request = request_head(request), reply, submit = SubmitId(accepted),
         refusal = std::move(refusal)](Result<std::optional<store::SubmitOutcome>> earlier) {
            // Whether it repeats a submit is not known: refusing might lose a stored card.
            if (!earlier) return support_.store_failed(request, reply, earlier.error());
            if (*earlier && answer_earlier(request, reply, submit, **earlier)) return;
            refuse(request, reply, refusal);
        });
}

void Deliveries::refuse(const xmpp::Iq& request, const Reply& reply,
                        xmpp::StanzaError refusal) const {
    log_->info("submit from {} refused: {}", request.from->str(), refusal.text);
    reply(xmpp::error_reply(request, std::move(refusal)));
}

// Answers a submit whose id the sender used before and returns true: a repeat gets the
// deliveries of the first and does not count as a submit; an id used for other recipients or
// another card gets conflict. False when the id is new.
bool Deliveries::answer_earlier(const xmpp::Iq& request, const Reply& reply, const SubmitId& submit,
                                const store::SubmitOutcome& outcome) {
    if (outcome.id_used_at) {
        refuse(request, reply,
               {xmpp::ErrorType::cancel, "conflict",
                "the submit id '" + submit.id + "' was used at " +
                    protocol::format_timestamp(*outcome.id_used_at) +
                    " for other recipients or another card; choose a new id for a new submit",
                std::nullopt});
        return true;
    }
    if (!outcome.repeated) return false;
    if (submit.counted_at) submits_.take_back(submit.sender, *submit.counted_at);
    log_->info("submit {} from {} repeated: answered with its {} deliveries", submit.id,
               submit.sender, outcome.repeated->size());
    protocol::Submitted earlier;
    for (const auto& d : *outcome.repeated) {
        if (auto to = xmpp::Jid::parse(d.recipient)) earlier.deliveries.push_back({d.id, *to});
    }
    reply(xmpp::result_reply(request, protocol::serialize(earlier)));
    return true;
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
    if (answer_earlier(request, reply, SubmitId(accepted), outcome)) return;
    reply(xmpp::result_reply(request, protocol::serialize(accepted.result)));
    if (accepted.body) return courier_.deliver(*accepted.card, *accepted.body, accepted.text);
    auto model = protocol::card_from_vcard_text(accepted.card->xml);
    if (!model) {
        return log_->error("the card of set '{}' of {} cannot be read back: {}",
                           accepted.card->origin.set.value_or(""), accepted.card->sender,
                           model.error().message);
    }
    courier_.deliver(*accepted.card, *model);
}

}  // namespace cardex::component
