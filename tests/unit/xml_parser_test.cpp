#include <gtest/gtest.h>

#include "core/xml/parser.hpp"

namespace cardex::xml {
namespace {

TEST(ParseDocument, ReadsNamespacesAttributesAndText) {
    auto doc = parse_document(
        "<iq xmlns='jabber:client' type='get' xml:lang='en'><query xmlns='urn:x'>hi &amp; "
        "bye</query></iq>");
    ASSERT_TRUE(doc.ok()) << doc.error().message;
    EXPECT_EQ(doc->name, "iq");
    EXPECT_EQ(doc->ns, "jabber:client");
    EXPECT_EQ(doc->attr_or_empty("type"), "get");
    EXPECT_EQ(doc->attr_or_empty("xml:lang"), "en");
    ASSERT_NE(doc->child("query", "urn:x"), nullptr);
    EXPECT_EQ(doc->child("query", "urn:x")->text, "hi & bye");
}

TEST(ParseDocument, DefaultNamespaceAppliesToUndeclaredElements) {
    auto doc = parse_document("<message to='a@b'><body>x</body></message>", {}, "jabber:client");
    ASSERT_TRUE(doc.ok()) << doc.error().message;
    EXPECT_EQ(doc->ns, "jabber:client");
    EXPECT_EQ(doc->child_text("body"), "x");
}

TEST(ParseDocument, RefusesDoctypeAndEntityDeclarations) {
    auto doc =
        parse_document("<?xml version='1.0'?><!DOCTYPE lol [<!ENTITY lol 'lol'>]><a>&lol;</a>");
    ASSERT_FALSE(doc.ok());
    EXPECT_NE(doc.error().message.find("DOCTYPE"), std::string::npos) << doc.error().message;
}

TEST(ParseDocument, RefusesProcessingInstructions) {
    auto doc = parse_document("<a><?evil stuff?></a>");
    ASSERT_FALSE(doc.ok());
    EXPECT_NE(doc.error().message.find("processing instructions"), std::string::npos);
}

TEST(ParseDocument, CommentsOnlyWhenAllowed) {
    EXPECT_FALSE(parse_document("<a><!-- c --></a>").ok());
    ParseLimits limits;
    limits.allow_comments = true;
    EXPECT_TRUE(parse_document("<a><!-- c --></a>", limits).ok());
}

TEST(ParseDocument, ErrorNamesLineAndColumn) {
    auto doc = parse_document("<a>\n<b></a>");
    ASSERT_FALSE(doc.ok());
    EXPECT_EQ(doc.error().message.rfind("line 2, column ", 0), 0u) << doc.error().message;
    EXPECT_NE(doc.error().message.find("mismatched tag"), std::string::npos) << doc.error().message;
}

TEST(ParseDocument, EnforcesByteLimit) {
    ParseLimits limits;
    limits.max_element_bytes = 100;
    auto doc = parse_document("<a>" + std::string(500, 'x') + "</a>", limits);
    ASSERT_FALSE(doc.ok());
    EXPECT_NE(doc.error().message.find("exceeds the limit of 100 bytes"), std::string::npos)
        << doc.error().message;
}

TEST(ParseDocument, EnforcesDepthLimit) {
    ParseLimits limits;
    limits.max_depth = 5;
    std::string deep;
    for (int i = 0; i < 10; ++i)
        deep += "<a>";
    for (int i = 0; i < 10; ++i)
        deep += "</a>";
    auto doc = parse_document(deep, limits);
    ASSERT_FALSE(doc.ok());
    EXPECT_NE(doc.error().message.find("nested deeper than 5"), std::string::npos);
}

TEST(StreamParser, ReportsHeaderStanzasAndCloseAcrossArbitraryChunks) {
    const std::string stream =
        "<?xml version='1.0'?><stream:stream xmlns='jabber:component:accept' "
        "xmlns:stream='http://etherx.jabber.org/streams' id='abc' from='cards.a.test'>"
        "<handshake/><iq type='get' id='1'><ping xmlns='urn:xmpp:ping'/></iq></stream:stream>";
    StreamParser parser;
    std::vector<StreamEvent> events;
    for (char c : stream) {  // one byte at a time: the worst case for a socket reader
        auto fed = parser.feed(std::string_view(&c, 1));
        ASSERT_FALSE(fed.error) << fed.error->message;
        for (auto& e : fed.events)
            events.push_back(std::move(e));
    }
    ASSERT_EQ(events.size(), 4u);
    const auto& header = std::get<StreamOpened>(events[0]).header;
    EXPECT_EQ(header.name, "stream");
    EXPECT_EQ(header.ns, "http://etherx.jabber.org/streams");
    EXPECT_EQ(header.attr_or_empty("id"), "abc");
    EXPECT_EQ(std::get<Element>(events[1]).name, "handshake");
    const auto& iq = std::get<Element>(events[2]);
    EXPECT_EQ(iq.ns, "jabber:component:accept");
    ASSERT_NE(iq.child("ping", "urn:xmpp:ping"), nullptr);
    EXPECT_TRUE(std::holds_alternative<StreamClosed>(events[3]));
}

TEST(StreamParser, OversizedStanzaBreaksTheStreamButEarlierStanzasSurvive) {
    ParseLimits limits;
    limits.max_element_bytes = 64;
    StreamParser parser(limits);
    auto fed = parser.feed(
        "<stream:stream xmlns='jabber:component:accept' "
        "xmlns:stream='http://etherx.jabber.org/streams'><a/><b>" +
        std::string(200, 'x') + "</b>");
    ASSERT_TRUE(fed.error);
    EXPECT_NE(fed.error->message.find("stanza exceeds the limit of 64 bytes"), std::string::npos);
    ASSERT_EQ(fed.events.size(), 2u);  // the header and <a/>
    EXPECT_EQ(std::get<Element>(fed.events[1]).name, "a");
    EXPECT_TRUE(parser.feed("<c/>").error) << "a broken stream stays broken";
}

TEST(StreamParser, ResetStartsANewStream) {
    StreamParser parser;
    ASSERT_TRUE(parser.feed("<garbage").events.empty());
    EXPECT_TRUE(parser.feed("><<").error);
    parser.reset();
    auto fed = parser.feed("<stream:stream xmlns:stream='http://etherx.jabber.org/streams'>");
    EXPECT_FALSE(fed.error);
    EXPECT_EQ(fed.events.size(), 1u);
}

}  // namespace
}  // namespace cardex::xml
