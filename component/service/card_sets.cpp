#include "component/service/card_sets.hpp"

#include "component/service/updates.hpp"
#include "core/protocol/sets.hpp"
#include "core/protocol/syntax.hpp"
#include "core/xmpp/namespaces.hpp"

namespace cardex::component {
namespace {

using protocol::ErrorCondition;

const std::string kBizcard(ns::kBizcard);

protocol::SetInfo set_info(const store::StoredSet& set, bool updates) {
    return {set.name, set.version, set.updated,
            updates ? std::optional(set.followers) : std::nullopt};
}

// A publication: the new version, and the updates it made for the followers.
struct Published {
    store::PublishOutcome outcome;
    std::shared_ptr<store::NewCard> updates;
};

}  // namespace

CardSets::CardSets(RequestSupport& support, store::StoreExecutor& store, Courier& courier,
                   Clock& clock, SetsPolicy policy)
    : support_(support), store_(store), courier_(courier), clock_(clock), policy_(policy) {}

void CardSets::register_with(IqRouter& router) {
    if (!policy_.enabled) return;
    using xmpp::IqType;
    auto bind = [this](void (CardSets::*handler)(const xmpp::Iq&, const Reply&)) {
        return support_.admitting([this, handler](const xmpp::Iq& request, const Reply& reply) {
            if (!support_.require_local(request, reply)) return;
            (this->*handler)(request, reply);
        });
    };
    router.add(IqType::set, kBizcard, "publish", bind(&CardSets::publish));
    router.add(IqType::get, kBizcard, "sets", bind(&CardSets::list));
    router.add(IqType::get, kBizcard, "set", bind(&CardSets::fetch));
    router.add(IqType::set, kBizcard, "retract", bind(&CardSets::retract));
}

void CardSets::describe(protocol::ServiceInfo& info) const {
    info.features.sets = policy_.enabled;
    if (!info.limits) info.limits.emplace();
    info.limits->max_sets = policy_.max_sets;
}

void CardSets::publish(const xmpp::Iq& request, const Reply& reply) {
    std::string xml = received_vcard(*request.payload);
    auto publish = protocol::parse_publish(*request.payload);
    if (!publish) return support_.malformed(request, reply, publish.error());
    if (auto refused = card_problem(publish->card, xml.size(), policy_.max_card_bytes)) {
        return support_.refuse(request, reply, std::move(*refused));
    }
    // A set's card goes out later, to recipients not known now: it leaves room for the message
    // and fallback text of its copies (about 700 bytes; more with long JIDs).
    constexpr std::uint64_t kCopyRoom = 1536;
    if (const auto max = policy_.max_copy_bytes; max != 0 && xml.size() + kCopyRoom > max) {
        return reply(xmpp::error_reply(
            request, {xmpp::ErrorType::modify, "policy-violation",
                      "the card is " + std::to_string(xml.size()) +
                          " bytes; this service sends no copy larger than " + std::to_string(max) +
                          " bytes (max-copy-bytes), which servers with a 64 KiB stanza limit "
                          "pass on, so a set's card may have at most " +
                          std::to_string(max > kCopyRoom ? max - kCopyRoom : 0) + " bytes",
                      std::nullopt}));
    }
    if (publish->card.first("UID") == nullptr) {
        return support_.refuse(
            request, reply,
            refusal(ErrorCondition::invalid_card,
                    "the card of a set needs a UID, so that its recipients can tell its later "
                    "versions from other cards"));
    }
    auto model = std::make_shared<vcard::Card>(std::move(publish->card));
    store_.run<Published>(
        [owner = request.from->bare_str(), name = publish->name, xml = std::move(xml),
         max = policy_.max_sets, updates = policy_.updates, now = clock_.now()](store::Stores& s) {
            Published published{s.sets.publish(owner, name, xml, max, now), nullptr};
            const auto version = published.outcome.version;
            if (updates && version && *version > 1)
                published.updates = store_updates(s, owner, name, *version, xml, now);
            return published;
        },
        [this, request = request_head(request), reply, model,
         name = publish->name](Result<Published> published) {
            if (!published) return support_.store_failed(request, reply, published.error());
            const store::PublishOutcome* outcome = &published->outcome;
            if (!outcome->version) {
                return support_.refuse(
                    request, reply,
                    {ErrorCondition::too_many_sets,
                     "you have " + std::to_string(policy_.max_sets) +
                         " card sets, as many as this service keeps; retract one first",
                     policy_.max_sets,
                     {},
                     {}});
            }
            support_.log()->info("{} published card set '{}', version {}{}",
                                 request.from->bare_str(), name, *outcome->version,
                                 published->updates
                                     ? ", an update for " +
                                           std::to_string(published->updates->deliveries.size()) +
                                           " followers"
                                     : std::string());
            reply(xmpp::result_reply(
                request, protocol::serialize(protocol::Published{name, *outcome->version})));
            if (published->updates) courier_.deliver(*published->updates, *model);
        });
}

void CardSets::list(const xmpp::Iq& request, const Reply& reply) {
    if (auto query = protocol::parse_sets_query(*request.payload); !query) {
        return support_.malformed(request, reply, query.error());
    }
    store_.run<std::vector<store::StoredSet>>(
        [owner = request.from->bare_str()](store::Stores& s) { return s.sets.list(owner); },
        [this, request = request_head(request), reply](Result<std::vector<store::StoredSet>> sets) {
            if (!sets) return support_.store_failed(request, reply, sets.error());
            protocol::SetsResult result;
            for (const auto& set : *sets)
                result.sets.push_back(set_info(set, policy_.updates));
            reply(xmpp::result_reply(request, protocol::serialize(result)));
        });
}

void CardSets::fetch(const xmpp::Iq& request, const Reply& reply) {
    auto query = protocol::parse_set_query(*request.payload);
    if (!query) return support_.malformed(request, reply, query.error());
    store_.run<std::optional<store::StoredSet>>(
        [owner = request.from->bare_str(), name = query->name](store::Stores& s) {
            return s.sets.find(owner, name);
        },
        [this, request = request_head(request), reply,
         name = query->name](Result<std::optional<store::StoredSet>> set) {
            if (!set) return support_.store_failed(request, reply, set.error());
            if (!*set) return unknown_set(request, reply, name);
            auto card = protocol::card_from_vcard_text((*set)->xml);
            if (!card) return support_.store_failed(request, reply, card.error());
            reply(xmpp::result_reply(
                request, protocol::serialize(protocol::SetResult{
                             name, (*set)->version, (*set)->updated, std::move(*card)})));
        });
}

void CardSets::retract(const xmpp::Iq& request, const Reply& reply) {
    auto retract = protocol::parse_retract(*request.payload);
    if (!retract) return support_.malformed(request, reply, retract.error());
    store_.run<bool>(
        [owner = request.from->bare_str(), name = retract->name](store::Stores& s) {
            if (!s.sets.retract(owner, name)) return false;
            s.tokens.forget_set(owner, name);
            return true;
        },
        [this, request = request_head(request), reply,
         name = retract->name](Result<bool> retracted) {
            if (!retracted) return support_.store_failed(request, reply, retracted.error());
            if (!*retracted) return unknown_set(request, reply, name);
            support_.log()->info("{} retracted card set '{}'", request.from->bare_str(), name);
            reply(xmpp::result_reply(request));
        });
}

void CardSets::unknown_set(const xmpp::Iq& request, const Reply& reply,
                           const std::string& name) const {
    support_.refuse(request, reply,
                    refusal(ErrorCondition::unknown_set, "you have no card set '" + name + "'"));
}

}  // namespace cardex::component
