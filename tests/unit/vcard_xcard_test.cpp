#include <gtest/gtest.h>

#include <fstream>
#include <sstream>
#include <string>

#include "core/vcard/reader.hpp"
#include "core/vcard/writer.hpp"
#include "core/xml/parser.hpp"
#include "core/xml/writer.hpp"
#include "tests/unit/vcard_test_support.hpp"

namespace cardex::vcard {
namespace {

using namespace test;

constexpr std::string_view kNs = "urn:ietf:params:xml:ns:vcard-4.0";

// One <vcard> holding `members`, inside <vcards>.
std::string document(std::string_view members) {
    return "<vcards xmlns='" + std::string(kNs) + "'><vcard>" + std::string(members) +
           "</vcard></vcards>";
}

// Reads a document that must hold exactly one good card.
Card read_one(std::string_view members) {
    const ReadResult result = read_xcard(document(members));
    EXPECT_TRUE(result.errors.empty()) << result.errors.front().message;
    EXPECT_EQ(result.cards.size(), 1u);
    return result.cards.empty() ? Card{} : result.cards.front();
}

// The error of a document whose only card is malformed.
std::string card_error(std::string_view members, const Limits& limits = {}) {
    const ReadResult result = read_xcard(document(members), limits);
    EXPECT_TRUE(result.cards.empty());
    if (result.errors.size() != 1)
        return "expected one error, got " + std::to_string(result.errors.size());
    EXPECT_EQ(result.errors.front().card_number, 1u);
    return result.errors.front().message;
}

bool contains(std::string_view text, std::string_view part) {
    return text.find(part) != std::string_view::npos;
}

std::string xml_of(const Card& card) {
    return xml::to_string(card_to_xml(card));
}

TEST(VcardXcard, ReadsTheRfc6351Example) {
    const ReadResult result = read_xcard(read_corpus("ez-vcard/rfc6351-example.xml"));
    ASSERT_TRUE(result.errors.empty()) << result.errors.front().message;
    ASSERT_EQ(result.cards.size(), 1u);
    const Card& card = result.cards.front();
    EXPECT_EQ(card.properties.size(), 16u);

    ASSERT_NE(find(card, "FN"), nullptr);
    EXPECT_EQ(find(card, "FN")->components, (std::vector<Component>{{"Simon Perreault"}}));
    EXPECT_EQ(find(card, "FN")->value_type, "text");
    const std::vector<Component> n = {{"Perreault"}, {"Simon"}, {""}, {""}, {"ing. jr", "M.Sc."}};
    EXPECT_EQ(find(card, "N")->components, n);
    EXPECT_EQ(find(card, "GENDER")->components, (std::vector<Component>{{"M"}}));

    const Property* lang = find(card, "LANG", 1);
    ASSERT_NE(lang, nullptr);
    EXPECT_EQ(lang->value_type, "language-tag");
    EXPECT_EQ(lang->components, (std::vector<Component>{{"en"}}));
    EXPECT_EQ(lang->params, (std::vector<Parameter>{{"PREF", {"2"}}}));

    const Property* org = find(card, "ORG");
    EXPECT_EQ(org->params, (std::vector<Parameter>{{"TYPE", {"work"}}}));
    EXPECT_EQ(org->components, (std::vector<Component>{{"Viagenie"}}));

    const Property* adr = find(card, "ADR");
    const std::vector<Component> address = {
        {""},        {""},      {"2875 boul. Laurier, suite D2-630"}, {"Quebec"}, {"QC"},
        {"G1V 2M2"}, {"Canada"}};
    EXPECT_EQ(adr->components, address);
    ASSERT_EQ(adr->params.size(), 2u);
    EXPECT_EQ(adr->params[1].name, "LABEL");
    EXPECT_EQ(adr->params[1].values,
              (std::vector<std::string>{"Simon Perreault\n2875 boul. Laurier, suite D2-630\n"
                                        "Quebec, QC, Canada\nG1V 2M2"}));

    const Property* cell = find(card, "TEL", 1);
    EXPECT_EQ(cell->value_type, "uri");
    EXPECT_EQ(cell->components, (std::vector<Component>{{"tel:+1-418-262-6501"}}));
    EXPECT_EQ(cell->params,
              (std::vector<Parameter>{{"TYPE", {"work", "text", "voice", "cell", "video"}}}));
    EXPECT_EQ(find(card, "TEL")->components,
              (std::vector<Component>{{"tel:+1-418-656-9254;ext=102"}}));

    EXPECT_EQ(find(card, "GEO")->components, (std::vector<Component>{{"geo:46.766336,-71.28955"}}));
    EXPECT_EQ(find(card, "TZ")->components, (std::vector<Component>{{"America/Montreal"}}));
    EXPECT_EQ(find(card, "URL")->value_type, "uri");
}

TEST(VcardXcard, DateElementsOfBirthdaysBecomeDateAndOrTime) {
    const ReadResult result = read_xcard(read_corpus("ez-vcard/rfc6351-example.xml"));
    ASSERT_EQ(result.cards.size(), 1u);
    const Property* bday = find(result.cards.front(), "BDAY");
    EXPECT_EQ(bday->value_type, "date-and-or-time");
    EXPECT_EQ(bday->components, (std::vector<Component>{{"--0203"}}));
    const Property* anniversary = find(result.cards.front(), "ANNIVERSARY");
    EXPECT_EQ(anniversary->value_type, "date-and-or-time");
    EXPECT_EQ(anniversary->components, (std::vector<Component>{{"20090808T1430-0500"}}));

    // A time alone keeps its "T" in the model and loses it in xCard.
    const Card card = read_one("<bday><time>1430</time></bday>");
    EXPECT_EQ(card.properties.front().components, (std::vector<Component>{{"T1430"}}));
    EXPECT_TRUE(contains(xml_of(card), "<bday><time>1430</time></bday>"));
}

TEST(VcardXcard, ReadsABareVcardElement) {
    const ReadResult result = read_xcard(
        "<?xml version='1.0'?>\n<!-- exported -->\n<vcard xmlns='urn:ietf:params:xml:ns:vcard-4.0'>"
        "<fn><text>Ann</text></fn></vcard>");
    ASSERT_TRUE(result.errors.empty()) << result.errors.front().message;
    ASSERT_EQ(result.cards.size(), 1u);
    EXPECT_EQ(result.cards.front().properties,
              (std::vector<Property>{prop("FN", "text", {{"Ann"}})}));
}

TEST(VcardXcard, ReadsEveryCardOfADocument) {
    const ReadResult result = read_xcard(
        "\n  <?xml version='1.0' encoding='UTF-8'?>\n<vcards "
        "xmlns='urn:ietf:params:xml:ns:vcard-4.0'>"
        "<vcard><fn><text>A</text></fn></vcard>\n<vcard><fn><text>B</text></fn></vcard></vcards>");
    ASSERT_TRUE(result.errors.empty()) << result.errors.front().message;
    ASSERT_EQ(result.cards.size(), 2u);
    EXPECT_EQ(result.cards[1].properties.front().components, (std::vector<Component>{{"B"}}));
}

TEST(VcardXcard, ListPropertiesHoldOneItemPerValueElement) {
    const Card card = read_one(
        "<categories><text>work</text><text>friends, old</text></categories>"
        "<nickname><text>Jim</text></nickname>");
    EXPECT_EQ(card.properties[0].components, (std::vector<Component>{{"work", "friends, old"}}));
    EXPECT_EQ(card.properties[1].components, (std::vector<Component>{{"Jim"}}));
    EXPECT_TRUE(contains(xml_of(card),
                         "<categories><text>work</text><text>friends, old</text></categories>"));
}

TEST(VcardXcard, ValuesAreShapedAsTheModelHoldsTheirProperty) {
    const Card card = read_one(
        "<fn><parameters><type><text>WORK</text></type></parameters>"
        "<text>a</text><text>b</text></fn>"
        "<gender><sex>M</sex><sex>F</sex></gender>"
        "<tel><parameters><type><text>Cell,,VOICE</text></type><pref><integer>1</integer></pref>"
        "<type><text>home</text><text/></type></parameters><text>1</text></tel>");
    EXPECT_EQ(card.properties[0], prop("FN", "text", {{"a,b"}}, {{"TYPE", {"work"}}}));
    EXPECT_EQ(card.properties[1], prop("GENDER", "text", {{"M,F"}}));
    EXPECT_EQ(card.properties[2].params,
              (std::vector<Parameter>{{"TYPE", {"cell", "voice", "home"}}, {"PREF", {"1"}}}));
}

TEST(VcardXcard, OrgHasOneComponentPerTextElement) {
    const Card card =
        read_one("<org><text>ABC, Inc.</text><text>North American Division</text></org>");
    EXPECT_EQ(card.properties.front().components,
              (std::vector<Component>{{"ABC, Inc."}, {"North American Division"}}));
    EXPECT_TRUE(contains(xml_of(card),
                         "<org><text>ABC, Inc.</text><text>North American Division</text></org>"));
}

TEST(VcardXcard, StructuredValuesUseNamedComponents) {
    const Card card = read_one(
        "<n><surname>Stevenson</surname><given>John</given><additional>Philip</additional>"
        "<additional>Paul</additional><prefix>Dr.</prefix><suffix>Jr.</suffix></n>"
        "<gender><sex>M</sex><identity>Fellow</identity></gender>"
        "<clientpidmap><sourceid>1</sourceid><uri>urn:uuid:3df4</uri></clientpidmap>");
    EXPECT_EQ(
        card.properties[0].components,
        (std::vector<Component>{{"Stevenson"}, {"John"}, {"Philip", "Paul"}, {"Dr."}, {"Jr."}}));
    EXPECT_EQ(card.properties[1].components, (std::vector<Component>{{"M"}, {"Fellow"}}));
    EXPECT_EQ(card.properties[2].components, (std::vector<Component>{{"1"}, {"urn:uuid:3df4"}}));
    EXPECT_EQ(card.properties[2].value_type, "text");

    const Card adr{{prop("ADR", "text",
                         {{""}, {"Apt 2"}, {"1 Main St"}, {"Town"}, {""}, {"123"}, {"Utopia"}})}};
    EXPECT_EQ(xml_of(adr),
              "<vcard xmlns='urn:ietf:params:xml:ns:vcard-4.0'><adr><pobox/><ext>Apt 2</ext>"
              "<street>1 Main St</street><locality>Town</locality><region/><code>123</code>"
              "<country>Utopia</country></adr></vcard>");
}

TEST(VcardXcard, GroupsHoldTheirProperties) {
    const Card card = read_one(
        "<group name='item1'><tel><uri>tel:+1-555</uri></tel>"
        "<x-ablabel><unknown>_$!&lt;Mobile&gt;!$_</unknown></x-ablabel></group>"
        "<fn><text>A</text></fn>");
    ASSERT_EQ(card.properties.size(), 3u);
    EXPECT_EQ(card.properties[0].group, "item1");
    EXPECT_EQ(card.properties[1], prop("X-ABLABEL", "unknown", {{"_$!<Mobile>!$_"}}, {}, "item1"));
    EXPECT_EQ(card.properties[2].group, "");
    EXPECT_EQ(xml_of(card),
              "<vcard xmlns='urn:ietf:params:xml:ns:vcard-4.0'><group name='item1'><tel>"
              "<uri>tel:+1-555</uri></tel><x-ablabel><unknown>_$!&lt;Mobile&gt;!$_</unknown>"
              "</x-ablabel></group><fn><text>A</text></fn></vcard>");
}

TEST(VcardXcard, PropertyOrderIsKeptAcrossGroups) {
    const Card card{{prop("TEL", "text", {{"1"}}, {}, "item1"), prop("FN", "text", {{"A"}}),
                     prop("X-ABLABEL", "unknown", {{"Work"}}, {}, "item1"),
                     prop("NOTE", "text", {{"n"}}, {}, "bad group")}};
    EXPECT_EQ(xml_of(card),
              "<vcard xmlns='urn:ietf:params:xml:ns:vcard-4.0'><group name='item1'><tel>"
              "<text>1</text></tel></group><fn><text>A</text></fn><group name='item1'>"
              "<x-ablabel><unknown>Work</unknown></x-ablabel></group>"
              "<note><text>n</text></note></vcard>");
    const ReadResult back = read_xcard(write_xcard({card}));
    ASSERT_EQ(back.cards.size(), 1u);
    EXPECT_EQ(back.cards.front().properties[2], card.properties[2]);
    EXPECT_EQ(back.cards.front().properties[3].group, "");  // a group xCard readers refuse
}

TEST(VcardXcard, ParametersKeepEveryValue) {
    const Card card = read_one(
        "<tel><parameters><type><text>work</text><text>voice</text></type>"
        "<pref><integer>1</integer></pref><x-service><text>a</text></x-service></parameters>"
        "<uri>tel:+1-418-656-9254;ext=102</uri></tel>");
    const Property& tel = card.properties.front();
    EXPECT_EQ(tel.params, (std::vector<Parameter>{
                              {"TYPE", {"work", "voice"}}, {"PREF", {"1"}}, {"X-SERVICE", {"a"}}}));
    EXPECT_EQ(xml_of(card),
              "<vcard xmlns='urn:ietf:params:xml:ns:vcard-4.0'><tel><parameters><type>"
              "<text>work</text><text>voice</text></type><pref><integer>1</integer></pref>"
              "<x-service><text>a</text></x-service></parameters>"
              "<uri>tel:+1-418-656-9254;ext=102</uri></tel></vcard>");
}

TEST(VcardXcard, WriterMergesRepeatedParametersAndDropsValue) {
    const Card card{{prop("EMAIL", "text", {{"a@b.example"}},
                          {{"TYPE", {"work"}},
                           {"VALUE", {"text"}},
                           {"TYPE", {"home"}},
                           {"LANGUAGE", {"fr"}},
                           {"GEO", {"geo:1,2"}}})}};
    EXPECT_EQ(xml_of(card),
              "<vcard xmlns='urn:ietf:params:xml:ns:vcard-4.0'><email><parameters><type>"
              "<text>work</text><text>home</text></type><language><language-tag>fr"
              "</language-tag></language><geo><uri>geo:1,2</uri></geo></parameters>"
              "<text>a@b.example</text></email></vcard>");
}

TEST(VcardXcard, ValueTypesComeFromTheValueElement) {
    const Card card = read_one(
        "<rev><timestamp>20240101T120000Z</timestamp></rev>"
        "<x-count><integer>42</integer></x-count><x-ratio><float>1.5</float></x-ratio>"
        "<x-flag><boolean>TRUE</boolean></x-flag><tz><utc-offset>-0500</utc-offset></tz>"
        "<x-when><date>19960415</date></x-when><x-at><date-time>19961022T140000</date-time>"
        "</x-at><x-lang><language-tag>de</language-tag></x-lang>");
    const std::vector<std::string> types = {"timestamp",  "integer", "float",     "boolean",
                                            "utc-offset", "date",    "date-time", "language-tag"};
    ASSERT_EQ(card.properties.size(), types.size());
    for (std::size_t i = 0; i < types.size(); ++i) {
        EXPECT_EQ(card.properties[i].value_type, types[i]) << card.properties[i].name;
    }
    EXPECT_EQ(card.properties[1].components, (std::vector<Component>{{"42"}}));
    EXPECT_TRUE(contains(xml_of(card), "<x-ratio><float>1.5</float></x-ratio>"));
}

TEST(VcardXcard, DateAndOrTimeIsWrittenAsDateTimeOrDateTime) {
    const Card card{{prop("BDAY", "date-and-or-time", {{"--0203"}}),
                     prop("ANNIVERSARY", "date-and-or-time", {{"20090808T1430-0500"}}),
                     prop("BDAY", "date-and-or-time", {{"T102200Z"}})}};
    EXPECT_EQ(xml_of(card),
              "<vcard xmlns='urn:ietf:params:xml:ns:vcard-4.0'><bday><date>--0203</date></bday>"
              "<anniversary><date-time>20090808T1430-0500</date-time></anniversary>"
              "<bday><time>102200Z</time></bday></vcard>");
}

TEST(VcardXcard, UnknownPropertiesKeepTheirRawText) {
    const Card card = read_one("<x-foo><unknown>a\\,b;c</unknown></x-foo>");
    EXPECT_EQ(card.properties.front(), prop("X-FOO", "unknown", {{"a\\,b;c"}}));
    EXPECT_EQ(xml_of(card),
              "<vcard xmlns='urn:ietf:params:xml:ns:vcard-4.0'><x-foo><unknown>a\\,b;c</unknown>"
              "</x-foo></vcard>");
}

TEST(VcardXcard, ValueParameterIsKeptOnlyForVerbatimValues) {
    const Card card = read_one(
        "<x-ms_pic><parameters><value><text>uri</text></value></parameters>"
        "<unknown>http://x.example/a.png</unknown></x-ms_pic>"
        "<fn><parameters><value><text>text</text></value></parameters><text>A</text></fn>");
    EXPECT_EQ(card.properties[0],
              prop("X-MS_PIC", "unknown", {{"http://x.example/a.png"}}, {{"VALUE", {"uri"}}}));
    EXPECT_EQ(card.properties[1], prop("FN", "text", {{"A"}}));
    EXPECT_TRUE(contains(xml_of(card),
                         "<x-ms_pic><parameters><value><text>uri</text></value>"
                         "</parameters><unknown>http://x.example/a.png</unknown>"));
}

TEST(VcardXcard, NonAsciiTextSurvives) {
    const Card card{{prop("FN", "text", {{"Frédéric Čapek 日本語 🙂"}}),
                     prop("N", "text", {{"Čapek"}, {"Frédéric"}, {""}, {""}, {""}})}};
    const ReadResult back = read_xcard(write_xcard({card}));
    ASSERT_TRUE(back.errors.empty()) << back.errors.front().message;
    ASSERT_EQ(back.cards.size(), 1u);
    EXPECT_EQ(back.cards.front(), card);
}

TEST(VcardXcard, MarkupCharactersAreEscaped) {
    const Card card{
        {prop("FN", "text", {{"<b>Tom & Jerry's \"Bar\"</b>"}}),
         prop("NOTE", "text", {{"]]> <!-- not a comment --> &amp;"}}, {{"X-TAG", {"<x>"}}})}};
    const std::string xml = write_xcard({card});
    EXPECT_TRUE(contains(xml,
                         "<fn><text>&lt;b&gt;Tom &amp; Jerry&apos;s &quot;Bar&quot;&lt;/b&gt;"
                         "</text></fn>"))
        << xml;
    EXPECT_FALSE(contains(xml, "<b>"));
    const ReadResult back = read_xcard(xml);
    ASSERT_EQ(back.cards.size(), 1u);
    EXPECT_EQ(back.cards.front(), card);
}

TEST(VcardXcard, DataUriPhotosAreReadUpToTheMediaLimit) {
    const std::string photo = "<photo><uri>data:image/png;base64,iVBORw0KGgoAAAA=</uri></photo>";
    const Card card = read_one(photo);
    EXPECT_EQ(card.properties.front(),
              prop("PHOTO", "uri", {{"data:image/png;base64,iVBORw0KGgoAAAA="}}));

    Limits limits;
    limits.max_media_bytes = 10;  // the photo decodes to 11 bytes
    EXPECT_EQ(card_error(photo, limits),
              "card 1: PHOTO: the data: URI holds 11 bytes, over the limit max_media_bytes (10)");
    limits.max_media_bytes = 11;
    EXPECT_TRUE(read_xcard(document(photo), limits).errors.empty());
}

TEST(VcardXcard, ElementsOfOtherNamespacesBecomeXmlProperties) {
    const Card card = read_one(
        "<fn><text>A</text></fn><ext:pet xmlns:ext='urn:example:pets' kind='cat'>"
        "<ext:name>Tom</ext:name></ext:pet><group name='g1'><other xmlns=''>x</other></group>");
    ASSERT_EQ(card.properties.size(), 3u);
    EXPECT_EQ(
        card.properties[1],
        prop("XML", "text", {{"<pet xmlns='urn:example:pets' kind='cat'><name>Tom</name></pet>"}}));
    EXPECT_EQ(card.properties[2], prop("XML", "text", {{"<other>x</other>"}}, {}, "g1"));
    EXPECT_EQ(xml_of(card),
              "<vcard xmlns='urn:ietf:params:xml:ns:vcard-4.0'><fn><text>A</text></fn>"
              "<pet xmlns='urn:example:pets' kind='cat'><name>Tom</name></pet>"
              "<group name='g1'><other xmlns=''>x</other></group></vcard>");
}

TEST(VcardXcard, XmlPropertiesThatAreNotForeignElementsStayXmlProperties) {
    const Card card{{prop("FN", "text", {{"A"}}), prop("XML", "text", {{"not <well> formed"}}),
                     prop("XML", "text", {{"<fn xmlns='urn:ietf:params:xml:ns:vcard-4.0'/>"}})}};
    const ReadResult back = read_xcard(write_xcard({card}));
    ASSERT_EQ(back.cards.size(), 1u);
    EXPECT_EQ(back.cards.front(), card);
}

TEST(VcardXcard, WritesADocumentWithDeclarationAndNamespace) {
    const Card card{{prop("FN", "text", {{"Ann"}}), prop("VERSION", "text", {{"4.0"}})}};
    EXPECT_EQ(write_xcard({card, card}),
              "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
              "<vcards xmlns='urn:ietf:params:xml:ns:vcard-4.0'><vcard><fn><text>Ann</text></fn>"
              "</vcard><vcard><fn><text>Ann</text></fn></vcard></vcards>\n");
    const xml::Element element = card_to_xml(card);
    EXPECT_EQ(element.name, "vcard");
    EXPECT_EQ(element.ns, kNs);
}

TEST(VcardXcard, WriterLeavesOutNamesXcardCannotCarry) {
    const Card card{{prop("FN", "text", {{"A"}}, {{"1X", {"a"}}, {"BAD NAME", {"b"}}}),
                     prop("GROUP", "unknown", {{"x"}}), prop("bad name<", "text", {{"x"}}),
                     prop("1X", "text", {{"x"}})}};
    EXPECT_EQ(xml_of(card),
              "<vcard xmlns='urn:ietf:params:xml:ns:vcard-4.0'><fn><text>A</text></fn></vcard>");
}

TEST(VcardXcard, CardFromXmlReadsAStanzaPayload) {
    auto element = xml::parse_document(
        "<vcard xmlns='urn:ietf:params:xml:ns:vcard-4.0'><fn><text>Ann</text></fn>"
        "<version><text>4.0</text></version></vcard>");
    ASSERT_TRUE(element.ok()) << element.error().message;
    auto card = card_from_xml(*element);
    ASSERT_TRUE(card.ok()) << card.error().message;
    EXPECT_EQ(card->properties, (std::vector<Property>{prop("FN", "text", {{"Ann"}})}));
}

TEST(VcardXcard, CardFromXmlNamesTheWrongNamespace) {
    xml::Element temp("vCard", "vcard-temp");
    auto card = card_from_xml(temp);
    ASSERT_FALSE(card.ok());
    EXPECT_EQ(card.error().message,
              "<vCard> in namespace 'vcard-temp' is the older XEP-0054 format, not an xCard; "
              "expected <vcard> in namespace urn:ietf:params:xml:ns:vcard-4.0");

    card = card_from_xml(xml::Element("vcard", ""));
    ASSERT_FALSE(card.ok());
    EXPECT_EQ(card.error().message,
              "the <vcard> element is in no namespace; expected <vcard> in namespace "
              "urn:ietf:params:xml:ns:vcard-4.0");

    card = card_from_xml(xml::Element("vcard", "urn:ietf:params:xml:ns:vcard-3.0"));
    ASSERT_FALSE(card.ok());
    EXPECT_TRUE(contains(card.error().message, "in namespace 'urn:ietf:params:xml:ns:vcard-3.0'"));

    card = card_from_xml(xml::Element("fn", std::string(kNs)));
    ASSERT_FALSE(card.ok());
    EXPECT_TRUE(contains(card.error().message, "found <fn>"));
}

TEST(VcardXcard, CardFromXmlRefusesElementsNestedTooDeep) {
    xml::Element vcard("vcard", std::string(kNs));
    xml::Element* tip = &vcard.add_child("deep", "urn:example");
    for (int i = 0; i < 40; ++i)
        tip = &tip->add_child("deep", "urn:example");
    auto card = card_from_xml(vcard);
    ASSERT_FALSE(card.ok());
    EXPECT_EQ(card.error().message, "elements nested 42 deep, over the limit max_depth (32)");
}

TEST(VcardXcard, WrongRootNamespaceIsOneError) {
    const ReadResult result =
        read_xcard("<vcards xmlns='urn:example'><vcard><fn><text>A</text></fn></vcard></vcards>");
    EXPECT_TRUE(result.cards.empty());
    ASSERT_EQ(result.errors.size(), 1u);
    EXPECT_EQ(result.errors.front().message,
              "the <vcards> element is in namespace 'urn:example'; expected <vcards> or <vcard> "
              "in namespace urn:ietf:params:xml:ns:vcard-4.0");
}

TEST(VcardXcard, DocumentWithoutVcardIsAnError) {
    ReadResult result = read_xcard("<vcards xmlns='urn:ietf:params:xml:ns:vcard-4.0'/>");
    ASSERT_EQ(result.errors.size(), 1u);
    EXPECT_EQ(result.errors.front().message, "the <vcards> element holds no <vcard>");

    result = read_xcard("<html><body/></html>");
    ASSERT_EQ(result.errors.size(), 1u);
    EXPECT_TRUE(contains(result.errors.front().message, "found <html> (in no namespace)"));
}

TEST(VcardXcard, OtherElementsInVcardsAreReportedAndSkipped) {
    const ReadResult result = read_xcard(
        "<vcards xmlns='urn:ietf:params:xml:ns:vcard-4.0'><fn><text>stray</text></fn>"
        "<vcard><fn><text>A</text></fn></vcard></vcards>");
    ASSERT_EQ(result.cards.size(), 1u);
    ASSERT_EQ(result.errors.size(), 1u);
    EXPECT_EQ(result.errors.front().card_number, 0u);
    EXPECT_TRUE(contains(result.errors.front().message, "found <fn> in namespace"));
}

TEST(VcardXcard, MalformedCardIsReportedAndTheNextIsRead) {
    const ReadResult result = read_xcard(
        "<vcards xmlns='urn:ietf:params:xml:ns:vcard-4.0'>"
        "<vcard><fn><text>A</text></fn></vcard>"
        "<vcard><fn><foo>B</foo></fn></vcard>"
        "<vcard><fn><text>C</text></fn></vcard></vcards>");
    ASSERT_EQ(result.cards.size(), 2u);
    EXPECT_EQ(result.cards[1].properties.front().components, (std::vector<Component>{{"C"}}));
    ASSERT_EQ(result.errors.size(), 1u);
    EXPECT_EQ(result.errors.front().card_number, 2u);
    EXPECT_EQ(result.errors.front().message,
              "card 2: <fn>: contains <foo>, which is not a value element such as <text> or "
              "<uri>");
}

TEST(VcardXcard, BadValuesAreCardErrors) {
    EXPECT_EQ(card_error("<fn/>"),
              "card 1: <fn>: has no value: expected a value element such as <text>");
    EXPECT_EQ(card_error("<fn>John</fn>"),
              "card 1: <fn>: has text outside a value element; xCard puts it in <text> or <uri>");
    EXPECT_EQ(card_error("<tz><text>a</text><uri>b</uri></tz>"),
              "card 1: <tz>: mixes the value types <text> and <uri>");
    EXPECT_EQ(card_error("<n><surname>a</surname><text>b</text></n>"),
              "card 1: <n>: mixes the component <surname> with the value element <text>");
    EXPECT_EQ(card_error("<n><nickname>a</nickname></n>"),
              "card 1: <n>: contains <nickname>, which is not one of its components nor a value "
              "element such as <text> or <uri>");
    EXPECT_EQ(card_error("<fn><text>a<b>c</b></text></fn>"),
              "card 1: <fn>: <text> contains the element <b>; values are plain text");
    EXPECT_EQ(card_error("<tel><parameters><type><foo>x</foo></type></parameters>"
                         "<text>1</text></tel>"),
              "card 1: <tel>: parameter <type> contains <foo>, which is not a value element such "
              "as <text> or <integer>");
    EXPECT_EQ(card_error("<tel><parameters><type>work</type></parameters><text>1</text></tel>"),
              "card 1: <tel>: parameter <type> has text outside a value element such as <text>");
    EXPECT_EQ(card_error("<tel><parameters/><parameters/><text>1</text></tel>"),
              "card 1: <tel>: has more than one <parameters>");
}

TEST(VcardXcard, StructuralMistakesAreCardErrors) {
    EXPECT_EQ(card_error("<group name='a'><group name='b'/></group>"),
              "card 1: <group> inside the group 'a'");
    EXPECT_EQ(card_error("<group><fn><text>A</text></fn></group>"),
              "card 1: <group> without a 'name' attribute");
    EXPECT_EQ(card_error("<group name='a b'/>"),
              "card 1: the group name 'a b' is not letters, digits, '-', '_' and '.'");
    EXPECT_EQ(card_error("<vcard/>"), "card 1: <vcard> is not a vCard property");
    EXPECT_EQ(card_error("<group name='g'><begin><text>x</text></begin></group>"),
              "card 1: <begin> in group 'g' is not a vCard property");
    EXPECT_EQ(card_error("<x.y><text>x</text></x.y>"), "card 1: <x.y> is not a vCard property");
    EXPECT_EQ(card_error("<version><text>3.0</text></version>"),
              "card 1: <version> is not 4.0; xCard is vCard 4.0 only");
    EXPECT_EQ(card_error("stray<fn><text>A</text></fn>"),
              "card 1: <vcard> has text outside any property");
}

TEST(VcardXcard, SyntaxErrorIsOneErrorWithLineAndColumn) {
    const ReadResult result =
        read_xcard("<vcards xmlns='urn:ietf:params:xml:ns:vcard-4.0'>\n<vcard>\n<fn></vcard>");
    EXPECT_TRUE(result.cards.empty());
    ASSERT_EQ(result.errors.size(), 1u);
    EXPECT_EQ(result.errors.front().card_number, 0u);
    EXPECT_EQ(result.errors.front().line, 3u);
    EXPECT_EQ(result.errors.front().message,
              "cannot read the xCard: line 3, column 7: mismatched tag");
}

TEST(VcardXcard, DoctypeAndEntitiesAreRefused) {
    const ReadResult result = read_xcard(
        "<?xml version='1.0'?><!DOCTYPE v [<!ENTITY e 'boom'>]>"
        "<vcard xmlns='urn:ietf:params:xml:ns:vcard-4.0'><fn><text>&e;</text></fn></vcard>");
    EXPECT_TRUE(result.cards.empty());
    ASSERT_EQ(result.errors.size(), 1u);
    EXPECT_TRUE(contains(result.errors.front().message, "DOCTYPE"))
        << result.errors.front().message;
}

TEST(VcardXcard, OversizeInputIsRefused) {
    Limits limits;
    limits.max_input_bytes = 64;
    const std::string xml = document("<fn><text>A</text></fn>");
    const ReadResult result = read_xcard(xml, limits);
    EXPECT_TRUE(result.cards.empty());
    ASSERT_EQ(result.errors.size(), 1u);
    EXPECT_EQ(result.errors.front().message,
              "the input is " + std::to_string(xml.size()) +
                  " bytes, over the limit max_input_bytes (64); nothing read");
}

TEST(VcardXcard, OversizeCardIsRefusedAndOthersAreRead) {
    Limits limits;
    limits.max_card_bytes = 100;
    const ReadResult result =
        read_xcard("<vcards xmlns='urn:ietf:params:xml:ns:vcard-4.0'><vcard><note><text>" +
                       std::string(200, 'x') +
                       "</text></note></vcard><vcard><fn><text>A</text></fn></vcard>"
                       "</vcards>",
                   limits);
    ASSERT_EQ(result.cards.size(), 1u);
    ASSERT_EQ(result.errors.size(), 1u);
    EXPECT_EQ(result.errors.front().card_number, 1u);
    EXPECT_TRUE(
        contains(result.errors.front().message, "bytes, over the limit max_card_bytes (100)"));
    EXPECT_EQ(result.errors.front().message.rfind("card 1: the card is ", 0), 0u);
}

TEST(VcardXcard, NestingDeeperThanTheLimitIsRefused) {
    std::string deep;
    for (int i = 0; i < 40; ++i)
        deep += "<x:a xmlns:x='urn:example'>";
    for (int i = 0; i < 40; ++i)
        deep += "</x:a>";
    const ReadResult result = read_xcard(document(deep));
    EXPECT_TRUE(result.cards.empty());
    ASSERT_EQ(result.errors.size(), 1u);
    EXPECT_TRUE(contains(result.errors.front().message, "nested deeper than 32"))
        << result.errors.front().message;
}

TEST(VcardXcard, TooManyPropertiesIsACardError) {
    Limits limits;
    limits.max_properties = 2;
    EXPECT_EQ(card_error("<fn><text>A</text></fn><group name='g'><note><text>B</text></note>"
                         "<note><text>C</text></note></group>",
                         limits),
              "card 1: the card has more than 2 properties, over the limit max_properties (2)");
}

}  // namespace
}  // namespace cardex::vcard
