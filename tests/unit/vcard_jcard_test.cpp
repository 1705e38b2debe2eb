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

// ["vcard", [version, `properties`]]
std::string jcard(std::string_view properties) {
    return R"(["vcard", [["version", {}, "text", "4.0"])" +
           std::string(properties.empty() ? "" : ", ") + std::string(properties) + "]]";
}

// The properties of a jCard that must hold exactly one good card.
std::vector<Property> read_one(std::string_view properties) {
    const ReadResult result = read_jcard(jcard(properties));
    EXPECT_TRUE(result.errors.empty()) << result.errors.front().message;
    EXPECT_EQ(result.cards.size(), 1u);
    return result.cards.empty() ? std::vector<Property>{} : result.cards.front().properties;
}

// The only error of `bytes`.
std::string only_error(std::string_view bytes, const Limits& limits = {}) {
    const ReadResult result = read_jcard(bytes, limits);
    EXPECT_TRUE(result.cards.empty());
    if (result.errors.size() != 1) return "got " + std::to_string(result.errors.size()) + " errors";
    return result.errors.front().message;
}

// The error of a jCard whose only card has these properties.
std::string card_error(std::string_view properties, const Limits& limits = {}) {
    return only_error(jcard(properties), limits);
}

std::string written(const Property& property) {
    return write_jcard(Card{{property}});
}

std::string expected(std::string_view property) {
    return R"(["vcard",[["version",{},"text","4.0"],)" + std::string(property) + "]]";
}

TEST(VcardJcard, ReadsTheRfc7095Example) {
    const ReadResult result = read_jcard(read_corpus("ez-vcard/jcard-example.json"));
    ASSERT_TRUE(result.errors.empty()) << result.errors.front().message;
    ASSERT_EQ(result.cards.size(), 1u);
    const Card& card = result.cards.front();
    EXPECT_EQ(card.properties.size(), 16u);  // VERSION is not kept

    EXPECT_EQ(*find(card, "FN"), prop("FN", "text", {{"Simon Perreault"}}));
    EXPECT_EQ(find(card, "N")->components,
              (std::vector<Component>{{"Perreault"}, {"Simon"}, {""}, {""}, {"ing. jr", "M.Sc."}}));
    EXPECT_EQ(*find(card, "BDAY"), prop("BDAY", "date-and-or-time", {{"--0203"}}));
    EXPECT_EQ(*find(card, "ANNIVERSARY"),
              prop("ANNIVERSARY", "date-and-or-time", {{"20090808T143000-0500"}}));
    EXPECT_EQ(*find(card, "LANG"), prop("LANG", "language-tag", {{"fr"}}, {{"PREF", {"1"}}}));
    EXPECT_EQ(*find(card, "ORG"), prop("ORG", "text", {{"Viagenie"}}, {{"TYPE", {"work"}}}));
    EXPECT_EQ(find(card, "ADR")->components, (std::vector<Component>{{""},
                                                                     {"Suite D2-630"},
                                                                     {"2875 Laurier"},
                                                                     {"Quebec"},
                                                                     {"QC"},
                                                                     {"G1V 2M2"},
                                                                     {"Canada"}}));
    EXPECT_EQ(*find(card, "TEL"), prop("TEL", "uri", {{"tel:+1-418-656-9254;ext=102"}},
                                       {{"TYPE", {"work", "voice"}}, {"PREF", {"1"}}}));
    EXPECT_EQ(find(card, "TEL", 1)->params,
              (std::vector<Parameter>{{"TYPE", {"work", "cell", "voice", "video", "text"}}}));
    EXPECT_EQ(*find(card, "GEO"),
              prop("GEO", "uri", {{"geo:46.772673,-71.282945"}}, {{"TYPE", {"work"}}}));
    EXPECT_EQ(*find(card, "TZ"), prop("TZ", "utc-offset", {{"-0500"}}));
}

