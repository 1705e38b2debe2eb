// The client's element tree of a received stanza, made from libstrophe's tree: the same tree
// the stanza's text parses into, under the same limits.
#include "client/session/stanza_tree.hpp"

#include <gtest/gtest.h>
#include <strophe.h>

#include <algorithm>
#include <memory>
#include <string>

#include "core/xmpp/namespaces.hpp"

namespace cardex::client {
namespace {

struct CtxDeleter {
    void operator()(xmpp_ctx_t* ctx) const { xmpp_ctx_free(ctx); }
};
struct StanzaDeleter {
    void operator()(xmpp_stanza_t* stanza) const { xmpp_stanza_release(stanza); }
};
using StanzaPtr = std::unique_ptr<xmpp_stanza_t, StanzaDeleter>;

class StanzaTree : public ::testing::Test {
  protected:
    // The stanza as libstrophe's parser builds it from the bytes of a stream.
    StanzaPtr received(const std::string& text) {
        StanzaPtr stanza(xmpp_stanza_new_from_string(ctx_.get(), text.c_str()));
        EXPECT_NE(stanza, nullptr) << text;
        return stanza;
    }

    std::unique_ptr<xmpp_ctx_t, CtxDeleter> ctx_{xmpp_ctx_new(nullptr, nullptr)};
};

// libstrophe keeps attributes in a hash: their order carries nothing.
void sort_attributes(xml::Element& e) {
    std::sort(e.attributes.begin(), e.attributes.end(),
              [](const auto& a, const auto& b) { return a.name < b.name; });
    for (auto& child : e.children)
        sort_attributes(child);
}

TEST_F(StanzaTree, IsTheTreeTheStanzasTextParsesInto) {
    const std::string text =
        "<message type='chat' from='cards.a.test' to='bob@b.test' id='d1'>"
        "<body>Alice &amp; Bob &lt;work&gt; &apos;quoted&apos;\nsecond line</body>"
        "<card xmlns='urn:xmpp:bizcard:0' id='x' stamp='2026-12-07T18:00:00Z'>"
        "<vcard-text>BEGIN:VCARD\r\nVERSION:4.0&#13;\nFN:Alice\nEND:VCARD\n</vcard-text>"
        "<empty/><inner xmlns='urn:other'>a<b/>c</inner>"
        "</card>"
        "<origin-id xmlns='urn:xmpp:sid:0' id='o1'/>"
        "</message>";
    auto stanza = received(text);
    ASSERT_NE(stanza, nullptr);
    auto converted = element_from_stanza(stanza.get(), ns::kClient);
    ASSERT_TRUE(converted.ok()) << converted.error().message;
    auto parsed = xml::parse_document(text, {}, ns::kClient);
    ASSERT_TRUE(parsed.ok()) << parsed.error().message;
    sort_attributes(*converted);
    sort_attributes(*parsed);
    EXPECT_EQ(*converted, *parsed);
    // What the comparison rests on, spelled out.
    EXPECT_EQ(converted->ns, ns::kClient);
    EXPECT_EQ(converted->child_text("body"), "Alice & Bob <work> 'quoted'\nsecond line");
    const auto* card = converted->child("card", "urn:xmpp:bizcard:0");
    ASSERT_NE(card, nullptr);
    EXPECT_EQ(card->child_text("vcard-text"), "BEGIN:VCARD\nVERSION:4.0\r\nFN:Alice\nEND:VCARD\n");
    ASSERT_NE(card->child("empty"), nullptr);
    EXPECT_EQ(card->child("empty")->ns, "urn:xmpp:bizcard:0");
    const auto* inner = card->child("inner", "urn:other");
    ASSERT_NE(inner, nullptr);
    EXPECT_EQ(inner->text, "ac");
    ASSERT_NE(inner->child("b"), nullptr);
    EXPECT_EQ(inner->child("b")->ns, "urn:other");
    EXPECT_EQ(converted->attr("xmlns"), std::nullopt);
}

TEST_F(StanzaTree, KeepsTheNamespaceTheStreamGave) {
    auto stanza = received("<iq xmlns='jabber:component:accept' type='result' id='1'/>");
    ASSERT_NE(stanza, nullptr);
    auto converted = element_from_stanza(stanza.get(), ns::kClient);
    ASSERT_TRUE(converted.ok()) << converted.error().message;
    EXPECT_EQ(converted->ns, "jabber:component:accept");
    EXPECT_EQ(converted->attr_or_empty("type"), "result");
}

// libstrophe drops attribute prefixes; the text it wrote of a stanza carried "lang" as well.
TEST_F(StanzaTree, AnXmlLangArrivesAsLibstropheNamesIt) {
    auto stanza = received("<message xml:lang='de'><body>Hallo</body></message>");
    ASSERT_NE(stanza, nullptr);
    auto converted = element_from_stanza(stanza.get(), ns::kClient);
    ASSERT_TRUE(converted.ok()) << converted.error().message;
    EXPECT_EQ(converted->attr_or_empty("lang"), "de");
}

std::string nested(int depth) {
    std::string text;
    for (int i = 0; i < depth; ++i)
        text += "<a>";
    for (int i = 0; i < depth; ++i)
        text += "</a>";
    return text;
}

TEST_F(StanzaTree, RefusesAStanzaNestedDeeperThanTheLimit) {
    xml::ParseLimits limits;
    limits.max_depth = 8;
    auto deepest = received(nested(8));
    ASSERT_NE(deepest, nullptr);
    EXPECT_TRUE(element_from_stanza(deepest.get(), ns::kClient, limits).ok());
    auto too_deep = received(nested(9));
    ASSERT_NE(too_deep, nullptr);
    auto converted = element_from_stanza(too_deep.get(), ns::kClient, limits);
    ASSERT_FALSE(converted.ok());
    EXPECT_EQ(converted.error().message, "the stanza nests elements deeper than 8 levels");
}

TEST_F(StanzaTree, RefusesAStanzaOverTheByteLimit) {
    xml::ParseLimits limits;
    limits.max_element_bytes = 1000;
    auto small = received("<message><body>" + std::string(900, 'x') + "</body></message>");
    ASSERT_NE(small, nullptr);
    EXPECT_TRUE(element_from_stanza(small.get(), ns::kClient, limits).ok());
    auto large = received("<message><body>" + std::string(1000, 'x') + "</body></message>");
    ASSERT_NE(large, nullptr);
    auto converted = element_from_stanza(large.get(), ns::kClient, limits);
    ASSERT_FALSE(converted.ok());
    EXPECT_EQ(converted.error().message, "the stanza exceeds the limit of 1000 bytes");
    auto many_attributes =
        received("<message a='" + std::string(600, 'x') + "' b='" + std::string(600, 'y') + "'/>");
    ASSERT_NE(many_attributes, nullptr);
    EXPECT_FALSE(element_from_stanza(many_attributes.get(), ns::kClient, limits).ok());
}

}  // namespace
}  // namespace cardex::client
