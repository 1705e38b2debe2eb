// Every file of the real-world corpus (CARDEX_CORPUS_DIR), read with the expectations below:
// card and error counts, what the errors say, and fields checked against the files' bytes.
//
// Decisions on the files that SOURCES.md calls malformed:
//   v21_adr_multiple_line  ADR continued after a trailing backslash: lines joined, reported.
//   v21_invalid_comment_line  '#' lines skipped and reported; the '#' line that follows a
//                          QUOTED-PRINTABLE soft break is value text and kept.
//   v21_malformed_photo    invalid base64: the PHOTO is skipped and reported, the card kept.
//   v21_nest               the nested cards are cards of their own; the outer card keeps the
//                          TEL after them; each nesting is reported.
//   evolution 6, 11        empty parameter pieces skipped and reported; the meaning is kept.
//   evolution 8            no END:VCARD: the card is kept as read and the missing END reported
//                          at its last line.
//   evolution 9            no END:VCARD and a last line "E" without ':': card kept, both reported.
//   highrise               "X-GOOGLE TALK" read as X-GOOGLE-TALK, reported.
//   empty-lines            blank lines carry no data: skipped without an error.
// Not called malformed there, but broken: the PHOTO of card 5 of John_Doe_ANDROID.vcf has 1169
// base64 symbols (a truncated sample), which no decoder can read; it is skipped and reported.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <functional>
#include <iostream>
#include <map>
#include <sstream>

#include "core/vcard/reader.hpp"
#include "core/vcard/writer.hpp"

