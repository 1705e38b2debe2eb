#include <gtest/gtest.h>

#include "client/book/phone.hpp"

namespace cardex::client::book {
namespace {

constexpr const char* kBerlin = "+49301234567";

TEST(BookPhoneNormalizer, OneGermanNumberInEverySpellingIsOneE164Number) {
    const PhoneNormalizer de("DE");
    for (const char* spelling :
         {"+49 30 1234567", "030 1234567", "+49-30-1234567", "tel:+49-30-1234567",
          "0049 30 1234567", "(030) 123 45 67", "+49 (0)30 1234567", "  +49 30 1234567  "}) {
        EXPECT_EQ(de.e164(spelling), kBerlin) << spelling;
        EXPECT_EQ(de.key(spelling), kBerlin) << spelling;
    }
}

TEST(BookPhoneNormalizer, TheSameLocalNumberInAnotherRegionIsAnotherNumber) {
    const PhoneNormalizer us("US");
    // libphonenumber does not check that the number exists: it is read as a US number.
    EXPECT_EQ(us.e164("030 1234567"), "+10301234567");
    EXPECT_NE(us.key("030 1234567"), PhoneNormalizer("DE").key("030 1234567"));
    EXPECT_EQ(us.e164("(202) 555-0123"), "+12025550123");
    EXPECT_EQ(us.e164("+49 30 1234567"), kBerlin);
}

TEST(BookPhoneNormalizer, AnExtensionIsNotPartOfTheKey) {
    const PhoneNormalizer de("DE");
    EXPECT_EQ(de.e164("030 1234567 ext. 12"), kBerlin);
    EXPECT_EQ(de.e164("+49 30 1234567 x12"), kBerlin);
    EXPECT_EQ(de.e164("tel:+49-30-1234567;ext=12"), kBerlin);
    // As Card::phones() writes the number of a tel: URI with an extension.
    EXPECT_EQ(de.e164("+49-30-1234567 ext. 12"), kBerlin);
}

TEST(BookPhoneNormalizer, TelUriParametersAreIgnoredButAGlobalPhoneContextIsUsed) {
    const PhoneNormalizer none;
    // libphonenumber refuses a tel: URI with a parameter it does not know.
    EXPECT_EQ(none.e164("tel:+49-30-1234567;foo=bar;ext=12"), kBerlin);
    EXPECT_EQ(none.e164("TEL:+49-30-1234567;isub=7"), kBerlin);
    EXPECT_EQ(none.e164("tel:1234567;phone-context=+49-30"), kBerlin);
    EXPECT_EQ(none.e164("tel:1234567;phone-context=example.com"), std::nullopt);
}

TEST(BookPhoneNormalizer, WithoutARegionOnlyInternationalNumbersAreNormalised) {
    for (const PhoneNormalizer& none : {PhoneNormalizer(), PhoneNormalizer("ZZ")}) {
        EXPECT_EQ(none.region(), "ZZ");
        EXPECT_EQ(none.e164("+49 30 1234567"), kBerlin);
        EXPECT_EQ(none.e164("030 1234567"), std::nullopt);
        // "00" is an international prefix only in some regions, so without one it is not.
        EXPECT_EQ(none.e164("0049 30 1234567"), std::nullopt);
        EXPECT_EQ(none.key("030 1234567"), "~0301234567");
    }
}

TEST(BookPhoneNormalizer, WhatIsNotATelephoneNumberHasNoE164Form) {
    const PhoneNormalizer de("DE");
    EXPECT_EQ(de.e164(""), std::nullopt);
    EXPECT_EQ(de.e164("   "), std::nullopt);
    EXPECT_EQ(de.e164("abc"), std::nullopt);
    EXPECT_EQ(de.e164("ask at the front desk"), std::nullopt);
    EXPECT_EQ(de.e164("+1"), std::nullopt);                           // too short after "+"
    EXPECT_EQ(de.e164("+49 30 12345678901234567890"), std::nullopt);  // too long
    EXPECT_EQ(de.key("abc"), "");
    EXPECT_EQ(de.key(""), "");
}

TEST(BookPhoneNormalizer, ShortCodesAreReadWithTheRegionsCountryCode) {
    // libphonenumber parses any two or more digits as a national number: with a region, an
    // emergency or service code gets that region's country code although no such E.164
    // number exists. That is still a stable key for the same code in the same region.
    EXPECT_EQ(PhoneNormalizer("DE").key("112"), "+49112");
    EXPECT_EQ(PhoneNormalizer("US").key("911"), "+1911");
    EXPECT_EQ(PhoneNormalizer("DE").key("1 1 2"), "+49112");
}

TEST(BookPhoneNormalizer, UnreadableNumbersAreComparedByTheirDigits) {
    const PhoneNormalizer none;
    EXPECT_EQ(none.e164("112"), std::nullopt);
    EXPECT_EQ(none.key("112"), "~112");
    EXPECT_EQ(none.key("1 1 2"), "~112");
    EXPECT_EQ(none.key("tel:112"), "~112");
    // The extension stays out of the key here too; a vanity number keeps its digits only.
    EXPECT_EQ(none.key("112 ext. 5"), "~112");
    EXPECT_EQ(none.key("tel:112;ext=5"), "~112");
    EXPECT_EQ(none.key("Mobile: 0170 7654321"), "~01707654321");
    EXPECT_EQ(none.key("1-800-FLOWERS"), "~1800");
    // Letters are read as digits when the region makes it a number.
    EXPECT_EQ(PhoneNormalizer("US").key("1-800-FLOWERS"), "+18003569377");
}

TEST(BookPhoneNormalizer, RegionCaseDoesNotMatterAndUnknownRegionsMeanNone) {
    EXPECT_EQ(PhoneNormalizer("de").region(), "DE");
    EXPECT_EQ(PhoneNormalizer("de").e164("030 1234567"), kBerlin);
    EXPECT_EQ(PhoneNormalizer("XX").region(), "ZZ");
    EXPECT_EQ(PhoneNormalizer("Germany").region(), "ZZ");
    EXPECT_EQ(PhoneNormalizer("001").region(), "ZZ");
    EXPECT_EQ(PhoneNormalizer("XX").e164("030 1234567"), std::nullopt);
}

TEST(BookPhoneNormalizer, KnowsTheRegionsOfLibphonenumber) {
    EXPECT_TRUE(PhoneNormalizer::is_known_region("DE"));
    EXPECT_TRUE(PhoneNormalizer::is_known_region("US"));
    EXPECT_TRUE(PhoneNormalizer::is_known_region("us"));
    EXPECT_TRUE(PhoneNormalizer::is_known_region("GB"));
    EXPECT_FALSE(PhoneNormalizer::is_known_region("ZZ"));
    EXPECT_FALSE(PhoneNormalizer::is_known_region("XX"));
    EXPECT_FALSE(PhoneNormalizer::is_known_region("UK"));  // the United Kingdom is GB
    EXPECT_FALSE(PhoneNormalizer::is_known_region("001"));
    EXPECT_FALSE(PhoneNormalizer::is_known_region(""));
    EXPECT_FALSE(PhoneNormalizer::is_known_region("DEU"));
}

TEST(BookPhoneNormalizer, LibphonenumberPrintsNothing) {
    // An unknown region code is what libphonenumber logs as an error; the terminal client's
    // output must not carry its messages.
    testing::internal::CaptureStdout();
    testing::internal::CaptureStderr();
    EXPECT_FALSE(PhoneNormalizer::is_known_region("XX"));
    EXPECT_EQ(PhoneNormalizer("DE").e164("not a number"), std::nullopt);
    EXPECT_EQ(PhoneNormalizer().e164("030 1234567"), std::nullopt);
    EXPECT_EQ(testing::internal::GetCapturedStderr(), "");
    EXPECT_EQ(testing::internal::GetCapturedStdout(), "");
}

TEST(BookRegionFromLocale, TakesTheTerritoryOfALocaleName) {
    EXPECT_EQ(region_from_locale("de_DE.UTF-8"), "DE");
    EXPECT_EQ(region_from_locale("en_US"), "US");
    EXPECT_EQ(region_from_locale("pt_BR@euro"), "BR");
    EXPECT_EQ(region_from_locale("sr_RS.UTF-8@latin"), "RS");
    EXPECT_EQ(region_from_locale("en_gb"), "GB");
    EXPECT_EQ(region_from_locale("en-US"), "US");             // BCP 47
    EXPECT_EQ(region_from_locale("zh_Hant_TW.UTF-8"), "TW");  // with a script
    EXPECT_EQ(region_from_locale("en_US_POSIX"), "US");
}

TEST(BookRegionFromLocale, IsEmptyWhenTheNameHasNoKnownRegion) {
    EXPECT_EQ(region_from_locale("C"), "");
    EXPECT_EQ(region_from_locale("C.UTF-8"), "");
    EXPECT_EQ(region_from_locale("POSIX"), "");
    EXPECT_EQ(region_from_locale("en"), "");
    EXPECT_EQ(region_from_locale("en.UTF-8"), "");
    EXPECT_EQ(region_from_locale(""), "");
    EXPECT_EQ(region_from_locale("de_XX.UTF-8"), "");
    EXPECT_EQ(region_from_locale("es_419"), "");
}

}  // namespace
}  // namespace cardex::client::book
