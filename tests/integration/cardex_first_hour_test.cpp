// A new user's first hour with `cardex`, with the mistakes people make: each answer names
// the problem, and the exit code is the one the README gives.
#include <gtest/gtest.h>

#include "tests/integration/cardex_user.hpp"
#include "tests/integration/terminal.hpp"

namespace cardex::testing {
namespace {

using namespace std::chrono_literals;

TEST(CardexCli, AMistypedCommandIsNamedWithTheNearestOne) {
    CardexUser alice("ALICE");
    const auto typo = alice.run({"lsit"});
    EXPECT_EQ(typo.exit_code, 2) << describe(typo);
    EXPECT_EQ(typo.output,
              "cardex: unknown command 'lsit'; did you mean 'list'? "
              "(cardex --help lists them)\n");
    const auto sub = alice.run({"account", "sett", "--jid", "alice@a.test"});
    EXPECT_EQ(sub.exit_code, 2) << describe(sub);
    EXPECT_EQ(sub.output,
              "cardex: unknown command 'account sett'; did you mean "
              "'account set'? (cardex "
              "account --help lists them)\n");
    const auto nothing_like = alice.run({"frobnicate"});
    EXPECT_EQ(nothing_like.exit_code, 2);
    EXPECT_EQ(nothing_like.output,
              "cardex: unknown command 'frobnicate' (cardex --help lists them)\n");
    const auto missing = alice.run({"account"});
    EXPECT_EQ(missing.exit_code, 2);
    EXPECT_EQ(missing.output,
              "cardex: 'account' needs one of its commands: set, "
              "show (cardex account --help "
              "says more)\n");
}

TEST(CardexCli, AMistypedCommandInTheShellIsNamedToo) {
    CardexUser alice("ALICE");
    Terminal terminal(alice.command_line({"shell"}), 100, 20);
    ASSERT_TRUE(terminal.started());
    ASSERT_TRUE(terminal.wait_for("cardex>", 20s)) << terminal.screen();
    terminal.type("lsit");
    terminal.press("Enter");
    EXPECT_TRUE(terminal.wait_for(
        "cardex: unknown command 'lsit'; did you mean 'list'? (help lists them)", 10s))
        << terminal.screen();
    terminal.type("account sett");
    terminal.press("Enter");
    EXPECT_TRUE(
        terminal.wait_for("cardex: unknown command 'account sett'; did you mean 'account "
                          "set'? (account --help lists them)",
                          10s))
        << terminal.screen();
    terminal.type("exit");
    terminal.press("Enter");
    EXPECT_TRUE(terminal.wait_for_exit(10s)) << terminal.screen();
}

}  // namespace
}  // namespace cardex::testing
