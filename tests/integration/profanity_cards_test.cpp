// The Profanity plugin end to end: real Profanity instances in terminals, logged in to
// Prosody (a.test) and ejabberd (b.test), with build/lib/cardex.so installed the way a user
// does it (/plugins install). Cards go from one Profanity to the other and between Profanity
// and the console client, are shown in the sender's chat window, land in the address book,
// and are acknowledged; the plugin unloads and reloads without leaving its command behind.
#include <gtest/gtest.h>

#include <fstream>
#include <random>

#include "tests/integration/cardex_user.hpp"
#include "tests/integration/federation_env.hpp"
#include "tests/integration/profanity_user.hpp"

namespace cardex::testing {
namespace {

namespace fs = std::filesystem;

// A phone's export with one contact, in the user's home.
fs::path write_vcf(const ProfanityUser& user, const std::string& name) {
    const fs::path file = user.home() / "contact.vcf";
    std::ofstream(file, std::ios::binary)
        << "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:" << name << "\r\nN:;" << name
        << ";;;\r\nORG:Example Widgets GmbH\r\nTEL;TYPE=WORK:+49 30 5550123\r\n"
           "EMAIL;TYPE=INTERNET:dana.prof@example.org\r\nEND:VCARD\r\n";
    return file;
}

// Starts Profanity with the plugin installed, so that it is there when the login brings in
// what waited offline; waits for the login and the plugin's first sync.
::testing::AssertionResult start_with_plugin(ProfanityUser& user) {
    user.preinstall_plugin(CARDEX_PLUGIN_PATH);
    user.start();
    if (auto connected = user.wait_connected(); !connected) return connected;
    return user.wait_for("cardex: synchronised with");
}

TEST(ProfanityCards, ACardGoesFromOneProfanityToAnotherAcrossServers) {
    ProfanityUser alice("ALICE");
    ProfanityUser bob("BOB");
    ASSERT_TRUE(start_with_plugin(alice));
    ASSERT_TRUE(start_with_plugin(bob));
    const std::string name = unique_name("Dana");
    alice.command("/card import " + write_vcf(alice, name).string());
    ASSERT_TRUE(alice.wait_for("cardex: imported 1 file: 1 new, 0 merged, 0 failed."));

    // In the chat window with bob, /card send needs no address.
    alice.command("/msg " + bob.jid());
    alice.command("/card send \"" + name + "\"");
    ASSERT_TRUE(alice.wait_for("cardex: sent " + name + " to " + bob.jid() + " (delivery"));

    // The card arrives in bob's chat window with alice, not as the service's fallback text;
    // bob stays in his console, which says where it is.
    ASSERT_TRUE(
        bob.wait_for("<< " + alice.jid() + " sent you a business card (/win " + alice.jid() + ")"));
    EXPECT_EQ(bob.screen().find("<< chat message: cards.a.test"), std::string::npos)
        << bob.screen();
    bob.command("/win " + alice.jid());
    ASSERT_TRUE(bob.wait_for("sent you a business card:"));
    ASSERT_TRUE(bob.wait_for("│ " + name));
    ASSERT_TRUE(bob.wait_for("│ phone (work)  +49 30 5550123"));
    ASSERT_TRUE(bob.wait_for("Saved as new contact"));
    EXPECT_EQ(bob.screen().find("sent you a business card. Open this message"), std::string::npos)
        << bob.screen();
    bob.command("/card list " + name);
    ASSERT_TRUE(bob.wait_for("dana.prof@example.org"));

    // Alice's window with bob gets the receipt.
    ASSERT_TRUE(alice.wait_for(bob.jid() + " saved your business card (delivery"));
    EXPECT_TRUE(alice.quit());
    EXPECT_TRUE(bob.quit());
}

TEST(ProfanityCards, ProfanityAndTheConsoleClientExchangeBothWays) {
    ProfanityUser alice("ALICE");
    CardexUser bob("BOB");
    ASSERT_TRUE(start_with_plugin(alice));
    const std::string name = unique_name("Erika");
    alice.command("/card import " + write_vcf(alice, name).string());
    ASSERT_TRUE(alice.wait_for("cardex: imported 1 file: 1 new, 0 merged, 0 failed."));
    alice.command("/card send \"" + name + "\" " + bob.jid());
    ASSERT_TRUE(alice.wait_for("cardex: sent " + name + " to " + bob.jid()));

    const auto synced = bob.run({"sync"});
    ASSERT_EQ(synced.exit_code, 0) << describe(synced);
    EXPECT_NE(synced.output.find(name), std::string::npos) << synced.output;
    ASSERT_TRUE(alice.wait_for(bob.jid() + " saved your business card"));

    const std::string yuri = unique_name("Yuri");
    ASSERT_EQ(bob.run({"add", "--name", yuri, "--phone", "cell=+49 170 5550124"}).exit_code, 0);
    const auto sent = bob.run({"send", yuri, "--to", alice.jid()});
    ASSERT_EQ(sent.exit_code, 0) << describe(sent);
    ASSERT_TRUE(alice.wait_for("<< " + bob.jid() + " sent you a business card (/win"));
    alice.command("/win " + bob.jid());
    ASSERT_TRUE(alice.wait_for("│ " + yuri));
    // Tab completes the subcommand and the contact's name (quoted: it has a space).
    alice.command("/clear");
    alice.type("/card sh");
    alice.press("Tab");
    alice.type(" Yu");
    alice.press("Tab");
    ASSERT_TRUE(alice.wait_for("/card show \"" + yuri + "\""));
    alice.press("Enter");
    ASSERT_TRUE(alice.wait_for("│ mobile  +49 170 5550124"));
    EXPECT_TRUE(alice.quit());
}

TEST(ProfanityCards, QuitWhileASendIsInFlightEndsProfanityCleanly) {
    ProfanityUser alice("ALICE");
    ASSERT_TRUE(start_with_plugin(alice));
    const std::string name = unique_name("Quinn");
    alice.command("/card import " + write_vcf(alice, name).string());
    ASSERT_TRUE(alice.wait_for("cardex: imported 1 file: 1 new, 0 merged, 0 failed."));
    alice.command("/card send \"" + name + "\" bob@b.test");
    EXPECT_TRUE(alice.quit()) << "the plugin must end before Profanity does, whatever is open";
}

TEST(ProfanityCards, QuitBeforeTheLoginEndsProfanityCleanly) {
    ProfanityUser alice("ALICE");
    alice.preinstall_plugin(CARDEX_PLUGIN_PATH);
    alice.start();
    EXPECT_TRUE(alice.quit());
}

// What the README tells a newcomer to type to reach the local federation.
TEST(ProfanityCards, TheReadmeWayToConnectToTheLocalFederationWorks) {
    ProfanityUser alice("ALICE");
    alice.start_without_account();
    alice.command("/tls certpath set " + alice.ca_directory().string());
    ASSERT_TRUE(alice.wait_for("Certificate path set to"));
    const auto account = Federation::get().account("ALICE");
    alice.command("/connect " + alice.jid() + " server " + account.server_host + " tls force");
    ASSERT_TRUE(alice.wait_for("Enter password"));
    alice.command(account.password);
    ASSERT_TRUE(alice.wait_for(alice.jid() + "/"));
    ASSERT_TRUE(alice.wait_for("logged in successfully"));
    EXPECT_TRUE(alice.quit());
}

TEST(ProfanityCards, InstallUnloadAndReloadLeaveNoStaleCommand) {
    ProfanityUser alice("ALICE");
    alice.start();
    ASSERT_TRUE(alice.wait_connected());
    alice.command(std::string("/plugins install ") + CARDEX_PLUGIN_PATH);
    ASSERT_TRUE(alice.wait_for("Plugin installed and loaded: cardex.so"));
    alice.command("/help card");
    // The help is longer than the window: its end, the examples, stays in view.
    ASSERT_TRUE(alice.wait_for("/card qr work"));
    alice.command("/clear");
    alice.command("/plugins unload cardex.so");
    ASSERT_TRUE(alice.wait_for("Unloaded plugin: cardex.so"));
    alice.command("/card list");
    ASSERT_TRUE(alice.wait_for("Unknown command: /card"));
    alice.command("/clear");
    alice.command("/plugins load cardex.so");
    ASSERT_TRUE(alice.wait_for("Loaded plugin: cardex.so"));
    alice.command("/card inbox");
    ASSERT_TRUE(alice.wait_for("cardex: the inbox is empty."));
    alice.command("/clear");
    alice.command("/plugins reload cardex.so");
    ASSERT_TRUE(alice.wait_for("Reloaded plugin: cardex.so"));
    alice.command("/card inbox");
    ASSERT_TRUE(alice.wait_for("cardex: the inbox is empty."));
    EXPECT_TRUE(alice.quit());
}

}  // namespace
}  // namespace cardex::testing
