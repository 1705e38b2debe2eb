// Logging in to jabberd2 (c.test) with the SASL mechanisms it offers as shipped: after STARTTLS
// it offers EXTERNAL besides PLAIN. A client without a certificate must not choose EXTERNAL:
// cardex and Profanity (both on libstrophe) log in with the password. (scripts/interop's
// client is held to the same by interop_a_c and interop_b_c.)
#include <gtest/gtest.h>

#include "tests/integration/cardex_user.hpp"
#include "tests/integration/federation_env.hpp"
#include "tests/integration/profanity_user.hpp"

namespace cardex::testing {
namespace {

TEST(Jabberd2Login, ProfanityLogsInWithThePasswordWhereExternalIsOffered) {
    ProfanityUser chloe("CHLOE");
    chloe.start();
    ASSERT_TRUE(chloe.wait_connected());
    EXPECT_TRUE(contains(chloe.log(), "<mechanism>EXTERNAL</mechanism>"))
        << "jabberd2 did not offer EXTERNAL, so this test proves nothing";
    EXPECT_TRUE(chloe.quit());
}

TEST(Jabberd2Login, CardexLogsInWithThePasswordWhereExternalIsOffered) {
    CardexUser chloe("CHLOE");
    const auto test = chloe.run({"account", "test"});
    EXPECT_EQ(test.exit_code, 0) << describe(test);
    EXPECT_TRUE(contains(test.output, "Card service: " + Federation::get().var("C_SERVICE")))
        << test.output;
}

}  // namespace
}  // namespace cardex::testing