TEST(VcardJcard, ReadsGroupsLabelsAndMediaTypes) {
    const ReadResult result = read_jcard(read_corpus("node-vcf/jcard.json"));
    ASSERT_TRUE(result.errors.empty()) << result.errors.front().message;
    ASSERT_EQ(result.cards.size(), 1u);
    const Card& card = result.cards.front();
    EXPECT_EQ(*find(card, "TEL", 2), prop("TEL", "uri", {{"tel:+1-404-555-1213"}},
                                          {{"TYPE", {"home", "voice"}}}, "item1"));
    EXPECT_EQ(find(card, "ADR")->params,
              (std::vector<Parameter>{
                  {"TYPE", {"work"}},
                  {"LABEL", {"100 Waters Edge\nBaytown, LA 30314\nUnited States of America"}}}));
    EXPECT_EQ(*find(card, "PHOTO"),
              prop("PHOTO", "uri", {{"http://www.example.com/dir_photos/my_photo.gif"}},
                   {{"MEDIATYPE", {"image/gif"}}}));
    EXPECT_EQ(*find(card, "REV"), prop("REV", "timestamp", {{"20080424T195243Z"}}));
    EXPECT_EQ(find(card, "N")->components,
              (std::vector<Component>{{"Gump"}, {"Forrest"}, {""}, {""}, {""}}));
}

TEST(VcardJcard, ReadsAnArrayOfCards) {
    const std::string one = jcard(R"(["fn", {}, "text", "A"])");
    const std::string two = jcard(R"(["fn", {}, "text", "B"])");
    const ReadResult result = read_jcard("[" + one + ",\n" + two + "]");
    ASSERT_TRUE(result.errors.empty()) << result.errors.front().message;
    ASSERT_EQ(result.cards.size(), 2u);
    EXPECT_EQ(result.cards[1].properties, (std::vector<Property>{prop("FN", "text", {{"B"}})}));
}

TEST(VcardJcard, ReadsInputWithAByteOrderMark) {
    const ReadResult result = read_jcard("\xEF\xBB\xBF " + jcard(R"(["fn", {}, "text", "A"])"));
    ASSERT_TRUE(result.errors.empty()) << result.errors.front().message;
    EXPECT_EQ(result.cards.size(), 1u);
}

TEST(VcardJcard, WriterLeavesOutGroupsReadersRefuse) {
    EXPECT_EQ(written(prop("FN", "text", {{"A"}}, {{"GROUP", {"x"}}}, "bad group")),
              expected(R"(["fn",{},"text","A"])"));
}

TEST(VcardJcard, MultipleValuesAreListItems) {
    const auto properties = read_one(R"(["categories", {}, "text", "computers", "cameras"])");
    EXPECT_EQ(properties.front(), prop("CATEGORIES", "text", {{"computers", "cameras"}}));
    EXPECT_EQ(written(properties.front()),
              expected(R"(["categories",{},"text","computers","cameras"])"));
}

TEST(VcardJcard, ValuesAreShapedAsTheModelHoldsTheirProperty) {
    const auto properties = read_one(
        R"(["fn", {"type": ["WORK", "Home,,Cell"], "x-a": "b"}, "text", "a", "b"],
           ["categories", {}, "text", ["x", ["y", "z"]]],
           ["org", {}, "text", [["A", "B"], "C"]],
           ["x-list", {}, "text", "p", "q"])");
    EXPECT_EQ(properties[0],
              prop("FN", "text", {{"a,b"}}, {{"TYPE", {"work", "home", "cell"}}, {"X-A", {"b"}}}));
    EXPECT_EQ(properties[1], prop("CATEGORIES", "text", {{"x", "y", "z"}}));
    EXPECT_EQ(properties[2], prop("ORG", "text", {{"A,B"}, {"C"}}));
    EXPECT_EQ(properties[3], prop("X-LIST", "text", {{"p", "q"}}));  // not known: as written
}

