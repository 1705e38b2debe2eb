// End to end, card sets and the one-step exchange by QR code on the local federation: a user
// of a.test (Prosody, cards.a.test) shows a QR code as a PNG (holding the address of the
// token's web page, which the scanner fetches to find the exchange), a user of b.test
// (ejabberd, cards.b.test) scans it, and each ends up with the other's card exactly once; the
// reverse direction with a code holding the xmpp: URI; receive-only; the same error for every token
// that cannot be used, reported from the preview before anything is sent; a retracted set's codes
// stop working; sending a set and showing it; a Profanity user and a cardex user exchanging both
// ways, a card given back shown in the Profanity user's chat window with the scanner.
#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <random>
#include <thread>

#include "client/qr/qr_scan.hpp"
#include "core/protocol/tokens.hpp"
#include "tests/integration/card_client.hpp"
#include "tests/integration/cardex_user.hpp"
#include "tests/integration/federation_env.hpp"
#include "tests/integration/profanity_user.hpp"

namespace cardex::testing {
namespace {

namespace fs = std::filesystem;
using namespace std::chrono_literals;

const std::string kInvalid =
    "this QR code is not valid any more: it expired, was used up or revoked, or never existed";

// A user whose own card (`cardex me`) is a new contact named `name`, published as set `set`.
void own_card(const CardexUser& user, const std::string& name, const std::string& set) {
    const auto added = user.run(
        {"add", "--name", name, "--email", "qr" + std::to_string(name.size()) + "@example.org"});
    ASSERT_EQ(added.exit_code, 0) << describe(added);
    const auto me = user.run({"me", name});
    ASSERT_EQ(me.exit_code, 0) << describe(me);
    const auto published = user.run({"set", "publish", set});
    ASSERT_EQ(published.exit_code, 0) << describe(published);
    EXPECT_TRUE(contains(published.output, "as set " + set + ", version ")) << published.output;
}

// How many contacts of `user` are named `name`.
std::size_t contacts_named(const CardexUser& user, const std::string& name) {
    const auto listed = user.run({"list", "--json"});
    EXPECT_EQ(listed.exit_code, 0) << describe(listed);
    std::size_t n = 0;
    for (const auto& c : nlohmann::json::parse(listed.output))
        n += c.value("name", "") == name ? 1 : 0;
    return n;
}

// `cardex qr --out PNG` for `set`; returns the URI it printed.
std::string qr_png(const CardexUser& owner, const fs::path& png,
                   const std::vector<std::string>& more = {}) {
    std::vector<std::string> args{"qr", "--out", png.string()};
    args.insert(args.end(), more.begin(), more.end());
    const auto made = owner.run(args);
    EXPECT_EQ(made.exit_code, 0) << describe(made);
    EXPECT_TRUE(fs::exists(png));
    const auto at = made.output.find("xmpp:");
    if (at == std::string::npos) {
        ADD_FAILURE() << made.output;
        return {};
    }
    return made.output.substr(at, made.output.find('\n', at) - at);
}

// The delivery id after "(delivery " in an exchange's summary.
std::string delivery_of(const std::string& output) {
    const std::string marker = "(delivery ";
    const auto at = output.find(marker);
    if (at == std::string::npos) return {};
    const auto start = at + marker.size();
    return output.substr(start, output.find(')', start) - start);
}

// Until the receipt of the delivery has reached the sender: it comes from the token owner's
// card service as a message, which the sender's server keeps until the next login (`sync`);
// `status ID` then shows it acked.
void wait_for_receipt(const CardexUser& sender, const std::string& id) {
    std::string last;
    for (int attempt = 0; attempt < 30; ++attempt) {
        const auto synced = sender.run({"sync"});
        const auto status = sender.run({"status", id});
        last = describe(synced) + "\n" + describe(status);
        if (status.exit_code == 0 && contains(status.output, "  acked")) return;
        std::this_thread::sleep_for(1s);
    }
    ADD_FAILURE() << "no receipt for delivery " << id << "; last: " << last;
}

class CardExchange : public ::testing::Test {
  protected:
    CardExchange() {
        dir = fs::temp_directory_path() / ("cardex-exchange-" + std::to_string(::getpid()));
        fs::create_directories(dir);
    }
    ~CardExchange() override { fs::remove_all(dir); }
    fs::path dir;
};

// Which form of the token the QR code holds: the address of its web page (the default where the
// service has pages, as both of the federation's services do) or the xmpp: URI (qr --xmpp).
enum class Code { web, xmpp };

// Owner on `owner_user`'s server, scanner on the other: the scanner gives its own card.
void exchange_both_ways(const std::string& owner_user, const std::string& scanner_user, Code code,
                        const fs::path& dir) {
    CardexUser owner(owner_user);
    CardexUser scanner(scanner_user);
    const std::string owner_name = unique_name("Olga");
    const std::string scanner_name = unique_name("Sam");
    own_card(owner, owner_name, "work");
    ASSERT_EQ(scanner.run({"add", "--name", scanner_name}).exit_code, 0);
    ASSERT_EQ(scanner.run({"me", scanner_name}).exit_code, 0);

    const fs::path png = dir / (owner_user + ".png");
    const std::string uri = qr_png(
        owner, png,
        code == Code::xmpp ? std::vector<std::string>{"--xmpp"} : std::vector<std::string>{});
    ASSERT_FALSE(uri.empty());
    const std::string token = uri.substr(uri.find("token=") + 6);
    const std::string web =
        Federation::get().var(owner_user == "ALICE" ? "A_WEB_URL" : "B_WEB_URL") + "/c/" + token;
    auto held = client::qr::scan_qr_file(png);
    ASSERT_TRUE(held) << held.error().message;
    EXPECT_EQ(*held, code == Code::web ? web : uri);

    const auto scanned = scanner.run({"scan", png.string(), "--yes", "--share-own"});
    ASSERT_EQ(scanned.exit_code, 0) << describe(scanned);
    EXPECT_EQ(contains(scanned.output, "Opening " + web), code == Code::web) << scanned.output;
    const std::string service = uri.substr(5, uri.find('?') - 5);
    // Whose card it is, from the service's preview, said before anything is sent.
    const std::string whose = "Card exchange with " + owner_name + ", " + owner.jid() +
                              ", card set 'work' at " + service + ".";
    const auto said = scanned.output.find(whose);
    EXPECT_NE(said, std::string::npos) << scanned.output;
    EXPECT_LT(said, scanned.output.find("Asking " + service)) << scanned.output;
    EXPECT_TRUE(contains(scanned.output, owner_name + " (" + owner.jid() + ", set work, version "))
        << scanned.output;
    EXPECT_TRUE(contains(scanned.output, "your card is on its way to " + owner.jid()))
        << scanned.output;
    const std::string delivery = delivery_of(scanned.output);
    ASSERT_FALSE(delivery.empty()) << scanned.output;
    EXPECT_EQ(contacts_named(scanner, owner_name), 1u);
    const auto shown = scanner.run({"show", owner_name});
    EXPECT_TRUE(contains(shown.output, "set work, version ")) << shown.output;

    const auto synced = owner.run({"sync"});
    ASSERT_EQ(synced.exit_code, 0) << describe(synced);
    EXPECT_TRUE(contains(synced.output, scanner_name)) << synced.output;
    // Delivered by the owner's own home service through the owner's token: verified.
    EXPECT_TRUE(contains(synced.output, "from " + scanner.jid() + " via " + service))
        << synced.output;
    EXPECT_EQ(contacts_named(owner, scanner_name), 1u);
    const auto history = owner.run({"history", scanner_name});
    EXPECT_TRUE(contains(history.output, "by QR code")) << history.output;

    wait_for_receipt(scanner, delivery);

    // Scanning again changes nothing: still one card on each side.
    const auto again = scanner.run({"exchange", uri, "--yes", "--share-own"});
    EXPECT_EQ(again.exit_code, 0) << describe(again);
    ASSERT_EQ(owner.run({"sync"}).exit_code, 0);
    EXPECT_EQ(contacts_named(scanner, owner_name), 1u);
    EXPECT_EQ(contacts_named(owner, scanner_name), 1u);
}

TEST_F(CardExchange, ATokenOfProsodysServiceScannedByAnEjabberdUser) {
    exchange_both_ways("ALICE", "BOB", Code::web, dir);
}

TEST_F(CardExchange, ATokenOfEjabberdsServiceScannedByAProsodyUser) {
    exchange_both_ways("BOB", "ALICE", Code::xmpp, dir);
}

TEST_F(CardExchange, ReceiveOnlyGivesNothing) {
    CardexUser alice("ALICE");
    CardexUser bob("BOB");
    const std::string alice_name = unique_name("Ada");
    own_card(alice, alice_name, "work");
    // bob has a card of his own, which he keeps to himself.
    const std::string bob_name = unique_name("Bert");
    ASSERT_EQ(bob.run({"add", "--name", bob_name}).exit_code, 0);
    ASSERT_EQ(bob.run({"me", bob_name}).exit_code, 0);
    const std::string uri = qr_png(alice, dir / "ro.png", {"--uses", "3"});
    const auto scanned = bob.run({"exchange", uri, "--yes", "--receive-only"});
    ASSERT_EQ(scanned.exit_code, 0) << describe(scanned);
    EXPECT_TRUE(contains(scanned.output, "you kept your card to yourself")) << scanned.output;
    EXPECT_EQ(contacts_named(bob, alice_name), 1u);
    const auto synced = alice.run({"sync"});
    ASSERT_EQ(synced.exit_code, 0) << describe(synced);
    EXPECT_FALSE(contains(synced.output, bob_name)) << synced.output;
    EXPECT_EQ(contacts_named(alice, bob_name), 0u);
    const auto tokens = alice.run({"tokens"});
    EXPECT_TRUE(contains(tokens.output, uri.substr(uri.find("token=") + 6))) << tokens.output;
}

TEST_F(CardExchange, WithoutATerminalAndWithoutYesNothingIsSent) {
    CardexUser bob("BOB");
    const auto refused =
        bob.run({"exchange", "xmpp:cards.a.test?bizcard;token=K2nCb02UV6mUZuAByZeB9A"});
    EXPECT_EQ(refused.exit_code, 2) << describe(refused);
    EXPECT_TRUE(
        contains(refused.output, "add --yes with --share SET, --share-own or --receive-only"))
        << refused.output;
}

// Unknown, revoked, used-up, expired and retracted tokens read the same. The failures are spread
// over three scanners, so that none comes near the federation's limit of failed attempts (5 per
// user in 10 minutes), also when the test runs again soon after.
TEST_F(CardExchange, EveryTokenThatCannotBeUsedGivesTheSameError) {
    CardexUser carol("CAROL");
    CardexUser dave("DAVE");
    CardexUser bob("BOB");
    CardexUser alice("ALICE");
    own_card(carol, unique_name("Cleo"), "work");

    const auto unknown =
        dave.run({"exchange", "xmpp:cards.a.test?bizcard;token=AAAAAAAAAAAAAAAAAAAAAA", "--yes",
                  "--receive-only"});
    EXPECT_EQ(unknown.exit_code, 1) << describe(unknown);
    EXPECT_TRUE(contains(unknown.output, kInvalid)) << unknown.output;
    EXPECT_FALSE(contains(unknown.output, "Asking"))
        << "refused at the preview: " << unknown.output;

    const std::string revoked = qr_png(carol, dir / "revoked.png");
    const auto revoke = carol.run({"revoke", revoked});
    ASSERT_EQ(revoke.exit_code, 0) << describe(revoke);
    const auto after_revoke = bob.run({"exchange", revoked, "--yes", "--receive-only"});
    EXPECT_EQ(after_revoke.exit_code, 1);
    EXPECT_TRUE(contains(after_revoke.output, kInvalid)) << after_revoke.output;

    const std::string once = qr_png(carol, dir / "once.png", {"--uses", "1"});
    ASSERT_EQ(bob.run({"exchange", once, "--yes", "--receive-only"}).exit_code, 0);
    const auto used_up = dave.run({"exchange", once, "--yes", "--receive-only"});
    EXPECT_EQ(used_up.exit_code, 1);
    EXPECT_TRUE(contains(used_up.output, kInvalid)) << used_up.output;

    const std::string expired = qr_png(carol, dir / "expired.png", {"--expires", "2s"});
    std::this_thread::sleep_for(4s);  // past its expiry, whatever the order of events
    const auto after_expiry = dave.run({"exchange", expired, "--yes", "--receive-only"});
    EXPECT_EQ(after_expiry.exit_code, 1);
    EXPECT_TRUE(contains(after_expiry.output, kInvalid)) << after_expiry.output;

    const std::string retracted = qr_png(carol, dir / "retracted.png");
    ASSERT_EQ(carol.run({"set", "retract", "work"}).exit_code, 0);
    const auto tokens = carol.run({"tokens"});
    EXPECT_TRUE(contains(tokens.output, "No QR codes in use")) << tokens.output;
    const auto after_retract = alice.run({"exchange", retracted, "--yes", "--receive-only"});
    EXPECT_EQ(after_retract.exit_code, 1);
    EXPECT_TRUE(contains(after_retract.output, kInvalid)) << after_retract.output;

    // What the service itself answers (cardex words it in one sentence of its own) is the same
    // error, text included, for each of them: here to the owner revoking them.
    CardClient owner("CAROL");
    ASSERT_TRUE(owner.connect(false));
    auto error_for = [&](const std::string& uri) {
        auto token = protocol::parse_token_uri(uri);
        if (!token) {
            ADD_FAILURE() << uri;
            return xmpp::StanzaError{};
        }
        auto answer = owner.request("cards.a.test", xmpp::IqType::set,
                                    protocol::serialize(protocol::RevokeToken{token->token}));
        if (!answer) {
            ADD_FAILURE() << answer.error().message;
            return xmpp::StanzaError{};
        }
        EXPECT_EQ(answer->type, xmpp::IqType::error) << uri;
        return answer->error.value_or(xmpp::StanzaError{});
    };
    const auto never = error_for("xmpp:cards.a.test?bizcard;token=AAAAAAAAAAAAAAAAAAAAAA");
    EXPECT_EQ(never.condition, "item-not-found");
    ASSERT_TRUE(never.application);
    EXPECT_EQ(never.application->name, "invalid-token");
    for (const auto& uri : {revoked, once, expired, retracted}) {
        const auto error = error_for(uri);
        EXPECT_EQ(error.condition, never.condition) << uri;
        EXPECT_EQ(error.type, never.type) << uri;
        EXPECT_EQ(error.text, never.text) << uri;
        EXPECT_EQ(error.application ? error.application->name : "", "invalid-token") << uri;
    }
}

TEST_F(CardExchange, ASetIsSentWithItsNameAndVersion) {
    CardexUser alice("ALICE");
    CardexUser bob("BOB");
    const std::string name = unique_name("Ines");
    own_card(alice, name, "fair");
    const auto list = alice.run({"set", "list"});
    EXPECT_TRUE(contains(list.output, "fair")) << list.output;
    const auto set_shown = alice.run({"set", "show", "fair"});
    ASSERT_EQ(set_shown.exit_code, 0) << describe(set_shown);
    EXPECT_TRUE(contains(set_shown.output, name)) << set_shown.output;
    EXPECT_TRUE(contains(set_shown.output, "set fair · version 1 · updated ")) << set_shown.output;
    const auto sent = alice.run({"send", "--set", "fair", "--to", bob.jid()});
    ASSERT_EQ(sent.exit_code, 0) << describe(sent);
    const auto synced = bob.run({"sync"});
    ASSERT_EQ(synced.exit_code, 0) << describe(synced);
    EXPECT_TRUE(contains(synced.output, name)) << synced.output;
    const auto shown = bob.run({"show", name});
    EXPECT_TRUE(contains(shown.output, "(set fair, version ")) << shown.output;
    const auto unknown = alice.run({"send", "--set", "nothing-here", "--to", bob.jid()});
    EXPECT_EQ(unknown.exit_code, 1);
    EXPECT_TRUE(contains(unknown.output, "no card set named 'nothing-here'")) << unknown.output;
}

// The token value that follows `prefix` on the screen (22 URL-safe Base64 characters).
std::string token_after(const std::string& screen, const std::string& prefix) {
    const auto at = screen.find(prefix);
    if (at == std::string::npos) return {};
    return screen.substr(at + prefix.size(), 22);
}

TEST(CardExchangeProfanity, AProfanityUserAndACardexUserExchangeByQrCode) {
    ProfanityUser alice("ALICE");
    CardexUser bob("BOB");
    alice.preinstall_plugin(CARDEX_PLUGIN_PATH);
    alice.start();
    ASSERT_TRUE(alice.wait_connected());
    ASSERT_TRUE(alice.wait_for("cardex: synchronised with"));
    const std::string alice_name = unique_name("Pia");
    const fs::path vcf = alice.home() / "me.vcf";
    std::ofstream(vcf, std::ios::binary) << "BEGIN:VCARD\r\nVERSION:4.0\r\nFN:" << alice_name
                                         << "\r\nEMAIL:pia.prof@example.org\r\nEND:VCARD\r\n";
    alice.command("/card import " + vcf.string());
    ASSERT_TRUE(alice.wait_for("cardex: imported 1 file: 1 new"));
    alice.command("/card me \"" + alice_name + "\"");
    ASSERT_TRUE(alice.wait_for("is your own card now."));
    alice.command("/card set publish work");
    ASSERT_TRUE(alice.wait_for("cardex: published " + alice_name + " as set work, version "));

    // The Profanity user scans the cardex user's code (the command is the confirmation).
    const std::string bob_name = unique_name("Ben");
    own_card(bob, bob_name, "work");
    const auto made = bob.run({"qr"});
    ASSERT_EQ(made.exit_code, 0) << describe(made);
    EXPECT_TRUE(contains(made.output, "\u2584") || contains(made.output, "\u2580"))
        << "the code drawn with half blocks";
    // The address of the code's web page, as a phone's camera would hand it over.
    const std::string web_line = "Web page, for phones without an XMPP client: ";
    const auto at = made.output.find(web_line);
    ASSERT_NE(at, std::string::npos) << made.output;
    const auto start = at + web_line.size();
    const std::string web = made.output.substr(start, made.output.find('\n', start) - start);
    EXPECT_TRUE(web.starts_with(Federation::get().var("B_WEB_URL") + "/c/")) << web;
    alice.command("/card exchange " + web + " --share work");
    ASSERT_TRUE(
        alice.wait_for("cardex: exchanging cards through cards.b.test, giving your set work"));
    ASSERT_TRUE(alice.wait_for(bob_name + " (" + bob.jid() + ", set work, version "));
    ASSERT_TRUE(alice.wait_for("; your card is on its"));  // the line wraps after it
    // The card is in the owner's chat window, as a received card is.
    alice.command("/win " + bob.jid());
    ASSERT_TRUE(alice.wait_for("│ " + bob_name));
    const auto synced = bob.run({"sync"});
    ASSERT_EQ(synced.exit_code, 0) << describe(synced);
    EXPECT_TRUE(contains(synced.output, alice_name)) << synced.output;
    EXPECT_EQ(contacts_named(bob, alice_name), 1u);
    ASSERT_TRUE(alice.wait_for(bob.jid() + " saved your business card"));

    // And the other way: the Profanity user shows a code; the cardex user takes the card only.
    alice.command("/card qr");
    ASSERT_TRUE(alice.wait_for("cardex: scan this to get your set work:"));
    const std::string prefix = "xmpp:cards.a.test?bizcard;token=";
    ASSERT_TRUE(alice.wait_for(prefix));
    const std::string token = token_after(alice.screen(), prefix);
    ASSERT_EQ(token.size(), 22u) << alice.screen();
    const auto taken = bob.run({"exchange", prefix + token, "--yes", "--receive-only"});
    ASSERT_EQ(taken.exit_code, 0) << describe(taken);
    EXPECT_TRUE(contains(taken.output, alice_name + " (" + alice.jid() + ", set work, version "))
        << taken.output;
    EXPECT_EQ(contacts_named(bob, alice_name), 1u) << "merged into the card bob had";

    // A cardex user who gives a card back: it reaches the Profanity user and is shown in the
    // chat window with the scanner, as any received card is.
    CardexUser dave("DAVE");
    const std::string dave_name = unique_name("Dora");
    ASSERT_EQ(dave.run({"add", "--name", dave_name}).exit_code, 0);
    ASSERT_EQ(dave.run({"me", dave_name}).exit_code, 0);
    const auto given = dave.run({"exchange", prefix + token, "--yes", "--share-own"});
    ASSERT_EQ(given.exit_code, 0) << describe(given);
    EXPECT_TRUE(contains(given.output, "Card exchange with " + alice_name + ", " + alice.jid() +
                                           ", card set 'work' at cards.a.test."))
        << given.output;
    EXPECT_TRUE(contains(given.output, "your card is on its way to " + alice.jid()))
        << given.output;
    alice.command("/win " + dave.jid());
    ASSERT_TRUE(alice.wait_for("│ " + dave_name));
    EXPECT_TRUE(alice.quit());
}

}  // namespace
}  // namespace cardex::testing
