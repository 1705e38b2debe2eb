// End to end: the web page of a token, served by the federation's cardexd on a.test (as it
// would be behind a reverse proxy), fetched with curl as a browser would: the page shows the
// owner's card with strict headers; "Save to contacts" downloads a vCard our reader reads back;
// the form sends a card back, which reaches the owner over XMPP as via="web" from the service;
// and a revoked or unknown token gets the same 404 page.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <random>

#include "core/protocol/sets.hpp"
#include "core/protocol/tokens.hpp"
#include "core/vcard/reader.hpp"
#include "tests/integration/card_client.hpp"
#include "tests/integration/cardex_user.hpp"
#include "tests/integration/federation_env.hpp"
#include "tests/integration/process.hpp"

namespace cardex::testing {
namespace {

using namespace std::chrono_literals;

struct Fetched {
    std::string head;  // status line and headers
    std::string body;
};

Fetched curl(std::vector<std::string> arguments) {
    std::vector<std::string> argv = {"/usr/bin/curl", "-sS", "-i", "--noproxy", "*",
                                     "--max-time",    "30"};
    argv.insert(argv.end(), arguments.begin(), arguments.end());
    const auto outcome = run_command(argv, {}, 40s);
    EXPECT_EQ(outcome.exit_code, 0) << outcome.output;
    const auto split = outcome.output.find("\r\n\r\n");
    if (split == std::string::npos) return {outcome.output, ""};
    return {outcome.output.substr(0, split), outcome.output.substr(split + 4)};
}

xmpp::Iq ask(CardClient& client, xmpp::IqType type, xml::Element payload) {
    auto answer = client.request(Federation::get().var("A_SERVICE"), type, std::move(payload));
    EXPECT_TRUE(answer) << (answer ? "" : answer.error().message);
    return answer ? *answer : xmpp::Iq{};
}

TEST(CardWebPage, ShowsTheCardDownloadsItAndTakesACardBack) {
    const std::string run = std::to_string(std::random_device{}());
    const std::string set = "web-" + run;
    const std::string web = Federation::get().var("A_WEB_URL");
    CardClient alice("ALICE");
    ASSERT_TRUE(alice.connect()) << alice.last_error();
    const auto owner_card = test_card("Alice Web " + run, "urn:uuid:web-" + run);
    ASSERT_EQ(
        ask(alice, xmpp::IqType::set, protocol::serialize(protocol::Publish{set, owner_card})).type,
        xmpp::IqType::result);
    auto created = ask(alice, xmpp::IqType::set,
                       protocol::serialize(protocol::CreateToken{set, std::nullopt, 5, true}));
    ASSERT_EQ(created.type, xmpp::IqType::result);
    auto token = protocol::parse_token(*created.payload);
    ASSERT_TRUE(token) << token.error().message;
    EXPECT_EQ(token->web, "https://" + Federation::get().var("A_SERVICE") + "/c/" + token->value);
    const std::string page = web + "/c/" + token->value;

    const auto shown = curl({page});
    EXPECT_TRUE(contains(shown.head, "HTTP/1.1 200")) << shown.head;
    EXPECT_TRUE(contains(shown.head, "Content-Security-Policy: default-src 'none'")) << shown.head;
    EXPECT_TRUE(contains(shown.head, "X-Frame-Options: DENY"));
    EXPECT_FALSE(contains(shown.head, "Set-Cookie"));
    EXPECT_TRUE(contains(shown.body, "<h1>Alice Web " + run + "</h1>")) << shown.body;
    EXPECT_TRUE(contains(shown.body, "xmpp:" + Federation::get().var("A_SERVICE") +
                                         "?bizcard;token=" + token->value));

    const auto download = curl({page + "/card.vcf"});
    EXPECT_TRUE(contains(download.head, "Content-Type: text/vcard")) << download.head;
    const auto read = vcard::read_vcard_text(download.body);
    ASSERT_EQ(read.cards.size(), 1u) << download.body;
    EXPECT_EQ(read.cards[0].formatted_name(), "Alice Web " + run);
    EXPECT_EQ(read.cards[0].uid(), "urn:uuid:web-" + run);

    const auto sent = curl({"--data-urlencode", "name=Visitor " + run, "--data-urlencode",
                            "phone=+41 79 555 01 23", "--data-urlencode", "note=Met at the fair",
                            page + "/reply"});
    EXPECT_TRUE(contains(sent.head, "HTTP/1.1 200")) << sent.head << sent.body;
    EXPECT_TRUE(contains(sent.body, "on its way"));
    const protocol::CardDelivery* received = nullptr;
    ASSERT_TRUE(alice.run_until(
        [&] {
            for (const auto& [key, card] : alice.cards()) {
                if (card.delivery.card.formatted_name() == "Visitor " + run)
                    received = &card.delivery;
            }
            return received != nullptr;
        },
        60s))
        << "the card from the web page did not reach alice";
    EXPECT_EQ(received->via, protocol::Via::web);
    EXPECT_EQ(received->from.bare_str(), Federation::get().var("A_SERVICE"));
    EXPECT_EQ(received->card.note(), "Met at the fair");
    auto acked = alice.ack(Federation::get().var("A_SERVICE"), received->id);
    ASSERT_TRUE(acked && acked->ok());

    auto listed = ask(alice, xmpp::IqType::get, protocol::serialize(protocol::TokensQuery{}));
    auto tokens = protocol::parse_tokens_result(*listed.payload);
    ASSERT_TRUE(tokens);
    for (const auto& t : tokens->tokens) {
        if (t.value == token->value) {
            EXPECT_EQ(t.uses_left, 4u) << "the reply took one use";
        }
    }

    ASSERT_EQ(
        ask(alice, xmpp::IqType::set, protocol::serialize(protocol::RevokeToken{token->value}))
            .type,
        xmpp::IqType::result);
    const auto revoked = curl({page});
    const auto unknown = curl({web + "/c/AAAAAAAAAAAAAAAAAAAAAA"});
    EXPECT_TRUE(contains(revoked.head, "HTTP/1.1 404")) << revoked.head;
    EXPECT_TRUE(contains(unknown.head, "HTTP/1.1 404"));
    EXPECT_EQ(revoked.body, unknown.body) << "a revoked and an unknown token look the same";
    EXPECT_FALSE(contains(revoked.body, "Alice Web"));
}

// Headless Chromium, as a phone's browser would open the page: its DOM after rendering, or a
// screenshot at a phone's size.
CommandOutcome chromium(const std::vector<std::string>& what, const std::string& url) {
    std::vector<std::string> argv = {
        "/usr/bin/chromium", "--headless",
        "--no-sandbox",      "--disable-gpu",
        "--no-first-run",    "--user-data-dir=" + fresh_directory("chromium").string()};
    argv.insert(argv.end(), what.begin(), what.end());
    argv.push_back(url);
    return run_command(argv, {}, 120s);
}

// A card whose every field holds markup and script: the browser shows it as text, runs
// nothing, loads nothing; Chinese text is kept.
TEST(CardWebPage, ABrowserShowsAHostileCardAsInertText) {
    if (!std::filesystem::exists("/usr/bin/chromium")) {
        GTEST_SKIP() << "/usr/bin/chromium is not installed (scripts/install-deps installs it)";
    }
    const std::string run = std::to_string(std::random_device{}());
    const std::string set = "hostile-" + run;
    CardClient alice("ALICE");
    ASSERT_TRUE(alice.connect()) << alice.last_error();
    auto card = test_card("<script>document.title='owned'</script>\xE5\xBC\xA0\xE4\xBC\x9F " + run,
                          "urn:uuid:hostile-" + run);
    card.properties.push_back(
        {"", "TITLE", {}, "text", {{"\"><img src=x onerror=\"document.title='owned'\">"}}});
    card.properties.push_back(
        {"", "NOTE", {}, "text", {{"</p><iframe src=\"https://example.org\">"}}});
    ASSERT_EQ(ask(alice, xmpp::IqType::set, protocol::serialize(protocol::Publish{set, card})).type,
              xmpp::IqType::result);
    auto created = ask(alice, xmpp::IqType::set,
                       protocol::serialize(protocol::CreateToken{set, std::nullopt, 5, true}));
    auto token = protocol::parse_token(*created.payload);
    ASSERT_TRUE(token) << token.error().message;
    const std::string url = Federation::get().var("A_WEB_URL") + "/c/" + token->value;

    const auto dom = chromium({"--dump-dom"}, url);
    ASSERT_EQ(dom.exit_code, 0) << dom.output;
    EXPECT_TRUE(contains(dom.output, "\xE5\xBC\xA0\xE4\xBC\x9F " + run)) << dom.output;
    EXPECT_TRUE(contains(dom.output, "&lt;script&gt;document.title='owned'&lt;/script&gt;"))
        << dom.output;
    EXPECT_FALSE(contains(dom.output, "<script")) << "a script element was made";
    EXPECT_FALSE(contains(dom.output, "<img src=\"x\"")) << "an image element was made";
    EXPECT_FALSE(contains(dom.output, "<iframe")) << "a frame was made";
    EXPECT_FALSE(contains(dom.output, "<title>owned")) << "the card's script ran";
    EXPECT_TRUE(contains(dom.output, "Save to contacts"));

    const auto shot = fresh_directory("screenshot") / "page.png";
    const auto taken = chromium({"--window-size=390,844", "--screenshot=" + shot.string()}, url);
    ASSERT_EQ(taken.exit_code, 0) << taken.output;
    std::ifstream png(shot, std::ios::binary);
    std::string signature(8, '\0');
    png.read(signature.data(), 8);
    EXPECT_EQ(signature, "\x89PNG\r\n\x1a\n") << "no screenshot at " << shot;
    EXPECT_GT(std::filesystem::file_size(shot), 5000u) << "an empty page";
}

}  // namespace
}  // namespace cardex::testing
