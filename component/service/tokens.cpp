#include "component/service/tokens.hpp"

#include <algorithm>

#include "component/service/ids.hpp"
#include "core/protocol/tokens.hpp"
#include "core/xmpp/namespaces.hpp"

namespace cardex::component {
namespace {

using protocol::ErrorCondition;

const std::string kBizcard(ns::kBizcard);

}  // namespace

protocol::ProtocolError invalid_token() {
    return refusal(ErrorCondition::invalid_token,
                   "this token cannot be used: it does not exist, has expired, is used up or "
                   "was revoked");
}

std::string token_page(const std::string& web_base, const std::string& value) {
    return web_base + "/c/" + value;
}

Tokens::Tokens(RequestSupport& support, store::StoreExecutor& store, Clock& clock,
               TokenPolicy policy)
    : support_(support), store_(store), clock_(clock), policy_(std::move(policy)) {}

void Tokens::register_with(IqRouter& router) {
    if (!policy_.enabled) return;
    using xmpp::IqType;
    auto bind = [this](void (Tokens::*handler)(const xmpp::Iq&, const Reply&)) {
        return support_.admitting([this, handler](const xmpp::Iq& request, const Reply& reply) {
            if (!support_.require_local(request, reply)) return;
            (this->*handler)(request, reply);
        });
    };
    router.add(IqType::set, kBizcard, "create-token", bind(&Tokens::create));
    router.add(IqType::get, kBizcard, "tokens", bind(&Tokens::list));
    router.add(IqType::set, kBizcard, "revoke-token", bind(&Tokens::revoke));
}

void Tokens::describe(protocol::ServiceInfo& info) const {
    info.features.tokens = policy_.enabled;
}

void Tokens::create(const xmpp::Iq& request, const Reply& reply) {
    auto asked = protocol::parse_create_token(*request.payload);
    if (!asked) return support_.malformed(request, reply, asked.error());
    const auto now = clock_.now();
    if (asked->expires && *asked->expires <= now) {
        support_.log()->info("<create-token/> from {} refused: expiry {} is in the past",
                             request.from->str(), protocol::format_timestamp(*asked->expires));
        return reply(xmpp::error_reply(
            request,
            {xmpp::ErrorType::modify, "bad-request",
             "the expiry " + protocol::format_timestamp(*asked->expires) +
                 " is not in the future; this service's time is " + protocol::format_timestamp(now),
             std::nullopt}));
    }
    store::StoredToken token;
    token.value = random_id(16);
    token.owner = request.from->bare_str();
    token.set = asked->set;
    token.created = now;
    token.expires = std::min(asked->expires.value_or(now + policy_.default_lifetime),
                             now + policy_.max_lifetime);
    token.uses_left = std::min(asked->uses.value_or(policy_.default_uses), policy_.max_uses);
    token.web_replies = asked->web_replies;
    store_.run<bool>(
        [token](store::Stores& s) {
            if (!s.sets.find(token.owner, token.set)) return false;
            s.tokens.create(token);
            return true;
        },
        [this, request = request_head(request), reply, token](Result<bool> created) {
            if (!created) return support_.store_failed(request, reply, created.error());
            if (!*created) {
                return support_.refuse(
                    request, reply,
                    refusal(ErrorCondition::unknown_set,
                            "you have no card set '" + token.set + "'; publish it first"));
            }
            support_.log()->info("{} created a token for card set '{}' ({} uses, until {})",
                                 token.owner, token.set, token.uses_left,
                                 protocol::format_timestamp(token.expires));
            reply(xmpp::result_reply(request, protocol::serialize(described(token))));
        });
}

void Tokens::list(const xmpp::Iq& request, const Reply& reply) {
    if (auto query = protocol::parse_tokens_query(*request.payload); !query) {
        return support_.malformed(request, reply, query.error());
    }
    store_.run<std::vector<store::StoredToken>>(
        [owner = request.from->bare_str(), now = clock_.now()](store::Stores& s) {
            return s.tokens.usable(owner, now);
        },
        [this, request = request_head(request),
         reply](Result<std::vector<store::StoredToken>> tokens) {
            if (!tokens) return support_.store_failed(request, reply, tokens.error());
            protocol::TokensResult result;
            for (const auto& token : *tokens)
                result.tokens.push_back(described(token));
            reply(xmpp::result_reply(request, protocol::serialize(result)));
        });
}

void Tokens::revoke(const xmpp::Iq& request, const Reply& reply) {
    auto revoke = protocol::parse_revoke_token(*request.payload);
    if (!revoke) return support_.malformed(request, reply, revoke.error());
    store_.run<bool>([value = revoke->value, owner = request.from->bare_str(), now = clock_.now()](
                         store::Stores& s) { return s.tokens.revoke(value, owner, now); },
                     [this, request = request_head(request), reply](Result<bool> revoked) {
                         if (!revoked)
                             return support_.store_failed(request, reply, revoked.error());
                         if (!*revoked) return support_.refuse(request, reply, invalid_token());
                         reply(xmpp::result_reply(request));
                     });
}

protocol::Token Tokens::described(const store::StoredToken& token) const {
    protocol::Token described;
    described.value = token.value;
    described.set = token.set;
    described.created = token.created;
    described.expires = token.expires;
    described.uses_left = token.uses_left;
    described.uri = protocol::token_uri(policy_.service, token.value);
    if (policy_.web_base) described.web = token_page(*policy_.web_base, token.value);
    described.web_replies = token.web_replies;
    return described;
}

}  // namespace cardex::component
