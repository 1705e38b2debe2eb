// End to end: the web page of a token, served by the federation's cardexd on a.test (as it
// would be behind a reverse proxy), fetched with curl as a browser would: the page shows the
// owner's card with strict headers; "Save to contacts" downloads a vCard our reader reads back;
// the form sends a card back, which reaches the owner over XMPP as via="web" from the service;
// and a revoked or unknown token gets the same 404 page. Then in a real browser (headless
// Chromium): the page of a code made by `cardex qr`, with the card's image, whose form sends a
// card that the owner's `cardex sync` receives; an expired code; and a hostile card.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <random>
#include <thread>

#include "client/qr/png_file.hpp"
#include "client/qr/qr_scan.hpp"
#include "core/protocol/sets.hpp"
#include "core/protocol/tokens.hpp"
#include "core/vcard/reader.hpp"
#include "core/vcard/text_codecs.hpp"
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
    const std::string page = web + "/c/" + token->value;
    EXPECT_EQ(token->web, page) << "the federation's base URL is where its pages are served";

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

bool have_chromium() {
    return std::filesystem::exists("/usr/bin/chromium");
}
constexpr const char* kNoChromium =
    "/usr/bin/chromium is not installed (scripts/install-deps installs it)";

// `cardex qr --set SET --out PNG ...` by `owner`; returns what the code holds.
std::string code_of(const CardexUser& owner, const std::string& set,
                    const std::vector<std::string>& more = {}) {
    const auto png = fresh_directory("code") / "code.png";
    std::vector<std::string> args{"qr", "--set", set, "--out", png.string()};
    args.insert(args.end(), more.begin(), more.end());
    const auto made = owner.run(args);
    EXPECT_EQ(made.exit_code, 0) << describe(made);
    auto held = client::qr::scan_qr_file(png);
    EXPECT_TRUE(held) << (held ? "" : held.error().message);
    return held ? *held : std::string();
}

// A black square as a PNG data: URI, for a card's PHOTO.
std::string black_photo() {
    const auto file = fresh_directory("photo") / "photo.png";
    client::qr::GrayImage image{64, 64, std::vector<std::uint8_t>(64 * 64, 0)};
    EXPECT_TRUE(client::qr::write_png(file, image));
    std::ifstream in(file, std::ios::binary);
    const std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    return "data:image/png;base64," + vcard::encode_base64(bytes);
}

