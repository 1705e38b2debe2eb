#include <gtest/gtest.h>

#include "component/link/backoff.hpp"
#include "component/link/handshake.hpp"

namespace cardex::component {
namespace {

using std::chrono::milliseconds;

TEST(Handshake, IsHexSha1OfStreamIdAndSecret) {
    // FIPS 180 test vector: SHA-1("abc").
    EXPECT_EQ(handshake_digest("a", "bc"), "a9993e364706816aba3e25717850c26c9cd0d89d");
}

TEST(Backoff, DoublesUpToTheCapAndResets) {
    Backoff backoff(milliseconds(100), milliseconds(700));
    EXPECT_EQ(backoff.next(), milliseconds(100));
    EXPECT_EQ(backoff.next(), milliseconds(200));
    EXPECT_EQ(backoff.next(), milliseconds(400));
    EXPECT_EQ(backoff.next(), milliseconds(700));
    EXPECT_EQ(backoff.next(), milliseconds(700));
    backoff.reset();
    EXPECT_EQ(backoff.next(), milliseconds(100));
}

}  // namespace
}  // namespace cardex::component