TEST(VcardJcard, StructuredValuesAreArraysWithNestedLists) {
    const auto properties =
        read_one(R"(["n", {}, "text", ["Stevenson", "John", ["Philip", "Paul"], "Dr.", []]])");
    const Property n =
        prop("N", "text", {{"Stevenson"}, {"John"}, {"Philip", "Paul"}, {"Dr."}, {""}});
    EXPECT_EQ(properties.front(), n);
    EXPECT_EQ(written(n),
              expected(R"(["n",{},"text",["Stevenson","John",["Philip","Paul"],"Dr.",""]])"));
}

TEST(VcardJcard, ParametersAreLowerCaseWithArraysForSeveralValues) {
    const auto properties = read_one(
        R"(["tel", {"TYPE": ["work", "voice"], "pref": 1, "x-Service": "skype",
                    "value": "uri", "group": "item2"}, "uri", "tel:+1-555"])");
    const Property tel =
        prop("TEL", "uri", {{"tel:+1-555"}},
             {{"TYPE", {"work", "voice"}}, {"PREF", {"1"}}, {"X-SERVICE", {"skype"}}}, "item2");
    EXPECT_EQ(properties.front(), tel);
    EXPECT_EQ(written(tel),
              expected(R"(["tel",{"group":"item2","type":["work","voice"],"pref":"1",)"
                       R"("x-service":"skype"},"uri","tel:+1-555"])"));
}

TEST(VcardJcard, WriterMergesRepeatedParametersAndDropsValue) {
    const Property email =
        prop("EMAIL", "text", {{"a@b.example"}},
             {{"TYPE", {"work"}}, {"VALUE", {"text"}}, {"TYPE", {"home"}}, {"X-EMPTY", {}}});
    EXPECT_EQ(written(email), expected(R"(["email",{"type":["work","home"],"x-empty":[]},)"
                                       R"("text","a@b.example"])"));
}

TEST(VcardJcard, NumbersAndBooleansBecomeText) {
    const auto properties = read_one(
        R"(["x-count", {}, "integer", 42], ["x-ratio", {}, "float", 1.5],
           ["x-flag", {}, "boolean", true], ["x-big", {}, "integer", -9007199254740993])");
    EXPECT_EQ(properties[0], prop("X-COUNT", "integer", {{"42"}}));
    EXPECT_EQ(properties[1], prop("X-RATIO", "float", {{"1.5"}}));
    EXPECT_EQ(properties[2], prop("X-FLAG", "boolean", {{"TRUE"}}));
    EXPECT_EQ(properties[3], prop("X-BIG", "integer", {{"-9007199254740993"}}));
    EXPECT_EQ(write_jcard(Card{properties}),
              expected(R"(["x-count",{},"integer",42],["x-ratio",{},"float",1.5],)"
                       R"(["x-flag",{},"boolean",true],["x-big",{},"integer",-9007199254740993])"));
}

TEST(VcardJcard, NumbersThatWouldChangeStayStrings) {
    const Card card{{prop("X-A", "integer", {{"007"}}), prop("X-B", "float", {{"1.50"}}),
                     prop("X-C", "boolean", {{"maybe"}})}};
    EXPECT_EQ(write_jcard(card), expected(R"(["x-a",{},"integer","007"],)"
                                          R"(["x-b",{},"float","1.50"],)"
                                          R"(["x-c",{},"boolean","maybe"])"));
}

TEST(VcardJcard, DatesAndTimesUseTheExtendedFormat) {
    const Card card{{prop("BDAY", "date-and-or-time", {{"19960415"}}),
                     prop("BDAY", "date-and-or-time", {{"--0203"}}),
                     prop("BDAY", "date-and-or-time", {{"T102200Z"}}),
                     prop("ANNIVERSARY", "date-and-or-time", {{"20090808T1430-0500"}}),
                     prop("REV", "timestamp", {{"20080424T195243Z"}}),
                     prop("TZ", "utc-offset", {{"-0500"}}), prop("X-T", "time", {{"-2200"}}),
                     prop("X-D", "date", {{"1985-04"}})}};
    const std::string json = write_jcard(card);
    EXPECT_EQ(json, expected(R"(["bday",{},"date-and-or-time","1996-04-15"],)"
                             R"(["bday",{},"date-and-or-time","--02-03"],)"
                             R"(["bday",{},"date-and-or-time","T10:22:00Z"],)"
                             R"(["anniversary",{},"date-and-or-time","2009-08-08T14:30-05:00"],)"
                             R"(["rev",{},"timestamp","2008-04-24T19:52:43Z"],)"
                             R"(["tz",{},"utc-offset","-05:00"],)"
                             R"(["x-t",{},"time","-22:00"],)"
                             R"(["x-d",{},"date","1985-04"])"));
    const ReadResult back = read_jcard(json);
    ASSERT_EQ(back.cards.size(), 1u);
    EXPECT_EQ(back.cards.front(), card);
}

