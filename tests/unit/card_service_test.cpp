#include "component/service/card_service.hpp"

#include <gtest/gtest.h>
#include <spdlog/sinks/null_sink.h>

#include "core/xml/parser.hpp"
#include "core/xmpp/namespaces.hpp"

namespace cardex::component {
namespace {

// An in-memory link: records what the service sends.
class RecordingChannel : public StanzaChannel {
  public:
    bool send(const xml::Element& stanza) override {
        sent.push_back(stanza);
        return true;
    }
    std::vector<xml::Element> sent;
};

class CardServiceTest : public ::testing::Test {
  protected:
    void receive(std::string_view text) {
        auto stanza = xml::parse_document(text, {}, ns::kComponentAccept);
        ASSERT_TRUE(stanza.ok()) << stanza.error().message;
        service.handle(*stanza);
    }
    xmpp::Iq only_reply() {
        EXPECT_EQ(channel.sent.size(), 1u);
        auto iq = xmpp::parse_iq(channel.sent.at(0));
        EXPECT_TRUE(iq.ok()) << iq.error().message;
        return *iq;
    }

    RecordingChannel channel;
    CardService service{
        channel,
        {"cards.a.test", "Cards", "1.2.3"},
        std::make_shared<spdlog::logger>("test", std::make_shared<spdlog::sinks::null_sink_mt>())};
};

TEST_F(CardServiceTest, AnswersDiscoInfoWithTheProtocolFeature) {
    receive(
        "<iq type='get' id='d1' from='bob@b.test/r' to='cards.a.test'>"
        "<query xmlns='http://jabber.org/protocol/disco#info'/></iq>");
    const auto reply = only_reply();
    EXPECT_EQ(reply.type, xmpp::IqType::result);
    EXPECT_EQ(reply.id, "d1");
    EXPECT_EQ(reply.to->str(), "bob@b.test/r");
    EXPECT_EQ(reply.from->str(), "cards.a.test");
    auto info = xmpp::parse_disco_info(*reply.payload);
    ASSERT_TRUE(info.ok());
    EXPECT_TRUE(info->has_feature(ns::kBizcard));
    ASSERT_EQ(info->identities.size(), 1u);
    EXPECT_EQ(info->identities[0].name, "Cards");
}

TEST_F(CardServiceTest, AnswersPingAndVersion) {
    receive(
        "<iq type='get' id='p' from='a@a.test/r' to='cards.a.test'><ping "
        "xmlns='urn:xmpp:ping'/></iq>");
    receive(
        "<iq type='get' id='v' from='a@a.test/r' to='cards.a.test'><query "
        "xmlns='jabber:iq:version'/></iq>");
    ASSERT_EQ(channel.sent.size(), 2u);
    EXPECT_EQ(channel.sent[0].attr_or_empty("type"), "result");
    EXPECT_EQ(channel.sent[1].child("query", ns::kVersion)->child_text("version"), "1.2.3");
}

TEST_F(CardServiceTest, UnknownRequestGetsServiceUnavailable) {
    receive(
        "<iq type='set' id='u' from='a@a.test/r' to='cards.a.test'><x xmlns='urn:unknown'/></iq>");
    const auto reply = only_reply();
    EXPECT_EQ(reply.type, xmpp::IqType::error);
    EXPECT_EQ(reply.error->condition, "service-unavailable");
    EXPECT_NE(reply.error->text.find("urn:unknown"), std::string::npos);
}

TEST_F(CardServiceTest, DiscoNodeIsItemNotFound) {
    receive(
        "<iq type='get' id='n' from='a@a.test/r' to='cards.a.test'>"
        "<query xmlns='http://jabber.org/protocol/disco#info' node='nope'/></iq>");
    EXPECT_EQ(only_reply().error->condition, "item-not-found");
}

TEST_F(CardServiceTest, MalformedRequestGetsBadRequestNamingTheProblem) {
    receive(
        "<iq type='get' id='m' from='a@a.test/r' to='cards.a.test'><a xmlns='u'/><b "
        "xmlns='u'/></iq>");
    const auto reply = only_reply();
    EXPECT_EQ(reply.error->condition, "bad-request");
    EXPECT_NE(reply.error->text.find("more than one payload"), std::string::npos);
}

TEST_F(CardServiceTest, ResultsErrorsAndMessagesGetNoReply) {
    receive("<iq type='result' id='r' from='a@a.test/r' to='cards.a.test'/>");
    receive(
        "<iq type='error' id='e' from='a@a.test/r' to='cards.a.test'><error type='cancel'>"
        "<item-not-found xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/></error></iq>");
    receive("<message from='a@a.test/r' to='cards.a.test'><body>hi</body></message>");
    EXPECT_TRUE(channel.sent.empty());
}

}  // namespace
}  // namespace cardex::component
