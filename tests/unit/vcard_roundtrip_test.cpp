#include <gtest/gtest.h>

#include <fstream>
#include <sstream>
#include <string>

#include "core/vcard/reader.hpp"
#include "core/vcard/writer.hpp"
#include "tests/unit/vcard_test_support.hpp"

namespace cardex::vcard {
namespace {

using namespace test;

std::string first_error(const ReadResult& result) {
    return result.errors.empty() ? std::string() : result.errors.front().message;
}

// A card using every feature xCard and jCard carry.
Card rich_card() {
    Card card;
    card.add(prop("FN", "text", {{"Dr. Åsa <Tom> & \"Jerry\" O'Neil"}}));
    card.add(prop("N", "text", {{"Åström"}, {"Åsa"}, {"Maria", "Lena"}, {"Dr."}, {""}}));
    card.add(prop("NICKNAME", "text", {{"Ace", "A, the great"}}));
    card.add(prop("ORG", "text", {{"ABC, Inc."}, {"Marketing; EMEA"}}, {{"TYPE", {"work"}}}));
    card.add(
        prop("ADR", "text",
             {{""}, {"Apt 2"}, {"1 Main St", "Building B"}, {"Town"}, {""}, {"12345"}, {"Utopia"}},
             {{"TYPE", {"home"}}, {"LABEL", {"1 Main St\nTown"}}, {"PREF", {"1"}}}, "home1"));
    card.add(prop("TEL", "uri", {{"tel:+1-555-0100;ext=7"}},
                  {{"TYPE", {"work", "voice"}}, {"PREF", {"1"}}}, "item1"));
    card.add(prop("X-ABLABEL", "unknown", {{"_$!<Mobile>!$_"}}, {}, "item1"));
    card.add(prop("EMAIL", "text", {{"asa@example.com"}}, {{"TYPE", {"home"}}}));
    card.add(prop("BDAY", "date-and-or-time", {{"--0415"}}));
    card.add(prop("ANNIVERSARY", "date-and-or-time", {{"20090808T1430-0500"}}));
    card.add(prop("REV", "timestamp", {{"20240101T120000Z"}}));
    card.add(prop("TZ", "utc-offset", {{"-0500"}}));
    card.add(prop("GEO", "uri", {{"geo:46.772673,-71.282945"}}));
    card.add(prop("GENDER", "text", {{"F"}, {"she/her"}}));
    card.add(prop("CATEGORIES", "text", {{"work", "friends"}}));
    card.add(prop("PHOTO", "uri", {{"data:image/png;base64,iVBORw0KGgoAAAANSUhEUg=="}},
                  {{"MEDIATYPE", {"image/png"}}}));
    card.add(prop("LANG", "language-tag", {{"de"}}, {{"PREF", {"2"}}}));
    card.add(prop("X-INT", "integer", {{"42"}}));
    card.add(prop("X-FLOAT", "float", {{"-1.25"}}));
    card.add(prop("X-BOOL", "boolean", {{"TRUE"}}));
    card.add(prop("X-CUSTOM", "unknown", {{"a\\,b;c\\nd"}}, {{"X-PARAM", {"p", "q r"}}}));
    card.add(prop("XML", "text", {{"<pet xmlns='urn:example:pets'>Tom</pet>"}}));
    card.add(prop("CLIENTPIDMAP", "text", {{"1"}, {"urn:uuid:3df403f4-5924-4bb7"}}));
    card.add(prop("NOTE", "text", {{"line 1\nline 2, with ; and \\ and ]]>"}}));
    card.add(prop("KIND", "text", {{"individual"}}));
    return card;
}

// xCard -> model -> jCard -> model -> xCard, with nothing lost on the way.
void expect_xcard_jcard_xcard(const std::string& xcard) {
    const ReadResult first = read_xcard(xcard);
    ASSERT_TRUE(first.errors.empty()) << first_error(first);
    ASSERT_FALSE(first.cards.empty());
    const ReadResult second = read_jcard(write_jcard(first.cards));
    ASSERT_TRUE(second.errors.empty()) << first_error(second);
    EXPECT_EQ(second.cards, first.cards);
    EXPECT_EQ(write_xcard(second.cards), write_xcard(first.cards));
}

// jCard -> model -> xCard -> model -> jCard, with nothing lost on the way.
void expect_jcard_xcard_jcard(const std::string& jcard) {
    const ReadResult first = read_jcard(jcard);
    ASSERT_TRUE(first.errors.empty()) << first_error(first);
    ASSERT_FALSE(first.cards.empty());
    const ReadResult second = read_xcard(write_xcard(first.cards));
    ASSERT_TRUE(second.errors.empty()) << first_error(second);
    EXPECT_EQ(second.cards, first.cards);
    EXPECT_EQ(write_jcard(second.cards), write_jcard(first.cards));
}

// `back` holds `card` alone, property by property.
void expect_read_back(const ReadResult& back, const Card& card) {
    ASSERT_TRUE(back.errors.empty()) << first_error(back);
    ASSERT_EQ(back.cards.size(), 1u);
    ASSERT_EQ(back.cards.front().properties.size(), card.properties.size());
    for (std::size_t i = 0; i < card.properties.size(); ++i) {
        EXPECT_EQ(back.cards.front().properties[i], card.properties[i]) << card.properties[i].name;
    }
}

TEST(VcardRoundTrip, BuiltCardSurvivesXcard) {
    const Card card = rich_card();
    const ReadResult back = read_xcard(write_xcard({card}));
    expect_read_back(back, card);
}

TEST(VcardRoundTrip, BuiltCardSurvivesJcard) {
    const Card card = rich_card();
    const ReadResult back = read_jcard(write_jcard(card));
    expect_read_back(back, card);
}

// The text form of a delivered card (vCard 4.0 with LF line ends) keeps all of it but the value
// types of extension properties, which only xCard and jCard carry (X-INT comes back "unknown").
TEST(VcardRoundTrip, BuiltCardSurvivesVcard4TextWithLfLineEnds) {
    Card card = rich_card();
    std::erase_if(card.properties, [](const Property& p) {
        return p.name == "X-INT" || p.name == "X-FLOAT" || p.name == "X-BOOL";
    });
    std::string text = write_vcard_text(card, Version::v40);
    std::erase(text, '\r');
    const ReadResult back = read_vcard_text(text);
    expect_read_back(back, card);
}

TEST(VcardRoundTrip, TextLosesTheValueTypeOfAnExtensionProperty) {
    Card card;
    card.add(prop("FN", "text", {{"A"}}));
    card.add(prop("X-INT", "integer", {{"42"}}));
    const ReadResult back = read_vcard_text(write_vcard_text(card, Version::v40));
    ASSERT_EQ(back.cards.size(), 1u);
    EXPECT_EQ(back.cards.front().properties.at(1).value_type, "unknown");
}

TEST(VcardRoundTrip, BuiltCardsGoFromXcardThroughJcardBackToXcard) {
    Card second;
    second.add(prop("FN", "text", {{"Second"}}));
    expect_xcard_jcard_xcard(write_xcard({rich_card(), second}));
}

TEST(VcardRoundTrip, Rfc6351ExampleGoesThroughJcard) {
    expect_xcard_jcard_xcard(read_corpus("ez-vcard/rfc6351-example.xml"));
}

TEST(VcardRoundTrip, Rfc7095ExampleGoesThroughXcard) {
    expect_jcard_xcard_jcard(read_corpus("ez-vcard/jcard-example.json"));
}

TEST(VcardRoundTrip, NodeVcfJcardGoesThroughXcard) {
    expect_jcard_xcard_jcard(read_corpus("node-vcf/jcard.json"));
}

// vCard 4.0 text -> xCard -> jCard -> vCard 4.0 text: each step keeps the model, and the text
// written at the end is the text written from the first reading.
void expect_text_xcard_jcard_text(const std::string& text) {
    const ReadResult from_text = read_vcard_text(text);
    ASSERT_TRUE(from_text.errors.empty()) << first_error(from_text);
    ASSERT_FALSE(from_text.cards.empty());
    const ReadResult from_xcard = read_xcard(write_xcard(from_text.cards));
    ASSERT_TRUE(from_xcard.errors.empty()) << first_error(from_xcard);
    EXPECT_EQ(from_xcard.cards, from_text.cards);
    const ReadResult from_jcard = read_jcard(write_jcard(from_xcard.cards));
    ASSERT_TRUE(from_jcard.errors.empty()) << first_error(from_jcard);
    EXPECT_EQ(from_jcard.cards, from_text.cards);

    const std::string direct = write_vcard_text(from_text.cards);
    const std::string through = write_vcard_text(from_jcard.cards);
    ASSERT_NE(direct.find("BEGIN:VCARD"), std::string::npos) << "no vCard text written";
    EXPECT_EQ(through, direct);
    const ReadResult again = read_vcard_text(through);
    EXPECT_TRUE(again.errors.empty()) << first_error(again);
    EXPECT_EQ(again.cards, from_text.cards);
}

TEST(VcardRoundTrip, Rfc6350ExampleTextGoesThroughXcardAndJcard) {
    expect_text_xcard_jcard_text(read_corpus("ez-vcard/rfc6350-example.vcf"));
}

TEST(VcardRoundTrip, HandWrittenTextGoesThroughXcardAndJcard) {
    expect_text_xcard_jcard_text(
        "BEGIN:VCARD\r\n"
        "VERSION:4.0\r\n"
        "FN:Åsa Åström\\, PhD\r\n"
        "N:Åström;Åsa;Maria,Lena;Dr.;PhD\r\n"
        "NICKNAME:Ace,Sunny\r\n"
        "ORG:ABC\\, Inc.;Marketing\r\n"
        "item1.TEL;VALUE=uri;TYPE=\"work,voice\";PREF=1:tel:+1-555-0100\r\n"
        "item1.X-ABLABEL:_$!<Mobile>!$_\r\n"
        "ADR;TYPE=home;LABEL=\"1 Main St\\nTown\":;;1 Main St;Town;;12345;Utopia\r\n"
        "EMAIL;TYPE=work:asa@example.com\r\n"
        "BDAY:19850412\r\n"
        "ANNIVERSARY:--0415\r\n"
        "REV:20240101T120000Z\r\n"
        "GENDER:F;she/her\r\n"
        "CATEGORIES:work,friends\r\n"
        "NOTE:Line one\\nline two\\; with \\\\ backslash\r\n"
        "X-CUSTOM;X-PARAM=a,b:raw\\,text;kept\r\n"
        "PHOTO;MEDIATYPE=image/png:data:image/png;base64,iVBORw0KGgoAAAANSUhEUg==\r\n"
        "END:VCARD\r\n"
        "BEGIN:VCARD\r\n"
        "VERSION:4.0\r\n"
        "FN:日本 太郎\r\n"
        "N:日本;太郎;;;\r\n"
        "TZ:America/New_York\r\n"
        "LANG;PREF=1:ja\r\n"
        "END:VCARD\r\n");
}

}  // namespace
}  // namespace cardex::vcard

