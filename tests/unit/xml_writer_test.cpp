#include <gtest/gtest.h>

#include "core/xml/parser.hpp"
#include "core/xml/writer.hpp"

namespace cardex::xml {
namespace {

TEST(Writer, EscapesTextAndAttributes) {
    Element e("a", "urn:x");
    e.set_attr("v", "it's <\"&\">");
    e.text = "1 < 2 & 3 > 2";
    EXPECT_EQ(
        to_string(e),
        "<a xmlns='urn:x' v='it&apos;s &lt;&quot;&amp;&quot;&gt;'>1 &lt; 2 &amp; 3 &gt; 2</a>");
}

TEST(Writer, DeclaresNamespacesOnlyWhereTheyChange) {
    Element iq("iq", "jabber:component:accept");
    iq.add_child("query", "http://jabber.org/protocol/disco#info")
        .add_child("feature", "http://jabber.org/protocol/disco#info");
    EXPECT_EQ(to_string(iq, "jabber:component:accept"),
              "<iq><query xmlns='http://jabber.org/protocol/disco#info'><feature/></query></iq>");
}

TEST(Writer, ReplacesCharactersXmlCannotCarry) {
    Element e("a", "");
    e.text = std::string("bell\x07 bad\xff utf8 \xc3\xa9");
    EXPECT_EQ(to_string(e), "<a>bell\xEF\xBF\xBD bad\xEF\xBF\xBD utf8 \xc3\xa9</a>");
}

TEST(Writer, RoundTripsThroughTheParser) {
    Element e("vcard", "urn:ietf:params:xml:ns:vcard-4.0");
    e.set_attr("xml:lang", "de");
    e.set_attr("{urn:other}flag", "yes");
    e.add_child("fn", e.ns).add_text_child("text", e.ns, "Jürgen \"J\" <Müller> & Söhne\r\n");
    auto parsed = parse_document(to_string(e));
    ASSERT_TRUE(parsed.ok()) << parsed.error().message;
    EXPECT_EQ(*parsed, e);
}

TEST(Writer, LeavesOutOnlyTheWhitespaceThatLaysOutChildren) {
    auto e = parse_document(
        "<vcard xmlns='urn:ietf:params:xml:ns:vcard-4.0'>\n  <note><text>  </text></note>\n"
        "  <x xmlns='urn:other'>kept <y/></x>\n</vcard>");
    ASSERT_TRUE(e.ok()) << e.error().message;
    EXPECT_EQ(to_string(*e, {}, Layout::without),
              "<vcard xmlns='urn:ietf:params:xml:ns:vcard-4.0'><note><text>  </text></note>"
              "<x xmlns='urn:other'>kept <y/></x></vcard>")
        << "a value of spaces is text, and so is text beside a child";
    EXPECT_EQ(to_string(*e), to_string(*e, {}, Layout::as_is));
    EXPECT_TRUE(to_string(*e).starts_with("<vcard xmlns='urn:ietf:params:xml:ns:vcard-4.0'>\n"))
        << to_string(*e);
}

TEST(Writer, CountsTheBytesItWouldWrite) {
    Element e("vcard", "urn:ietf:params:xml:ns:vcard-4.0");
    e.set_attr("xml:lang", "de");
    e.set_attr("{urn:other}flag", "it's");
    e.add_child("fn", e.ns).add_text_child("text", e.ns, "J\xc3\xbcrgen & <S\xc3\xb6hne>\r\n");
    e.add_child("note", e.ns).text = std::string("bell\x07 bad\xff \"quoted\"");
    e.add_child("empty", "urn:x");
    e.raw = "<raw xmlns='urn:y'/>";
    EXPECT_EQ(serialized_size(e), to_string(e).size());
    EXPECT_EQ(serialized_size(e, e.ns), to_string(e, e.ns).size());
    EXPECT_EQ(serialized_size(Element("a", "")), 4u);
}

}  // namespace
}  // namespace cardex::xml
