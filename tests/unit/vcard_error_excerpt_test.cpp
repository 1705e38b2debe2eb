// What the readers quote from their input in an error: the input itself when short, else its
// first 40 bytes, "…" and its length (core/text/excerpt.hpp), in every format, so that a
// 100,000-digit number or a megabyte name is never repeated whole.
#include <gtest/gtest.h>

#include <string>

#include "core/text/excerpt.hpp"
#include "core/vcard/reader.hpp"

namespace cardex {
namespace {

// The first error's message.
std::string first_error(const vcard::ReadResult& result) {
    if (result.errors.empty()) return "no error";
    return result.errors.front().message;
}

TEST(ErrorExcerpt, ShortTextIsQuotedWhole) {
    EXPECT_EQ(quoted_excerpt("4.0"), "\"4.0\"");
    EXPECT_EQ(quoted_excerpt(std::string(40, 'a'), "'", "'"), "'" + std::string(40, 'a') + "'");
    EXPECT_EQ(quoted_excerpt("", "<", ">"), "<>");
}

TEST(ErrorExcerpt, LongTextIsItsBeginningAndItsLength) {
    EXPECT_EQ(quoted_excerpt(std::string(100'000, '7')),
              "\"" + std::string(40, '7') + "…\" (100000 bytes)");
    EXPECT_EQ(quoted_excerpt(std::string(41, 'a'), "<", ">"),
              "<" + std::string(40, 'a') + "…> (41 bytes)");
}

TEST(ErrorExcerpt, ACharacterIsNeverCutInTwo) {
    // 39 ASCII bytes, then "é" (2 bytes) across the 40-byte mark: it is left out whole.
    const std::string text = std::string(39, 'a') + "é" + std::string(10, 'b');
    EXPECT_EQ(quoted_excerpt(text), "\"" + std::string(39, 'a') + "…\" (51 bytes)");
}

TEST(ErrorExcerpt, AJcardNumberOfAHundredThousandDigitsIsNotRepeated) {
    const std::string digits(100'000, '9');
    // The JSON library stops at the ']' after the '.' and quotes all it read of the number.
    const auto result = vcard::read_jcard(
        R"(["vcard", [["fn", {}, "text", "A"], ["x-n", {}, "integer", )" + digits + ".]]]");
    const std::string message = first_error(result);
    EXPECT_LT(message.size(), 300u) << message.substr(0, 300);
    EXPECT_NE(message.find("last read: '" + std::string(40, '9') + "…' (100002 bytes)"),
              std::string::npos)
        << message.substr(0, 300);
}

TEST(ErrorExcerpt, LongJcardStringsAreQuotedAsExcerpts) {
    const std::string type(70'000, 't');
    const auto result = vcard::read_jcard(R"(["vcard", [["fn", {}, ")" + type + R"(", "A"]]])");
    EXPECT_EQ(first_error(result), "card 1: property 1 (\"fn\"): \"" + std::string(40, 't') +
                                       "…\" (70000 bytes) is not a value type");
}

TEST(ErrorExcerpt, LongXcardNamesAreQuotedAsExcerpts) {
    const std::string name(70'000, 'g');
    const auto result =
        vcard::read_xcard("<vcards xmlns='urn:ietf:params:xml:ns:vcard-4.0'><vcard><group name='" +
                          name + " x'><fn><text>A</text></fn></group></vcard></vcards>");
    const std::string message = first_error(result);
    EXPECT_LT(message.size(), 300u) << message.substr(0, 300);
    EXPECT_NE(message.find("the group name '" + std::string(40, 'g') + "…' (70002 bytes)"),
              std::string::npos)
        << message.substr(0, 300);
}

TEST(ErrorExcerpt, LongVcardTextIsQuotedAsAnExcerpt) {
    const std::string version(100'000, 'v');
    const auto result =
        vcard::read_vcard_text("BEGIN:VCARD\r\nVERSION:" + version + "\r\nFN:A\r\nEND:VCARD\r\n");
    EXPECT_EQ(first_error(result), "card 1, line 2: unknown VERSION \"" + std::string(40, 'v') +
                                       "…\" (100000 bytes); read as 4.0");
}

}  // namespace
}  // namespace cardex