namespace cardex::vcard {
namespace {

// REV is a timestamp and nothing else (RFC 6350 6.7.4): whatever type a source names, every
// reader keeps it as one, so every writer can write it.
TEST(VcardValueTypes, RevIsATimestampWhateverTheSourceSays) {
    const auto text = read_vcard_text(
        "BEGIN:VCARD\r\nVERSION:4.0\r\nFN:A\r\nREV;VALUE=date-and-or-time:20260101T000000Z\r\n"
        "BDAY;VALUE=text:circa 1800\r\nEND:VCARD\r\n");
    const auto xcard = read_xcard(
        "<vcards xmlns='urn:ietf:params:xml:ns:vcard-4.0'><vcard><fn><text>A</text></fn>"
        "<rev><text>20260101T000000Z</text></rev></vcard></vcards>");
    const auto jcard = read_jcard(
        R"(["vcard",[["version",{},"text","4.0"],["rev",{},"text","20260101T000000Z"]]])");
    for (const ReadResult* result : {&text, &xcard, &jcard}) {
        ASSERT_EQ(result->cards.size(), 1u);
        ASSERT_NE(result->cards[0].first("REV"), nullptr);
        EXPECT_EQ(result->cards[0].first("REV")->value_type, "timestamp");
    }
    ASSERT_NE(text.cards[0].first("BDAY"), nullptr);
    EXPECT_EQ(text.cards[0].first("BDAY")->value_type, "text") << "other properties keep VALUE";
}

}  // namespace
}  // namespace cardex::vcard
