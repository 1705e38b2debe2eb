#include "component/web/web_site.hpp"

#include <chrono>

#include "component/service/ids.hpp"
#include "component/web/reply_form.hpp"
#include "core/vcard/writer.hpp"

namespace cardex::component::web {
namespace {

using namespace std::chrono_literals;

constexpr std::string_view kPolicy =
    "default-src 'none'; style-src 'self'; img-src data:; form-action 'self'; base-uri 'none'; "
    "frame-ancestors 'none'";

HttpResponse secured(HttpResponse response) {
    response.headers.emplace_back("Content-Security-Policy", std::string(kPolicy));
    response.headers.emplace_back("X-Frame-Options", "DENY");
    response.headers.emplace_back("Referrer-Policy", "no-referrer");
    response.headers.emplace_back("X-Content-Type-Options", "nosniff");
    response.headers.emplace_back("Cross-Origin-Resource-Policy", "same-origin");
    bool cached = false;
    for (const auto& h : response.headers)
        cached = cached || h.first == "Cache-Control";
    if (!cached) response.headers.emplace_back("Cache-Control", "no-store");
    return response;
}

HttpResponse html(int status, std::string body) {
    return {status, "text/html; charset=utf-8", std::move(body), {}};
}

HttpResponse invalid() {
    return html(404, invalid_page());
}

HttpResponse unavailable() {
    return html(503, message_page("Please try again",
                                  "The card service is busy or restarting. Try again in a "
                                  "minute."));
}

HttpResponse limited(std::chrono::seconds retry) {
    auto response =
        html(429, message_page("Too many requests", "Please wait a minute before you try again."));
    response.headers.emplace_back("Retry-After", std::to_string(std::max<long>(1, retry.count())));
    return response;
}

bool is_token_text(std::string_view t) {
    if (t.empty() || t.size() > 64) return false;
    for (const char c : t) {
        const bool ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
                        (c >= '0' && c <= '9') || c == '-' || c == '_';
        if (!ok) return false;
    }
    return true;
}

// "Alice Example.vcf" with only letters, digits, spaces, '-' and '.' of ASCII (else "card").
std::string file_name(const std::string& name) {
    std::string out;
    for (const char c : name) {
        if (std::isalnum(static_cast<unsigned char>(c)) || c == ' ' || c == '-' || c == '.')
            out += c;
    }
    return (out.empty() ? std::string("card") : out) + ".vcf";
}

}  // namespace

WebSite::WebSite(TokenPages& pages, WebOptions options, std::function<protocol::Timestamp()> now)
    : pages_(pages),
      options_(options),
      now_(std::move(now)),
      limiter_(options.requests_per_minute, std::chrono::milliseconds(60'000)) {}

HttpResponse WebSite::handle(const HttpRequest& request) {
    const std::string address = address_of(request);
    if (auto retry = admit(address)) {
        return secured(limited(std::chrono::duration_cast<std::chrono::seconds>(*retry - now_())));
    }
    return secured(route(request, address));
}

HttpResponse WebSite::route(const HttpRequest& request, const std::string& address) {
    const bool get = request.method == "GET" || request.method == "HEAD";
    const std::string& path = request.path;
    if (path == "/style.css" && get) {
        HttpResponse css{200, "text/css; charset=utf-8", stylesheet(), {}};
        css.headers.emplace_back("Cache-Control", "public, max-age=86400");
        return css;
    }
    if (path.rfind("/c/", 0) != 0) {
        return html(404, message_page("Not found", "There is no page at this address."));
    }
    const std::string rest = path.substr(3);
    const auto slash = rest.find('/');
    const std::string token = rest.substr(0, slash);
    const std::string action = slash == std::string::npos ? "" : rest.substr(slash);
    if (!is_token_text(token)) return invalid();
    if (action.empty() && get) return card(token, address);
    if (action == "/card.vcf" && get) return download(token, address, request);
    if (action == "/reply" && request.method == "POST") return reply(token, address, request);
    if (action.empty() || action == "/card.vcf" || action == "/reply") {
        auto response = html(405, message_page("Not allowed", "This page does not take that."));
        response.headers.emplace_back("Allow", action == "/reply" ? "POST" : "GET, HEAD");
        return response;
    }
    return invalid();
}

HttpResponse WebSite::card(const std::string& token, const std::string& address) {
    auto outcome = pages_.page(token, address);
    switch (outcome.kind) {
        case PageOutcome::Kind::shown:
            outcome.page.replies = outcome.page.replies && options_.replies;
            return html(200, card_page(outcome.page));
        case PageOutcome::Kind::limited:
            return limited(60s);
        case PageOutcome::Kind::unavailable:
            return unavailable();
        case PageOutcome::Kind::invalid:
            break;
    }
    return invalid();
}

HttpResponse WebSite::download(const std::string& token, const std::string& address,
                               const HttpRequest& request) {
    auto outcome = pages_.page(token, address);
    if (outcome.kind == PageOutcome::Kind::limited) return limited(60s);
    if (outcome.kind == PageOutcome::Kind::unavailable) return unavailable();
    if (outcome.kind != PageOutcome::Kind::shown) return invalid();
    const auto version = request.query.find("version");
    const bool v3 = version != request.query.end() && version->second == "3.0";
    HttpResponse response{
        200,
        "text/vcard; charset=utf-8",
        vcard::write_vcard_text(outcome.page.card, v3 ? vcard::Version::v30 : vcard::Version::v40),
        {}};
    response.headers.emplace_back(
        "Content-Disposition",
        "attachment; filename=\"" + file_name(outcome.page.card.formatted_name()) + "\"");
    return response;
}

HttpResponse WebSite::reply(const std::string& token, const std::string& address,
                            const HttpRequest& request) {
    if (!options_.replies) return invalid();
    if (request.body_too_large) {
        return html(413, message_page("Too much", "The form is larger than this service takes."));
    }
    const auto type = request.headers.find("content-type");
    auto fields = type != request.headers.end() &&
                          type->second.rfind("application/x-www-form-urlencoded", 0) == 0
                      ? parse_form(request.body)
                      : std::nullopt;
    if (!fields) {
        return html(400, message_page("Not a form", "The request did not carry the page's form."));
    }
    auto form = check_reply(*fields);
    if (!form.errors.empty()) {
        auto outcome = pages_.page(token, address);
        if (outcome.kind != PageOutcome::Kind::shown) return invalid();
        return html(400, card_page(outcome.page, form));
    }
    const auto sent = pages_.reply(token, address, reply_card(form, "urn:uuid:" + random_id()));
    switch (sent.kind) {
        case ReplyOutcome::Kind::sent:
            return html(200, sent_page(sent.owner_name));
        case ReplyOutcome::Kind::limited:
            return limited(60s);
        case ReplyOutcome::Kind::unavailable:
            return unavailable();
        case ReplyOutcome::Kind::refused: {
            auto outcome = pages_.page(token, address);
            if (outcome.kind != PageOutcome::Kind::shown) return invalid();
            form.errors[""] = sent.why;
            return html(400, card_page(outcome.page, form));
        }
        case ReplyOutcome::Kind::not_offered:
        case ReplyOutcome::Kind::invalid:
            break;
    }
    return invalid();
}

std::string WebSite::address_of(const HttpRequest& request) const {
    if (options_.trust_forwarded_for) {
        const auto it = request.headers.find("x-forwarded-for");
        if (it != request.headers.end() && !it->second.empty()) {
            const auto comma = it->second.rfind(',');
            std::string last =
                comma == std::string::npos ? it->second : it->second.substr(comma + 1);
            const auto first = last.find_first_not_of(' ');
            return first == std::string::npos ? request.client_address : last.substr(first);
        }
    }
    return request.client_address;
}

std::optional<protocol::Timestamp> WebSite::admit(const std::string& address) {
    std::lock_guard lock(limiter_mutex_);
    return limiter_.admit(address, now_());
}

}  // namespace cardex::component::web
