// What the draft settles about a submit, as the service does it: a repeated submit id, how a
// card's size is counted, how recipients are normalised, and what unknown or malformed parts
// of a request get.
#include <gtest/gtest.h>

#include "core/protocol/syntax.hpp"
#include "core/xml/parser.hpp"
#include "tests/unit/service_fixture.hpp"

namespace cardex::component {
namespace {

using std::chrono::hours;

constexpr std::string_view kSubmitId = "c2VudC1vbmNlLWV2ZXJ5LXRpbWU";

class SubmitRules : public testing::ServiceFixture {
  protected:
    // A submit with a client-chosen id.
    static std::string submit_with_id(std::string_view iq_id,
                                      const std::vector<std::string>& recipients,
                                      std::string_view card = testing::kCard,
                                      std::string_view submit_id = kSubmitId) {
        std::string text = submit_iq(iq_id, "alice@a.test/phone", recipients, card);
        const std::string open = "<submit xmlns='urn:xmpp:bizcard:0'";
        return text.replace(text.find(open), open.size(),
                            open + " id='" + std::string(submit_id) + "'");
    }
    xmpp::StanzaError refusal(std::string_view iq_id) {
        const auto reply = reply_to(iq_id);
        EXPECT_EQ(reply.type, xmpp::IqType::error);
        return reply.error.value_or(xmpp::StanzaError{});
    }

