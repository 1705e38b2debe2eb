#include <gtest/gtest.h>

#include "client/book/match_keys.hpp"
#include "core/vcard/reader.hpp"

namespace cardex::client::book {
namespace {

vcard::Card card(std::string_view lines) {
    const std::string text =
        "BEGIN:VCARD\r\nVERSION:4.0\r\n" + std::string(lines) + "END:VCARD\r\n";
    return vcard::read_vcard_text(text).cards.at(0);
}

TEST(BookEmailKey, IgnoresCaseSurroundingSpaceAndAMailtoPrefix) {
    EXPECT_EQ(email_key("Alice@Example.ORG"), "alice@example.org");
    EXPECT_EQ(email_key("  alice@example.org\t"), "alice@example.org");
    EXPECT_EQ(email_key("mailto:alice@example.org"), "alice@example.org");
    EXPECT_EQ(email_key("MAILTO:Alice@Example.org"), "alice@example.org");
    EXPECT_EQ(email_key(" mailto: alice@example.org "), "alice@example.org");
}

TEST(BookEmailKey, KeepsNonAsciiTextAsItIs) {
    // Only ASCII letters are lower-cased: the bytes of "Ö" and "ü" are left alone.
    EXPECT_EQ(email_key("JÖRG@Bücher.Example"), "jÖrg@bücher.example");
    EXPECT_EQ(email_key("用户@例子.广告"), "用户@例子.广告");
}

TEST(BookEmailKey, IsEmptyWhenNothingIsLeft) {
    EXPECT_EQ(email_key(""), "");
    EXPECT_EQ(email_key("  "), "");
    EXPECT_EQ(email_key("mailto:"), "");
}

TEST(BookMatchKeys, HoldTheUidThePhonesAndTheEmails) {
    const auto keys = match_keys(card("UID:urn:uuid:4fbe8971-0bc3-424c-9c26-36c3e1eff6b1\r\n"
                                      "FN:Alice\r\n"
                                      "TEL;TYPE=cell:+49 170 7654321\r\n"
                                      "EMAIL:Alice@Example.org\r\n"),
                                 PhoneNormalizer("DE"));
    const MatchKeys expected{{"urn:uuid:4fbe8971-0bc3-424c-9c26-36c3e1eff6b1"},
                             {"+491707654321"},
                             {"alice@example.org"}};
    EXPECT_EQ(keys, expected);
}

TEST(BookMatchKeys, OneNumberInSeveralSpellingsIsOneKey) {
    const auto keys = match_keys(card("FN:Bob\r\n"
                                      "TEL:+49 30 1234567\r\n"
                                      "TEL;TYPE=work:030 1234567\r\n"
                                      "TEL;VALUE=uri:tel:+49-30-1234567;ext=12\r\n"
                                      "TEL:0170 7654321\r\n"
                                      "TEL:(030) 123 45 67\r\n"
                                      "EMAIL:bob@example.org\r\n"
                                      "EMAIL:BOB@example.org\r\n"
                                      "EMAIL:mailto:bob@Example.org\r\n"),
                                 PhoneNormalizer("DE"));
    EXPECT_EQ(keys.phones, (std::vector<std::string>{"+49301234567", "+491707654321"}));
    EXPECT_EQ(keys.emails, (std::vector<std::string>{"bob@example.org"}));
}

TEST(BookMatchKeys, NumbersWithoutACountryCodeDependOnTheRegion) {
    const vcard::Card local = card("FN:Carol\r\nTEL:030 1234567\r\nTEL:+44 20 7946 0958\r\n");
    EXPECT_EQ(match_keys(local, PhoneNormalizer("DE")).phones,
              (std::vector<std::string>{"+49301234567", "+442079460958"}));
    EXPECT_EQ(match_keys(local, PhoneNormalizer()).phones,
              (std::vector<std::string>{"~0301234567", "+442079460958"}));
}

TEST(BookMatchKeys, LeaveEmptyValuesOut) {
    const auto keys = match_keys(card("FN:Dave\r\n"
                                      "UID:\r\n"
                                      "TEL:\r\n"
                                      "TEL:n/a\r\n"
                                      "EMAIL:\r\n"
                                      "EMAIL: \r\n"
                                      "TEL:112\r\n"),
                                 PhoneNormalizer());
    EXPECT_EQ(keys, (MatchKeys{{}, {"~112"}, {}}));
}

TEST(BookMatchKeys, OfACardWithoutKeysAreEmpty) {
    EXPECT_EQ(match_keys(card("FN:Nobody\r\nNOTE:no numbers\r\n"), PhoneNormalizer("DE")),
              MatchKeys{});
}

}  // namespace
}  // namespace cardex::client::book
