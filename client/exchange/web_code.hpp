// The web form of a token (xep-draft, "A Web Page for Every Scanner"): a QR code may hold the
// https:// address of the token's web page instead of its xmpp: URI. The page names the
// exchange in its head, <link rel="alternate" href="xmpp:SERVICE?bizcard;token=...">, so a
// client that scanned the address fetches the page once and goes on with that URI, as if it
// had scanned the URI itself. Nothing is sent to the page but a plain GET: the exchange itself
// runs over XMPP, with the service the URI names.
//
// Failure cases, each with its own message: an address that is not http(s); the server does
// not answer, or answers with an error (404 is a code that is no longer valid); a page larger
// than kMaxWebPageBytes; a page that names no card exchange.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "core/protocol/tokens.hpp"
#include "core/result.hpp"

namespace cardex::client::exchange {

inline constexpr std::size_t kMaxWebPageBytes = 256 * 1024;

// True for an address to be fetched rather than read as a token URI.
bool is_web_address(std::string_view text);

// The first token URI a page's HTML names in a <link> or <a> href (the alternate link first),
// with the HTML character references of the attribute decoded.
Result<protocol::TokenUri> exchange_uri_in_page(std::string_view html);

// Fetches `address` (http or https, at most 3 redirects, `timeout_seconds` in all) and returns
// the exchange its page names.
Result<protocol::TokenUri> resolve_web_code(const std::string& address, long timeout_seconds = 20);

}  // namespace cardex::client::exchange