// What someone with a phone and no XMPP client does with the code of `cardex qr`: the camera
// opens the page (the card and its image), "Save to contacts" gives the card, the form sends
// theirs back; the owner's next `cardex sync` brings it, marked as typed into the web page.
TEST(CardWebPage, ACodeOfCardexQrOpensInABrowserAndTheReplyReachesTheOwnersSync) {
    if (!have_chromium()) GTEST_SKIP() << kNoChromium;
    const std::string run = std::to_string(std::random_device{}());
    const std::string name = "Paula Photo " + run;
    const std::string set = "photo-" + run;
    CardexUser owner("ALICE");
    const auto vcf = fresh_directory("owner") / "paula.vcf";
    std::ofstream(vcf, std::ios::binary)
        << "BEGIN:VCARD\r\nVERSION:4.0\r\nFN:" << name
        << "\r\nTITLE:Photographer\r\nPHOTO:" << black_photo() << "\r\nEND:VCARD\r\n";
    ASSERT_EQ(owner.run({"import", vcf.string()}).exit_code, 0);
    ASSERT_EQ(owner.run({"set", "publish", set, name}).exit_code, 0);

    const std::string url = code_of(owner, set);
    ASSERT_TRUE(url.starts_with(Federation::get().var("A_WEB_URL") + "/c/")) << url;
    const auto dom = chromium({"--dump-dom"}, url);
    ASSERT_EQ(dom.exit_code, 0) << dom.output;
    EXPECT_TRUE(contains(dom.output, "<h1>" + name + "</h1>")) << dom.output;
    EXPECT_TRUE(contains(dom.output, "<img class=\"photo\" alt=\"\" src=\"data:image/png;base64,"))
        << dom.output;
    EXPECT_TRUE(contains(dom.output, "Send my card"));

    // The image is drawn, not only named: the page's own colours are never pure black.
    const auto shot = fresh_directory("screenshot") / "page.png";
    const auto taken = chromium({"--window-size=390,844", "--screenshot=" + shot.string()}, url);
    ASSERT_EQ(taken.exit_code, 0) << taken.output;
    auto picture = client::qr::read_png(shot);
    ASSERT_TRUE(picture) << picture.error().message;
    const auto black = std::count_if(picture->pixels.begin(), picture->pixels.end(),
                                     [](std::uint8_t p) { return p < 8; });
    EXPECT_GT(black, 3000) << "the card's photo is not on the screenshot " << shot;

    const auto saved = curl({url + "/card.vcf"});
    const auto read = vcard::read_vcard_text(saved.body);
    ASSERT_EQ(read.cards.size(), 1u) << saved.body;
    EXPECT_EQ(read.cards[0].formatted_name(), name);
    EXPECT_TRUE(read.cards[0].photo()) << "the download keeps the photo";

    const std::string visitor = "Vera Visitor " + run;
    const auto sent =
        curl({"--data-urlencode", "name=" + visitor, "--data-urlencode", "email=vera@example.org",
              "--data-urlencode", "org=Fair Ltd", url + "/reply"});
    EXPECT_TRUE(contains(sent.body, "on its way")) << sent.head << sent.body;
    const auto synced = owner.run({"sync"});
    ASSERT_EQ(synced.exit_code, 0) << describe(synced);
    EXPECT_TRUE(contains(synced.output, visitor)) << synced.output;
    EXPECT_TRUE(contains(synced.output, "typed into the web page")) << synced.output;
    const auto shown = owner.run({"show", visitor});
    ASSERT_EQ(shown.exit_code, 0) << describe(shown);
    EXPECT_TRUE(contains(shown.output, "vera@example.org")) << shown.output;
    EXPECT_TRUE(contains(shown.output, "Fair Ltd")) << shown.output;
    EXPECT_FALSE(contains(owner.run({"sync"}).output, visitor)) << "delivered twice";
}

// An expired code: the browser shows the one page for codes that cannot be used, and a client
// that scans the address says so too.
TEST(CardWebPage, AnExpiredCodeShowsThePageForCodesNoLongerValid) {
    if (!have_chromium()) GTEST_SKIP() << kNoChromium;
    const std::string run = std::to_string(std::random_device{}());
    const std::string set = "brief-" + run;
    CardexUser owner("ALICE");
    const std::string name = "Edda Expired " + run;
    ASSERT_EQ(owner.run({"add", "--name", name}).exit_code, 0);
    ASSERT_EQ(owner.run({"set", "publish", set, name}).exit_code, 0);
    const std::string url = code_of(owner, set, {"--expires", "2s"});
    ASSERT_TRUE(url.starts_with("http")) << url;
    std::this_thread::sleep_for(4s);  // past its expiry, whatever the order of events

    const auto dom = chromium({"--dump-dom"}, url);
    ASSERT_EQ(dom.exit_code, 0) << dom.output;
    EXPECT_TRUE(contains(dom.output, "This code is no longer valid")) << dom.output;
    EXPECT_FALSE(contains(dom.output, name)) << dom.output;
    EXPECT_TRUE(contains(curl({url}).head, "HTTP/1.1 404"));

    CardexUser scanner("BOB");
    const auto scanned = scanner.run({"exchange", url, "--yes", "--receive-only"});
    EXPECT_EQ(scanned.exit_code, 1) << describe(scanned);
    EXPECT_TRUE(contains(scanned.output, "the code is no longer valid (its page answers 404)"))
        << scanned.output;
}

// A card whose every field holds markup and script: the browser shows it as text, runs
// nothing, loads nothing; Chinese text is kept.
TEST(CardWebPage, ABrowserShowsAHostileCardAsInertText) {
    if (!have_chromium()) GTEST_SKIP() << kNoChromium;
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
