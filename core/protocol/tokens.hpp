// QR tokens and the mutual exchange (feature urn:xmpp:bizcard:0#tokens): create-token, token,
// tokens, revoke-token and exchange, and the "bizcard" XMPP URI that a QR code shows.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/protocol/delivery.hpp"
#include "core/protocol/timestamp.hpp"
#include "core/result.hpp"
#include "core/vcard/card.hpp"
#include "core/xml/element.hpp"
#include "core/xmpp/jid.hpp"

namespace cardex::protocol {

// <create-token/> (IQ set): a token for one set; the service applies its defaults and maximums.
struct CreateToken {
    std::string set;
    std::optional<Timestamp> expires;
    std::optional<std::uint64_t> uses;  // positive
    bool web_replies = true;            // the web page offers its form for sending a card back

    friend bool operator==(const CreateToken&, const CreateToken&) = default;
};

// <token/>: the result of create-token, and each item of a <tokens/> result.
struct Token {
    std::string value;
    std::string set;
    std::optional<Timestamp> created;
    Timestamp expires{};
    std::uint64_t uses_left = 0;
    std::string uri;                 // token_uri(service, value)
    std::optional<std::string> web;  // the address of its web page, where there is one
    bool web_replies = true;         // whether that page offers the form to send a card back

    friend bool operator==(const Token&, const Token&) = default;
};

// <tokens/> (IQ get, empty).
struct TokensQuery {
    friend bool operator==(const TokensQuery&, const TokensQuery&) = default;
};

// <tokens/> (IQ result): the tokens that can still be used.
struct TokensResult {
    std::vector<Token> tokens;

    friend bool operator==(const TokensResult&, const TokensResult&) = default;
};

// <revoke-token value/> (IQ set).
struct RevokeToken {
    std::string value;

    friend bool operator==(const RevokeToken&, const RevokeToken&) = default;
};

// <exchange/> (IQ set) by the scanner of a token. With share="true" it carries the scanner's
// card; with share="false" it must not, and a card sent anyway is discarded by the parser
// (the draft has the service discard it without storing it).
struct Exchange {
    std::string token;
    bool share = false;
    bool follow = false;
    std::optional<vcard::Card> card;  // present exactly when share

    friend bool operator==(const Exchange&, const Exchange&) = default;
};

// The owner's current card of the token's set, in an <exchange/> result.
struct OwnerCard {
    xmpp::Jid from;  // the owner's bare JID
    std::string set;
    std::uint64_t version = 1;
    vcard::Card card;

    friend bool operator==(const OwnerCard&, const OwnerCard&) = default;
};

// <exchange/> (IQ result): the owner's card and, when the scanner shared one, its delivery.
struct ExchangeResult {
    OwnerCard card;
    std::optional<DeliveryRef> delivery;

    friend bool operator==(const ExchangeResult&, const ExchangeResult&) = default;
};

// <preview token/> (IQ get) by the scanner of a token, before the exchange: whose card it is.
// It uses no use; a token that cannot be used gets the exchange's error for it.
struct PreviewQuery {
    std::string token;

    friend bool operator==(const PreviewQuery&, const PreviewQuery&) = default;
};

// What a preview shows of the owner's card: FN, and ORG and TITLE where the card has them;
// never more (no photo, no telephone numbers), since the whole card comes only with the
// exchange.
struct CardSummary {
    std::string fn;
    std::optional<std::string> org;  // the organisation's name and units, joined with ", "
    std::optional<std::string> title;

    friend bool operator==(const CardSummary&, const CardSummary&) = default;
};
CardSummary summary_of(const vcard::Card& card);

// <preview/> (IQ result): the owner, the set, the summary of the set's current card, and
// whether a card given in an exchange would reach the owner (not for the owner themselves,
// nor for a requester who has already exchanged with the token).
struct TokenPreview {
    xmpp::Jid from;  // the owner's bare JID
    std::string set;
    CardSummary card;
    bool accepts_card = true;

    friend bool operator==(const TokenPreview&, const TokenPreview&) = default;
};

// The URI a QR code shows: xmpp:<service>?bizcard;token=<value> (RFC 5122, XEP-0147).
struct TokenUri {
    xmpp::Jid service;
    std::string token;

    friend bool operator==(const TokenUri&, const TokenUri&) = default;
};
std::string token_uri(const xmpp::Jid& service, std::string_view token);

// What a token's 'web' attribute may hold: an https URI (at most 2048 characters, no spaces or
// control characters), or plain http for a loopback host (localhost, 127.x.y.z, [::1]), where
// a service is tried on one machine and nothing crosses a network.
bool valid_web_address(std::string_view uri);
Result<TokenUri> parse_token_uri(std::string_view uri);

Result<CreateToken> parse_create_token(const xml::Element& e);
Result<Token> parse_token(const xml::Element& e);
Result<TokensQuery> parse_tokens_query(const xml::Element& e);
Result<TokensResult> parse_tokens_result(const xml::Element& e);
Result<RevokeToken> parse_revoke_token(const xml::Element& e);
Result<Exchange> parse_exchange(const xml::Element& e);
Result<ExchangeResult> parse_exchange_result(const xml::Element& e);
Result<PreviewQuery> parse_preview_query(const xml::Element& e);
Result<TokenPreview> parse_token_preview(const xml::Element& e);

xml::Element serialize(const CreateToken& request);
xml::Element serialize(const Token& token);
xml::Element serialize(const TokensQuery& query);
xml::Element serialize(const TokensResult& result);
xml::Element serialize(const RevokeToken& request);
xml::Element serialize(const Exchange& exchange);
xml::Element serialize(const ExchangeResult& result);
xml::Element serialize(const PreviewQuery& query);
xml::Element serialize(const TokenPreview& preview);

}  // namespace cardex::protocol
