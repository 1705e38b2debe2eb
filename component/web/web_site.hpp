// WebSite: the pages cardexd serves for its tokens (the draft's "A Web Page for Every
// Scanner"), as a handler of HTTP requests:
//
//   GET  /c/TOKEN                  the owner's card of the token's set (200), else the one
//                                  page for every token that cannot be used (404)
//   GET  /c/TOKEN/card.vcf         that card as vCard 4.0 (?version=3.0: 3.0), as a download
//   POST /c/TOKEN/reply            the form: a card sent back to the owner
//   GET  /style.css                the stylesheet
//
// Every response carries strict headers (a Content-Security-Policy that allows no script and
// nothing from elsewhere, no framing, no referrer, no sniffing) and no cookie. Requests are
// limited per client address (the TCP peer, or with trust_forwarded_for the proxy's
// X-Forwarded-For); a body over the limit gets 413. The cards and the sending come from a
// TokenPages, the card service's side, which may block.
#pragma once

#include <cstdint>
#include <mutex>
#include <optional>
#include <string>

#include "component/service/rate_limiter.hpp"
#include "component/web/card_page.hpp"
#include "component/web/http_server.hpp"

namespace cardex::component::web {

struct PageOutcome {
    enum class Kind { shown, invalid, limited, unavailable };
    Kind kind = Kind::invalid;
    PageCard page;
};

struct ReplyOutcome {
    enum class Kind { sent, invalid, not_offered, limited, refused, unavailable };
    Kind kind = Kind::invalid;
    std::string owner_name;  // when sent
    std::string why;         // when refused: for the visitor
};

// The card service's side of the pages. Calls come from the HTTP threads and may block.
class TokenPages {
  public:
    virtual ~TokenPages() = default;
    // The card behind `token` for a visitor at `address`; an unusable token counts as a failed
    // attempt of that address.
    virtual PageOutcome page(const std::string& token, const std::string& address) = 0;
    // Sends `card` (made from the form) to the token's owner, taking one use.
    virtual ReplyOutcome reply(const std::string& token, const std::string& address,
                               const vcard::Card& card) = 0;
};

struct WebOptions {
    std::uint64_t requests_per_minute = 60;  // per client address; 0: no limit
    bool trust_forwarded_for = false;        // the address is the proxy's X-Forwarded-For
    bool replies = true;                     // whether the form is offered at all
};

class WebSite {
  public:
    WebSite(TokenPages& pages, WebOptions options, std::function<protocol::Timestamp()> now);

    HttpResponse handle(const HttpRequest& request);

  private:
    HttpResponse route(const HttpRequest& request, const std::string& address);
    HttpResponse card(const std::string& token, const std::string& address);
    HttpResponse download(const std::string& token, const std::string& address,
                          const HttpRequest& request);
    HttpResponse reply(const std::string& token, const std::string& address,
                       const HttpRequest& request);
    std::string address_of(const HttpRequest& request) const;
    std::optional<protocol::Timestamp> admit(const std::string& address);

    TokenPages& pages_;
    WebOptions options_;
    std::function<protocol::Timestamp()> now_;
    std::mutex limiter_mutex_;
    RateLimiter limiter_;
};

}  // namespace cardex::component::web
