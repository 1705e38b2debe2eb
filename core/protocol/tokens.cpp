#include "core/protocol/tokens.hpp"

#include "core/protocol/fields.hpp"
#include "core/protocol/syntax.hpp"
#include "core/text/join.hpp"

namespace cardex::protocol {
namespace {

using detail::FieldReader;

constexpr std::string_view kUriScheme = "xmpp:";
constexpr std::string_view kUriQuery = "?bizcard;token=";

Token read_token(FieldReader& f) {
    Token token;
    token.value = f.opaque_id("value");
    token.set = f.set_name("set");
    token.created = f.optional_timestamp("created");
    token.expires = f.timestamp("expires");
    token.uses_left = f.number("uses-left", 0);
    token.uri = f.text_attr("uri");
    token.web = f.optional_text_attr("web");
    token.web_replies = f.optional_boolean("web-replies", true);
    if (!f.ok()) return token;
    if (token.web && !valid_web_address(*token.web)) {
        f.fail("attribute 'web' is not an https URI: '" + *token.web + "'");
        return token;
    }
    auto uri = parse_token_uri(token.uri);
    if (!uri) {
        f.fail("attribute 'uri': " + uri.error().message);
    } else if (uri->token != token.value) {
        f.fail("attribute 'uri' names the token '" + uri->token + "', not the value '" +
               token.value + "'");
    }
    return token;
}

OwnerCard read_owner_card(FieldReader& f, const xml::Element& card) {
    FieldReader c(card, f.where() + " <card/>");
    OwnerCard owner;
    owner.from = c.user_jid("from");
    owner.set = c.set_name("set");
    owner.version = c.number("version", 1);
    f.take(c);
    if (!f.ok()) return owner;
    auto parsed = parse_card_content(card);
    if (parsed) {
        owner.card = std::move(parsed).value();
    } else {
        f.take(parsed.error());
    }
    return owner;
}

}  // namespace

bool valid_web_address(std::string_view uri) {
    if (uri.size() > 2048) return false;
    for (const char c : uri) {
        if (static_cast<unsigned char>(c) <= 0x20 || c == 0x7f) return false;
    }
    constexpr std::string_view kHttps = "https://", kHttp = "http://";
    if (uri.starts_with(kHttps)) return uri.size() > kHttps.size();
    if (!uri.starts_with(kHttp)) return false;
    const std::string_view rest = uri.substr(kHttp.size());
    const std::string_view host = rest.substr(0, rest.find_first_of(":/"));
    const bool loopback_v4 =
        host.starts_with("127.") && host.find_first_not_of("0123456789.") == std::string_view::npos;
    return host == "localhost" || loopback_v4 || rest.starts_with("[::1]");
}

std::string token_uri(const xmpp::Jid& service, std::string_view token) {
    return std::string(kUriScheme) + service.str() + std::string(kUriQuery) + std::string(token);
}

Result<TokenUri> parse_token_uri(std::string_view uri) {
    const std::string shown = "'" + std::string(uri.substr(0, 200)) + "'";
    if (!uri.starts_with(kUriScheme)) return make_error(shown + " is not an xmpp: URI");
    const auto query = uri.find(kUriQuery);
    if (query == std::string_view::npos) {
        return make_error(shown + " has no '?bizcard;token=' query");
    }
    auto service = xmpp::Jid::parse(uri.substr(kUriScheme.size(), query - kUriScheme.size()));
    if (!service) return make_error(shown + ": the service " + service.error().message);
    const auto token = uri.substr(query + kUriQuery.size());
    if (!is_opaque_id(token)) {
        return make_error(shown +
                          ": the token must be 22 to 64 characters of A-Z, a-z, 0-9, '-' "
                          "and '_'");
    }
    return TokenUri{std::move(service).value(), std::string(token)};
}

Result<CreateToken> parse_create_token(const xml::Element& e) {
    if (auto ok = detail::expect_element(e, "create-token"); !ok) return ok.error();
    FieldReader f(e);
    f.allow_children({});
    CreateToken request;
    request.set = f.set_name("set");
    request.expires = f.optional_timestamp("expires");
    request.uses = f.optional_number("uses", 1);
    request.web_replies = f.optional_boolean("web-replies", true);
    if (!f.ok()) return f.error();
    return request;
}

xml::Element serialize(const CreateToken& request) {
    xml::Element e = detail::element("create-token");
    e.set_attr("set", request.set);
    if (request.expires) detail::set_timestamp(e, "expires", *request.expires);
    if (request.uses) detail::set_number(e, "uses", *request.uses);
    if (!request.web_replies) e.set_attr("web-replies", detail::boolean_text(false));
    return e;
}

Result<Token> parse_token(const xml::Element& e) {
    if (auto ok = detail::expect_element(e, "token"); !ok) return ok.error();
    FieldReader f(e);
    f.allow_children({});
    Token token = read_token(f);
    if (!f.ok()) return f.error();
    return token;
}

xml::Element serialize(const Token& token) {
    xml::Element e = detail::element("token");
    e.set_attr("value", token.value).set_attr("set", token.set);
    if (token.created) detail::set_timestamp(e, "created", *token.created);
    detail::set_timestamp(e, "expires", token.expires);
    detail::set_number(e, "uses-left", token.uses_left);
    e.set_attr("uri", token.uri);
    if (token.web) e.set_attr("web", *token.web);
    if (!token.web_replies) e.set_attr("web-replies", detail::boolean_text(false));
    return e;
}

Result<TokensQuery> parse_tokens_query(const xml::Element& e) {
    if (auto ok = detail::expect_element(e, "tokens"); !ok) return ok.error();
    FieldReader f(e);
    f.allow_children({});
    if (!f.ok()) return f.error();
    return TokensQuery{};
}

xml::Element serialize(const TokensQuery&) {
    return detail::element("tokens");
}

Result<TokensResult> parse_tokens_result(const xml::Element& e) {
    if (auto ok = detail::expect_element(e, "tokens"); !ok) return ok.error();
    FieldReader f(e);
    f.allow_children({"token"});
    TokensResult result;
    const auto tokens = f.children("token");
    for (std::size_t i = 0; i < tokens.size() && f.ok(); ++i) {
        FieldReader t(*tokens[i], detail::nested(f, "token", i));
        t.allow_children({});
        result.tokens.push_back(read_token(t));
        f.take(t);
    }
    if (!f.ok()) return f.error();
    return result;
}

xml::Element serialize(const TokensResult& result) {
    xml::Element e = detail::element("tokens");
    for (const auto& t : result.tokens)
        e.add_child(serialize(t));
    return e;
}

Result<RevokeToken> parse_revoke_token(const xml::Element& e) {
    if (auto ok = detail::expect_element(e, "revoke-token"); !ok) return ok.error();
    FieldReader f(e);
    f.allow_children({});
    RevokeToken request{f.opaque_id("value")};
    if (!f.ok()) return f.error();
    return request;
}

xml::Element serialize(const RevokeToken& request) {
    xml::Element e = detail::element("revoke-token");
    e.set_attr("value", request.value);
    return e;
}

Result<Exchange> parse_exchange(const xml::Element& e) {
    if (auto ok = detail::expect_element(e, "exchange"); !ok) return ok.error();
    FieldReader f(e);
    f.allow_children({"card", "delivery"});
    Exchange exchange;
    exchange.token = f.opaque_id("token");
    exchange.share = f.boolean("share");
    exchange.follow = f.optional_boolean("follow", false);
    if (f.ok() && exchange.share) {
        if (f.children("card").empty()) f.fail("share='true' needs the scanner's <card/>");
        exchange.card = f.card(true);
    }
    if (!f.ok()) return f.error();
    return exchange;
}

xml::Element serialize(const Exchange& exchange) {
    xml::Element e = detail::element("exchange");
    e.set_attr("token", exchange.token).set_attr("share", detail::boolean_text(exchange.share));
    if (exchange.follow) e.set_attr("follow", detail::boolean_text(true));
    if (exchange.share && exchange.card) e.add_child(card_element(*exchange.card));
    return e;
}

Result<ExchangeResult> parse_exchange_result(const xml::Element& e) {
    if (auto ok = detail::expect_element(e, "exchange"); !ok) return ok.error();
    FieldReader f(e);
    f.allow_children({"card", "delivery"});
    const xml::Element* card = f.optional_child("card");
    const xml::Element* delivery = f.optional_child("delivery");
    if (f.ok() && card == nullptr) f.fail("missing the owner's <card/>");
    if (!f.ok()) return f.error();
    ExchangeResult result;
    result.card = read_owner_card(f, *card);
    if (f.ok() && delivery != nullptr) {
        auto ref = parse_delivery_ref(*delivery);
        if (!ref) f.take(ref.error());
        if (ref) result.delivery = std::move(ref).value();
    }
    if (!f.ok()) return f.error();
    return result;
}

xml::Element serialize(const ExchangeResult& result) {
    xml::Element e = detail::element("exchange");
    xml::Element& card = e.add_child(card_element(result.card.card));
    card.set_attr("from", result.card.from.bare_str()).set_attr("set", result.card.set);
    detail::set_number(card, "version", result.card.version);
    if (result.delivery) e.add_child(serialize(*result.delivery));
    return e;
}

CardSummary summary_of(const vcard::Card& card) {
    CardSummary summary;
    summary.fn = card.formatted_name();
    if (std::string org = join_non_empty(card.organization(), ", "); !org.empty())
        summary.org = std::move(org);
    if (std::string title = card.title(); !title.empty()) summary.title = std::move(title);
    return summary;
}

Result<PreviewQuery> parse_preview_query(const xml::Element& e) {
    if (auto ok = detail::expect_element(e, "preview"); !ok) return ok.error();
    FieldReader f(e);
    f.allow_children({});
    PreviewQuery query{f.opaque_id("token")};
    if (!f.ok()) return f.error();
    return query;
}

xml::Element serialize(const PreviewQuery& query) {
    xml::Element e = detail::element("preview");
    e.set_attr("token", query.token);
    return e;
}

Result<TokenPreview> parse_token_preview(const xml::Element& e) {
    if (auto ok = detail::expect_element(e, "preview"); !ok) return ok.error();
    FieldReader f(e);
    f.allow_children({});
    TokenPreview preview;
    preview.from = f.user_jid("from");
    preview.set = f.set_name("set");
    preview.card.fn = f.text_attr("fn");
    preview.card.org = f.optional_text_attr("org");
    preview.card.title = f.optional_text_attr("title");
    preview.accepts_card = f.boolean("accepts-card");
    if (f.ok() && preview.card.fn.find_first_not_of(" \t") == std::string::npos)
        f.fail("attribute 'fn' is empty: the owner's card has no name to show");
    if (!f.ok()) return f.error();
    return preview;
}

xml::Element serialize(const TokenPreview& preview) {
    xml::Element e = detail::element("preview");
    e.set_attr("from", preview.from.bare_str()).set_attr("set", preview.set);
    e.set_attr("fn", preview.card.fn);
    if (preview.card.org) e.set_attr("org", *preview.card.org);
    if (preview.card.title) e.set_attr("title", *preview.card.title);
    e.set_attr("accepts-card", detail::boolean_text(preview.accepts_card));
    return e;
}

}  // namespace cardex::protocol
