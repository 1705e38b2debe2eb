// What the card service refuses at submit, with the draft's error for each, and that a
// refused submit stores nothing.
#include <gtest/gtest.h>

#include "core/xml/writer.hpp"
#include "tests/unit/service_fixture.hpp"

namespace cardex::component {
namespace {

using std::chrono::seconds;

class SubmitLimits : public testing::ServiceFixture {
  protected:
    // Submits and returns the error reply, checking that nothing was stored or sent.
    xmpp::Iq refused(const std::string& iq_text, const std::string& sender = "alice@a.test") {
        receive(iq_text);
        const auto reply = reply_to("x");
        EXPECT_EQ(reply.type, xmpp::IqType::error);
        EXPECT_TRUE(status_of(sender).empty());
        EXPECT_TRUE(copies().empty());
        return reply;
    }
};

TEST_F(SubmitLimits, OnlyUsersOfTheServicesDomainsMaySubmit) {
    const auto reply = refused(submit_iq("x", "bob@b.test/r", {"carol@a.test"}), "bob@b.test");
    EXPECT_EQ(reply.error->condition, "forbidden");
    EXPECT_EQ(app_condition(reply), "not-local-user");
    EXPECT_NE(reply.error->text.find("bob@b.test is not a user of this service"),
              std::string::npos);
}

TEST_F(SubmitLimits, ConfiguredDomainsMaySubmitToo) {
    settings.requests.local_domains = {"a.test", "b.test"};
    EXPECT_EQ(submit({"carol@a.test"}, "bob@b.test/r").size(), 1u);
}

TEST_F(SubmitLimits, CardLargerThanTheLimitIsRefusedWithTheLimit) {
    settings.requests.limits.max_card_bytes = 300;
    const std::string big = "<vcard xmlns='urn:ietf:params:xml:ns:vcard-4.0'><fn><text>" +
                            std::string(400, 'x') + "</text></fn></vcard>";
    const auto reply = refused(submit_iq("x", "alice@a.test/r", {"bob@b.test"}, big));
    EXPECT_EQ(reply.error->condition, "not-acceptable");
    EXPECT_EQ(app_condition(reply), "card-too-large");
    EXPECT_EQ(reply.error->application->attr_or_empty("max"), "300");
    EXPECT_NE(reply.error->text.find("at most 300"), std::string::npos);
}

std::string card_with_note(std::size_t note_bytes) {
    return "<vcard xmlns='urn:ietf:params:xml:ns:vcard-4.0'><fn><text>Big</text></fn><note><text>" +
           std::string(note_bytes, 'x') + "</text></note></vcard>";
}

// A copy is the card with the message around it and the fallback body. A server with a 64 KiB
// stanza limit (jabberd2's default) stalls the connection that brings it a larger stanza, so a
// card within max-card-bytes whose copy would be over max-copy-bytes is refused.
TEST_F(SubmitLimits, CardWhoseCopyWouldBeOverMaxCopyBytesIsAPolicyViolation) {
    const std::string card = card_with_note(64'000);
    ASSERT_LT(card.size(), settings.requests.limits.max_card_bytes);
    const auto reply = refused(submit_iq("x", "alice@a.test/r", {"bob@b.test"}, card));
    EXPECT_EQ(reply.error->condition, "policy-violation");
    EXPECT_EQ(reply.error->type, xmpp::ErrorType::modify);
    EXPECT_FALSE(reply.error->application);
    EXPECT_NE(reply.error->text.find("no copy larger than 64000 bytes (max-copy-bytes)"),
              std::string::npos)
        << reply.error->text;
    EXPECT_NE(reply.error->text.find("a card of at most "), std::string::npos);
}

TEST_F(SubmitLimits, CopiesOfAcceptedCardsAreWithinMaxCopyBytes) {
    receive(
        submit_iq("x", "alice@a.test/r", {"bob@b.test", "carol@a.test"}, card_with_note(62'500)));
    EXPECT_EQ(reply_to("x").type, xmpp::IqType::result);
    ASSERT_EQ(copies().size(), 2u);
    for (const auto& s : channel.sent) {
        if (s.name == "message") {
            EXPECT_LE(xml::to_string(s).size(), 64'000u);
        }
    }
}

// A copy that can never be sent (here max-copy-bytes was lowered after the card was accepted)
// is not sent and does not leave its delivery waiting to expire: the delivery ends as refused,
// and its sender reads why in the receipt and in the status.
TEST_F(SubmitLimits, ACopyOverTheLimitEndsItsDeliveryWithAReasonTheSenderSees) {
    const auto id = submit({"bob@b.test"}).at(0);
    settings.requests.limits.max_copy_bytes = 300;
    restart_service();
    receive(sync_iq("s1", "bob@b.test/laptop"));
    EXPECT_TRUE(copies().empty());
    const auto told = receipts();
    ASSERT_EQ(told.size(), 1u);
    EXPECT_EQ(told[0].envelope.to.bare_str(), "alice@a.test");
    EXPECT_EQ(told[0].receipt.id, id);
    EXPECT_EQ(told[0].receipt.status, protocol::ReceiptStatus::refused);
    ASSERT_TRUE(told[0].receipt.reason);
    EXPECT_NE(told[0].receipt.reason->find("larger than this service sends (max-copy-bytes 300)"),
              std::string::npos)
        << *told[0].receipt.reason;
    const auto status = status_of_delivery("alice@a.test", id);
    EXPECT_EQ(status.state, protocol::DeliveryState::refused);
    EXPECT_EQ(status.reason, told[0].receipt.reason);
}

TEST_F(SubmitLimits, MaxCopyBytesZeroLeavesCopiesUnlimited) {
    settings.requests.limits.max_copy_bytes = 0;
    receive(submit_iq("x", "alice@a.test/r", {"bob@b.test"}, card_with_note(65'000)));
    EXPECT_EQ(reply_to("x").type, xmpp::IqType::result);
    EXPECT_EQ(copies().size(), 1u);
}

TEST_F(SubmitLimits, TooManyRecipientsIsRefusedWithTheLimit) {
    settings.requests.limits.max_recipients = 2;
    const auto reply =
        refused(submit_iq("x", "alice@a.test/r", {"b1@b.test", "b2@b.test", "b3@b.test"}));
    EXPECT_EQ(app_condition(reply), "too-many-recipients");
    EXPECT_EQ(reply.error->application->attr_or_empty("max"), "2");
}

TEST_F(SubmitLimits, RecipientWithAResourceIsJidMalformed) {
    const auto reply = refused(submit_iq("x", "alice@a.test/r", {"bob@b.test", "bob@b.test/x"}));
    EXPECT_EQ(reply.error->condition, "jid-malformed");
    EXPECT_EQ(app_condition(reply), "invalid-recipient");
}

TEST_F(SubmitLimits, CardWithoutFormattedNameIsInvalid) {
    const auto reply = refused(submit_iq(
        "x", "alice@a.test/r", {"bob@b.test"},
        "<vcard xmlns='urn:ietf:params:xml:ns:vcard-4.0'><note><text>n</text></note></vcard>"));
    EXPECT_EQ(reply.error->condition, "bad-request");
    EXPECT_EQ(app_condition(reply), "invalid-card");
    EXPECT_NE(reply.error->text.find("FN"), std::string::npos);
}

TEST_F(SubmitLimits, CardInTheWrongNamespaceIsInvalid) {
    const auto reply = refused(submit_iq("x", "alice@a.test/r", {"bob@b.test"},
                                         "<vCard xmlns='vcard-temp'><FN>A</FN></vCard>"));
    EXPECT_EQ(app_condition(reply), "invalid-card");
}

TEST_F(SubmitLimits, SubmittingFromACardSetToAServiceWithoutSetsIsServiceUnavailable) {
    receive(
        "<iq type='set' id='x' from='alice@a.test/r' to='cards.a.test'>"
        "<submit xmlns='urn:xmpp:bizcard:0' set='work'><recipient jid='bob@b.test'/></submit>"
        "</iq>");
    const auto reply = reply_to("x");
    ASSERT_TRUE(reply.error);
    EXPECT_EQ(reply.error->condition, "service-unavailable");
    EXPECT_EQ(reply.error->type, xmpp::ErrorType::cancel);
    EXPECT_FALSE(reply.error->application) << "not unknown-set: the feature is not offered";
    EXPECT_TRUE(status_of("alice@a.test").empty());
}

TEST_F(SubmitLimits, MoreSubmitsPerMinuteThanAllowedWaitForTheWindow) {
    settings.requests.limits.submits_per_minute = 2;
    submit({"bob@b.test"});
    advance(seconds(10));
    submit({"bob@b.test"});
    receive(submit_iq("x", "alice@a.test/r", {"bob@b.test"}));
    const auto reply = reply_to("x");
    EXPECT_EQ(reply.error->condition, "policy-violation");
    EXPECT_EQ(reply.error->type, xmpp::ErrorType::wait);
    EXPECT_EQ(app_condition(reply), "rate-limited");
    EXPECT_FALSE(reply.error->application->attr_or_empty("retry-after").empty());
    EXPECT_EQ(status_of("alice@a.test").size(), 2u);
    advance(seconds(51));
    EXPECT_EQ(submit({"bob@b.test"}).size(), 1u);
    // Another user has a window of their own.
    EXPECT_EQ(submit({"bob@b.test"}, "carol@a.test/r").size(), 1u);
}

TEST_F(SubmitLimits, RecipientQuotaRefusesTheWholeSubmit) {
    settings.requests.limits.max_pending_per_recipient = 2;
    submit({"bob@b.test"});
    submit({"bob@b.test"});
    channel.take();
    receive(submit_iq("x", "alice@a.test/r", {"carol@a.test", "bob@b.test"}));
    const auto reply = reply_to("x");
    EXPECT_EQ(reply.error->condition, "resource-constraint");
    EXPECT_EQ(app_condition(reply), "recipient-quota");
    EXPECT_EQ(reply.error->application->attr_or_empty("jid"), "bob@b.test");
    EXPECT_EQ(status_of("alice@a.test").size(), 2u);  // nothing for carol either
    EXPECT_TRUE(copies().empty());
}

TEST_F(SubmitLimits, AnAckedCardNoLongerCountsAgainstTheQuota) {
    settings.requests.limits.max_pending_per_recipient = 1;
    const auto id = submit({"bob@b.test"}).at(0);
    receive(ack_iq("a", "bob@b.test/r", id));
    EXPECT_EQ(submit({"bob@b.test"}).size(), 1u);
}

TEST_F(SubmitLimits, StoreFailureIsAWaitErrorAndKeepsNothing) {
    service();
    store.fail_next();
    const auto reply = refused(submit_iq("x", "alice@a.test/r", {"bob@b.test"}));
    EXPECT_EQ(reply.error->type, xmpp::ErrorType::wait);
    EXPECT_EQ(reply.error->condition, "internal-server-error");
    EXPECT_EQ(submit({"bob@b.test"}).size(), 1u);  // and the next one works
}

}  // namespace
}  // namespace cardex::component
