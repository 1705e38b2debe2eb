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

}  // namespace
}  // namespace cardex::xml
