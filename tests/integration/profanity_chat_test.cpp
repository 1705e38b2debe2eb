// The Profanity harness end to end: two people, each running a real Profanity in a terminal,
// chat across the federation (Prosody's a.test to ejabberd's b.test and back).
#include <gtest/gtest.h>

#include <random>

#include "tests/integration/profanity_user.hpp"

namespace cardex::testing {
namespace {

// A text no earlier run sent, so that what a screen shows is this run's message.
std::string unique_text(const std::string& start) {
    static std::mt19937_64 random{std::random_device{}()};
    return start + " " + std::to_string(random() % 1'000'000'000);
}

TEST(ProfanityHarness, TwoProfanityUsersOnDifferentServersChat) {
    ProfanityUser alice("ALICE");
    ProfanityUser bob("BOB");
    alice.start();
    bob.start();
    ASSERT_TRUE(alice.wait_connected());
    ASSERT_TRUE(bob.wait_connected());
    const std::string alice_full = alice.jid() + "/" + ProfanityUser::resource();
    const std::string bob_full = bob.jid() + "/" + ProfanityUser::resource();

    // /msg opens (and shows) alice's chat window with bob and sends the text from it.
    const std::string hello = unique_text("hello bob, from alice");
    alice.command("/msg " + bob.jid() + " " + hello);
    ASSERT_TRUE(alice.wait_for("me: " + hello));

    // Bob stays in his console, which only announces the message and the window it is in
    // (the console is 1; which number the chat gets depends on what else came in, such as
    // cards an earlier test left in bob's offline storage, shown as messages from the service
    // since this Profanity has no plugin).
    ASSERT_TRUE(bob.wait_for("<< chat message: " + alice_full + " (win "));
    bob.command("/win " + alice.jid());
    ASSERT_TRUE(bob.wait_for(alice_full + ": " + hello));

    // Text typed in a chat window goes to its contact.
    const std::string answer = unique_text("hi alice, bob here");
    bob.command(answer);
    ASSERT_TRUE(bob.wait_for("me: " + answer));
    ASSERT_TRUE(alice.wait_for(bob_full + ": " + answer));

    EXPECT_TRUE(alice.quit());
    EXPECT_TRUE(bob.quit());
}

}  // namespace
}  // namespace cardex::testing
