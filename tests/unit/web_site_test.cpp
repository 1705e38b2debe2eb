// The tokens' web pages (component/web/): the page of a card, escaped whatever the card holds;
// the form, checked field by field; and the site's routes, answers and headers, with a fake
// card service.
#include "component/web/web_site.hpp"

#include <gtest/gtest.h>

#include "component/web/reply_form.hpp"
#include "core/vcard/reader.hpp"

namespace cardex::component::web {
namespace {

vcard::Card card_of(std::string_view text) {
    auto cards = vcard::read_vcard_text(text);
    EXPECT_TRUE(cards.errors.empty());
    return cards.cards.at(0);
}

const vcard::Card kAlice = card_of(
    "BEGIN:VCARD\r\nVERSION:4.0\r\nUID:urn:uuid:1\r\nFN:Alice Example\r\nTITLE:Head of Sales\r\n"
    "ORG:Example Widgets GmbH\r\nTEL;TYPE=work:+49 30 1234567\r\nEMAIL:alice@example.org\r\n"
    "END:VCARD\r\n");

class FakePages : public TokenPages {
  public:
    PageOutcome page(const std::string& token, const std::string& address) override {
        ++pages;
        last_address = address;
        if (token != "good") return {PageOutcome::Kind::invalid, {}};
        return {PageOutcome::Kind::shown,
                {card, token, "xmpp:cards.a.test?bizcard;token=good", replies}};
    }
    ReplyOutcome reply(const std::string& token, const std::string&,
                       const vcard::Card& sent) override {
        if (token != "good") return {ReplyOutcome::Kind::invalid, "", ""};
        received.push_back(sent);
        return {ReplyOutcome::Kind::sent, "Alice Example", ""};
    }

    vcard::Card card = kAlice;
    bool replies = true;
    int pages = 0;
    std::string last_address;
    std::vector<vcard::Card> received;
};

class WebSiteTest : public ::testing::Test {
  protected:
    HttpResponse get(const std::string& path, std::map<std::string, std::string> query = {}) {
        HttpRequest request;
        request.method = "GET";
        request.path = path;
        request.query = std::move(query);
        request.client_address = "192.0.2.1";
        return site.handle(request);
    }
    HttpResponse post(const std::string& path, const std::string& body,
                      const std::string& type = "application/x-www-form-urlencoded") {
        HttpRequest request;
        request.method = "POST";
        request.path = path;
        request.headers["content-type"] = type;
        request.body = body;
        request.client_address = "192.0.2.1";
        return site.handle(request);
    }
    static std::string header(const HttpResponse& r, const std::string& name) {
        for (const auto& [n, v] : r.headers) {
            if (n == name) return v;
        }
        return "";
    }

