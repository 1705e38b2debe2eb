// The card service driven through an in-memory link, an inline store and a fake clock: the
// basic requests it answers, and how it refuses what it does not offer.
#include "component/service/card_service.hpp"

#include <gtest/gtest.h>

#include <map>

#include "core/protocol/service_info.hpp"
#include "core/xml/parser.hpp"
#include "core/xml/writer.hpp"
#include "core/xmpp/namespaces.hpp"
#include "tests/unit/service_fixture.hpp"

namespace cardex::component {
namespace {

using CardServiceTest = testing::ServiceFixture;

TEST_F(CardServiceTest, AnswersDiscoInfoWithTheProtocolFeatureAndLimits) {
    receive(
        "<iq type='get' id='d1' from='bob@b.test/r' to='cards.a.test'>"
        "<query xmlns='http://jabber.org/protocol/disco#info'/></iq>");
    const auto reply = reply_to("d1");
    EXPECT_EQ(reply.type, xmpp::IqType::result);
    EXPECT_EQ(reply.to->str(), "bob@b.test/r");
    EXPECT_EQ(reply.from->str(), "cards.a.test");
    auto info = protocol::parse_service_info(*reply.payload);
    ASSERT_TRUE(info.ok()) << info.error().message;
    EXPECT_EQ(info->name, "Cards");
    ASSERT_TRUE(info->limits.has_value());
    EXPECT_EQ(info->limits->max_recipients, 50u);
    EXPECT_FALSE(info->features.sets);
    EXPECT_TRUE(info->features.text);  // submits may carry the card as text
    EXPECT_NE(xml::to_string(*reply.payload).find("<feature var='urn:xmpp:bizcard:0#text'/>"),
              std::string::npos);
}

TEST_F(CardServiceTest, TheLimitsFormListsNoLimitsOfFeaturesNotOfferedAndZeroForNoRateLimit) {
    settings.requests.limits.submits_per_minute = 0;
    receive(
        "<iq type='get' id='d1' from='bob@b.test/r' to='cards.a.test'>"
        "<query xmlns='http://jabber.org/protocol/disco#info'/></iq>");
    const auto reply = reply_to("d1");
    const auto* form = reply.payload->child("x", ns::kDataForms);
    ASSERT_NE(form, nullptr);
    std::map<std::string, std::string> fields;
    for (const auto& f : form->children) {
        if (f.name == "field")
            fields[std::string(f.attr_or_empty("var"))] = f.child_text("value").value_or("");
    }
    EXPECT_EQ(fields.count("max-sets"), 0u) << "no card sets offered";
    EXPECT_EQ(fields.count("max-backup-bytes"), 0u) << "no backups offered";
    EXPECT_EQ(fields["submits-per-minute"], "0") << "0: no such limit";
    EXPECT_EQ(fields["max-card-bytes"], "65536");
    EXPECT_EQ(fields["max-copy-bytes"], "64000");
    for (int i = 0; i < 30; ++i)
        submit({"bob@b.test"});  // no rate limit refuses any of them
    EXPECT_EQ(status_of("alice@a.test").size(), 30u);
}

TEST_F(CardServiceTest, AnswersPingAndVersion) {
    receive(
        "<iq type='get' id='p' from='a@a.test/r' to='cards.a.test'><ping "
        "xmlns='urn:xmpp:ping'/></iq>");
    receive(
        "<iq type='get' id='v' from='a@a.test/r' to='cards.a.test'><query "
        "xmlns='jabber:iq:version'/></iq>");
    EXPECT_EQ(reply_to("p").type, xmpp::IqType::result);
    EXPECT_EQ(reply_to("v").payload->child_text("version"), "1.2.3");
}

TEST_F(CardServiceTest, UnknownRequestGetsServiceUnavailable) {
    receive(
        "<iq type='set' id='u' from='a@a.test/r' to='cards.a.test'><x xmlns='urn:unknown'/></iq>");
    const auto reply = reply_to("u");
    EXPECT_EQ(reply.error->condition, "service-unavailable");
    EXPECT_NE(reply.error->text.find("urn:unknown"), std::string::npos);
}

TEST_F(CardServiceTest, ProtocolElementOfAFeatureNotOfferedGetsServiceUnavailable) {
    receive(
        "<iq type='get' id='s' from='a@a.test/r' to='cards.a.test'>"
        "<sets xmlns='urn:xmpp:bizcard:0'/></iq>");
    EXPECT_EQ(reply_to("s").error->condition, "service-unavailable");
}

TEST_F(CardServiceTest, KnownElementInTheWrongIqTypeIsABadRequest) {
    receive(
        "<iq type='get' id='w' from='a@a.test/r' to='cards.a.test'>"
        "<submit xmlns='urn:xmpp:bizcard:0'/></iq>");
    const auto reply = reply_to("w");
    EXPECT_EQ(reply.error->condition, "bad-request");
    EXPECT_NE(reply.error->text.find("<submit/> is not a request of type 'get'"),
              std::string::npos);
}

TEST_F(CardServiceTest, DiscoNodeIsItemNotFound) {
    receive(
        "<iq type='get' id='n' from='a@a.test/r' to='cards.a.test'>"
        "<query xmlns='http://jabber.org/protocol/disco#info' node='x'/></iq>");
    EXPECT_EQ(reply_to("n").error->condition, "item-not-found");
}

TEST_F(CardServiceTest, MalformedIqGetsBadRequestEchoingTheAddresses) {
    receive("<iq type='get' id='m' from='a@a.test/r' to='cards.a.test'/>");
    ASSERT_EQ(channel.sent.size(), 1u);
    EXPECT_EQ(channel.sent[0].attr_or_empty("type"), "error");
    EXPECT_EQ(channel.sent[0].attr_or_empty("to"), "a@a.test/r");
}

TEST_F(CardServiceTest, ResultsAndErrorsAddressedToTheServiceGetNoReply) {
    receive("<iq type='result' id='r' from='a@a.test/r' to='cards.a.test'/>");
    receive("<presence from='a@a.test/r' to='cards.a.test'/>");
    receive("<message from='a@a.test/r' to='cards.a.test'><body>hi</body></message>");
    EXPECT_TRUE(channel.sent.empty());
}

TEST_F(CardServiceTest, WhileStoppingRequestsGetAWaitError) {
    service().stop_accepting();
    receive(submit_iq("s1", "alice@a.test/r", {"bob@b.test"}));
    const auto reply = reply_to("s1");
    EXPECT_EQ(reply.error->type, xmpp::ErrorType::wait);
    EXPECT_EQ(reply.error->condition, "service-unavailable");
    EXPECT_TRUE(status_of("alice@a.test").empty());
}

}  // namespace
}  // namespace cardex::component
