// The ASCII case rules and list joining that the vCard codecs, JIDs and the client share.
#include <gtest/gtest.h>

#include "core/text/ascii.hpp"
#include "core/text/join.hpp"

namespace cardex {
namespace {

TEST(AsciiText, ChangesOnlyAsciiLetters) {
    EXPECT_EQ(lower_ascii("X-MS_CardPicture 42"), "x-ms_cardpicture 42");
    EXPECT_EQ(upper_ascii("tel;type=cell"), "TEL;TYPE=CELL");
    // UTF-8 is left as it is: "Ä" (C3 84) and "ß" (C3 9F) stay.
    EXPECT_EQ(lower_ascii("ÄRZTE"), "Ärzte");
    EXPECT_EQ(upper_ascii("straße"), "STRAßE");
}

TEST(AsciiText, ComparesWithoutRegardToAsciiCase) {
    EXPECT_TRUE(equals_ignoring_case("BEGIN:VCARD", "begin:vCard"));
    EXPECT_FALSE(equals_ignoring_case("BEGIN:VCARD", "BEGIN:VCAR"));
    EXPECT_FALSE(equals_ignoring_case("Ä", "ä"));  // not ASCII
    EXPECT_TRUE(starts_with_ignoring_case("TEL:+49 30", "tel:"));
    EXPECT_TRUE(starts_with_ignoring_case("data:image/png", "DATA:"));
    EXPECT_FALSE(starts_with_ignoring_case("te", "tel:"));
    EXPECT_FALSE(starts_with_ignoring_case("mailto:x", "tel:"));
}

TEST(JoinText, JoinsEveryItemOrOnlyTheNonEmptyOnes) {
    EXPECT_EQ(join({"a", "", "b"}, ","), "a,,b");
    EXPECT_EQ(join({}, ","), "");
    EXPECT_EQ(join({"", ""}, ";"), ";");
    EXPECT_EQ(join_non_empty({"", "a", "", "b", ""}, ", "), "a, b");
    EXPECT_EQ(join_non_empty({"", ""}, ", "), "");
}

}  // namespace
}  // namespace cardex