    protocol::Submitted submitted(std::string_view iq_id) {
        const auto reply = reply_to(iq_id);
        EXPECT_EQ(reply.type, xmpp::IqType::result)
            << (reply.error ? reply.error->condition + ": " + reply.error->text : "");
        if (!reply.payload) return {};
        auto result = protocol::parse_submitted(*reply.payload);
        EXPECT_TRUE(result.ok());
        return result ? *result : protocol::Submitted{};
    }
};

TEST_F(SubmitRules, ARepeatedSubmitIdGetsTheSameDeliveriesAndNoSecondCard) {
    receive(submit_with_id("s1", {"bob@b.test", "carol@a.test"}));
    const auto first = submitted("s1");
    ASSERT_EQ(first.deliveries.size(), 2u);
    ASSERT_EQ(copies().size(), 2u);
    receive(submit_with_id("s2", {"bob@b.test", "carol@a.test"}));  // the result was lost
    EXPECT_EQ(submitted("s2"), first);
    EXPECT_EQ(copies().size(), 2u) << "no second copy for a repeat";
    EXPECT_EQ(status_of("alice@a.test").size(), 2u) << "no second delivery";
}

TEST_F(SubmitRules, ASubmitIdUsedForAnotherCardIsAConflict) {
    receive(submit_with_id("s1", {"bob@b.test"}));
    submitted("s1");
    receive(submit_with_id("s2", {"dave@b.test"}));
    const auto reply = reply_to("s2");
    ASSERT_TRUE(reply.error);
    EXPECT_EQ(reply.error->condition, "conflict");
    EXPECT_EQ(reply.error->type, xmpp::ErrorType::cancel);
    EXPECT_NE(reply.error->text.find(kSubmitId), std::string::npos) << reply.error->text;
    EXPECT_EQ(status_of("alice@a.test").size(), 1u);
}

TEST_F(SubmitRules, TheSameIdFromAnotherSenderIsItsOwn) {
    settings.requests.local_domains = {"a.test"};
    receive(submit_with_id("s1", {"bob@b.test"}));
    const auto alice = submitted("s1");
    std::string carol = submit_with_id("s2", {"bob@b.test"});
    carol.replace(carol.find("alice@a.test/phone"), 18, "carol@a.test/phone");
    receive(carol);
    const auto result = submitted("s2");
    ASSERT_EQ(result.deliveries.size(), 1u);
    EXPECT_NE(result.deliveries[0].id, alice.deliveries[0].id);
}

TEST_F(SubmitRules, ASubmitIdIsForgottenAfterADay) {
    receive(submit_with_id("s1", {"bob@b.test"}));
    const auto first = submitted("s1");
    advance(hours(25));
    receive(submit_with_id("s2", {"bob@b.test"}));
    const auto later = submitted("s2");
    ASSERT_EQ(later.deliveries.size(), 1u);
    EXPECT_NE(later.deliveries[0].id, first.deliveries[0].id);
}

// The client's answer to a submit was lost, and it repeats the submit after the sender reached
// a limit: the card was stored and is on its way, so the repeat gets its deliveries; a refusal
// would make the client give the card up, or send it again under a new id.
TEST_F(SubmitRules, ARepeatAtTheRateLimitGetsTheDeliveriesOfTheFirst) {
    settings.requests.limits.submits_per_minute = 2;
    receive(submit_with_id("s1", {"bob@b.test", "carol@a.test"}));
    const auto first = submitted("s1");
    ASSERT_EQ(first.deliveries.size(), 2u);
    submit({"dave@b.test"});  // the second of the minute
    receive(submit_with_id("s2", {"bob@b.test", "carol@a.test"}));
    EXPECT_EQ(submitted("s2"), first);
    EXPECT_EQ(copies().size(), 3u) << "no second copy for a repeat";
    EXPECT_EQ(status_of("alice@a.test").size(), 3u) << "no second delivery";
}

TEST_F(SubmitRules, ARepeatWhileTheStoreIsBusyGetsTheDeliveriesOfTheFirst) {
    receive(submit_with_id("s1", {"bob@b.test"}));
    const auto first = submitted("s1");
    store.fall_behind(settings.requests.max_queue);
    receive(submit_with_id("s2", {"bob@b.test"}));
    EXPECT_EQ(submitted("s2"), first);
    EXPECT_EQ(copies().size(), 1u);
    EXPECT_EQ(status_of("alice@a.test").size(), 1u);
}

TEST_F(SubmitRules, ARepeatOfACardOverTheLimitNowGetsTheDeliveriesOfTheFirst) {
    receive(submit_with_id("s1", {"bob@b.test", "carol@a.test"}));
    const auto first = submitted("s1");
    settings.requests.limits.max_recipients = 1;  // the operator lowered it meanwhile
    restart_service();
    receive(submit_with_id("s2", {"bob@b.test", "carol@a.test"}));
    EXPECT_EQ(submitted("s2"), first);
}

TEST_F(SubmitRules, ARepeatDoesNotCountAgainstTheRate) {
    settings.requests.limits.submits_per_minute = 2;
    receive(submit_with_id("s1", {"bob@b.test"}));
    const auto first = submitted("s1");
    receive(submit_with_id("s2", {"bob@b.test"}));
    EXPECT_EQ(submitted("s2"), first);
    EXPECT_EQ(submit({"dave@b.test"}).size(), 1u) << "the second submit of the minute";
}

TEST_F(SubmitRules, ANewSubmitAtTheRateLimitIsStillRefused) {
    settings.requests.limits.submits_per_minute = 1;
    receive(submit_with_id("s1", {"bob@b.test"}));
    submitted("s1");
    receive(submit_with_id("s2", {"bob@b.test"}, testing::kCard, "YW5vdGhlci1zdWJtaXQtaWQ"));
    EXPECT_EQ(app_condition(reply_to("s2")), "rate-limited");
    receive(submit_iq("s3", "alice@a.test/phone", {"bob@b.test"}));
    EXPECT_EQ(app_condition(reply_to("s3")), "rate-limited");
    EXPECT_EQ(status_of("alice@a.test").size(), 1u);
    EXPECT_EQ(copies().size(), 1u);
}

TEST_F(SubmitRules, ANewSubmitWhileTheStoreIsBusyIsStillToldToWait) {
    service();
    store.fall_behind(settings.requests.max_queue);
    receive(submit_with_id("s1", {"bob@b.test"}));
    const auto error = refusal("s1");
    EXPECT_EQ(error.condition, "internal-server-error");
    EXPECT_EQ(error.type, xmpp::ErrorType::wait);
    EXPECT_TRUE(status_of("alice@a.test").empty());
    store.fall_behind(0);
    receive(submit_with_id("s2", {"bob@b.test"}));
    EXPECT_EQ(submitted("s2").deliveries.size(), 1u) << "a refused submit's id is not kept";
}

TEST_F(SubmitRules, ASubmitIdUsedForAnotherCardAtTheRateLimitIsStillAConflict) {
    settings.requests.limits.submits_per_minute = 1;
    receive(submit_with_id("s1", {"bob@b.test"}));
    submitted("s1");
    receive(submit_with_id("s2", {"dave@b.test"}));
    const auto error = refusal("s2");
    EXPECT_EQ(error.condition, "conflict");
    EXPECT_EQ(error.type, xmpp::ErrorType::cancel);
    EXPECT_EQ(status_of("alice@a.test").size(), 1u);
}

const std::string kLaidOut =
    "<vcard xmlns='urn:ietf:params:xml:ns:vcard-4.0'>\n      <fn>\n        <text>Alice "
    "&amp; Bob</text>\n      </fn>\n" +
    std::string(300, ' ') + "</vcard>";
const std::string kCanonical =
    "<vcard xmlns='urn:ietf:params:xml:ns:vcard-4.0'><fn><text>Alice &amp; Bob</text></fn>"
    "</vcard>";

TEST(CardSize, IsTheCanonicalFormNotTheLayout) {
    auto element = xml::parse_document(kLaidOut);
    ASSERT_TRUE(element);
    EXPECT_EQ(protocol::card_size(*element), 93u) << "the example in the draft";
    EXPECT_EQ(kCanonical.size(), 93u);
    EXPECT_EQ(protocol::canonical_form(*element), kCanonical);
    auto prefixed = xml::parse_document(
        "<v:vcard xmlns:v='urn:ietf:params:xml:ns:vcard-4.0'><v:fn><v:text>Alice &#38; "
        "Bob</v:text></v:fn></v:vcard>");
    ASSERT_TRUE(prefixed);
    EXPECT_EQ(protocol::card_size(*prefixed), kCanonical.size()) << "prefixes do not count";
}

TEST_F(SubmitRules, ACardOfExactlyTheLimitInItsCanonicalFormFits) {
    settings.requests.limits.max_card_bytes = kCanonical.size();
    receive(submit_iq("fits", "alice@a.test/r", {"bob@b.test"}, kLaidOut));
    EXPECT_EQ(submitted("fits").deliveries.size(), 1u) << "the layout does not count";
}

TEST_F(SubmitRules, ACardOneByteOverTheLimitInItsCanonicalFormIsTooLarge) {
    settings.requests.limits.max_card_bytes = kCanonical.size() - 1;
    receive(submit_iq("over", "alice@a.test/r", {"bob@b.test"}, kLaidOut));
    EXPECT_EQ(app_condition(reply_to("over")), "card-too-large");
}

TEST_F(SubmitRules, RecipientsAreNormalisedAndTheResultShowsTheNormalForm) {
    receive(submit_iq("s", "alice@a.test/r", {"BOB@B.Test", "bob@b.test."}));
    const auto result = submitted("s");
    ASSERT_EQ(result.deliveries.size(), 1u) << "one recipient after normalisation";
    EXPECT_EQ(result.deliveries[0].to.str(), "bob@b.test");
}

TEST_F(SubmitRules, AnUnknownChildOfThisProtocolIsABadRequestThatNamesIt) {
    receive(
        "<iq type='set' id='s' from='alice@a.test/r' to='cards.a.test'>"
        "<submit xmlns='urn:xmpp:bizcard:0'><recipient jid='bob@b.test'/><priority/>"
        "<card>" +
        std::string(testing::kCard) + "</card></submit></iq>");
    const auto reply = reply_to("s");
    ASSERT_TRUE(reply.error);
    EXPECT_EQ(reply.error->condition, "bad-request");
    EXPECT_NE(reply.error->text.find("<priority/>"), std::string::npos) << reply.error->text;
}

TEST_F(SubmitRules, ChildrenAndAttributesOfOtherNamespacesAreExtensionsAndIgnored) {
    receive(
        "<iq type='set' id='s' from='alice@a.test/r' to='cards.a.test'>"
        "<submit xmlns='urn:xmpp:bizcard:0' xmlns:x='urn:example:x' x:flag='1'>"
        "<recipient jid='bob@b.test'/><x:hint/><card>" +
        std::string(testing::kCard) + "</card></submit></iq>");
    EXPECT_EQ(submitted("s").deliveries.size(), 1u);
}

TEST_F(SubmitRules, ABadAttributeValueIsABadRequestThatNamesTheAttributeAndTheValue) {
    receive(ack_iq("a", "bob@b.test/r", "AAAAAAAAAAAAAAAAAAAAAA", "maybe"));
    const auto reply = reply_to("a");
    ASSERT_TRUE(reply.error);
    EXPECT_EQ(reply.error->condition, "bad-request");
    EXPECT_EQ(reply.error->type, xmpp::ErrorType::modify);
    EXPECT_NE(reply.error->text.find("'status'"), std::string::npos) << reply.error->text;
    EXPECT_NE(reply.error->text.find("'maybe'"), std::string::npos) << reply.error->text;
}

TEST_F(SubmitRules, AnUnknownRequestIsServiceUnavailable) {
    receive(
        "<iq type='set' id='u' from='alice@a.test/r' to='cards.a.test'>"
        "<teleport xmlns='urn:xmpp:bizcard:0'/></iq>");
    EXPECT_EQ(reply_to("u").error->condition, "service-unavailable");
}

}  // namespace
}  // namespace cardex::component
