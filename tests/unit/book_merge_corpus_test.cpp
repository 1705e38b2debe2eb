// Merging real exports of one contact from different address books (CARDEX_CORPUS_DIR): the
// same John Doe as Gmail, an iPhone and Mac OS X Address Book wrote him.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "client/book/match_keys.hpp"
#include "client/book/merge.hpp"
#include "core/vcard/reader.hpp"

namespace cardex::client::book {
namespace {

namespace fs = std::filesystem;
using vcard::Card;
using Lines = std::vector<std::string>;

Card read_corpus_card(std::string_view file) {
    std::ifstream in(fs::path(CARDEX_CORPUS_DIR) / "ez-vcard" / file, std::ios::binary);
    std::ostringstream bytes;
    bytes << in.rdbuf();
    auto read = vcard::read_vcard_text(bytes.str());
    EXPECT_EQ(read.cards.size(), 1u) << file;
    return read.cards.empty() ? Card{} : read.cards.front();
}

Lines numbers(const Card& card) {
    Lines result;
    for (const auto& phone : card.phones())
        result.push_back(phone.number);
    return result;
}

// "NAME value" of every property in `group`.
Lines group_of(const Card& card, std::string_view group) {
    Lines result;
    for (const auto& property : card.properties) {
        if (property.group == group)
            result.push_back(property.name + " " + property.display_text());
    }
    return result;
}

bool starts_with_all_of(const Card& merged, const Card& mine) {
    return merged.properties.size() >= mine.properties.size() &&
           std::equal(mine.properties.begin(), mine.properties.end(), merged.properties.begin());
}

// 905 is an area code of Ontario: the numbers are written without the country code.
const PhoneNormalizer kCanada("CA");

TEST(BookMergeCorpus, GmailContactGetsOnlyTheIphonesNumbersItHasNot) {
    const Card gmail = read_corpus_card("John_Doe_GMAIL.vcf");
    const Card iphone = read_corpus_card("John_Doe_IPHONE.vcf");
    ASSERT_EQ(numbers(gmail), (Lines{"905-555-1234", "905-666-1234"}));
    ASSERT_EQ(numbers(iphone).size(), 7u);

    const auto merged = merge_cards(gmail, iphone, kCanada);
    EXPECT_TRUE(starts_with_all_of(merged.card, gmail));
    // The two numbers Gmail has are not added again; the five others are, and the assistant's
    // number brings its label along into a group Gmail's card does not use.
    EXPECT_EQ(numbers(merged.card),
              (Lines{"905-555-1234", "905-666-1234", "905-777-1234", "905-888-1234", "905-999-1234",
                     "905-111-1234", "905-222-1234"}));
    EXPECT_EQ(group_of(merged.card, "item6"),
              (Lines{"TEL 905-222-1234", "X-ABLABEL _$!<AssistantPhone>!$_"}));
    // Both have john.doe@ibm.com; the user's name and birthday are kept, the photo is new.
    EXPECT_EQ(merged.card.emails().size(), 1u);
    EXPECT_EQ(merged.card.formatted_name(), gmail.formatted_name());
    EXPECT_EQ(merged.card.all("BDAY").size(), 1u);
    EXPECT_TRUE(merged.card.photo().has_value());
    EXPECT_EQ(match_keys(merged.card, kCanada).phones.size(), 7u);

    EXPECT_FALSE(merge_cards(merged.card, iphone, kCanada).changed());
}

TEST(BookMergeCorpus, IphoneAndMacAddressBookHaveTheSameNumbersAndAddresses) {
    const Card iphone = read_corpus_card("John_Doe_IPHONE.vcf");
    const Card mac = read_corpus_card("John_Doe_MAC_ADDRESS_BOOK.vcf");
    const auto merged = merge_cards(iphone, mac, kCanada);
    EXPECT_TRUE(starts_with_all_of(merged.card, iphone));
    EXPECT_EQ(merged.card.phones().size(), iphone.phones().size());
    EXPECT_EQ(merged.card.emails().size(), 1u);
    // The Mac writes the street of the home address with an escaped comma ("Silicon Alley 5\,"),
    // the iPhone without, which makes the comma a list separator: another value, so it is added
    // (with its X-ABADR, in a group of its own). The work address is the same in both.
    EXPECT_EQ(merged.card.addresses().size(), 3u);
    EXPECT_EQ(group_of(merged.card, "item6"),
              (Lines{"ADR Silicon Alley 5, New York New York 12345 United States of America",
                     "X-ABADR Silicon Alley"}));
    // What else only the Mac has: the note, the phonetic names, the spouse (with its label)
    // and Apple's record id.
    for (const char* name :
         {"NOTE", "X-PHONETIC-FIRST-NAME", "X-PHONETIC-LAST-NAME", "X-ABRELATEDNAMES", "X-ABUID"}) {
        EXPECT_EQ(merged.card.all(name).size(), 1u) << name;
    }
    EXPECT_EQ(group_of(merged.card, "item7"),
              (Lines{"X-ABRELATEDNAMES Jenny", "X-ABLABEL Spouse"}));
    EXPECT_EQ(merged.card.properties.back().name, "X-ABUID");
    EXPECT_EQ(merged.card.all("X-ABLABEL").size(), iphone.all("X-ABLABEL").size() + 1);
}

}  // namespace
}  // namespace cardex::client::book
