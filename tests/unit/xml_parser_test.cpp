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

constexpr std::string_view kHeader =
    "<stream:stream xmlns='jabber:component:accept' "
    "xmlns:stream='http://etherx.jabber.org/streams'>";

// Feeds `text` in pieces of `chunk` bytes and collects every event; fails on a stream error.
std::vector<StreamEvent> feed_all(StreamParser& parser, std::string_view text, std::size_t chunk) {
    std::vector<StreamEvent> events;
    for (std::size_t i = 0; i < text.size(); i += chunk) {
        auto fed = parser.feed(text.substr(i, chunk));
        EXPECT_FALSE(fed.error) << fed.error->message;
        for (auto& e : fed.events)
            events.push_back(std::move(e));
    }
    return events;
}

TEST(StreamParser, OversizedStanzaIsSkippedAndTheStreamGoesOn) {
    ParseLimits limits;
    limits.max_element_bytes = 64;
    for (std::size_t chunk : {std::size_t{1}, std::size_t{7}, std::size_t{4096}}) {
        StreamParser parser(limits);
        const std::string input = std::string(kHeader) +
                                  "<a/><iq type='set' id='big' from='u@x/r'><submit xmlns='q'>" +
                                  std::string(200, 'x') + "<deep><er/></deep></submit></iq><c/>";
        const auto events = feed_all(parser, input, chunk);
        ASSERT_EQ(events.size(), 4u) << "header, <a/>, the skipped <iq/>, <c/>; chunk " << chunk;
        EXPECT_EQ(std::get<Element>(events[1]).name, "a");
        const auto& skipped = std::get<StanzaSkipped>(events[2]);
        EXPECT_EQ(skipped.reason, "the stanza exceeds the limit of 64 bytes");
        EXPECT_EQ(skipped.head.name, "iq");
        EXPECT_EQ(skipped.head.attr_or_empty("id"), "big");
        EXPECT_EQ(skipped.head.attr_or_empty("from"), "u@x/r");
        ASSERT_EQ(skipped.head.children.size(), 1u) << "the payload's head is kept";
        EXPECT_EQ(skipped.head.children[0].name, "submit");
        EXPECT_EQ(skipped.head.children[0].ns, "q");
        EXPECT_TRUE(skipped.head.children[0].children.empty());
        EXPECT_TRUE(skipped.head.children[0].text.empty());
        EXPECT_EQ(std::get<Element>(events[3]).name, "c") << "the stanza after it is whole";
    }
}

TEST(StreamParser, OverDeepStanzaIsSkippedAndTheStreamGoesOn) {
    StreamParser parser;  // depth limit 64
    std::string deep;
    for (int i = 0; i < 200; ++i)
        deep += "<n>";
    for (int i = 0; i < 200; ++i)
        deep += "</n>";
    const std::string input = std::string(kHeader) + "<iq type='get' id='d' from='u@x/r'>" +
                              "<status xmlns='urn:xmpp:bizcard:0'/>" + deep + "</iq><ok/>";
    const auto events = feed_all(parser, input, 100);
    ASSERT_EQ(events.size(), 3u);
    const auto& skipped = std::get<StanzaSkipped>(events[1]);
    EXPECT_EQ(skipped.reason, "the stanza nests elements deeper than 64 levels");
    EXPECT_EQ(skipped.head.attr_or_empty("id"), "d");
    ASSERT_EQ(skipped.head.children.size(), 1u);
    EXPECT_EQ(skipped.head.children[0].name, "status") << "the first child, not the deep one";
    EXPECT_EQ(std::get<Element>(events[2]).name, "ok");
}

TEST(StreamParser, StanzaWhoseStartTagIsOverTheLimitKeepsItsShortAttributes) {
    ParseLimits limits;
    limits.max_element_bytes = 64;
    StreamParser parser(limits);
    const std::string input = std::string(kHeader) + "<message id='m' huge='" +
                              std::string(4000, 'v') + "'><body>hi</body></message>";
    const auto events = feed_all(parser, input, 4096);
    ASSERT_EQ(events.size(), 2u);
    const auto& skipped = std::get<StanzaSkipped>(events[1]);
    EXPECT_EQ(skipped.head.name, "message");
    EXPECT_EQ(skipped.head.attr_or_empty("id"), "m");
    EXPECT_FALSE(skipped.head.attr("huge")) << "long values are not kept";
    ASSERT_EQ(skipped.head.children.size(), 1u);
    EXPECT_EQ(skipped.head.children[0].name, "body");
}