namespace cardex::vcard {
namespace {

namespace fs = std::filesystem;

const fs::path kCorpus = CARDEX_CORPUS_DIR;

std::string read_file(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream bytes;
    bytes << in.rdbuf();
    return bytes.str();
}

bool is_text_vcard(const fs::path& path) {
    return path.extension() == ".vcf" || path.extension() == ".vcard";
}

bool is_other_format(const fs::path& path) {
    return path.extension() == ".xml" || path.extension() == ".json";
}

// Corpus files by their path relative to the corpus, sorted.
std::vector<std::string> corpus_files(bool (*wanted)(const fs::path&)) {
    std::vector<std::string> files;
    for (const auto& entry : fs::recursive_directory_iterator(kCorpus)) {
        if (entry.is_regular_file() && wanted(entry.path())) {
            files.push_back(entry.path().lexically_relative(kCorpus).generic_string());
        }
    }
    std::sort(files.begin(), files.end());
    return files;
}

std::string all_errors(const ReadResult& result) {
    std::string out;
    for (const auto& error : result.errors)
        out += "  " + error.message + "\n";
    return out;
}

std::string value_of(const Card& card, std::string_view name, std::size_t index = 0) {
    const auto all = card.all(name);
    return index < all.size() ? all[index]->first_value() : "<no " + std::string(name) + ">";
}

std::string repeat(std::string_view text, int times) {
    std::string out;
    for (int i = 0; i < times; ++i)
        out += text;
    return out;
}

using Strings = std::vector<std::string>;

struct Expectation {
    std::string_view file;  // relative to the corpus
    std::size_t cards = 0;
    std::size_t errors = 0;
    Strings error_mentions;  // each must appear in one of the error messages
};

// clang-format off
const Expectation kExpectations[] = {
    {"android-vcard/v21_adr_multiple_line.vcf", 1, 2,
     {"line 6: value continued on line 7 after a trailing backslash"}},
    {"android-vcard/v21_backslash.vcf", 1, 0, {}},
    {"android-vcard/v21_base64_no_2_crlf.vcf", 1, 0, {}},
    {"android-vcard/v21_blackberry_photo.vcf", 1, 0, {}},
    {"android-vcard/v21_complicated.vcf", 1, 0, {}},
    {"android-vcard/v21_invalid_comment_line.vcf", 1, 2,
     {"line 6: comment line starting with '#'", "line 9: comment line"}},
    {"android-vcard/v21_japanese_2.vcf", 1, 0, {}},
    {"android-vcard/v21_malformed_photo.vcf", 1, 1,
     {"line 5: PHOTO: invalid base64: ':' at offset 28"}},
    {"android-vcard/v21_multiple_entry.vcf", 3, 0, {}},
    {"android-vcard/v21_nest.vcf", 3, 2,
     {"card 1, line 4: BEGIN:VCARD inside this card", "line 8: BEGIN:VCARD inside"}},
    {"android-vcard/v21_winmo_65.vcf", 1, 0, {}},
    {"android-vcard/v30_ios_613_multiline.vcf", 1, 0, {}},
    {"android-vcard/v40_sort_as.vcf", 1, 0, {}},
    {"evolution-data-server/10.vcf", 1, 0, {}},
    {"evolution-data-server/11.vcf", 1, 3,
     {"line 6: NOPARAM: empty parameter", "line 7: TAIL: empty", "line 8: MIDDLE: empty"}},
    {"evolution-data-server/13.vcf", 1, 0, {}},
    {"evolution-data-server/4.vcf", 1, 0, {}},
    {"evolution-data-server/5.vcf", 1, 0, {}},
    {"evolution-data-server/6.vcf", 1, 1, {"line 5: ADR: empty value in \"TYPE=WORK,\" skipped"}},
    {"evolution-data-server/8.vcf", 1, 1, {"card 1, line 11: END:VCARD missing after the card's last line"}},
    {"evolution-data-server/9.vcf", 1, 2, {"END:VCARD missing", "line 9: line \"E\" has no ':'"}},
    {"ez-vcard/John_Doe_ANDROID.vcf", 6, 1,
     {"card 5, line 52: PHOTO: invalid base64: the text ends in the middle of a byte"}},
    {"ez-vcard/John_Doe_BLACK_BERRY.vcf", 1, 0, {}},
    {"ez-vcard/John_Doe_EVOLUTION.vcf", 1, 0, {}},
    {"ez-vcard/John_Doe_GMAIL.vcf", 1, 0, {}},
    {"ez-vcard/John_Doe_IPHONE.vcf", 1, 0, {}},
    {"ez-vcard/John_Doe_LOTUS_NOTES.vcf", 1, 0, {}},
    {"ez-vcard/John_Doe_MAC_ADDRESS_BOOK.vcf", 1, 0, {}},
    {"ez-vcard/John_Doe_MS_OUTLOOK.vcf", 1, 0, {}},
    {"ez-vcard/fullcontact.vcf", 1, 0, {}},
    {"ez-vcard/gmail-list.vcf", 3, 0, {}},
    {"ez-vcard/gmail-single2.vcf", 1, 0, {}},
    {"ez-vcard/issue114.vcf", 1, 0, {}},
    {"ez-vcard/outlook-2003.vcf", 1, 0, {}},
    {"ez-vcard/outlook-2007.vcf", 1, 0, {}},
    {"ez-vcard/rfc6350-example.vcf", 1, 0, {}},
    {"ez-vcard/thunderbird-MoreFunctionsForAddressBook-extension.vcf", 1, 0, {}},
    {"kcontacts/testfullvcard.vcf", 1, 0, {}},
    {"kcontacts/vcard10.vcf", 5, 0, {}},
    {"kcontacts/vcard12.vcf", 1, 0, {}},
    {"kcontacts/vcard15.vcf", 1, 0, {}},
    {"kcontacts/vcard3.vcf", 1, 0, {}},
    {"kcontacts/vcard4.vcf", 1, 0, {}},
    {"kcontacts/vcard5.vcf", 1, 0, {}},
    {"kcontacts/vcard7.vcf", 1, 0, {}},
    {"kcontacts/vcard9.vcf", 1, 0, {}},
    {"kcontacts/vcardwithitemasapplesupport.vcf", 1, 0, {}},
    {"node-vcf/empty-lines.vcf", 1, 0, {}},
    {"node-vcf/ex3.vcard", 1, 0, {}},
    {"node-vcf/ex_21_case0.vcard", 1, 0, {}},
    {"node-vcf/ex_apple1.vcard", 1, 0, {}},
    {"node-vcf/gmail.vcard", 1, 0, {}},
    {"node-vcf/highrise.vcard", 1, 1,
     {"card 1, line 5: property name \"X-GOOGLE TALK\" contains a space"}},
    {"node-vcf/multiple.vcf", 3, 0, {}},
    {"node-vcf/xing.vcf", 1, 0, {}},
};
// clang-format on

// A missing corpus is a setup error, not a reason to skip.
::testing::AssertionResult corpus_present() {
    if (fs::is_directory(kCorpus)) return ::testing::AssertionSuccess();
    return ::testing::AssertionFailure()
           << "the vCard corpus is missing: looked in " << kCorpus
           << " (CARDEX_CORPUS_DIR); it is part of the test setup, not optional";
}

TEST(VcardCorpus, EveryTextFileReadsAsExpected) {
    ASSERT_TRUE(corpus_present());
    const auto files = corpus_files(is_text_vcard);
    EXPECT_EQ(files.size(), std::size(kExpectations)) << "a corpus file was added or removed";
    for (const auto& file : files) {
        const ReadResult result = read_vcard_text(read_file(kCorpus / file));
        std::cout << file << ": " << result.cards.size() << " cards, " << result.errors.size()
                  << " errors\n";
        const auto named = [&](const Expectation& e) { return e.file == file; };
        const auto* want = std::find_if(std::begin(kExpectations), std::end(kExpectations), named);
        if (want == std::end(kExpectations)) {
            ADD_FAILURE() << file << ": no expectation written for this file";
            continue;
        }
        SCOPED_TRACE(file);
        EXPECT_EQ(result.cards.size(), want->cards);
        EXPECT_EQ(result.errors.size(), want->errors) << all_errors(result);
        for (const auto& mention : want->error_mentions) {
            const auto says = [&](const CardError& e) {
                return e.message.find(mention) != std::string::npos;
            };
            EXPECT_TRUE(std::any_of(result.errors.begin(), result.errors.end(), says))
                << "no error mentions \"" << mention << "\"; errors:\n"
                << all_errors(result);
        }
    }
}

// The xCard and jCard files are read through read_any and only counted here; their readers
// have their own tests.
TEST(VcardCorpus, OtherFormatsAreReadWithoutCrashing) {
    ASSERT_TRUE(corpus_present());
    const auto files = corpus_files(is_other_format);
    EXPECT_EQ(files.size(), 3u);
    for (const auto& file : files) {
        const ReadResult result = read_any(read_file(kCorpus / file));
        std::cout << file << ": " << result.cards.size() << " cards, " << result.errors.size()
                  << " errors (read_any)\n";
        for (const auto& error : result.errors)
            EXPECT_FALSE(error.message.empty()) << file;
    }
}

// Every card the text reader returns survives the writers: 4.0 gives back the same card (plus
// the FN the writer adds when the card has none), 3.0 the same names, phones and emails.
TEST(VcardCorpus, EveryCardRoundTripsThroughTheWriters) {
    ASSERT_TRUE(corpus_present());
    for (const auto& file : corpus_files(is_text_vcard)) {
        const ReadResult result = read_vcard_text(read_file(kCorpus / file));
        for (std::size_t i = 0; i < result.cards.size(); ++i) {
            SCOPED_TRACE(file + ", card " + std::to_string(i + 1));
            const Card& card = result.cards[i];
            Card expected = card;
            if (!card.first("FN")) {
                expected.properties.insert(expected.properties.begin(),
                                           make_text("FN", card.formatted_name()));
            }
            const std::string v40 = write_vcard_text(card, Version::v40);
            const ReadResult back40 = read_vcard_text(v40);
            EXPECT_TRUE(back40.errors.empty()) << all_errors(back40);
            ASSERT_EQ(back40.cards.size(), 1u);
            EXPECT_EQ(back40.cards[0], expected) << v40;

            const std::string v30 = write_vcard_text(card, Version::v30);
            const ReadResult back30 = read_vcard_text(v30);
            EXPECT_TRUE(back30.errors.empty()) << all_errors(back30);
            ASSERT_EQ(back30.cards.size(), 1u);
            EXPECT_EQ(back30.cards[0].formatted_name(), card.formatted_name()) << v30;
            EXPECT_EQ(back30.cards[0].phones(), card.phones()) << v30;
            EXPECT_EQ(back30.cards[0].emails(), card.emails()) << v30;
        }
    }
}

// What the cards of each file hold, checked field by field against the file's bytes.

// The helpers below return empty values for what is missing, so that a check fails with a
// message instead of crashing; vector elements are read with at() for the same reason.
std::vector<Card> cards_of(std::string_view file) {
    return read_vcard_text(read_file(kCorpus / file)).cards;
}

// The index-th property with this name, or an empty property.
const Property& property(const Card& card, std::string_view name, std::size_t index = 0) {
    static const Property missing;
    const auto all = card.all(name);
    return index < all.size() ? *all[index] : missing;
}

Strings param_values(const Property& property, std::string_view name) {
    const Parameter* parameter = property.param(name);
    return parameter ? parameter->values : Strings{"<no " + std::string(name) + ">"};
}

TEST(VcardCorpusFile, AndroidV21AdrMultipleLine) {
    ASSERT_TRUE(corpus_present());
    const auto c = cards_of("android-vcard/v21_adr_multiple_line.vcf");
    ASSERT_EQ(c.size(), 1u);
    EXPECT_EQ(c[0].formatted_name(), "bogus");
    const auto adr = c[0].addresses();
    ASSERT_EQ(adr.size(), 2u);
    EXPECT_EQ(adr[1].street, "Hermann v. Brevern\n9999999\nPackstation 999");
    EXPECT_EQ(adr[1].locality, "Hamburg");
    EXPECT_EQ(adr[1].country, "Deutschland");
    EXPECT_EQ(value_of(c[0], "BDAY"), "20081203");
}

TEST(VcardCorpusFile, AndroidV21Backslash) {
    ASSERT_TRUE(corpus_present());
    const auto c = cards_of("android-vcard/v21_backslash.vcf");
    ASSERT_EQ(c.size(), 1u);
    EXPECT_EQ(c[0].formatted_name(), "A;B\\C;D:E\\");
    EXPECT_EQ(property(c[0], "N").components,
              (std::vector<Component>{{""}, {"A;B\\"}, {"C\\;"}, {"D"}, {"\\:E"}, {"\\\\"}, {""}}));
}

TEST(VcardCorpusFile, AndroidV21Base64No2Crlf) {
    ASSERT_TRUE(corpus_present());
    const auto c = cards_of("android-vcard/v21_base64_no_2_crlf.vcf");
    ASSERT_EQ(c.size(), 1u);
    EXPECT_EQ(c[0].formatted_name(), "fullname");
    ASSERT_TRUE(c[0].photo());
    EXPECT_EQ(c[0].photo().value_or(Media{}).media_type, "image/jpeg");
    EXPECT_TRUE(c[0].photo().value_or(Media{}).uri.starts_with(
        "data:image/jpeg;base64,/9j/4QoPRXhpZgAATU0AKgAA"));
}

TEST(VcardCorpusFile, AndroidV21BlackberryPhoto) {
    ASSERT_TRUE(corpus_present());
    const auto c = cards_of("android-vcard/v21_blackberry_photo.vcf");
    ASSERT_EQ(c.size(), 1u);
    EXPECT_EQ(c[0].formatted_name(), "boogie");
    EXPECT_EQ(c[0].photo().value_or(Media{}).media_type,
              "image/png");  // no TYPE: from the PNG signature
    EXPECT_EQ(c[0].phones(),
              (std::vector<Phone>{{"+5555555", {"work"}, {}}, {"+5555556", {"cell"}, {}}}));
    EXPECT_EQ(c[0].emails(),
              (std::vector<Email>{{"forrestgump@walladalla.com", {"internet"}, {}}}));
}

TEST(VcardCorpusFile, AndroidV21Complicated) {
    ASSERT_TRUE(corpus_present());
    const auto c = cards_of("android-vcard/v21_complicated.vcf");
    ASSERT_EQ(c.size(), 1u);
    EXPECT_EQ(c[0].formatted_name(), "Joe Due");
    EXPECT_EQ(c[0].name(), (Name{{"Gump"}, {"Forrest"}, {"Hoge"}, {"Pos"}, {"Tao"}}));
    EXPECT_EQ(c[0].organization(),
              (Strings{"Gump Shrimp Co.", "Sales Dept.;Manager", "Fish keeper"}));
    ASSERT_EQ(c[0].phones().size(), 5u);
    EXPECT_EQ(c[0].phones().at(0), (Phone{"(111) 555-1212", {"work", "voice"}, {}}));
    EXPECT_EQ(c[0].emails().at(0), (Email{"forrestgump@walladalla.com", {"internet"}, 1}));
    EXPECT_EQ(value_of(c[0], "NOTE", 1),
              "Now's the time for all folk to come to the aid of their country.");
    EXPECT_EQ(c[0].addresses().at(1).label,
              "42 Plantation St.\nBaytown, LA 30314\nUnited  States of America");
    EXPECT_EQ(c[0].photo().value_or(Media{}).media_type, "image/jpeg");
    EXPECT_EQ(value_of(c[0], "GEO"), "geo:35.6563854,139.6994233");
}

TEST(VcardCorpusFile, AndroidV21InvalidCommentLine) {
    ASSERT_TRUE(corpus_present());
    const auto c = cards_of("android-vcard/v21_invalid_comment_line.vcf");
    ASSERT_EQ(c.size(), 1u);
    EXPECT_EQ(c[0].formatted_name(), "Conference Call");
    EXPECT_EQ(c[0].note(),
              "This is an (sharp ->#<- sharp) example. This message must NOT be ignored.");
}

TEST(VcardCorpusFile, AndroidV21Japanese2) {
    ASSERT_TRUE(corpus_present());
    const auto c = cards_of("android-vcard/v21_japanese_2.vcf");
    ASSERT_EQ(c.size(), 1u);
    EXPECT_EQ(c[0].formatted_name(), "安藤 ロイド 1");
    EXPECT_EQ(c[0].name(), (Name{{"安藤"}, {"ロイド1"}, {}, {}, {}}));
    const auto adr = c[0].addresses();
    ASSERT_EQ(adr.size(), 1u);
    EXPECT_EQ(adr[0].extended, "東京都渋谷区桜丘町26-1セルリアンタワー6階");
    EXPECT_EQ(adr[0].postal_code, "150-8512");
    EXPECT_EQ(adr[0].types, Strings{"home"});
    EXPECT_EQ(c[0].note(), "メモ");
    EXPECT_EQ(value_of(c[0], "SOUND"), "ｱﾝﾄﾞｳ;ﾛｲﾄﾞ1;;;");
}

TEST(VcardCorpusFile, AndroidV21MalformedPhoto) {
    ASSERT_TRUE(corpus_present());
    const auto c = cards_of("android-vcard/v21_malformed_photo.vcf");
    ASSERT_EQ(c.size(), 1u);
    EXPECT_EQ(c[0].formatted_name(), "fullname");
    EXPECT_EQ(c[0].photo(), std::nullopt);
    EXPECT_EQ(c[0].name().value_or(Name{}).family, Strings{"name"});
}

TEST(VcardCorpusFile, AndroidV21MultipleEntry) {
    ASSERT_TRUE(corpus_present());
    const auto c = cards_of("android-vcard/v21_multiple_entry.vcf");
    ASSERT_EQ(c.size(), 3u);
    EXPECT_EQ(c[0].name().value_or(Name{}).family, Strings{"安藤ロイド3"});
    ASSERT_EQ(c[0].phones().size(), 4u);
    EXPECT_EQ(c[0].phones().at(3), (Phone{"12", {"home", "fax"}, {}}));
    EXPECT_EQ(c[1].phones().at(0), (Phone{"13", {"modem"}, {}}));
    EXPECT_EQ(c[2].formatted_name(), "安藤ロイド5");
    EXPECT_EQ(c[2].phones().at(0), (Phone{"17", {"x-nec-boy"}, {}}));
}

TEST(VcardCorpusFile, AndroidV21Nest) {
    ASSERT_TRUE(corpus_present());
    const auto c = cards_of("android-vcard/v21_nest.vcf");
    ASSERT_EQ(c.size(), 3u);
    EXPECT_EQ(c[0].formatted_name(), "parent");
    EXPECT_EQ(c[0].phones(), (std::vector<Phone>{{"1", {}, {}}}));
    EXPECT_EQ(c[1].formatted_name(), "nest1");
    EXPECT_EQ(c[2].formatted_name(), "nest2");
}

TEST(VcardCorpusFile, AndroidV21Winmo65) {
    ASSERT_TRUE(corpus_present());
    const auto c = cards_of("android-vcard/v21_winmo_65.vcf");
    ASSERT_EQ(c.size(), 1u);
    EXPECT_EQ(c[0].formatted_name(), "Example");
    EXPECT_EQ(value_of(c[0], "AGENT"), "Invalid line which must be handled correctly.");
    EXPECT_EQ(property(c[0], "ANNIVERSARY").value_type, "date");
    EXPECT_EQ(value_of(c[0], "X-REDUCTION"), "");
}

TEST(VcardCorpusFile, AndroidV30Ios613Multiline) {
    ASSERT_TRUE(corpus_present());
    const auto c = cards_of("android-vcard/v30_ios_613_multiline.vcf");
    ASSERT_EQ(c.size(), 1u);
    EXPECT_EQ(c[0].formatted_name(), "Bob Smith");
    EXPECT_EQ(c[0].organization(), Strings{"Smith Auto Repair"});
    EXPECT_EQ(c[0].emails(), (std::vector<Email>{{"bob@smithauto.com", {"internet"}, 1}}));
    EXPECT_EQ(property(c[0], "EMAIL").group, "item1");
    EXPECT_EQ(c[0].phones(), (std::vector<Phone>{{"(650) 555-1212", {"cell", "voice"}, 1}}));
    EXPECT_EQ(c[0].photo().value_or(Media{}).media_type, "image/jpeg");
    EXPECT_EQ(c[0].urls(), Strings{"www.smithauto.com"});
}

TEST(VcardCorpusFile, AndroidV40SortAs) {
    ASSERT_TRUE(corpus_present());
    const auto c = cards_of("android-vcard/v40_sort_as.vcf");
    ASSERT_EQ(c.size(), 1u);
    EXPECT_EQ(c[0].formatted_name(), "安藤 ロイド");
    EXPECT_EQ(param_values(property(c[0], "N"), "SORT-AS"), Strings{"あんどう;ろいど"});
    EXPECT_EQ(c[0].organization(), (Strings{"グーグル", "検索部門"}));
    EXPECT_EQ(property(c[0], "ORG").types(), Strings{"work"});
}

TEST(VcardCorpusFile, Evolution10) {
    ASSERT_TRUE(corpus_present());
    const auto c = cards_of("evolution-data-server/10.vcf");
    ASSERT_EQ(c.size(), 1u);
    EXPECT_EQ(c[0].formatted_name(), "Frank Dawson");
    EXPECT_EQ(c[0].addresses().at(0).types, (Strings{"both work and home", "postal", "parcel"}));
    EXPECT_EQ(c[0].addresses().at(0).street, "6544 Battleford Drive");
    EXPECT_EQ(c[0].addresses().at(0).locality, "Raleigh");
    EXPECT_EQ(c[0].phones().at(0), (Phone{"+1-919-676-9515", {"voice", "msg", "work"}, {}}));
}

TEST(VcardCorpusFile, Evolution11) {
    ASSERT_TRUE(corpus_present());
    const auto c = cards_of("evolution-data-server/11.vcf");
    ASSERT_EQ(c.size(), 1u);
    EXPECT_EQ(c[0].formatted_name(), "Invalid AttributeParam");
    EXPECT_EQ(property(c[0], "MIDDLE").params,
              (std::vector<Parameter>{{"PARAM", {"value"}}, {"PARAM2", {"value2"}}}));
    EXPECT_EQ(value_of(c[0], "X-EVOLUTION-FILE-AS"), "AttributeParam\\, Invalid");
}

TEST(VcardCorpusFile, Evolution13) {
    ASSERT_TRUE(corpus_present());
    const auto c = cards_of("evolution-data-server/13.vcf");
    ASSERT_EQ(c.size(), 1u);
    EXPECT_EQ(c[0].formatted_name(), "Ralf Engels");
    const auto adr = c[0].addresses();
    ASSERT_EQ(adr.size(), 2u);
    EXPECT_EQ(adr[0].street, "Evil semicolon city;");
    EXPECT_EQ(adr[0].locality, "Semicolon;way");
    EXPECT_EQ(adr[1].street, "Evil backslash \\ way");
    EXPECT_EQ(adr[1].locality, "Ulm");
    EXPECT_EQ(adr[1].region, "Newlines\nCountry\nevil");
    EXPECT_EQ(adr[1].postal_code, "89073");
    EXPECT_EQ(adr[1].country, " ");  // the line after the last soft break is one space
    EXPECT_EQ(c[0].phones().at(1).types, (Strings{"fax", "work"}));  // parameter folded with a TAB
    EXPECT_EQ(c[0].emails().at(0), (Email{"Frank_Dawson@Lotus.com", {"internet"}, 1}));
    EXPECT_EQ(c[0].emails().at(1).address, "semicolon;@points.net");
}

TEST(VcardCorpusFile, Evolution4) {
    ASSERT_TRUE(corpus_present());
    const auto c = cards_of("evolution-data-server/4.vcf");
    ASSERT_EQ(c.size(), 1u);
    EXPECT_EQ(c[0].formatted_name(), "canada address");
    const auto adr = c[0].addresses();
    ASSERT_EQ(adr.size(), 2u);
    EXPECT_EQ(adr[0].label, "92 Main St. N.\nNewmarket, ON L3Y 4A1\nCanada");
    EXPECT_EQ(adr[0].types, Strings{"work"});
    EXPECT_EQ(adr[1].label, "92 Main St. N.\nNewmarket, ON L3Y 4A1\nCanada");
    EXPECT_EQ(adr[1].pref, 1);
}

TEST(VcardCorpusFile, Evolution5) {
    ASSERT_TRUE(corpus_present());
    const auto c = cards_of("evolution-data-server/5.vcf");
    ASSERT_EQ(c.size(), 1u);
    const std::string text = "十城目管理大型知座";
    EXPECT_EQ(c[0].formatted_name(), text);
    EXPECT_EQ(c[0].name().value_or(Name{}).given, Strings{text});
    const auto adr = c[0].addresses();
    ASSERT_EQ(adr.size(), 1u);
    EXPECT_EQ(adr[0].extended, text + "\n" + text + "\n" + text);
    EXPECT_EQ(adr[0].street, text);
    EXPECT_EQ(adr[0].label, text + "\n" + text + "\n" + text + "\n" + text);
    EXPECT_EQ(c[0].title(), text);
    EXPECT_EQ(c[0].organization(), Strings{text});
    EXPECT_EQ(c[0].phones().size(), 4u);
    EXPECT_EQ(c[0].emails().at(0).address, "weird@weird.com");
}

TEST(VcardCorpusFile, Evolution6) {
    ASSERT_TRUE(corpus_present());
    const auto c = cards_of("evolution-data-server/6.vcf");
    ASSERT_EQ(c.size(), 1u);
    EXPECT_EQ(c[0].addresses().at(0).types, Strings{"work"});
    EXPECT_EQ(c[0].phones().at(0).types, (Strings{"voice", "msg", "work"}));
    EXPECT_EQ(c[0].phones().at(1).types, (Strings{"fax", "work"}));
    EXPECT_EQ(c[0].emails().at(0).pref, 1);
}

TEST(VcardCorpusFile, Evolution8) {
    ASSERT_TRUE(corpus_present());
    const auto c = cards_of("evolution-data-server/8.vcf");
    ASSERT_EQ(c.size(), 1u);
    EXPECT_EQ(c[0].formatted_name(), "Frank Dawson");
    EXPECT_EQ(c[0].emails().size(), 2u);
    EXPECT_EQ(c[0].urls(), Strings{"http://home.earthlink.net/~fdawson"});
}

TEST(VcardCorpusFile, Evolution9) {
    ASSERT_TRUE(corpus_present());
    const auto c = cards_of("evolution-data-server/9.vcf");
    ASSERT_EQ(c.size(), 1u);
    EXPECT_EQ(c[0].formatted_name(), "Frank Dawson");
    EXPECT_EQ(c[0].phones().size(), 2u);
}

TEST(VcardCorpusFile, EzVcardJohnDoeANDROID) {
    ASSERT_TRUE(corpus_present());
    const auto c = cards_of("ez-vcard/John_Doe_ANDROID.vcf");
    ASSERT_EQ(c.size(), 6u);
    EXPECT_EQ(c[0].formatted_name(), "john.doe@company.com");  // no FN, no N
    EXPECT_EQ(c[0].categories(), Strings{"My Contacts"});
    EXPECT_EQ(c[2].formatted_name(), "Ñ Ñ Ñ Ñ Ñ ");
    EXPECT_EQ(c[3].phones().size(), 4u);
    EXPECT_EQ(c[4].photo(), std::nullopt);
    EXPECT_EQ(c[4].emails().at(1).address, repeat("Ñ", 14));
    EXPECT_EQ(value_of(c[5], "ORG", 0), repeat("Ñ", 44));
    EXPECT_EQ(value_of(c[5], "ORG", 1), repeat("Ñ", 44) + "\xEF\xBF\xBD");  // a stray =80
}

TEST(VcardCorpusFile, EzVcardJohnDoeBLACKBERRY) {
    ASSERT_TRUE(corpus_present());
    const auto c = cards_of("ez-vcard/John_Doe_BLACK_BERRY.vcf");
    ASSERT_EQ(c.size(), 1u);
    EXPECT_EQ(c[0].formatted_name(), "John Doe");
    EXPECT_EQ(c[0].photo().value_or(Media{}).media_type, "image/jpeg");
    EXPECT_EQ(c[0].organization(), Strings{"Acme Solutions"});
    EXPECT_EQ(c[0].phones(), (std::vector<Phone>{{"+96123456789", {"cell"}, {}}}));
}

TEST(VcardCorpusFile, EzVcardJohnDoeEVOLUTION) {
    ASSERT_TRUE(corpus_present());
    const auto c = cards_of("ez-vcard/John_Doe_EVOLUTION.vcf");
    ASSERT_EQ(c.size(), 1u);
    EXPECT_EQ(c[0].formatted_name(), "Mr. John Richter, James Doe Sr.");
    EXPECT_EQ(c[0].name().value_or(Name{}).additional, Strings{"Richter, James"});
    EXPECT_EQ(c[0].organization(), (Strings{"IBM", "Accounting", "Dungeon"}));
    EXPECT_EQ(value_of(c[0], "X-EVOLUTION-FILE-AS"), "Doe\\, John");
    EXPECT_EQ(c[0].emails(), (std::vector<Email>{{"john.doe@ibm.com", {"work"}, {}}}));
    EXPECT_EQ(c[0].addresses().at(0).po_box, "ASB-123");
    EXPECT_EQ(c[0].addresses().at(0).country, "United States of America");
}

TEST(VcardCorpusFile, EzVcardJohnDoeGMAIL) {
    ASSERT_TRUE(corpus_present());
    const auto c = cards_of("ez-vcard/John_Doe_GMAIL.vcf");
    ASSERT_EQ(c.size(), 1u);
    EXPECT_EQ(c[0].formatted_name(), "Mr. John Richter, James Doe Sr.");
    EXPECT_EQ(c[0].addresses().at(0).extended,
              "Crescent moon drive\n555-asd\nNice Area, Albaney, New York 12345\nUnited "
              "States of America");
    EXPECT_EQ(c[0].urls(), Strings{"http://www.ibm.com"});
    EXPECT_EQ(c[0].emails().at(0).types, (Strings{"internet", "home"}));
    EXPECT_EQ(value_of(c[0], "X-ABLABEL"), "_$!<Anniversary>!$_");
}

TEST(VcardCorpusFile, EzVcardJohnDoeIPHONE) {
    ASSERT_TRUE(corpus_present());
    const auto c = cards_of("ez-vcard/John_Doe_IPHONE.vcf");
    ASSERT_EQ(c.size(), 1u);
    EXPECT_EQ(c[0].formatted_name(), "Mr. John Richter James Doe Sr.");
    EXPECT_EQ(c[0].name().value_or(Name{}).additional, (Strings{"Richter", "James"}));
    ASSERT_EQ(c[0].phones().size(), 7u);
    EXPECT_EQ(c[0].phones().at(0), (Phone{"905-555-1234", {"cell", "voice"}, 1}));
    EXPECT_EQ(c[0].emails().at(0).pref, 1);
    EXPECT_EQ(c[0].photo().value_or(Media{}).media_type, "image/jpeg");
    EXPECT_EQ(c[0].addresses().at(1).street, "Street4\nBuilding 6\nFloor 8");
}

TEST(VcardCorpusFile, EzVcardJohnDoeLOTUSNOTES) {
    ASSERT_TRUE(corpus_present());
    const auto c = cards_of("ez-vcard/John_Doe_LOTUS_NOTES.vcf");
    ASSERT_EQ(c.size(), 1u);
    EXPECT_EQ(c[0].formatted_name(), "Mr. Doe John I Johny");
    EXPECT_EQ(property(c[0], "NICKNAME").components, (std::vector<Component>{{"Johny,JayJay"}}));
    EXPECT_EQ(value_of(c[0], "GEO"), "geo:-2.600000,3.400000");
    EXPECT_EQ(c[0].photo().value_or(Media{}).media_type, "image/jpeg");
    EXPECT_EQ(value_of(c[0], "PROFILE"), "<no PROFILE>") << "PROFILE:VCard is framing, not kept";
    EXPECT_EQ(c[0].uid(), "0e7602cc-443e-4b82-b4b1-90f62f99a199");
}

TEST(VcardCorpusFile, EzVcardJohnDoeMACADDRESSBOOK) {
    ASSERT_TRUE(corpus_present());
    const auto c = cards_of("ez-vcard/John_Doe_MAC_ADDRESS_BOOK.vcf");
    ASSERT_EQ(c.size(), 1u);
    EXPECT_EQ(c[0].formatted_name(), "Mr. John Richter,James Doe Sr.");
    EXPECT_EQ(c[0].name().value_or(Name{}).additional, Strings{"Richter,James"});
    EXPECT_EQ(c[0].phones().size(), 7u);
    EXPECT_EQ(value_of(c[0], "X-ABUID"), "6B29A774-D124-4822-B8D0-2780EC117F60\\:ABPerson");
    EXPECT_EQ(c[0].photo().value_or(Media{}).media_type, "image/jpeg");
    EXPECT_EQ(c[0].addresses().at(0).street, "Silicon Alley 5,");
}

TEST(VcardCorpusFile, EzVcardJohnDoeMSOUTLOOK) {
    ASSERT_TRUE(corpus_present());
    const auto c = cards_of("ez-vcard/John_Doe_MS_OUTLOOK.vcf");
    ASSERT_EQ(c.size(), 1u);
    EXPECT_EQ(c[0].formatted_name(), "Mr. John Richter James Doe Sr.");
    EXPECT_EQ(c[0].name().value_or(Name{}).additional,
              Strings{"Richter,James"});  // 2.1: ',' is text
    EXPECT_EQ(c[0].addresses().at(0).label, "Cresent moon drive\nAlbaney, New York  12345");
    EXPECT_EQ(c[0].addresses().at(1).label, "Silicon Alley 5,\nNew York, New York  12345");
    EXPECT_EQ(c[0].photo().value_or(Media{}).media_type, "image/jpeg");
    EXPECT_EQ(c[0].emails(), (std::vector<Email>{{"john.doe@ibm.cm", {"internet"}, 1}}));
}

TEST(VcardCorpusFile, EzVcardFullcontact) {
    ASSERT_TRUE(corpus_present());
    const auto c = cards_of("ez-vcard/fullcontact.vcf");
    ASSERT_EQ(c.size(), 1u);
    EXPECT_EQ(c[0].formatted_name(), "Prefix FirstName MiddleName LastName Suffix");
    EXPECT_EQ(c[0].phones().size(), 9u);
    EXPECT_EQ(c[0].emails().size(), 5u);
    EXPECT_EQ(value_of(c[0], "PHOTO", 2),
              "https://d2ojpxxtu63wzl.cloudfront.net/static/aa915d1f29f19baf560e5491decdd30a_"
              "67c95da9133249fde8b0da7ceebc298bf680117e6f52054f7f5f7a95e8377238");
    EXPECT_EQ(property(c[0], "BDAY", 1).value_type, "text");
    EXPECT_EQ(c[0].addresses().size(), 4u);
    EXPECT_EQ(param_values(property(c[0], "IMPP"), "X-SERVICE-TYPE"), Strings{"GTalk"});
}

TEST(VcardCorpusFile, EzVcardGmailList) {
    ASSERT_TRUE(corpus_present());
    const auto c = cards_of("ez-vcard/gmail-list.vcf");
    ASSERT_EQ(c.size(), 3u);
    EXPECT_EQ(c[0].formatted_name(), "Arnold Smith");
    EXPECT_EQ(c[1].formatted_name(), "Chris Beatle");
    EXPECT_EQ(c[2].formatted_name(), "Doug White");
    EXPECT_EQ(c[2].emails(), (std::vector<Email>{{"dwhite@gmail.com", {"internet"}, {}}}));
}

TEST(VcardCorpusFile, EzVcardGmailSingle2) {
    ASSERT_TRUE(corpus_present());
    const auto c = cards_of("ez-vcard/gmail-single2.vcf");
    ASSERT_EQ(c.size(), 1u);
    EXPECT_EQ(c[0].formatted_name(), "VCard Test");
    EXPECT_EQ(c[0].emails().size(), 5u);
    EXPECT_EQ(c[0].phones().size(), 11u);
    EXPECT_EQ(c[0].addresses().size(), 5u);
    ASSERT_EQ(c[0].urls().size(), 6u);
    EXPECT_EQ(c[0].urls().at(0), "http://www.example1.com");
    EXPECT_EQ(c[0].note(), "note line 1\nnote line 2\nCustomField: field value");
}

TEST(VcardCorpusFile, EzVcardIssue114) {
    ASSERT_TRUE(corpus_present());
    const auto c = cards_of("ez-vcard/issue114.vcf");
    ASSERT_EQ(c.size(), 1u);
    EXPECT_EQ(c[0].formatted_name(), "Dummy, Dummy");
    const auto adr = c[0].addresses();
    ASSERT_EQ(adr.size(), 1u);
    EXPECT_EQ(adr[0].label, "Dummy-Dummy-Strasse 1 61352 Bad Homburg\nGERMANY\"");
    EXPECT_EQ(adr[0].extended, "BHG01:");
    EXPECT_EQ(c[0].phones().at(0), (Phone{"+49 1234 56789", {"cell"}, 1}));
    // The file says VALUE=date-and-or-time, but REV is a timestamp and nothing else.
    EXPECT_EQ(property(c[0], "REV").value_type, "timestamp");
}

TEST(VcardCorpusFile, EzVcardOutlook2003) {
    ASSERT_TRUE(corpus_present());
    const auto c = cards_of("ez-vcard/outlook-2003.vcf");
    ASSERT_EQ(c.size(), 1u);
    EXPECT_EQ(c[0].formatted_name(), "John Doe III");
    EXPECT_EQ(c[0].note(), "This is the note field!!\nSecond line\n\nThird line is empty\n");
    EXPECT_EQ(c[0].organization(), (Strings{"Company, The", "TheDepartment"}));
    EXPECT_TRUE(value_of(c[0], "KEY").starts_with("data:application/pkix-cert;base64,MIIDITCC"));
    EXPECT_EQ(c[0].addresses().at(0).label,
              "TheOffice\n123 Main St\nAustin, TX 12345\nUnited States of America");
}

TEST(VcardCorpusFile, EzVcardOutlook2007) {
    ASSERT_TRUE(corpus_present());
    const auto c = cards_of("ez-vcard/outlook-2007.vcf");
    ASSERT_EQ(c.size(), 1u);
    EXPECT_EQ(c[0].formatted_name(), "Mr. Michael Angstadt Jr.");
    EXPECT_TRUE(c[0].note().starts_with("This is the NOTE field\t\nI assume it encodes"))
        << c[0].note();
    EXPECT_EQ(property(c[0], "X-MS-TEL").types(), (Strings{"voice", "callback"}));
    EXPECT_TRUE(value_of(c[0], "KEY").starts_with("data:application/pkix-cert;base64,"));
    EXPECT_EQ(c[0].photo().value_or(Media{}).media_type, "image/jpeg");
    EXPECT_EQ(c[0].addresses().at(0).label, "222 Broadway\nNew York, NY 99999\nUSA");
}

TEST(VcardCorpusFile, EzVcardRfc6350Example) {
    ASSERT_TRUE(corpus_present());
    const auto c = cards_of("ez-vcard/rfc6350-example.vcf");
    ASSERT_EQ(c.size(), 1u);
    EXPECT_EQ(c[0].formatted_name(), "Simon Perreault");
    EXPECT_EQ(c[0].name().value_or(Name{}).suffixes, (Strings{"ing. jr", "M.Sc."}));
    EXPECT_EQ(c[0].phones().at(0), (Phone{"+1-418-656-9254 ext. 102", {"work", "voice"}, 1}));
    EXPECT_EQ(c[0].phones().at(1).number, "+1-418-262-6501");
    EXPECT_EQ(value_of(c[0], "GEO"), "geo:46.772673,-71.282945");
    EXPECT_EQ(value_of(c[0], "ANNIVERSARY"), "20090808T1430-0500");
    EXPECT_EQ(c[0].addresses().at(0).extended, "Suite D2-630");
}

TEST(VcardCorpusFile, EzVcardThunderbirdMoreFunctionsForAddressBookExtension) {
    ASSERT_TRUE(corpus_present());
    const auto c = cards_of("ez-vcard/thunderbird-MoreFunctionsForAddressBook-extension.vcf");
    ASSERT_EQ(c.size(), 1u);
    EXPECT_EQ(c[0].formatted_name(), "John Doe");
    EXPECT_EQ(c[0].name(), (Name{{"Doe"}, {"John"}, {}, {}, {}}));
    EXPECT_EQ(c[0].categories(), Strings{"category1, category2, category3"});
    EXPECT_TRUE(c[0].note().ends_with("in the \"note\" field; even curse words.")) << c[0].note();
    EXPECT_EQ(c[0].photo().value_or(Media{}).media_type, "image/jpeg");
    EXPECT_EQ(c[0].emails().size(), 5u);
}

TEST(VcardCorpusFile, KcontactsTestfullvcard) {
    ASSERT_TRUE(corpus_present());
    const auto c = cards_of("kcontacts/testfullvcard.vcf");
    ASSERT_EQ(c.size(), 1u);
    EXPECT_EQ(c[0].formatted_name(), "Sherlock Holmes");
    EXPECT_EQ(c[0].phones().at(0), (Phone{"+44-555-555-5555 ext. 5555", {"voice", "home"}, 1}));
    EXPECT_EQ(c[0].addresses().at(0).label,
              "Mr Sherlock Holmes, 221B Baker Street, London NW1, England, United Kingdom");
    EXPECT_EQ(param_values(property(c[0], "KEY"), "MEDIATYPE"), Strings{"application/pgp-keys"});
    EXPECT_EQ(c[0].categories(), (Strings{"FICTION", "LITERATURE"}));
    EXPECT_EQ(property(c[0], "LANG").pref(), 1);
    EXPECT_EQ(c[0].photo(), (Media{"", ""}));
}

TEST(VcardCorpusFile, KcontactsVcard10) {
    ASSERT_TRUE(corpus_present());
    const auto c = cards_of("kcontacts/vcard10.vcf");
    ASSERT_EQ(c.size(), 5u);
    EXPECT_EQ(c[0].formatted_name(), "Bike Shop");  // no FN or N: the ORG
    EXPECT_EQ(c[0].addresses().at(0).street, "DDDDDDDDDDDDDDD-Staße 2\n00000 DDDDDDDDDD");
    EXPECT_EQ(c[0].note(), "This one has a funny character at the end in the contact list");
    EXPECT_EQ(c[1].urls(), Strings{"http://some-webseite.com"});  // the field after the QP ADR
    EXPECT_EQ(c[1].addresses().at(0).street, "AAAAAAA-AäAAAAA 11");
    EXPECT_EQ(c[1].addresses().at(0).locality, "Urt");
    EXPECT_EQ(c[3].title(), "Facharzt für Allgemeinmedizin");
    EXPECT_EQ(c[3].note(),
              "Sprechzeiten:\nMo   8–12, 15–18\nDi     8–12\nMi    8–12, 14–15\nDo "
              "14–19\nFr     8–12");
    EXPECT_TRUE(c[4].organization().empty());
    EXPECT_EQ(c[4].title(), "Dentist");
}

TEST(VcardCorpusFile, KcontactsVcard12) {
    ASSERT_TRUE(corpus_present());
    const auto c = cards_of("kcontacts/vcard12.vcf");
    ASSERT_EQ(c.size(), 1u);
    EXPECT_EQ(c[0].formatted_name(), "Good Looking");
    const auto photos = c[0].all("PHOTO");
    ASSERT_EQ(photos.size(), 2u);
    EXPECT_TRUE(photos[0]->first_value().starts_with("data:image/png;base64,iVBORw0KGgo"));
    EXPECT_EQ(photos[0]->types(), Strings{"work"});
    EXPECT_EQ(photos[1]->types(), Strings{"home"});
    EXPECT_EQ(param_values(property(c[0], "EMAIL"), "X-EVOLUTION-UI-SLOT"), Strings{"1"});
}

TEST(VcardCorpusFile, KcontactsVcard15) {
    ASSERT_TRUE(corpus_present());
    const auto c = cards_of("kcontacts/vcard15.vcf");
    ASSERT_EQ(c.size(), 1u);
    EXPECT_EQ(c[0].formatted_name(), "Test Tester");
    EXPECT_EQ(property(c[0], "RELATED").value_type, "text");
    EXPECT_EQ(property(c[0], "RELATED").types(), Strings{"child"});
    EXPECT_EQ(property(c[0], "URL").group, "item1");
}

TEST(VcardCorpusFile, KcontactsVcard3) {
    ASSERT_TRUE(corpus_present());
    const auto c = cards_of("kcontacts/vcard3.vcf");
    ASSERT_EQ(c.size(), 1u);
    EXPECT_EQ(c[0].formatted_name(), "ian geiser");
    EXPECT_EQ(c[0].emails(), (std::vector<Email>{{"geiseri@yahoo.com", {"internet"}, {}}}));
    EXPECT_EQ(c[0].title(), "VP of Engineering");
    EXPECT_EQ(c[0].organization(), Strings{"Source eXtreme"});
    EXPECT_EQ(value_of(c[0], "X-MOZILLA-CPT"), ";0");
}

TEST(VcardCorpusFile, KcontactsVcard4) {
    ASSERT_TRUE(corpus_present());
    const auto c = cards_of("kcontacts/vcard4.vcf");
    ASSERT_EQ(c.size(), 1u);
    EXPECT_EQ(value_of(c[0], "FN"), "");  // "FN" without ':'
    EXPECT_EQ(c[0].formatted_name(), "Ximian, Inc.");
    EXPECT_EQ(c[0].phones().size(), 2u);
    EXPECT_EQ(c[0].urls(), Strings{"www.ximian.com/"});
    EXPECT_EQ(value_of(c[0], "LABEL"), "401 Park Drive  3 West\\nBoston, MA 02215\\nUSA");
}

TEST(VcardCorpusFile, KcontactsVcard5) {
    ASSERT_TRUE(corpus_present());
    const auto c = cards_of("kcontacts/vcard5.vcf");
    ASSERT_EQ(c.size(), 1u);
    EXPECT_EQ(c[0].formatted_name(), "Mustermann, Heiko");
    EXPECT_EQ(c[0].logo().value_or(Media{}).media_type, "image/png");
    EXPECT_EQ(c[0].photo().value_or(Media{}).media_type, "image/png");
    EXPECT_TRUE(value_of(c[0], "SOUND").starts_with("data:audio/wav;base64,UklGR"));
    EXPECT_EQ(value_of(c[0], "GEO"), "geo:19.283333,166.616669");
    EXPECT_EQ(c[0].addresses().at(0).country, "Germany");
    EXPECT_EQ(c[0].addresses().at(0).pref, 1);
}

TEST(VcardCorpusFile, KcontactsVcard7) {
    ASSERT_TRUE(corpus_present());
    const auto c = cards_of("kcontacts/vcard7.vcf");
    ASSERT_EQ(c.size(), 1u);
    EXPECT_EQ(c[0].formatted_name(), "");
    EXPECT_EQ(value_of(c[0], "LABEL"),
              "401 Park Drive  3 West\\nBoston, MA 02215\\nUSA\\nHerecomesyetanotherline");
    EXPECT_EQ(c[0].uid(), "pas-id-3E136F9B00000000");
}

TEST(VcardCorpusFile, KcontactsVcard9) {
    ASSERT_TRUE(corpus_present());
    const auto c = cards_of("kcontacts/vcard9.vcf");
    ASSERT_EQ(c.size(), 1u);
    EXPECT_EQ(c[0].formatted_name(), repeat("βγδεαβγδ1", 11));
    EXPECT_EQ(c[0].name().value_or(Name{}).family,
              Strings{"123ㄓㄕㄖbcdeαβγδαβγδαβγδαβγδαβγδαβγδαβㄤㄓㄕㄖ"});
    EXPECT_EQ(c[0].note(),
              "Длинный комментарий на русском языке, чтобы в результате получилась "
              "строка более 70 символов.");
}

TEST(VcardCorpusFile, KcontactsVcardwithitemasapplesupport) {
    ASSERT_TRUE(corpus_present());
    const auto c = cards_of("kcontacts/vcardwithitemasapplesupport.vcf");
    ASSERT_EQ(c.size(), 1u);
    EXPECT_EQ(c[0].formatted_name(), "Name of Broken Card");
    EXPECT_EQ(property(c[0], "ADR").group, "item1");
    EXPECT_EQ(c[0].addresses().at(0).street, "STREET");
    EXPECT_EQ(c[0].addresses().at(0).types, Strings{"work"});
    EXPECT_EQ(c[0].addresses().at(0).pref, 1);
    EXPECT_EQ(c[0].phones().at(0).pref, 1);
}

TEST(VcardCorpusFile, NodeVcfEmptyLines) {
    ASSERT_TRUE(corpus_present());
    const auto c = cards_of("node-vcf/empty-lines.vcf");
    ASSERT_EQ(c.size(), 1u);
    EXPECT_EQ(c[0].formatted_name(), "Dr. Erika Mustermann");
    EXPECT_EQ(
        c[0].photo(),
        (Media{"http://commons.wikimedia.org/wiki/File:Erika_Mustermann_2010.jpg", "image/jpeg"}));
    EXPECT_EQ(c[0].phones().size(), 2u);
    EXPECT_EQ(c[0].addresses().at(0).street, "Heidestraße 17");
    EXPECT_EQ(c[0].addresses().at(0).locality, "Köln");
    EXPECT_EQ(value_of(c[0], "REV"), "2014-03-01T22:11:10Z");
}

TEST(VcardCorpusFile, NodeVcfEx3) {
    ASSERT_TRUE(corpus_present());
    const auto c = cards_of("node-vcf/ex3.vcard");
    ASSERT_EQ(c.size(), 1u);
    EXPECT_EQ(c[0].formatted_name(), "Meister Berger");
    EXPECT_EQ(property(c[0], "TEL").group, "home");
    EXPECT_EQ(c[0].phones().at(0).types, (Strings{"fax", "voice", "msg"}));
    EXPECT_TRUE(value_of(c[0], "KEY").starts_with("data:application/pkix-cert;base64,MIICajCC"));
    EXPECT_EQ(c[0].note(),
              "The Mayor of the great city of Goerlitz in the great country of Germany.");
    EXPECT_EQ(param_values(property(c[0], "TITLE", 1), "LANGUAGE"), Strings{"de"});
    EXPECT_EQ(value_of(c[0], "O"), "Universit=E6t G=F6rlitz");
}

TEST(VcardCorpusFile, NodeVcfEx21Case0) {
    ASSERT_TRUE(corpus_present());
    const auto c = cards_of("node-vcf/ex_21_case0.vcard");
    ASSERT_EQ(c.size(), 1u);
    EXPECT_EQ(c[0].formatted_name(), "Ny_full Middle Family");
    EXPECT_EQ(c[0].phones().size(), 5u);
    EXPECT_EQ(c[0].phones().at(0), (Phone{"0123456789", {"home", "voice"}, 1}));
    EXPECT_EQ(value_of(c[0], "LABEL"),
              "Box 1234\\nWorkvägen   2\\nWorkvägen 1\\nUmeå\\nVästerbotten\\n12345\\nS");
}

TEST(VcardCorpusFile, NodeVcfExApple1) {
    ASSERT_TRUE(corpus_present());
    const auto c = cards_of("node-vcf/ex_apple1.vcard");
    ASSERT_EQ(c.size(), 1u);
    EXPECT_EQ(c[0].formatted_name(), "Roberts Sam");
    EXPECT_EQ(c[0].emails(), (std::vector<Email>{{"sroberts@uniserve.com", {"home"}, 1}}));
    EXPECT_EQ(c[0].addresses().at(0).postal_code, "M6H 3A6");
    EXPECT_EQ(c[0].note(), "CATEGORIES: Amis/Famille");
}

TEST(VcardCorpusFile, NodeVcfGmail) {
    ASSERT_TRUE(corpus_present());
    const auto c = cards_of("node-vcf/gmail.vcard");
    ASSERT_EQ(c.size(), 1u);
    EXPECT_EQ(c[0].formatted_name(), "Stepcase TestUser");
    EXPECT_EQ(c[0].all("LABEL").size(), 2u);
    EXPECT_EQ(value_of(c[0], "LABEL"), "123 Home, Home Street\\nKowloon, N/A\\nHong Kong");
    EXPECT_EQ(c[0].phones().size(), 6u);
    EXPECT_EQ(value_of(c[0], "X-GTALK"), "gtalk.step");
}

TEST(VcardCorpusFile, NodeVcfHighrise) {
    ASSERT_TRUE(corpus_present());
    const auto c = cards_of("node-vcf/highrise.vcard");
    ASSERT_EQ(c.size(), 1u);
    EXPECT_EQ(c[0].formatted_name(), "John Doe");
    EXPECT_EQ(value_of(c[0], "X-GOOGLE-TALK"), "gtalk.john");
    EXPECT_EQ(c[0].urls().at(0), "http://www.homepage.com");
    EXPECT_EQ(c[0].addresses().at(1).country, "United States");  // folded with two spaces
    EXPECT_EQ(c[0].organization(), Strings{"John Doe & Partners Limited"});
    EXPECT_EQ(c[0].phones().size(), 9u);
    EXPECT_EQ(c[0].emails().size(), 4u);
}

TEST(VcardCorpusFile, NodeVcfMultiple) {
    ASSERT_TRUE(corpus_present());
    const auto c = cards_of("node-vcf/multiple.vcf");
    ASSERT_EQ(c.size(), 3u);
    EXPECT_EQ(c[0].addresses().at(0).label, "Heidestraße 17\n51147 Köln\nDeutschland");
    EXPECT_EQ(c[0].phones().at(0), (Phone{"+49-221-9999123", {"work", "voice"}, {}}));
    EXPECT_EQ(c[1].addresses().at(0).street, "Heidestrasse 17");
    EXPECT_EQ(c[1].photo().value_or(Media{}).media_type, "image/jpeg");
    EXPECT_EQ(c[1].emails().at(0), (Email{"erika@mustermann.de", {"internet"}, 1}));
    EXPECT_EQ(c[2].photo().value_or(Media{}).media_type, "image/jpeg");
    EXPECT_EQ(c[2].addresses().at(0).locality, "Köln");
}

TEST(VcardCorpusFile, NodeVcfXing) {
    ASSERT_TRUE(corpus_present());
    const auto c = cards_of("node-vcf/xing.vcf");
    ASSERT_EQ(c.size(), 1u);
    EXPECT_EQ(c[0].formatted_name(), "Hans-Peter Mustermann");
    EXPECT_EQ(c[0].name(), (Name{{"Mustermann"}, {"Hans-Peter"}, {}, {}, {}}));
    EXPECT_EQ(c[0].photo(),
              (Media{"https://placeholdit.imgix.net/~text?txtsize=33&txt=150%C3%97150&w=150&h=150",
                     "image/png"}));
    EXPECT_EQ(c[0].organization(), Strings{"Example GmbH"});
    EXPECT_EQ(value_of(c[0], "SORT-STRING"), "mustermann");
}

}  // namespace
}  // namespace cardex::vcard