TEST(VcardJcard, UnknownPropertiesKeepTheirRawText) {
    const auto properties = read_one(R"(["x-karma", {}, "unknown", "a\\,b;c"])");
    EXPECT_EQ(properties.front(), prop("X-KARMA", "unknown", {{"a\\,b;c"}}));
    EXPECT_EQ(written(properties.front()), expected(R"(["x-karma",{},"unknown","a\\,b;c"])"));
}

TEST(VcardJcard, ValueParameterIsKeptOnlyForVerbatimValues) {
    const auto properties = read_one(
        R"(["x-ms_pic", {"value": "uri"}, "unknown", "http://x.example/a.png"],
           ["fn", {"value": "text"}, "text", "A"])");
    const Property pic =
        prop("X-MS_PIC", "unknown", {{"http://x.example/a.png"}}, {{"VALUE", {"uri"}}});
    EXPECT_EQ(properties[0], pic);
    EXPECT_EQ(properties[1], prop("FN", "text", {{"A"}}));
    EXPECT_EQ(written(pic),
              expected(R"(["x-ms_pic",{"value":"uri"},"unknown","http://x.example/a.png"])"));
}

TEST(VcardJcard, NonAsciiTextSurvives) {
    const auto properties =
        read_one(R"(["fn", {}, "text", "Fr\u00e9d\u00e9ric \ud83d\ude42 日本"])");
    const Property fn = prop("FN", "text", {{"Frédéric 🙂 日本"}});
    EXPECT_EQ(properties.front(), fn);
    EXPECT_EQ(written(fn), expected(R"(["fn",{},"text","Frédéric 🙂 日本"])"));
}

TEST(VcardJcard, WriterReplacesInvalidUtf8InsteadOfFailing) {
    const Property fn = prop("FN", "text", {{"bad \xff byte"}});
    EXPECT_EQ(written(fn), expected("[\"fn\",{},\"text\",\"bad \xEF\xBF\xBD byte\"]"));
}

TEST(VcardJcard, DataUriPhotosAreReadUpToTheMediaLimit) {
    const std::string photo =
        R"(["photo", {}, "uri", "data:image/gif;base64,R0lGODlhAQABAAAAACw="])";
    EXPECT_EQ(read_one(photo).front(),
              prop("PHOTO", "uri", {{"data:image/gif;base64,R0lGODlhAQABAAAAACw="}}));
    Limits limits;
    limits.max_media_bytes = 13;  // the data decodes to 14 bytes
    EXPECT_EQ(card_error(photo, limits),
              "card 1: property 2 (\"photo\"): PHOTO: the data: URI holds 14 bytes, over the limit "
              "max_media_bytes (13)");
}

TEST(VcardJcard, WriterAlwaysStartsWithTheVersion) {
    EXPECT_EQ(write_jcard(Card{}), R"(["vcard",[["version",{},"text","4.0"]]])");
    const Card card{{prop("VERSION", "text", {{"3.0"}}), prop("FN", "text", {{"A"}}, {}, "g")}};
    EXPECT_EQ(write_jcard(std::vector<Card>{card, Card{}}),
              R"([["vcard",[["version",{},"text","4.0"],["fn",{"group":"g"},"text","A"]]],)"
              R"(["vcard",[["version",{},"text","4.0"],["fn",{},"text",""]]]])");
    EXPECT_EQ(write_jcard(std::vector<Card>{}), "[]");
}

TEST(VcardJcard, TopLevelMustBeAnArray) {
    EXPECT_EQ(only_error(R"({"vcard": []})"),
              "cannot read the jCard: the top level is an object; expected [\"vcard\", [...]] or "
              "an array of those");
    EXPECT_EQ(only_error("[]"),
              "cannot read the jCard: the top level is an empty array; expected [\"vcard\", "
              "[...]] or an array of those");
    EXPECT_EQ(only_error(R"("vcard")"),
              "cannot read the jCard: the top level is \"vcard\"; expected [\"vcard\", [...]] or "
              "an array of those");
}

TEST(VcardJcard, WrongFirstElementIsACardError) {
    const ReadResult result = read_jcard(R"(["vcards", []])");
    ASSERT_EQ(result.errors.size(), 1u);
    EXPECT_EQ(result.errors.front().card_number, 1u);
    EXPECT_EQ(result.errors.front().message,
              "card 1: the first element is \"vcards\", expected \"vcard\"");
    EXPECT_EQ(only_error(R"(["vcard", {}])"),
              "card 1: \"vcard\" is not followed by one array of properties; a jCard is "
              "[\"vcard\", [properties]]");
}

TEST(VcardJcard, MalformedCardIsReportedAndTheNextIsRead) {
    const ReadResult result = read_jcard("[" + jcard(R"(["fn", {}, "text", "A"])") +
                                         R"(, ["vcard", [["fn", {}, "text"]]], 7, )" +
                                         jcard(R"(["fn", {}, "text", "D"])") + "]");
    ASSERT_EQ(result.cards.size(), 2u);
    EXPECT_EQ(result.cards[1].properties.front().components, (std::vector<Component>{{"D"}}));
    ASSERT_EQ(result.errors.size(), 2u);
    EXPECT_EQ(result.errors[0].card_number, 2u);
    EXPECT_EQ(result.errors[0].message,
              "card 2: property 1 (\"fn\"): is an array of 3 elements; a property is [name, "
              "{parameters}, type, value, ...]");
    EXPECT_EQ(result.errors[1].message,
              "card 3: the card is a number; a jCard is [\"vcard\", [properties]]");
}

TEST(VcardJcard, BadPropertiesAreCardErrors) {
    EXPECT_EQ(card_error(R"("fn")"),
              "card 1: property 2: is \"fn\"; a property is [name, {parameters}, type, value, "
              "...]");
    EXPECT_EQ(card_error(R"([1, {}, "text", "x"])"), "card 1: property 2: the name is a number");
    EXPECT_EQ(card_error(R"(["f n", {}, "text", "x"])"),
              "card 1: property 2 (\"f n\"): \"f n\" is not a vCard property name");
    EXPECT_EQ(card_error(R"(["fn", [], "text", "x"])"),
              "card 1: property 2 (\"fn\"): the parameters are an array, expected an object");
    EXPECT_EQ(card_error(R"(["fn", {}, "str ing", "x"])"),
              "card 1: property 2 (\"fn\"): \"str ing\" is not a value type");
    EXPECT_EQ(card_error(R"(["fn", {}, 5, "x"])"),
              "card 1: property 2 (\"fn\"): the value type is a number");
    EXPECT_EQ(card_error(R"(["fn", {}, "text", null])"),
              "card 1: property 2 (\"fn\"): the value is null where a string, number or boolean "
              "belongs");
    EXPECT_EQ(card_error(R"(["fn", {}, "text", "a", ["b"]])"),
              "card 1: property 2 (\"fn\"): value 2 is an array; only a lone value can be "
              "structured");
    EXPECT_EQ(card_error(R"(["n", {}, "text", ["a", ["b", ["c"]]]])"),
              "card 1: property 2 (\"n\"): in a structured value: an array where a string, number "
              "or boolean belongs");
    EXPECT_EQ(card_error(R"(["fn", {"type": {"a": 1}}, "text", "x"])"),
              "card 1: property 2 (\"fn\"): parameter \"type\" holds an object; expected a string "
              "or an array of strings");
    EXPECT_EQ(card_error(R"(["fn", {"group": "a b"}, "text", "x"])"),
              "card 1: property 2 (\"fn\"): the group is \"a b\", expected a string of letters, "
              "digits, '-', '_' and '.'");
    EXPECT_EQ(card_error(R"(["fn", {"x y": "1"}, "text", "x"])"),
              "card 1: property 2 (\"fn\"): \"x y\" is not a valid parameter name");
}

TEST(VcardJcard, OnlyVersionFourIsRead) {
    EXPECT_EQ(only_error(R"(["vcard", [["version", {}, "text", "3.0"]]])"),
              "card 1: property 1 (\"version\"): the version is \"3.0\"; jCard is vCard 4.0 only");
    const ReadResult no_version = read_jcard(R"(["vcard", [["fn", {}, "text", "A"]]])");
    EXPECT_TRUE(no_version.errors.empty());
    EXPECT_EQ(no_version.cards.size(), 1u);
}

TEST(VcardJcard, SyntaxErrorIsOneErrorWithByteOffset) {
    const ReadResult result = read_jcard("[\"vcard\",\n [[\"fn\", {}, \"text\", \"A\"],]]");
    EXPECT_TRUE(result.cards.empty());
    ASSERT_EQ(result.errors.size(), 1u);
    EXPECT_EQ(result.errors.front().card_number, 0u);
    EXPECT_EQ(result.errors.front().line, 2u);
    EXPECT_EQ(result.errors.front().message.rfind(
                  "cannot read the jCard: not valid JSON at byte offset 36: "
                  "parse error at line 2, column 27: ",
                  0),
              0u)
        << result.errors.front().message;
    EXPECT_EQ(result.errors.front().message.find("json.exception"), std::string::npos);
}

TEST(VcardJcard, NestingDeeperThanTheLimitIsRefusedBeforeParsing) {
    const std::string deep = std::string(100000, '[') + std::string(100000, ']');
    EXPECT_EQ(only_error(deep),
              "cannot read the jCard: arrays and objects nested more than 32 deep at byte offset "
              "32, over the limit max_depth (32)");
    // Brackets inside strings do not count.
    EXPECT_EQ(read_one(R"(["fn", {}, "text", "[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[\"[[[["])")
                  .front()
                  .components,
              (std::vector<Component>{{"[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[\"[[[["}}));
}

TEST(VcardJcard, OversizeInputIsRefused) {
    Limits limits;
    limits.max_input_bytes = 10;
    EXPECT_EQ(only_error(jcard(""), limits),
              "cannot read the jCard: the input is " + std::to_string(jcard("").size()) +
                  " bytes, over the limit max_input_bytes (10); nothing read");
}

TEST(VcardJcard, OversizeCardIsRefusedAndOthersAreRead) {
    Limits limits;
    limits.max_card_bytes = 100;
    const ReadResult result =
        read_jcard("[" + jcard(R"(["note", {}, "text", ")" + std::string(200, 'x') + "\"]") + "," +
                       jcard(R"(["fn", {}, "text", "A"])") + "]",
                   limits);
    ASSERT_EQ(result.cards.size(), 1u);
    ASSERT_EQ(result.errors.size(), 1u);
    EXPECT_EQ(result.errors.front().card_number, 1u);
    EXPECT_EQ(result.errors.front().message.find("card 1: the card is "), 0u);
    EXPECT_NE(result.errors.front().message.find("bytes, over the limit max_card_bytes (100)"),
              std::string::npos);
}

TEST(VcardJcard, TooManyPropertiesIsACardError) {
    Limits limits;
    limits.max_properties = 2;
    EXPECT_EQ(card_error(R"(["fn", {}, "text", "A"], ["note", {}, "text", "B"],
                         ["note", {}, "text", "C"])",
                         limits),
              "card 1: property 4 (\"note\"): the card has more than 2 properties, over the "
              "limit max_properties (2)");
}

}  // namespace
}  // namespace cardex::vcard
