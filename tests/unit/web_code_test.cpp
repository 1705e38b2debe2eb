// A QR code holding the address of a token's web page (client/exchange/web_code.hpp): the
// exchange is read from the page's alternate link (from our own page and from pages written
// differently), and fetched from a real HTTP server on loopback: a page, a redirect, a code
// that is no longer valid, a page too large, and addresses that cannot be fetched.
#include "client/exchange/web_code.hpp"

#include <gtest/gtest.h>

#include "component/web/card_page.hpp"
#include "component/web/http_server.hpp"
#include "core/vcard/reader.hpp"

namespace cardex::client::exchange {
namespace {

const std::string kToken = "K2nCb02UV6mUZuAByZeB9A";
const std::string kUri = "xmpp:cards.a.test?bizcard;token=" + kToken;

std::string found(std::string_view html) {
    auto uri = exchange_uri_in_page(html);
    if (!uri) return "error: " + uri.error().message;
    return protocol::token_uri(uri->service, uri->token);
}

TEST(WebCode, ReadsTheExchangeFromOurOwnPage) {
    auto card = vcard::read_vcard_text(
        "BEGIN:VCARD\r\nVERSION:4.0\r\nUID:urn:uuid:1\r\nFN:Alice\r\nEND:VCARD\r\n");
    ASSERT_EQ(card.cards.size(), 1u);
    const std::string page = component::web::card_page({card.cards[0], kToken, kUri, true});
    EXPECT_EQ(found(page), kUri);
}

TEST(WebCode, PrefersTheAlternateLinkAndDecodesTheAttribute) {
    const std::string other = "xmpp:cards.b.test?bizcard;token=" + std::string(22, 'b');
    EXPECT_EQ(
        found("<a href=\"" + other + "\">x</a><LINK REL='icon alternate' HREF='" + kUri + "'>"),
        kUri);
    EXPECT_EQ(found("<a href=\"" + other + "\">x</a>"), other) << "a link in the body will do";
    EXPECT_EQ(found("<link rel=alternate href=xmpp:cards.a.test?bizcard&#59;token=" + kToken + ">"),
              kUri);
    EXPECT_EQ(found("<link rel=\"alternate\" href=\"xmpp:cards.a.test?bizcard&#x3B;token=" +
                    kToken + "\">"),
              kUri);
}

TEST(WebCode, SaysSoWhenThePageNamesNoExchange) {
    const std::string none = "error: the page names no card exchange";
    EXPECT_TRUE(found("<html><body>Hello</body></html>").starts_with(none));
    EXPECT_TRUE(found("<a href=\"xmpp:alice@a.test\">chat</a>").starts_with(none));
    EXPECT_TRUE(found("<!-- <link rel=\"alternate\" href=\"" + kUri + "\"> -->").starts_with(none))
        << "a link in a comment is no link";
    EXPECT_TRUE(found("<p>" + kUri + "</p>").starts_with(none)) << "text is not a link";
    EXPECT_TRUE(found("<link rel=\"alternate\" href=\"" + kUri.substr(0, 30)).starts_with(none));
    EXPECT_TRUE(found("").starts_with(none));
}

TEST(WebCode, KnowsAWebAddress) {
    EXPECT_TRUE(is_web_address("https://cards.example.org/c/x"));
    EXPECT_TRUE(is_web_address("HTTP://127.0.0.1:5380/c/x"));
    EXPECT_FALSE(is_web_address(kUri));
    EXPECT_FALSE(is_web_address("ftp://example.org/"));
    EXPECT_FALSE(is_web_address("http"));
}

// A web server on loopback answering each path as set up.
class WebCodeServer : public ::testing::Test {
  protected:
    component::web::HttpServer server{
        "127.0.0.1", 0, 1024, [](const component::web::HttpRequest& request) {
            component::web::HttpResponse response;
            if (request.path == "/c/good") {
                response.body = "<html><head><link rel=\"alternate\" href=\"" + kUri +
                                "\"></head><body>Alice</body></html>";
            } else if (request.path == "/short") {
                response.status = 302;
                response.headers.emplace_back("Location", "/c/good");
            } else if (request.path == "/huge") {
                response.body = std::string(kMaxWebPageBytes + 1, 'x');
            } else if (request.path == "/broken") {
                response.status = 500;
            } else {
                response.status = 404;
                response.body = "This code is no longer valid";
            }
            return response;
        }};

    std::string at(const std::string& path) const {
        return "http://127.0.0.1:" + std::to_string(server.port()) + path;
    }
};

TEST_F(WebCodeServer, FetchesThePageAndFollowsARedirect) {
    auto direct = resolve_web_code(at("/c/good"));
    ASSERT_TRUE(direct) << direct.error().message;
    EXPECT_EQ(direct->service.str(), "cards.a.test");
    EXPECT_EQ(direct->token, kToken);
    auto redirected = resolve_web_code(at("/short"));
    ASSERT_TRUE(redirected) << redirected.error().message;
    EXPECT_EQ(redirected->token, kToken);
}

TEST_F(WebCodeServer, NamesWhatWentWrong) {
    EXPECT_EQ(resolve_web_code(at("/c/expired")).error().message,
              "the code is no longer valid (its page answers 404): ask its owner for a new one");
    EXPECT_EQ(resolve_web_code(at("/huge")).error().message,
              "the page at " + at("/huge") + " is larger than 256 KiB; it is not a card's page");
    EXPECT_EQ(resolve_web_code(at("/broken")).error().message,
              "the page at " + at("/broken") + " answered HTTP 500");
    EXPECT_EQ(resolve_web_code("ftp://127.0.0.1/").error().message,
              "'ftp://127.0.0.1/' is not a web address (http:// or https://)");
}

TEST(WebCode, SaysWhenNothingAnswers) {
    // A port nothing listens on: bound, then released.
    std::uint16_t port = 0;
    {
        component::web::HttpServer closed(
            "127.0.0.1", 0, 16, [](const auto&) { return component::web::HttpResponse{}; });
        port = closed.port();
    }
    const std::string address = "http://127.0.0.1:" + std::to_string(port) + "/c/x";
    auto answer = resolve_web_code(address);
    ASSERT_FALSE(answer);
    EXPECT_TRUE(answer.error().message.starts_with("cannot fetch " + address + ": "))
        << answer.error().message;
}

}  // namespace
}  // namespace cardex::client::exchange
