#include "client/exchange/web_code.hpp"

#include <curl/curl.h>

#include <memory>
#include <optional>

#include "core/text/ascii.hpp"

namespace cardex::client::exchange {
namespace {

// ---- reading the page ----------------------------------------------------------------------

struct Tag {
    std::string name;  // lower case
    std::string rel;   // as written
    std::string href;  // character references decoded
};

// &amp; &lt; &gt; &quot; &apos; &#N; &#xN; (ASCII only: a token URI is ASCII); anything else
// is kept as written.
std::string decode_references(std::string_view text) {
    std::string out;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const auto end = text.find(';', i);
        if (text[i] != '&' || end == std::string_view::npos || end - i > 8) {
            out += text[i];
            continue;
        }
        const std::string name = lower_ascii(text.substr(i + 1, end - i - 1));
        std::optional<char> c;
        if (name == "amp")
            c = '&';
        else if (name == "lt")
            c = '<';
        else if (name == "gt")
            c = '>';
        else if (name == "quot")
            c = '"';
        else if (name == "apos")
            c = '\'';
        else if (name.size() > 1 && name[0] == '#') {
            const bool hex = name[1] == 'x';
            try {
                const unsigned long code =
                    std::stoul(name.substr(hex ? 2 : 1), nullptr, hex ? 16 : 10);
                if (code > 0 && code < 0x80) c = static_cast<char>(code);
            } catch (const std::exception&) {
            }
        }
        if (!c) {
            out += text[i];
            continue;
        }
        out += *c;
        i = end;
    }
    return out;
}

bool is_space(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
}

// Reads the tag starting at html[at] == '<' up to its '>'; `at` ends after it.
Tag read_tag(std::string_view html, std::size_t& at) {
    Tag tag;
    std::size_t i = at + 1;
    while (i < html.size() && !is_space(html[i]) && html[i] != '>' && html[i] != '/')
        tag.name += html[i++];
    tag.name = lower_ascii(tag.name);
    while (i < html.size() && html[i] != '>') {
        if (is_space(html[i]) || html[i] == '/') {
            ++i;
            continue;
        }
        std::string attribute;
        while (i < html.size() && !is_space(html[i]) && html[i] != '=' && html[i] != '>')
            attribute += html[i++];
        std::string value;
        if (i < html.size() && html[i] == '=') {
            ++i;
            if (i < html.size() && (html[i] == '"' || html[i] == '\'')) {
                const char quote = html[i++];
                const auto close = html.find(quote, i);
                const auto stop = close == std::string_view::npos ? html.size() : close;
                value = html.substr(i, stop - i);
                i = stop + 1;
            } else {
                while (i < html.size() && !is_space(html[i]) && html[i] != '>')
                    value += html[i++];
            }
        }
        attribute = lower_ascii(attribute);
        if (attribute == "rel") tag.rel = lower_ascii(value);
        if (attribute == "href") tag.href = decode_references(value);
    }
    at = i + 1;
    return tag;
}

bool has_word(const std::string& words, std::string_view word) {
    std::size_t i = 0;
    while (i < words.size()) {
        while (i < words.size() && is_space(words[i]))
            ++i;
        std::size_t end = i;
        while (end < words.size() && !is_space(words[end]))
            ++end;
        if (std::string_view(words).substr(i, end - i) == word) return true;
        i = end;
    }
    return false;
}

// ---- fetching it -----------------------------------------------------------------------------

struct Download {
    std::string body;
    bool too_large = false;
};

std::size_t collect(char* data, std::size_t size, std::size_t count, void* user) {
    auto* download = static_cast<Download*>(user);
    const std::size_t n = size * count;
    if (download->body.size() + n > kMaxWebPageBytes) {
        download->too_large = true;
        return 0;  // ends the transfer with CURLE_WRITE_ERROR
    }
    download->body.append(data, n);
    return n;
}

struct CurlDeleter {
    void operator()(CURL* curl) const { curl_easy_cleanup(curl); }
};

}  // namespace

bool is_web_address(std::string_view text) {
    const std::string lower = lower_ascii(text.substr(0, 8));
    return lower.starts_with("https://") || lower.starts_with("http://");
}

Result<protocol::TokenUri> exchange_uri_in_page(std::string_view html) {
    std::optional<protocol::TokenUri> alternate, anchor;
    for (std::size_t at = html.find('<'); at != std::string_view::npos; at = html.find('<', at)) {
        if (html.substr(at, 4) == "<!--") {
            const auto end = html.find("-->", at);
            if (end == std::string_view::npos) break;
            at = end + 3;
            continue;
        }
        const Tag tag = read_tag(html, at);
        if (tag.href.empty() || (tag.name != "link" && tag.name != "a")) continue;
        auto uri = protocol::parse_token_uri(tag.href);
        if (!uri) continue;
        if (tag.name == "link" && has_word(tag.rel, "alternate")) {
            alternate = *uri;
            break;
        }
        if (!anchor) anchor = *uri;
    }
    if (alternate) return *alternate;
    if (anchor) return *anchor;
    return make_error(
        "the page names no card exchange (no link to xmpp:SERVICE?bizcard;token=...)");
}

Result<protocol::TokenUri> resolve_web_code(const std::string& address, long timeout_seconds) {
    if (!is_web_address(address))
        return make_error("'" + address + "' is not a web address (http:// or https://)");
    std::unique_ptr<CURL, CurlDeleter> curl(curl_easy_init());
    if (!curl) return make_error("cannot start a web request (libcurl failed to initialise)");
    Download download;
    char error[CURL_ERROR_SIZE] = "";
    curl_easy_setopt(curl.get(), CURLOPT_URL, address.c_str());
    curl_easy_setopt(curl.get(), CURLOPT_PROTOCOLS_STR, "http,https");
    curl_easy_setopt(curl.get(), CURLOPT_REDIR_PROTOCOLS_STR, "http,https");
    curl_easy_setopt(curl.get(), CURLOPT_FOLLOWLOCATION, 1L);
    curl_easy_setopt(curl.get(), CURLOPT_MAXREDIRS, 3L);
    curl_easy_setopt(curl.get(), CURLOPT_TIMEOUT, timeout_seconds);
    curl_easy_setopt(curl.get(), CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(curl.get(), CURLOPT_USERAGENT, "cardex");
    curl_easy_setopt(curl.get(), CURLOPT_WRITEFUNCTION, &collect);
    curl_easy_setopt(curl.get(), CURLOPT_WRITEDATA, &download);
    curl_easy_setopt(curl.get(), CURLOPT_ERRORBUFFER, error);
    const CURLcode code = curl_easy_perform(curl.get());
    if (download.too_large) {
        return make_error("the page at " + address + " is larger than " +
                          std::to_string(kMaxWebPageBytes / 1024) +
                          " KiB; it is not a card's page");
    }
    if (code != CURLE_OK) {
        return make_error("cannot fetch " + address + ": " +
                          (error[0] != '\0' ? std::string(error) : curl_easy_strerror(code)));
    }
    long status = 0;
    curl_easy_getinfo(curl.get(), CURLINFO_RESPONSE_CODE, &status);
    if (status == 404 || status == 410)
        return make_error("the code is no longer valid (its page answers " +
                          std::to_string(status) + "): ask its owner for a new one");
    if (status != 200)
        return make_error("the page at " + address + " answered HTTP " + std::to_string(status));
    auto uri = exchange_uri_in_page(download.body);
    if (!uri) return make_error(address + ": " + uri.error().message);
    return uri;
}

}  // namespace cardex::client::exchange