    FakePages pages;
    WebOptions options;
    protocol::Timestamp now{std::chrono::milliseconds(1'795'000'000'000)};
    WebSite site{pages, options, [this] { return now; }};
};

TEST_F(WebSiteTest, ThePageShowsTheCardWithItsLinksAndStrictHeaders) {
    const auto r = get("/c/good");
    EXPECT_EQ(r.status, 200);
    EXPECT_NE(r.body.find("<h1>Alice Example</h1>"), std::string::npos) << r.body;
    EXPECT_NE(r.body.find("Head of Sales"), std::string::npos);
    EXPECT_NE(r.body.find("href=\"tel:+49301234567\""), std::string::npos);
    EXPECT_NE(r.body.find("href=\"mailto:alice@example.org\""), std::string::npos);
    EXPECT_NE(r.body.find("href=\"/c/good/card.vcf\""), std::string::npos);
    EXPECT_NE(r.body.find("href=\"xmpp:cards.a.test?bizcard;token=good\""), std::string::npos);
    EXPECT_NE(r.body.find("action=\"/c/good/reply\""), std::string::npos);
    EXPECT_EQ(r.body.find("<script"), std::string::npos);
    EXPECT_EQ(r.body.find("style=\""), std::string::npos) << "no inline style";
    EXPECT_NE(header(r, "Content-Security-Policy").find("default-src 'none'"), std::string::npos);
    EXPECT_EQ(header(r, "Content-Security-Policy").find("unsafe-inline"), std::string::npos);
    EXPECT_EQ(header(r, "X-Frame-Options"), "DENY");
    EXPECT_EQ(header(r, "Referrer-Policy"), "no-referrer");
    EXPECT_EQ(header(r, "Set-Cookie"), "");
}

TEST_F(WebSiteTest, EveryUnusableTokenGetsTheSame404) {
    const auto unknown = get("/c/bad");
    const auto malformed = get("/c/%3Cscript%3E");
    const auto deeper = get("/c/bad/card.vcf");
    EXPECT_EQ(unknown.status, 404);
    EXPECT_EQ(malformed.status, 404);
    EXPECT_EQ(deeper.status, 404);
    EXPECT_EQ(unknown.body, malformed.body);
    EXPECT_EQ(unknown.body, deeper.body);
    EXPECT_NE(unknown.body.find("no longer valid"), std::string::npos);
}

TEST_F(WebSiteTest, AHostileCardIsShownAsInertText) {
    pages.card = card_of(
        "BEGIN:VCARD\r\nVERSION:4.0\r\nFN:<script>alert(1)</script>\r\n"
        "TITLE:\"><img src=x onerror=alert(2)>\r\nNOTE:</p><iframe src=//evil>\r\n"
        "EMAIL:a\"onmouseover=\"alert(3)@x.org\r\nURL:javascript:alert(4)\r\n"
        "PHOTO:https://evil.example/track.png\r\nEND:VCARD\r\n");
    const auto r = get("/c/good");
    EXPECT_EQ(r.body.find("<script>"), std::string::npos);
    EXPECT_EQ(r.body.find("<img src=x"), std::string::npos);
    EXPECT_EQ(r.body.find("<iframe"), std::string::npos);
    EXPECT_EQ(r.body.find("\"onmouseover"), std::string::npos);
    EXPECT_EQ(r.body.find("javascript:"), std::string::npos) << "only http(s) links";
    EXPECT_EQ(r.body.find("evil.example"), std::string::npos) << "no image from elsewhere";
    EXPECT_NE(r.body.find("&lt;script&gt;alert(1)&lt;/script&gt;"), std::string::npos);
}

TEST_F(WebSiteTest, TheCardDownloadsAsVcard4Or3) {
    auto r = get("/c/good/card.vcf");
    EXPECT_EQ(r.status, 200);
    EXPECT_EQ(r.content_type, "text/vcard; charset=utf-8");
    EXPECT_EQ(header(r, "Content-Disposition"), "attachment; filename=\"Alice Example.vcf\"");
    EXPECT_NE(r.body.find("VERSION:4.0"), std::string::npos);
    auto read = vcard::read_vcard_text(r.body);
    ASSERT_EQ(read.cards.size(), 1u);
    EXPECT_TRUE(read.errors.empty());
    EXPECT_EQ(read.cards.at(0).formatted_name(), "Alice Example");
    r = get("/c/good/card.vcf", {{"version", "3.0"}});
    EXPECT_NE(r.body.find("VERSION:3.0"), std::string::npos);
}

TEST_F(WebSiteTest, AFormSendsACardBack) {
    const auto r = post("/c/good/reply",
                        "name=Bob+Beispiel&phone=%2B41+79+555+01+23&email=bob%40example.org&org="
                        "Beispiel+AG&note=Met+at+the+fair");
    EXPECT_EQ(r.status, 200) << r.body;
    EXPECT_NE(r.body.find("sent to Alice Example"), std::string::npos);
    ASSERT_EQ(pages.received.size(), 1u);
    const auto& card = pages.received[0];
    EXPECT_EQ(card.formatted_name(), "Bob Beispiel");
    EXPECT_EQ(card.phones().at(0).number, "+41 79 555 01 23");
    EXPECT_EQ(card.emails().at(0).address, "bob@example.org");
    EXPECT_EQ(card.note(), "Met at the fair");
    EXPECT_EQ(card.uid().rfind("urn:uuid:", 0), 0u);
}

TEST_F(WebSiteTest, AWrongFormSaysWhichFieldAndSendsNothing) {
    auto r = post("/c/good/reply", "name=&email=nobody&phone=call+me");
    EXPECT_EQ(r.status, 400);
    EXPECT_NE(r.body.find("your name, please"), std::string::npos);
    EXPECT_NE(r.body.find("name@example.org"), std::string::npos);
    EXPECT_NE(r.body.find("a phone number has digits"), std::string::npos);
    EXPECT_NE(r.body.find("value=\"call me\""), std::string::npos) << "what was typed is kept";
    r = post("/c/good/reply", "name=" + std::string(201, 'x'));
    EXPECT_EQ(r.status, 400);
    EXPECT_NE(r.body.find("at most 200 characters"), std::string::npos);
    r = post("/c/good/reply", "name=%ZZ");
    EXPECT_EQ(r.status, 400);
    r = post("/c/good/reply", "{\"name\":\"x\"}", "application/json");
    EXPECT_EQ(r.status, 400);
    EXPECT_TRUE(pages.received.empty());
}

TEST_F(WebSiteTest, WithoutRepliesThereIsNoForm) {
    pages.replies = false;
    EXPECT_EQ(get("/c/good").body.find("<form"), std::string::npos);
}

TEST_F(WebSiteTest, ABodyOverTheLimitIsRefused) {
    HttpRequest request;
    request.method = "POST";
    request.path = "/c/good/reply";
    request.body_too_large = true;
    EXPECT_EQ(site.handle(request).status, 413);
}

TEST_F(WebSiteTest, RequestsAreLimitedPerAddress) {
    WebOptions few;
    few.requests_per_minute = 3;
    WebSite limited(pages, few, [this] { return now; });
    HttpRequest request;
    request.method = "GET";
    request.path = "/c/good";
    request.client_address = "192.0.2.7";
    for (int i = 0; i < 3; ++i)
        EXPECT_EQ(limited.handle(request).status, 200);
    const auto refused = limited.handle(request);
    EXPECT_EQ(refused.status, 429);
    EXPECT_FALSE(header(refused, "Retry-After").empty());
    request.client_address = "192.0.2.8";
    EXPECT_EQ(limited.handle(request).status, 200) << "another address";
}

TEST_F(WebSiteTest, TheForwardedAddressCountsOnlyWhenTrusted) {
    HttpRequest request;
    request.method = "GET";
    request.path = "/c/good";
    request.client_address = "127.0.0.1";
    request.headers["x-forwarded-for"] = "198.51.100.9, 203.0.113.5";
    site.handle(request);
    EXPECT_EQ(pages.last_address, "127.0.0.1");
    WebOptions trusting;
    trusting.trust_forwarded_for = true;
    WebSite behind_proxy(pages, trusting, [this] { return now; });
    behind_proxy.handle(request);
    EXPECT_EQ(pages.last_address, "203.0.113.5") << "the address the proxy saw";
}

TEST(WebForm, DecodingRefusesWhatIsNotAForm) {
    EXPECT_EQ(parse_form("a=1&b=x+y%21")->at("b"), "x y!");
    EXPECT_FALSE(parse_form("a=%2"));
    EXPECT_FALSE(parse_form("a=%FF%FE")) << "not UTF-8";
    EXPECT_EQ(parse_form("name=%E5%BC%A0%E4%BC%9F")->at("name"), "\xE5\xBC\xA0\xE4\xBC\x9F");
}

}  // namespace
}  // namespace cardex::component::web
