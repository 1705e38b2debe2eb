// End to end with the console client: people on a.test (Prosody) and b.test (ejabberd), each
// with a `cardex` profile of their own, exchange contacts across the federation, also while
// the recipient is offline, import the real-world corpus and export what they received, and
// use the interactive shell in a real terminal.
#include <gtest/gtest.h>
#include <signal.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <random>
#include <thread>

#include "core/vcard/reader.hpp"
#include "tests/integration/cardex_user.hpp"
#include "tests/integration/federation_env.hpp"
#include "tests/integration/process.hpp"
#include "tests/integration/terminal.hpp"

namespace cardex::testing {
namespace {

namespace fs = std::filesystem;
using namespace std::chrono_literals;

// The delivery ids `cardex send` printed ("... delivery ID").
std::vector<std::string> delivery_ids(const std::string& output) {
    std::vector<std::string> ids;
    const std::string marker = ": delivery ";
    for (auto at = output.find(marker); at != std::string::npos; at = output.find(marker, at + 1)) {
        const auto start = at + marker.size();
        ids.push_back(output.substr(start, output.find('\n', start) - start));
    }
    return ids;
}

// Runs `cardex status ID` until the delivery has `state` (the ack travels through two
// servers); returns the last output.
std::string wait_for_state(const CardexUser& sender, const std::string& id,
                           const std::string& state) {
    std::string last;
    for (int attempt = 0; attempt < 30; ++attempt) {
        const auto status = sender.run({"status", id});
        last = describe(status);
        if (status.exit_code == 0 && contains(status.output, "  " + state)) return last;
        std::this_thread::sleep_for(1s);
    }
    ADD_FAILURE() << "delivery " << id << " never became " << state << "; last: " << last;
    return last;
}

TEST(CardexCli, ContactsGoBothWaysBetweenProsodyAndEjabberd) {
    CardexUser alice("ALICE");
    CardexUser bob("BOB");
    const std::string zoe = unique_name("Zoe");
    ASSERT_EQ(alice
                  .run({"add", "--name", zoe, "--phone", "work=+49 30 5550101", "--email",
                        "zoe@example.org", "--org", "Example Widgets GmbH"})
                  .exit_code,
              0);
    const auto sent = alice.run({"send", zoe, "--to", bob.jid()});
    ASSERT_EQ(sent.exit_code, 0) << describe(sent);
    ASSERT_EQ(delivery_ids(sent.output).size(), 1u) << sent.output;

    const auto synced = bob.run({"sync"});
    ASSERT_EQ(synced.exit_code, 0) << describe(synced);
    EXPECT_TRUE(contains(synced.output, zoe)) << synced.output;
    EXPECT_TRUE(contains(synced.output, "new contact")) << synced.output;
    const auto listed = bob.run({"list", zoe});
    EXPECT_TRUE(contains(listed.output, "+49 30 5550101")) << listed.output;
    wait_for_state(alice, delivery_ids(sent.output)[0], "acked");

    // And back: bob's own contact to alice.
    const std::string yuri = unique_name("Yuri");
    ASSERT_EQ(bob.run({"add", "--name", yuri, "--phone", "cell=0170 5550102"}).exit_code, 0);
    const auto back = bob.run({"send", yuri, "--to", alice.jid()});
    ASSERT_EQ(back.exit_code, 0) << describe(back);
    const auto alice_sync = alice.run({"sync"});
    ASSERT_EQ(alice_sync.exit_code, 0) << describe(alice_sync);
    EXPECT_TRUE(contains(alice.run({"show", yuri}).output, "0170 5550102"));
    wait_for_state(bob, delivery_ids(back.output)[0], "acked");
}

// The home card service is away (its cardexd stopped) when alice sends: Prosody answers the
// submit at once with an error; cardex repeats it, with the same submit id, until the service
// is back, and bob gets the card once.
TEST(CardexCli, ASendWhileTheCardServiceIsAwayIsRepeatedUntilItIsBack) {
    CardexUser alice("ALICE");
    CardexUser bob("BOB");
    const std::string name = unique_name("Wendy");
    ASSERT_EQ(alice.run({"add", "--name", name, "--phone", "+49 30 5550199"}).exit_code, 0);
    ASSERT_EQ(alice.run({"status"}).exit_code, 0);  // finds and remembers the home service
    ASSERT_EQ(Federation::get().script("component-stop a"), 0);
    struct Restart {  // the federation keeps its component whatever happens below
        ~Restart() { Federation::get().script("component-start a"); }
    } restart;
    const fs::path output = fresh_directory("send-away") / "send.out";
    auto send = alice.start({"send", name, "--to", bob.jid()}, output);
    std::this_thread::sleep_for(3s);
    ASSERT_TRUE(send->running()) << "cardex gave up at once: " << read_file(output);
    ASSERT_EQ(Federation::get().script("component-start a"), 0);
    const auto exit_code = send->wait(120s);
    const std::string sent = read_file(output);
    ASSERT_TRUE(exit_code.ok() && *exit_code == 0) << sent;
    EXPECT_TRUE(contains(sent, "does not answer right now; trying it anyway")) << sent;
    ASSERT_EQ(delivery_ids(sent).size(), 1u) << sent;

    const auto synced = bob.run({"sync"});
    ASSERT_EQ(synced.exit_code, 0) << describe(synced);
    const auto listed = bob.run({"list", name, "--json"});
    EXPECT_EQ(nlohmann::json::parse(listed.output).size(), 1u) << listed.output;
    wait_for_state(alice, delivery_ids(sent)[0], "acked");
}

// A card to an account that does not exist, and to a domain that does not exist: the send
// waits for what became of it, and says it; a server's refusal is not worded as a person's.
TEST(CardexCli, SendWaitSaysTheRecipientsServerRefusedOrCannotBeReached) {
    CardexUser alice("ALICE");
    const std::string name = unique_name("Uma");
    ASSERT_EQ(alice.run({"add", "--name", name, "--phone", "+49 30 5550188"}).exit_code, 0);
    const std::string nobody = "nobody" + std::to_string(std::random_device{}() % 100000) + "@" +
                               Federation::get().var("B_DOMAIN");
    const auto refused = alice.run({"send", name, "--to", nobody, "--wait", "60"});
    EXPECT_EQ(refused.exit_code, 1) << describe(refused);
    EXPECT_TRUE(contains(refused.output, nobody + ": refused by the recipient's server: the "
                                                  "account does not exist"))
        << refused.output;
    const auto id = delivery_ids(refused.output).at(0);
    const auto status = alice.run({"status", id});
    EXPECT_TRUE(contains(status.output, "refused")) << status.output;
    EXPECT_TRUE(contains(status.output, id + " refused: the account does not exist"))
        << status.output;
    const auto json = nlohmann::json::parse(alice.run({"status", id, "--json"}).output);
    EXPECT_EQ(json.at(0).at("state"), "refused");
    EXPECT_TRUE(contains(json.at(0).at("reason").get<std::string>(), "does not exist"));
    // The receipt waited for alice at her server; it names the server, not the person.
    const auto receipt = alice.run({"sync"});
    EXPECT_EQ(receipt.exit_code, 0) << describe(receipt);
    EXPECT_TRUE(contains(receipt.output, "Receipt: the server of " + nobody +
                                             " refused your business card (delivery " + id))
        << receipt.output;
    EXPECT_FALSE(contains(receipt.output, "rejected your business card")) << receipt.output;

    const auto unreachable = alice.run({"send", name, "--to", "x@nowhere.test", "--wait", "60"});
    EXPECT_EQ(unreachable.exit_code, 0) << describe(unreachable);
    EXPECT_TRUE(contains(unreachable.output,
                         "x@nowhere.test: not delivered yet: the recipient's server could not be "
                         "reached (remote-server-not-found"))
        << unreachable.output;
    EXPECT_TRUE(contains(unreachable.output, "the card will be sent again")) << unreachable.output;
}

// A card the recipient has not acknowledged yet (bob is offline; his server keeps it): the send
// says only what it knows, that no error came back, since a server may also drop a card to an
// account that does not exist without a word.
TEST(CardexCli, SendWaitSaysNoMoreThanThatNoErrorCameBack) {
    CardexUser alice("ALICE");
    CardexUser bob("BOB");
    const std::string name = unique_name("Ursula");
    ASSERT_EQ(alice.run({"add", "--name", name, "--phone", "+49 30 5550187"}).exit_code, 0);
    const auto sent = alice.run({"send", name, "--to", bob.jid(), "--wait", "4"});
    EXPECT_EQ(sent.exit_code, 0) << describe(sent);
    const std::string said = bob.jid() + ": sent, not acknowledged yet; no error came back from " +
                             Federation::get().var("B_DOMAIN") +
                             "'s server, which does not tell whether the account exists";
    EXPECT_TRUE(contains(sent.output, said)) << sent.output;
    EXPECT_FALSE(contains(sent.output, "server has it")) << sent.output;
    const auto synced = bob.run({"sync"});
    EXPECT_TRUE(contains(synced.output, name)) << synced.output;
}

// The usual mistakes with an account: each login failure says what went wrong.
TEST(CardexCli, LoginFailuresSayWhatWentWrong) {
    CardexUser alice("ALICE");
    const std::string host = Federation::get().var("A_HOST");
    const fs::path dir = fresh_directory("login-failures");
    std::ofstream(dir / "wrong") << "not-the-password\n";
    const auto wrong = alice.run({"--password-file", (dir / "wrong").string(), "account", "test"});
    EXPECT_EQ(wrong.exit_code, 3) << describe(wrong);
    EXPECT_TRUE(contains(wrong.output,
                         "the server refused the login (SASL not-authorized): wrong "
                         "password"))
        << wrong.output;

    const auto nothing = alice.run({"--server", host + ":5299", "account", "test"});
    EXPECT_EQ(nothing.exit_code, 3) << describe(nothing);
    EXPECT_TRUE(contains(nothing.output, ":5299: Connection refused")) << nothing.output;

    // An account on a domain the server at that address does not serve: Prosody ends the
    // stream with host-unknown before anything else.
    const auto elsewhere = alice.run({"--jid", "alice@nowhere.test", "account", "test"});
    EXPECT_EQ(elsewhere.exit_code, 3) << describe(elsewhere);
    EXPECT_TRUE(contains(elsewhere.output, "the server ended the session: host-unknown"))
        << elsewhere.output;
    EXPECT_TRUE(contains(elsewhere.output, host + ":5222 does not serve nowhere.test"))
        << elsewhere.output;

    const auto missing = alice.run({"--ca-file", (dir / "none.pem").string(), "account", "test"});
    EXPECT_EQ(missing.exit_code, 3) << describe(missing);
    EXPECT_TRUE(contains(missing.output, "none.pem cannot be read: No such file or directory"))
        << missing.output;

    // A CA that did not issue the server's certificate.
    const auto made =
        run_command({"/usr/bin/openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt",
                     "ec_paramgen_curve:P-256", "-nodes", "-days", "1", "-subj", "/CN=Another CA",
                     "-keyout", (dir / "other.key").string(), "-out", (dir / "other.pem").string()},
                    {}, 30s);
    ASSERT_EQ(made.exit_code, 0) << made.output;
    const auto other = alice.run({"--ca-file", (dir / "other.pem").string(), "account", "test"});
    EXPECT_EQ(other.exit_code, 3) << describe(other);
    // Prosody sends its certificate with the CA's: the chain ends in a root the file lacks.
    EXPECT_TRUE(contains(other.output,
                         "the server's TLS certificate does not verify: self-signed certificate "
                         "in certificate chain (checked against " +
                             (dir / "other.pem").string() + ")"))
        << other.output;

    const auto verbose = alice.run({"-v", "account", "test"});
    EXPECT_EQ(verbose.exit_code, 0) << describe(verbose);
    EXPECT_TRUE(contains(verbose.output, "cardex: connecting to")) << verbose.output;
    EXPECT_TRUE(contains(verbose.output, "proceeding with TLS")) << verbose.output;
    EXPECT_TRUE(contains(verbose.output, "Logged in as " + alice.jid())) << verbose.output;
    EXPECT_FALSE(contains(verbose.output, alice.password())) << "the password is never shown";
}

TEST(CardexCli, AccountSetRefusesFilesThatAreNotThereAndAccountTestChecksTheLogin) {
    CardexUser alice("ALICE");
    const auto set =
        alice.run({"account", "set", "--jid", alice.jid(), "--ca-file", "/nonexistent/ca.pem"});
    EXPECT_EQ(set.exit_code, 2) << describe(set);
    EXPECT_TRUE(contains(set.output,
                         "--ca-file: /nonexistent/ca.pem does not exist; nothing was "
                         "saved"))
        << set.output;
    const auto no_password = alice.run(
        {"account", "set", "--jid", alice.jid(), "--password-file", "/nonexistent/password"});
    EXPECT_EQ(no_password.exit_code, 2) << describe(no_password);
    EXPECT_TRUE(contains(no_password.output,
                         "--password-file: /nonexistent/password does not exist; nothing was "
                         "saved"))
        << no_password.output;
    const auto folder = alice.run(
        {"account", "set", "--jid", alice.jid(), "--password-file", alice.profile().string()});
    EXPECT_EQ(folder.exit_code, 2) << describe(folder);
    EXPECT_TRUE(contains(folder.output, "--password-file: " + alice.profile().string() +
                                            " is a directory; nothing was saved"))
        << folder.output;
    const auto test = alice.run({"account", "test"});
    EXPECT_EQ(test.exit_code, 0) << describe(test) << "\nthe account set before is untouched";
    EXPECT_TRUE(contains(test.output, "Card service: " + Federation::get().var("A_SERVICE")))
        << test.output;
}

TEST(CardexCli, AnOfflineRecipientSyncsLaterAndTheCardIsMergedByPhone) {
    CardexUser alice("ALICE");
    CardexUser bob("BOB");
    const std::string name = unique_name("Alice");
    // Bob already has Alice, with her number written the German way.
    ASSERT_EQ(bob.run({"add", "--name", name, "--phone", "030 5550177"}).exit_code, 0);
    ASSERT_EQ(alice
                  .run({"add", "--name", name, "--phone", "work=+49 30 5550177", "--email",
                        "work=alice.test@example.org", "--title", "Head of Sales"})
                  .exit_code,
              0);
    const auto sent = alice.run({"send", name, "--to", bob.jid()});
    ASSERT_EQ(sent.exit_code, 0) << describe(sent);
    const auto id = delivery_ids(sent.output).at(0);
    const auto before = alice.run({"status", id});
    EXPECT_FALSE(contains(before.output, "acked")) << before.output;  // bob has not been online

    const auto synced = bob.run({"sync"});
    ASSERT_EQ(synced.exit_code, 0) << describe(synced);
    EXPECT_TRUE(contains(synced.output, "Merged into contact")) << synced.output;
    EXPECT_TRUE(contains(synced.output, "alice.test@example.org")) << synced.output;
    // The card came from bob's server's offline storage at login; the summary counts it.
    EXPECT_TRUE(contains(synced.output, "kept by your server while you were offline"))
        << synced.output;
    const auto shown = bob.run({"show", name});
    EXPECT_TRUE(contains(shown.output, "alice.test@example.org")) << shown.output;
    EXPECT_TRUE(contains(shown.output, "030 5550177")) << shown.output;
    EXPECT_FALSE(contains(shown.output, "+49 30 5550177")) << shown.output;  // not duplicated
    EXPECT_TRUE(contains(shown.output, "from " + alice.jid())) << shown.output;
    const auto history = bob.run({"history", name});
    EXPECT_TRUE(contains(history.output, "merged")) << history.output;

    wait_for_state(alice, id, "acked");
    // The receipt waited for alice in her server's offline storage.
    const auto receipt = alice.run({"sync"});
    EXPECT_TRUE(contains(receipt.output, bob.jid() + " saved your business card (delivery " + id))
        << receipt.output;
    // A second sync gets nothing twice.
    const auto again = bob.run({"sync"});
    EXPECT_FALSE(contains(again.output, name)) << again.output;
    EXPECT_EQ(bob.run({"undo", name}).exit_code, 0);
    EXPECT_FALSE(contains(bob.run({"show", name}).output, "alice.test@example.org"));
}

TEST(CardexCli, TheCorpusIsImportedAndOneOfItsContactsArrivesIntact) {
    CardexUser alice("ALICE");
    CardexUser bob("BOB");
    const auto imported = alice.run({"import", CARDEX_CORPUS_DIR});
    EXPECT_EQ(imported.exit_code, 5) << describe(imported);  // some corpus cards are broken
    EXPECT_TRUE(contains(imported.output, "Imported 58 files: ")) << imported.output;
    EXPECT_TRUE(contains(imported.output, "failed: ")) << imported.output;
    // The Gmail export (ez-vcard/gmail-single2.vcf): item-N groups with X-ABLabel, many numbers,
    // addresses and X- properties.
    const std::string query = "customcategory@example.com";
    const fs::path mine = alice.profile() / "mine.vcf";
    ASSERT_EQ(alice.run({"export", "--out", mine.string(), query}).exit_code, 0);
    const auto original = vcard::read_any(read_file(mine));
    ASSERT_EQ(original.cards.size(), 1u) << read_file(mine);
    const auto sent = alice.run({"send", query, "--to", bob.jid()});
    ASSERT_EQ(sent.exit_code, 0) << describe(sent);

    ASSERT_EQ(bob.run({"sync"}).exit_code, 0);
    const fs::path theirs = bob.profile() / "theirs.vcf";
    ASSERT_EQ(bob.run({"export", "--format", "vcard4", "--out", theirs.string(), query}).exit_code,
              0);
    const auto received = vcard::read_any(read_file(theirs));
    ASSERT_EQ(received.cards.size(), 1u) << read_file(theirs);
    EXPECT_EQ(received.cards[0], original.cards[0]) << "sent:\n"
                                                    << read_file(mine) << "\nreceived:\n"
                                                    << read_file(theirs);
}

TEST(CardexCli, ListenShowsCardsAsTheyComeAndStopsOnCtrlC) {
    CardexUser alice("ALICE");
    CardexUser bob("BOB");
    const fs::path output = bob.profile() / "listen.out";
    auto listener = bob.start({"listen"}, output);
    ASSERT_TRUE(listener->started());
    auto wait_for = [&](const std::string& text) {
        for (int i = 0; i < 600 && !contains(read_file(output), text); ++i)
            std::this_thread::sleep_for(100ms);
        return contains(read_file(output), text);
    };
    ASSERT_TRUE(wait_for("Listening as " + bob.jid())) << read_file(output);
    const std::string name = unique_name("Xena");
    ASSERT_EQ(alice.run({"add", "--name", name, "--email", "xena@example.org"}).exit_code, 0);
    ASSERT_EQ(alice.run({"send", name, "--to", bob.jid()}).exit_code, 0);
    EXPECT_TRUE(wait_for(name)) << read_file(output);
    auto stopped = listener->stop(SIGINT, 30s);
    ASSERT_TRUE(stopped.ok()) << stopped.error().message;
    EXPECT_EQ(*stopped, 0);
    EXPECT_TRUE(contains(read_file(output), "Stopped listening.")) << read_file(output);
    EXPECT_TRUE(contains(bob.run({"list", name}).output, "xena@example.org"));
}

TEST(CardexCli, InInboxModeReceivedCardsWaitUntilAccepted) {
    CardexUser alice("ALICE");
    CardexUser bob("BOB");
    ASSERT_EQ(bob.run({"config", "--inbox", "on"}).exit_code, 0);
    const std::string wanted = unique_name("Walter");
    const std::string unwanted = unique_name("Victor");
    for (const auto& name : {wanted, unwanted}) {
        ASSERT_EQ(alice.run({"add", "--name", name}).exit_code, 0);
        ASSERT_EQ(alice.run({"send", name, "--to", bob.jid()}).exit_code, 0);
    }
    const auto synced = bob.run({"sync"});
    ASSERT_EQ(synced.exit_code, 0) << describe(synced);
    EXPECT_TRUE(contains(synced.output, "Kept in the inbox")) << synced.output;
    EXPECT_TRUE(contains(bob.run({"list", wanted}).output, "No contact matches"));
    const auto inbox = bob.run({"inbox", "--json"});
    ASSERT_EQ(inbox.exit_code, 0);
    const auto entries = nlohmann::json::parse(inbox.output);
    auto number_of = [&](const std::string& name) {
        for (const auto& e : entries)
            if (e.value("name", "") == name) return std::to_string(e.at("number").get<int>());
        return std::string("none");
    };
    ASSERT_EQ(bob.run({"accept", number_of(wanted)}).exit_code, 0) << inbox.output;
    ASSERT_EQ(bob.run({"reject", number_of(unwanted)}).exit_code, 0);
    EXPECT_TRUE(contains(bob.run({"list", wanted}).output, wanted));
    EXPECT_TRUE(contains(bob.run({"list", unwanted}).output, "No contact matches"));
    EXPECT_FALSE(contains(bob.run({"inbox"}).output, wanted));
}

TEST(CardexCli, MistakesAreNamedAndNothingIsSent) {
    CardexUser alice("ALICE");
    ASSERT_EQ(alice.run({"add", "--name", "Alice One"}).exit_code, 0);
    ASSERT_EQ(alice.run({"add", "--name", "Alice Two"}).exit_code, 0);
    const auto ambiguous = alice.run({"send", "Alice", "--to", "bob@b.test"});
    EXPECT_EQ(ambiguous.exit_code, 4);
    EXPECT_TRUE(contains(ambiguous.output, "'Alice' matches 2 contacts")) << ambiguous.output;
    EXPECT_TRUE(contains(ambiguous.output, "Alice Two")) << ambiguous.output;
    const auto nobody = alice.run({"show", "Nobody"});
    EXPECT_EQ(nobody.exit_code, 4);
    EXPECT_TRUE(contains(nobody.output, "no contact matches 'Nobody'")) << nobody.output;
    const auto bad_jid = alice.run({"send", "Alice One", "--to", "not a jid"});
    EXPECT_EQ(bad_jid.exit_code, 2);
    EXPECT_TRUE(contains(bad_jid.output, "'not a jid' is not an address")) << bad_jid.output;
    const auto usage = alice.run({"send"});
    EXPECT_EQ(usage.exit_code, 2);
    const auto unknown = alice.run({"status", "nosuchdelivery"});
    EXPECT_EQ(unknown.exit_code, 1);
    EXPECT_TRUE(contains(unknown.output, "no sent card has a delivery id starting with"))
        << unknown.output;
    // Delivery ids are base64url: one may begin with '-' and is still an ID, not an option.
    const auto dash = alice.run({"status", "-nZTxMwUlZa9uTh896cAZA"});
    EXPECT_EQ(dash.exit_code, 1) << dash.output;
    EXPECT_TRUE(contains(dash.output, "starting with '-nZTxMwUlZa9uTh896cAZA'")) << dash.output;
}

TEST(CardexCli, TheShellCompletesCommandsAndContactNamesOnScreen) {
    CardexUser alice("ALICE");
    const std::string name = unique_name("Quentin");
    ASSERT_EQ(alice.run({"add", "--name", name, "--phone", "cell=+49 170 5550199"}).exit_code, 0);
    ASSERT_EQ(alice.run({"add", "--name", "山田太郎", "--org", "東京商事"}).exit_code, 0);
    Terminal terminal(alice.command_line({"shell"}), 100, 40);
    ASSERT_TRUE(terminal.started());
    ASSERT_TRUE(terminal.wait_for("cardex>", 20s)) << terminal.screen();
    terminal.type("li");
    terminal.press("Tab");
    ASSERT_TRUE(terminal.wait_for("cardex> list", 10s)) << terminal.screen();
    terminal.press("Enter");
    ASSERT_TRUE(terminal.wait_for("山田太郎", 10s)) << terminal.screen();
    EXPECT_TRUE(contains(terminal.screen(), name)) << terminal.screen();
    terminal.type("show Quen");
    terminal.press("Tab");
    ASSERT_TRUE(terminal.wait_for("cardex> show \"" + name + "\"", 10s)) << terminal.screen();
    terminal.press("Enter");
    ASSERT_TRUE(terminal.wait_for("+49 170 5550199", 10s)) << terminal.screen();
    EXPECT_TRUE(contains(terminal.screen(), "│ mobile")) << terminal.screen();
    terminal.type("show 山田");
    terminal.press("Enter");
    ASSERT_TRUE(terminal.wait_for("東京商事", 10s)) << terminal.screen();
    terminal.press("C-d");
    EXPECT_TRUE(terminal.wait_for_exit(10s)) << terminal.screen();
    const std::string history = read_file(alice.profile() / "shell_history");
    EXPECT_TRUE(contains(history, "show \"" + name + "\"")) << history;
}

TEST(CardexCli, APasswordAskedForIsNeitherEchoedNorKept) {
    CardexUser bob("BOB", PasswordFrom::prompt);
    const std::string service = Federation::get().var("B_SERVICE");
    Terminal terminal(bob.command_line({"ping", service}), 100, 20);
    ASSERT_TRUE(terminal.started());
    ASSERT_TRUE(terminal.wait_for("Password for " + bob.jid() + ":", 20s)) << terminal.screen();
    terminal.type(bob.password());
    terminal.press("Enter");
    ASSERT_TRUE(terminal.wait_for("pong from " + service, 30s)) << terminal.screen();
    EXPECT_FALSE(contains(terminal.screen(), bob.password())) << terminal.screen();
    EXPECT_TRUE(terminal.wait_for_exit(10s)) << terminal.screen();
    for (const auto& file : fs::directory_iterator(bob.profile())) {
        if (!file.is_regular_file()) continue;
        EXPECT_FALSE(contains(read_file(file.path()), bob.password())) << file.path();
    }
}

}  // namespace
}  // namespace cardex::testing
