// Escaping of vCard text values (core/vcard/text_values.hpp): what is split, what is unescaped
// and what is kept, at the edges of the runs of plain bytes the reader and writer copy whole.
#include <gtest/gtest.h>

#include "core/vcard/property_kinds.hpp"
#include "core/vcard/text_values.hpp"

namespace cardex::vcard {
namespace {

const PropertyKind& kind(std::string_view name) {
    const PropertyKind* found = find_property_kind(name);
    EXPECT_NE(found, nullptr) << name;
    return *found;
}

using Components = std::vector<Component>;

TEST(TextValues, SplitsStructuredValuesOnlyOnSeparatorsThatAreNotEscaped) {
    EXPECT_EQ(decode_value("Doe\\;Smith;John,Jo;;Dr.\\, phil.;", kind("N"), Version::v40),
              (Components{{"Doe;Smith"}, {"John", "Jo"}, {""}, {"Dr., phil."}, {""}}));
    EXPECT_EQ(decode_value(";;Main St. 1;Town;;12345;Land", kind("ADR"), Version::v30),
              (Components{{""}, {""}, {"Main St. 1"}, {"Town"}, {""}, {"12345"}, {"Land"}}));
}

TEST(TextValues, ASingleValueKeepsItsSeparatorsAndLosesItsEscapes) {
    EXPECT_EQ(
        decode_value("a;b,c \\, d \\; e \\\\ f \\n g \\N h \\: i", kind("NOTE"), Version::v40),
        (Components{{"a;b,c , d ; e \\ f \n g \n h : i"}}));
    EXPECT_EQ(decode_value("unknown \\q escape", kind("NOTE"), Version::v40),
              (Components{{"unknown \\q escape"}}));
    EXPECT_EQ(decode_value("ends in a backslash\\", kind("NOTE"), Version::v40),
              (Components{{"ends in a backslash\\"}}));
    EXPECT_EQ(decode_value("", kind("NOTE"), Version::v40), (Components{{""}}));
}

TEST(TextValues, EveryLineBreakBecomesANewline) {
    EXPECT_EQ(decode_value("one\r\ntwo\rthree\nfour\r", kind("NOTE"), Version::v21),
              (Components{{"one\ntwo\nthree\nfour\n"}}));
}

TEST(TextValues, Version21UnescapesOnlySemicolonsAndBackslashes) {
    EXPECT_EQ(decode_value("a\\;b\\\\c\\nd\\,e", kind("NOTE"), Version::v21),
              (Components{{"a;b\\c\\nd\\,e"}}));
    EXPECT_EQ(decode_value("x,y;z", kind("ORG"), Version::v21), (Components{{"x,y"}, {"z"}}));
}

TEST(TextValues, ListsSplitOnCommas) {
    EXPECT_EQ(decode_value("friends,work\\,old,", kind("CATEGORIES"), Version::v40),
              (Components{{"friends", "work,old", ""}}));
}

TEST(TextValues, WritingEscapesWhatReadingUnescapes) {
    const Components n{{"Doe;Smith"}, {"John", "Jo"}, {"back\\slash"}, {"two\nlines"}};
    const std::string text = encode_value(n, kind("N"), "text");
    EXPECT_EQ(text, "Doe\\;Smith;John,Jo;back\\\\slash;two\\nlines");
    EXPECT_EQ(decode_value(text, kind("N"), Version::v40), n);
    EXPECT_EQ(encode_value({{"tel:+1-555;ext=2,3\r\n"}}, kind("TEL"), "uri"),
              "tel:+1-555;ext=2,3\\n")
        << "a URI keeps its ',' and ';'";
    EXPECT_EQ(escape_text("a,b;c\\d\r\ne\rf"), "a\\,b\\;c\\\\d\\ne\\nf");
    EXPECT_EQ(escape_text(""), "");
    EXPECT_EQ(unescape_text("a\\,b\\;c\\\\d\\ne"), "a,b;c\\d\ne");
}

}  // namespace
}  // namespace cardex::vcard
