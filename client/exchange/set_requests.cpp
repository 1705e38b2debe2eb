#include "client/exchange/set_requests.hpp"

#include "client/exchange/service_requests.hpp"

namespace cardex::client::exchange {
xmpp::Iq publish_request(const xmpp::Jid& service, const std::string& set,
                         const vcard::Card& card) {
    return request_iq(xmpp::IqType::set, service,
                      protocol::serialize(protocol::Publish{set, card}));
}

xmpp::Iq sets_request(const xmpp::Jid& service) {
    return request_iq(xmpp::IqType::get, service, protocol::serialize(protocol::SetsQuery{}));
}

xmpp::Iq set_request(const xmpp::Jid& service, const std::string& set) {
    return request_iq(xmpp::IqType::get, service, protocol::serialize(protocol::SetQuery{set}));
}

xmpp::Iq retract_request(const xmpp::Jid& service, const std::string& set) {
    return request_iq(xmpp::IqType::set, service, protocol::serialize(protocol::Retract{set}));
}

xmpp::Iq create_token_request(const xmpp::Jid& service, const std::string& set,
                              std::optional<protocol::Timestamp> expires,
                              std::optional<std::uint64_t> uses, bool web_replies) {
    return request_iq(xmpp::IqType::set, service,
                      protocol::serialize(protocol::CreateToken{set, expires, uses, web_replies}));
}

xmpp::Iq tokens_request(const xmpp::Jid& service) {
    return request_iq(xmpp::IqType::get, service, protocol::serialize(protocol::TokensQuery{}));
}

xmpp::Iq revoke_token_request(const xmpp::Jid& service, const std::string& token) {
    return request_iq(xmpp::IqType::set, service,
                      protocol::serialize(protocol::RevokeToken{token}));
}

xmpp::Iq exchange_request(const protocol::TokenUri& token, const std::optional<vcard::Card>& shared,
                          bool follow) {
    const protocol::Exchange exchange{token.token, shared.has_value(), follow, shared};
    return request_iq(xmpp::IqType::set, token.service, protocol::serialize(exchange));
}

xmpp::Iq preview_request(const protocol::TokenUri& token) {
    return request_iq(xmpp::IqType::get, token.service,
                      protocol::serialize(protocol::PreviewQuery{token.token}));
}

xmpp::Iq unfollow_request(const xmpp::Jid& service, const xmpp::Jid& owner,
                          const std::string& set) {
    return request_iq(xmpp::IqType::set, service,
                      protocol::serialize(protocol::Unfollow{owner.bare(), set}));
}

Result<ServiceReply<protocol::Published>> read_published(const xmpp::Iq& answer) {
    return decode_reply<protocol::Published>(answer, &protocol::parse_published);
}

Result<ServiceReply<protocol::SetsResult>> read_sets(const xmpp::Iq& answer) {
    return decode_reply<protocol::SetsResult>(answer, &protocol::parse_sets_result);
}

Result<ServiceReply<protocol::SetResult>> read_set(const xmpp::Iq& answer) {
    return decode_reply<protocol::SetResult>(answer, &protocol::parse_set_result);
}

Result<ServiceReply<Ok>> read_retracted(const xmpp::Iq& answer) {
    return decode_empty_reply(answer);
}

Result<ServiceReply<protocol::Token>> read_token(const xmpp::Iq& answer) {
    return decode_reply<protocol::Token>(answer, &protocol::parse_token);
}

Result<ServiceReply<protocol::TokensResult>> read_tokens(const xmpp::Iq& answer) {
    return decode_reply<protocol::TokensResult>(answer, &protocol::parse_tokens_result);
}

Result<ServiceReply<Ok>> read_revoked(const xmpp::Iq& answer) {
    return decode_empty_reply(answer);
}

Result<ServiceReply<Ok>> read_unfollowed(const xmpp::Iq& answer) {
    return decode_empty_reply(answer);
}

Result<ServiceReply<protocol::ExchangeResult>> read_exchange(const xmpp::Iq& answer) {
    return decode_reply<protocol::ExchangeResult>(answer, &protocol::parse_exchange_result);
}

Result<ServiceReply<protocol::TokenPreview>> read_preview(const xmpp::Iq& answer) {
    return decode_reply<protocol::TokenPreview>(answer, &protocol::parse_token_preview);
}

bool preview_not_offered(const ServiceReply<protocol::TokenPreview>& reply) {
    if (reply.ok() || !reply.error || reply.protocol_error) return false;
    return reply.error->condition == "service-unavailable" ||
           reply.error->condition == "feature-not-implemented";
}

bool valid_set_name(const std::string& name) {
    if (name.empty() || name.size() > 64) return false;
    for (char c : name) {
        const bool ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
        if (!ok) return false;
    }
    return true;
}

}  // namespace cardex::client::exchange
