#include "component/service/exchange.hpp"

#include <functional>
#include <stdexcept>
#include <variant>

#include "component/service/ids.hpp"
#include "core/protocol/syntax.hpp"
#include "core/protocol/tokens.hpp"
#include "core/xmpp/namespaces.hpp"

namespace cardex::component {

using protocol::ErrorCondition;

struct CardExchange::Outcome {
    enum class Kind { done, invalid, rate_limited, over_quota, copy_too_large };
    Kind kind = Kind::invalid;
    std::optional<xmpp::StanzaError> refused;  // why, for copy_too_large
    std::optional<store::StoredSet> set;       // the owner's card, when done
    std::optional<std::string> delivery;       // of the scanner's card to the owner
    std::shared_ptr<store::NewCard> new_card;  // a delivery made now: its copies go out
    bool accepts_card = false;                 // a preview: a shared card would reach the owner
};

namespace {

using Kind = CardExchange::Outcome::Kind;

// What one exchange asks, as the store job needs it.
struct Attempt {
    std::string token;
    std::string scanner;                   // bare JID
    std::string domain;                    // the scanner's
    std::shared_ptr<store::NewCard> card;  // with share="true"; its delivery's recipient is set
    // With a card: why its copy to the owner, known in the job, would be too large to send.
    std::function<std::optional<xmpp::StanzaError>(const store::NewCard&)> copy_over_limit;
    protocol::Timestamp now{};
    bool follow = false;  // the scanner follows the token's set (where updates are offered)
};

CardExchange::Outcome outcome_of(Kind kind) {
    CardExchange::Outcome outcome;
    outcome.kind = kind;
    return outcome;
}

bool over_failure_limit(store::TokenStore& tokens, const Attempt& a, const TokenPolicy& policy) {
    const auto since = a.now - policy.failure_window;
    return tokens.failures(a.scanner, since) >= policy.failures_allowed ||
           tokens.failures(a.domain, since) >= policy.failures_allowed_per_domain;
}

CardExchange::Outcome failed(store::TokenStore& tokens, const Attempt& a) {
    tokens.record_failure(a.scanner, a.now);
    tokens.record_failure(a.domain, a.now);
    return outcome_of(Kind::invalid);
}

// What steps 1 to 5 found for a token the requester may use.
struct Usable {
    store::StoredToken token;
    store::StoredSet set;
    bool owner = false;                      // the requester owns the token
    std::optional<store::TokenUse> earlier;  // the requester's earlier use of it
};

// Steps 1 to 5, for the exchange and the preview alike: the token, or the refusal (with the
// failure recorded), so that both refuse exactly the same tokens in exactly the same way.
std::variant<Usable, CardExchange::Outcome> find_usable(store::Stores& s, const Attempt& a,
                                                        const TokenPolicy& policy) {
    if (over_failure_limit(s.tokens, a, policy)) return outcome_of(Kind::rate_limited);
    auto token = s.tokens.find(a.token, a.now);
    if (!token) return failed(s.tokens, a);
    auto set = s.sets.find(token->owner, token->set);
    if (!set) return failed(s.tokens, a);
    Usable usable{std::move(*token), std::move(*set), false, std::nullopt};
    usable.owner = a.scanner == usable.token.owner;
    if (usable.owner) return usable;
    usable.earlier = s.tokens.use_of(a.token, a.scanner);
    if (!usable.earlier && usable.token.uses_left == 0) return failed(s.tokens, a);
    return usable;
}

// The whole exchange, inside one transaction (see exchange.hpp for the steps).
CardExchange::Outcome run_exchange(store::Stores& s, const Attempt& a, const TokenPolicy& policy) {
    auto found = find_usable(s, a, policy);
    if (auto* refused = std::get_if<CardExchange::Outcome>(&found)) return std::move(*refused);
    auto& usable = std::get<Usable>(found);
    const store::StoredToken& token = usable.token;
    CardExchange::Outcome outcome = outcome_of(Kind::done);
    outcome.set = std::move(usable.set);
    if (usable.owner) return outcome;
    if (usable.earlier) {
        if (a.follow) s.sets.follow(token.owner, token.set, a.scanner, a.now);
        outcome.delivery = usable.earlier->delivery;
        return outcome;
    }
    if (a.card) {
        a.card->deliveries = {{delivery_id(), token.owner}};
        if (auto refused = a.copy_over_limit(*a.card)) {
            CardExchange::Outcome too_large = outcome_of(Kind::copy_too_large);
            too_large.refused = std::move(refused);
            return too_large;
        }
        auto added = s.deliveries.add_card(*a.card, policy.max_pending_per_recipient, a.now);
        if (added.over_quota) return outcome_of(Kind::over_quota);
        outcome.delivery = a.card->deliveries.front().id;
        outcome.new_card = a.card;
    }
    if (!s.tokens.consume(a.token, {a.scanner, a.now, outcome.delivery})) {
        // Only a second process could have taken the last use since find(): undo the job.
        throw std::runtime_error("the token's last use was taken by another exchange");
    }
    s.deliveries.make_capable(a.scanner, a.now);
    if (a.follow) s.sets.follow(token.owner, token.set, a.scanner, a.now);
    return outcome;
}

// The preview, inside one transaction: the same checks, nothing taken, nothing stored but a
// failure.
CardExchange::Outcome run_preview(store::Stores& s, const Attempt& a, const TokenPolicy& policy) {
    auto found = find_usable(s, a, policy);
    if (auto* refused = std::get_if<CardExchange::Outcome>(&found)) return std::move(*refused);
    auto& usable = std::get<Usable>(found);
    CardExchange::Outcome outcome = outcome_of(Kind::done);
    outcome.accepts_card = !usable.owner && !usable.earlier;
    outcome.set = std::move(usable.set);
    return outcome;
}

}  // namespace

CardExchange::CardExchange(RequestSupport& support, store::StoreExecutor& store, Courier& courier,
                           Clock& clock, TokenPolicy policy)
    : support_(support),
      store_(store),
      courier_(courier),
      clock_(clock),
      policy_(std::move(policy)) {}

void CardExchange::register_with(IqRouter& router) {
    if (!policy_.enabled) return;
    router.add(xmpp::IqType::set, std::string(ns::kBizcard), "exchange",
               support_.admitting([this](const xmpp::Iq& request, const Reply& reply) {
                   exchange(request, reply);
               }));
    router.add(xmpp::IqType::get, std::string(ns::kBizcard), "preview",
               support_.admitting([this](const xmpp::Iq& request, const Reply& reply) {
                   preview(request, reply);
               }));
}

void CardExchange::preview(const xmpp::Iq& request, const Reply& reply) {
    auto asked = protocol::parse_preview_query(*request.payload);
    if (!asked) return support_.malformed(request, reply, asked.error());
    const Attempt attempt{
        asked->token, request.from->bare_str(), request.from->domain, nullptr, {}, clock_.now(),
        false};
    store_.run<Outcome>(
        [attempt, policy = policy_](store::Stores& s) { return run_preview(s, attempt, policy); },
        [this, request = request_head(request), reply](Result<Outcome> outcome) {
            if (!outcome) return support_.store_failed(request, reply, outcome.error());
            if (outcome->kind != Kind::done) return answer(request, reply, *outcome);
            auto card = protocol::card_from_vcard_text(outcome->set->xml);
            if (!card) return support_.store_failed(request, reply, card.error());
            auto owner = xmpp::Jid::parse(outcome->set->owner);
            if (!owner) return support_.store_failed(request, reply, owner.error());
            const protocol::TokenPreview preview{
                *owner, outcome->set->name, protocol::summary_of(*card), outcome->accepts_card};
            reply(xmpp::result_reply(request, protocol::serialize(preview)));
        });
}

void CardExchange::exchange(const xmpp::Iq& request, const Reply& reply) {
    std::string xml = received_vcard(*request.payload);
    auto asked = protocol::parse_exchange(*request.payload);
    if (!asked) return support_.malformed(request, reply, asked.error());
    const auto now = clock_.now();
    Attempt attempt{
        asked->token, request.from->bare_str(),        request.from->domain, nullptr, {},
        now,          asked->follow && policy_.updates};
    std::string body;  // of the copy of the scanner's card
    if (asked->share && asked->card) {
        if (auto refused = card_problem(*asked->card, xml.size(), policy_.max_card_bytes)) {
            return support_.refuse(request, reply, std::move(*refused));
        }
        std::string digest = content_digest(xml);
        attempt.card = std::make_shared<store::NewCard>(
            store::NewCard{attempt.scanner,
                           now,
                           std::move(xml),
                           {},
                           std::nullopt,
                           std::move(digest),
                           store::CardOrigin{std::nullopt, std::nullopt, protocol::Via::token}});
        // The copy goes to the token's owner, whom the job finds: it is measured there.
        body = Courier::copy_body(*attempt.card, *asked->card);
        attempt.copy_over_limit = [&courier = courier_, body](const store::NewCard& card) {
            return courier.copy_over_limit(card, body);
        };
    }
    store_.run<Outcome>(
        [attempt, policy = policy_](store::Stores& s) { return run_exchange(s, attempt, policy); },
        [this, request = request_head(request), reply, body](Result<Outcome> outcome) {
            if (!outcome) return support_.store_failed(request, reply, outcome.error());
            answer(request, reply, *outcome);
            if (outcome->new_card) courier_.deliver(*outcome->new_card, body);
        });
}

void CardExchange::answer(const xmpp::Iq& request, const Reply& reply, Outcome& outcome) {
    switch (outcome.kind) {
        case Kind::invalid:
            return support_.refuse(request, reply, invalid_token());
        case Kind::rate_limited:
            return support_.refuse(
                request, reply,
                {ErrorCondition::rate_limited,
                 "too many attempts with tokens that cannot be used from " +
                     request.from->bare_str() + " or its domain; try again later",
                 policy_.failures_allowed,
                 clock_.now() + policy_.failure_window,
                 {}});
        case Kind::over_quota:
            return support_.refuse(request, reply,
                                   {ErrorCondition::recipient_quota,
                                    "the owner of this token has " +
                                        std::to_string(policy_.max_pending_per_recipient) +
                                        " cards waiting already; try again later",
                                    policy_.max_pending_per_recipient,
                                    {},
                                    std::nullopt});
        case Kind::copy_too_large:
            support_.log()->info("exchange by {} refused: {}", request.from->bare_str(),
                                 outcome.refused->text);
            return reply(xmpp::error_reply(request, std::move(*outcome.refused)));
        case Kind::done:
            break;
    }
    auto card = protocol::card_from_vcard_text(outcome.set->xml);
    if (!card) return support_.store_failed(request, reply, card.error());
    auto owner = xmpp::Jid::parse(outcome.set->owner);
    if (!owner) return support_.store_failed(request, reply, owner.error());
    protocol::ExchangeResult result{
        {*owner, outcome.set->name, outcome.set->version, std::move(*card)}, std::nullopt};
    if (outcome.delivery) result.delivery = protocol::DeliveryRef{*outcome.delivery, *owner};
    support_.log()->info("{} exchanged with a token of {}'s card set '{}'{}",
                         request.from->bare_str(), outcome.set->owner, outcome.set->name,
                         outcome.new_card ? " and shared a card" : "");
    reply(xmpp::result_reply(request, protocol::serialize(result)));
}

}  // namespace cardex::component