TEST(StreamParser, AStanzaThatNeverEndsBreaksTheStreamAtTheCeiling) {
    ParseLimits limits;
    limits.max_element_bytes = 64;
    limits.max_skipped_bytes = 4096;
    StreamParser parser(limits);
    ASSERT_FALSE(parser.feed(std::string(kHeader) + "<iq id='x'>").error);
    std::optional<Error> error;
    for (int i = 0; i < 10 && !error; ++i)
        error = parser.feed("<a>" + std::string(1000, 'x') + "</a>").error;
    ASSERT_TRUE(error);
    EXPECT_NE(error->message.find("still open after 4096 bytes"), std::string::npos)
        << error->message;
}

ParseLimits ceiling_of_4096() {
    ParseLimits limits;
    limits.max_element_bytes = 64;
    limits.max_skipped_bytes = 4096;
    return limits;
}

TEST(StreamParser, AStanzaPastTheCeilingBreaksTheStreamAlsoWhenItComesInOnePiece) {
    StreamParser parser(ceiling_of_4096());
    const auto fed =
        parser.feed(std::string(kHeader) + "<iq id='x'>" + std::string(5000, 'x') + "</iq><ok/>");
    ASSERT_TRUE(fed.error);
    EXPECT_NE(fed.error->message.find("still open after 4096 bytes"), std::string::npos)
        << fed.error->message;
    EXPECT_EQ(fed.events.size(), 1u) << "the header; the stream ends in the stanza";
}

TEST(StreamParser, AStanzaWithinTheCeilingIsSkippedWhateverFollowsItInTheSamePiece) {
    StreamParser parser(ceiling_of_4096());
    ASSERT_FALSE(parser.feed(std::string(kHeader) + "<iq id='x'>").error);
    // The stanza ends 4000 bytes after its start; the piece that ends it goes on much further.
    std::string rest = std::string(4000 - 11 - 5, 'x') + "</iq>";
    for (int i = 0; i < 1000; ++i)
        rest += "<ok/>";
    const auto fed = parser.feed(rest);
    ASSERT_FALSE(fed.error) << fed.error->message;
    ASSERT_EQ(fed.events.size(), 1001u);
    EXPECT_EQ(std::get<StanzaSkipped>(fed.events[0]).head.attr_or_empty("id"), "x");
}

TEST(StreamParser, AStartTagPastTheCeilingBreaksTheStream) {
    StreamParser parser(ceiling_of_4096());
    ASSERT_FALSE(parser.feed(kHeader).error);
    std::optional<Error> error;
    error = parser.feed("<message huge='").error;
    for (int i = 0; i < 10 && !error; ++i)
        error = parser.feed(std::string(1000, 'v')).error;
    ASSERT_TRUE(error) << "the parser would hold the whole start tag";
    EXPECT_NE(error->message.find("runs past 4096 bytes"), std::string::npos) << error->message;
}

TEST(StreamParser, ANulByteBreaksTheStreamWhereverTheBytesAreCut) {
    for (std::size_t cut : {std::size_t{1}, std::size_t{2}, std::size_t{5}}) {
        StreamParser parser;
        const std::string input = std::string(kHeader) + "<a/><b>x" + std::string(1, '\0') + "</b>";
        std::vector<StreamEvent> events;
        std::optional<Error> error;
        for (std::size_t i = 0; i < input.size() && !error; i += cut) {
            auto fed = parser.feed(std::string_view(input).substr(i, cut));
            for (auto& e : fed.events)
                events.push_back(std::move(e));
            error = fed.error;
        }
        ASSERT_TRUE(error) << "cut " << cut;
        EXPECT_NE(error->message.find("NUL byte"), std::string::npos) << error->message;
        EXPECT_EQ(events.size(), 2u) << "the header and <a/>, however the bytes were cut";
    }
    StreamParser utf16;
    EXPECT_TRUE(utf16.feed(std::string("<\0s\0t\0", 6)).error) << "UTF-16 is not read as XMPP";
}

TEST(StreamParser, MalformedXmlStillBreaksTheStream) {
    StreamParser parser;
    auto fed = parser.feed(std::string(kHeader) + "<a/><b></c>");
    ASSERT_TRUE(fed.error);
    EXPECT_EQ(fed.events.size(), 2u);  // the header and <a/>
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
