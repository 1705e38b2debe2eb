// The ASCII case rules and list joining that the vCard codecs, JIDs and the client share.
#include <gtest/gtest.h>

#include "core/text/ascii.hpp"
#include "core/text/join.hpp"
#include "core/text/nearest.hpp"

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

TEST(NearestWord, CountsEditsWithSwapsOfNeighboursAndIgnoresCase) {
    EXPECT_EQ(edit_distance("lsit", "list"), 1u);
    EXPECT_EQ(edit_distance("LIST", "list"), 0u);
    EXPECT_EQ(edit_distance("sho", "show"), 1u);
    EXPECT_EQ(edit_distance("", "abc"), 3u);
    EXPECT_EQ(edit_distance("export", "import"), 2u);
}

TEST(NearestWord, SuggestsOnlyWhatIsCloseEnoughToBeATypo) {
    const std::vector<std::string> commands = {"account", "add",     "edit",   "export", "import",
                                               "list",    "history", "rm",     "send",   "set",
                                               "shell",   "show",    "status", "sync"};
    EXPECT_EQ(nearest_word("lsit", commands), "list");
    EXPECT_EQ(nearest_word("improt", commands), "import");
    EXPECT_EQ(nearest_word("sett", commands), "set");
    EXPECT_EQ(nearest_word("hist", commands), "history");  // its start, before "list"
    EXPECT_EQ(nearest_word("snyc", commands), "sync");
    EXPECT_EQ(nearest_word("frobnicate", commands), std::nullopt);
    EXPECT_EQ(nearest_word("xy", commands), std::nullopt);
    EXPECT_EQ(nearest_word("", commands), std::nullopt);
}

}  // namespace
}  // namespace cardex
