// The delivery engine, end to end inside the component: submit, first copy, ack and receipt,
// sync, timer resends with backoff, bounces, expiry and link loss, driven by a fake clock.
#include <gtest/gtest.h>

#include <set>

#include "core/protocol/syntax.hpp"
#include "core/vcard/reader.hpp"
#include "core/xml/writer.hpp"
#include "tests/unit/service_fixture.hpp"

namespace cardex::component {
namespace {

using protocol::DeliveryState;
using std::chrono::hours;
using std::chrono::minutes;
using std::chrono::seconds;

class DeliveryEngine : public testing::ServiceFixture {};

TEST_F(DeliveryEngine, SubmitStoresTheCardThenSendsOneCopyPerRecipient) {
    const auto ids = submit({"bob@b.test", "carol@a.test", "Bob@B.test"});
    ASSERT_EQ(ids.size(), 2u);  // the same JID twice is one delivery
    const auto sent = copies();
    ASSERT_EQ(sent.size(), 2u);
    EXPECT_EQ(sent[0].envelope.to.str(), "bob@b.test");
    EXPECT_EQ(sent[0].envelope.from.str(), "cards.a.test");
    EXPECT_EQ(sent[0].delivery.id, ids[0]);
    EXPECT_EQ(sent[0].delivery.from.str(), "alice@a.test");
    EXPECT_EQ(sent[0].delivery.card.formatted_name(), "Alice Example");
    EXPECT_EQ(sent[0].envelope.id.rfind(ids[0] + ".", 0), 0u);  // a copy id leads back
    EXPECT_EQ(sent[1].envelope.to.str(), "carol@a.test");
    EXPECT_EQ(ids[0].size(), 33u);  // a prefix that grows with time, then 128 random bits
    const auto state = status_of_delivery("alice@a.test", ids[0]);
    EXPECT_EQ(state.state, DeliveryState::sent);
    EXPECT_EQ(state.attempts, 1u);
}

TEST_F(DeliveryEngine, AckFromAnyResourceOfTheRecipientSendsOneReceipt) {
    const auto id = submit({"bob@b.test"}).at(0);
    receive(ack_iq("a1", "bob@b.test/laptop", id));
    EXPECT_EQ(reply_to("a1").type, xmpp::IqType::result);
    receive(ack_iq("a2", "bob@b.test/phone", id));  // a repeated ack is harmless
    EXPECT_EQ(reply_to("a2").type, xmpp::IqType::result);
    const auto sent = receipts();
    ASSERT_EQ(sent.size(), 1u);
    EXPECT_EQ(sent[0].envelope.to.str(), "alice@a.test");
    EXPECT_EQ(sent[0].receipt.id, id);
    EXPECT_EQ(sent[0].receipt.to.str(), "bob@b.test");
    EXPECT_EQ(sent[0].receipt.status, protocol::ReceiptStatus::saved);
    EXPECT_EQ(status_of_delivery("alice@a.test", id).state, DeliveryState::acked);
}

TEST_F(DeliveryEngine, RejectedAckCarriesItsReasonToTheSender) {
    const auto id = submit({"bob@b.test"}).at(0);
    receive(ack_iq("a1", "bob@b.test/laptop", id, "rejected", "The card has no photo."));
    const auto sent = receipts();
    ASSERT_EQ(sent.size(), 1u);
    EXPECT_EQ(sent[0].receipt.status, protocol::ReceiptStatus::rejected);
    EXPECT_EQ(sent[0].receipt.reason, "The card has no photo.");
}

TEST_F(DeliveryEngine, AckFromAnotherUserIsRefusedAndChangesNothing) {
    const auto id = submit({"bob@b.test"}).at(0);
    receive(ack_iq("spoof", "carol@a.test/r", id));
    const auto reply = reply_to("spoof");
    EXPECT_EQ(reply.error->condition, "forbidden");
    EXPECT_EQ(app_condition(reply), "not-recipient");
    EXPECT_TRUE(receipts().empty());
    EXPECT_EQ(status_of_delivery("alice@a.test", id).state, DeliveryState::sent);
}

TEST_F(DeliveryEngine, AckForAnUnknownDeliveryIsItemNotFound) {
    receive(ack_iq("a", "bob@b.test/r", "AAAAAAAAAAAAAAAAAAAAAA"));
    const auto reply = reply_to("a");
    EXPECT_EQ(reply.error->condition, "item-not-found");
    EXPECT_EQ(app_condition(reply), "unknown-delivery");
}

// <acks/>: each ack applied as if alone, in one request; those that name no delivery of the
// requester are listed, the others make their deliveries final with one receipt each.
TEST_F(DeliveryEngine, AckBatchAppliesEachAckAndListsTheOnesItCouldNot) {
    const auto to_bob = submit({"bob@b.test", "carol@a.test"});
    const auto again = submit({"bob@b.test"}).at(0);
    const std::string unknown = "UNKNOWNAAAAAAAAAAAAAAA";
    receive(ack_iq("first", "bob@b.test/r", again));  // acked before: a repeat in the batch
    receive(iq("batch", "set",
               "<acks xmlns='urn:xmpp:bizcard:0'><ack id='" + to_bob[0] +
                   "' status='saved'/><ack id='" + unknown + "' status='saved'/><ack id='" +
                   to_bob[1] + "' status='saved'/><ack id='" + again +
                   "' status='rejected'/></acks>",
               "bob@b.test/laptop"));
    const auto reply = reply_to("batch");
    ASSERT_EQ(reply.type, xmpp::IqType::result);
    ASSERT_TRUE(reply.payload.has_value());
    auto result = protocol::parse_ack_batch_result(*reply.payload);
    ASSERT_TRUE(result.ok()) << result.error().message;
    EXPECT_EQ(result->failed, (std::vector<protocol::AckFailure>{{unknown, "unknown-delivery"},
                                                                 {to_bob[1], "not-recipient"}}));
    EXPECT_EQ(status_of_delivery("alice@a.test", to_bob[0]).state, DeliveryState::acked);
    EXPECT_EQ(status_of_delivery("alice@a.test", to_bob[1]).state, DeliveryState::sent);
    EXPECT_EQ(status_of_delivery("alice@a.test", again).state, DeliveryState::acked);
    EXPECT_EQ(receipts().size(), 2u);  // the first ack's and the batch's first
}

TEST_F(DeliveryEngine, AckBatchThatAllAppliedGetsAnEmptyResult) {
    const auto ids = submit({"bob@b.test"});
    const auto more = submit({"bob@b.test"});
    receive(iq("batch", "set",
               "<acks xmlns='urn:xmpp:bizcard:0'><ack id='" + ids[0] +
                   "' status='saved'/><ack id='" + more[0] + "' status='saved'/></acks>",
               "bob@b.test/laptop"));
    const auto reply = reply_to("batch");
    EXPECT_EQ(reply.type, xmpp::IqType::result);
    EXPECT_FALSE(reply.payload.has_value());
    EXPECT_EQ(receipts().size(), 2u);
}

// The receipts of an <acks/> go to each sender in one message, one line of body each.
TEST_F(DeliveryEngine, ReceiptsOfOneAckBatchGoToTheSenderInOneMessage) {
    const auto first = submit({"bob@b.test"}).at(0);
    const auto second = submit({"bob@b.test"}).at(0);
    receive(iq("batch", "set",
               "<acks xmlns='urn:xmpp:bizcard:0'><ack id='" + first +
                   "' status='saved'/><ack id='" + second + "' status='rejected'/></acks>",
               "bob@b.test/laptop"));
    std::vector<protocol::ReceiptMessage> messages;
    for (const auto& s : channel.sent) {
        if (s.name == "message" && s.child("receipt", ns::kBizcard) != nullptr)
            messages.push_back(*protocol::parse_receipt_message(s));
    }
    ASSERT_EQ(messages.size(), 1u);
    ASSERT_EQ(messages[0].receipts.size(), 2u);
    EXPECT_EQ(messages[0].receipts[0].id, first);
    EXPECT_EQ(messages[0].receipts[1].status, protocol::ReceiptStatus::rejected);
    const std::string& body = messages[0].envelope.body;
    EXPECT_NE(body.find("bob@b.test saved your business card"), std::string::npos) << body;
    EXPECT_NE(body.find("\nbob@b.test rejected your business card"), std::string::npos) << body;
}

TEST_F(DeliveryEngine, MalformedAckBatchIsBadRequestAndAppliesNothing) {
    const auto id = submit({"bob@b.test"}).at(0);
    receive(iq("batch", "set",
               "<acks xmlns='urn:xmpp:bizcard:0'><ack id='" + id + "' status='saved'/><ack id='" +
                   id + "' status='saved'/></acks>",
               "bob@b.test/laptop"));
    const auto reply = reply_to("batch");
    ASSERT_TRUE(reply.error.has_value());
    EXPECT_EQ(reply.error->condition, "bad-request");
    EXPECT_NE(reply.error->text.find("acknowledges delivery '" + id + "' twice"), std::string::npos)
        << reply.error->text;
    EXPECT_EQ(status_of_delivery("alice@a.test", id).state, DeliveryState::sent);
    EXPECT_TRUE(receipts().empty());
}

TEST_F(DeliveryEngine, RecipientWithoutTheProtocolGetsOneCopyThenAnExpiryReceipt) {
    settings.courier.scan_interval = minutes(10);
    const auto id = submit({"bob@b.test"}).at(0);
    advance(hours(24 * 29));
    EXPECT_EQ(copies().size(), 1u);
    EXPECT_TRUE(receipts().empty());
    advance(hours(24) + seconds(2));
    EXPECT_EQ(copies().size(), 1u);
    const auto sent = receipts();
    ASSERT_EQ(sent.size(), 1u);
    EXPECT_EQ(sent[0].receipt.status, protocol::ReceiptStatus::expired);
    EXPECT_EQ(status_of_delivery("alice@a.test", id).state, DeliveryState::expired);
}

TEST_F(DeliveryEngine, CapableRecipientGetsTimerResendsWithCappedBackoff) {
    settings.courier.scan_interval = seconds(1);
    receive(sync_iq("s0", "bob@b.test/laptop"));  // bob's client speaks the protocol
    const auto id = submit({"bob@b.test"}).at(0);
    ASSERT_EQ(copies().size(), 1u);
    // Resends 1, 2, 4, 8, ... minutes after each copy, at most 6 hours apart.
    advance(seconds(59));
    EXPECT_EQ(copies().size(), 1u);
    advance(seconds(2));
    EXPECT_EQ(copies().size(), 2u);
    advance(minutes(2));
    EXPECT_EQ(copies().size(), 3u);
    advance(minutes(4));
    EXPECT_EQ(copies().size(), 4u);
    advance(hours(24));
    const auto count = copies().size();
    EXPECT_GE(count, 10u);
    EXPECT_LE(count, 12u);  // 8 min ... 256 min, then 6 h apart
    for (const auto& c : copies()) {
        EXPECT_EQ(c.delivery.id, id);
        EXPECT_EQ(c.envelope.to.str(), "bob@b.test");
    }
    EXPECT_EQ(status_of_delivery("alice@a.test", id).attempts, count);
}

TEST_F(DeliveryEngine, SyncAnnouncesThePendingCountThenResendsToTheFullJid) {
    const auto first = submit({"bob@b.test"}).at(0);
    const auto second = submit({"bob@b.test"}).at(0);
    channel.take();
    receive(sync_iq("s1", "bob@b.test/laptop"));
    auto result = protocol::parse_sync_result(*reply_to("s1").payload);
    ASSERT_TRUE(result.ok());
    EXPECT_EQ(result->pending, 2u);
    ASSERT_EQ(channel.sent.front().name, "iq");  // the count comes first
    const auto sent = copies();
    ASSERT_EQ(sent.size(), 2u);
    EXPECT_EQ(sent[0].envelope.to.str(), "bob@b.test/laptop");
    EXPECT_EQ((std::set<std::string>{sent[0].delivery.id, sent[1].delivery.id}),
              (std::set<std::string>{first, second}));
}

TEST_F(DeliveryEngine, SyncResendsEveryPageOfAManyCardBacklog) {
    settings.courier.page_size = 4;
    settings.requests.limits.submits_per_minute = 0;
    for (int i = 0; i < 10; ++i)
        submit({"bob@b.test"});
    channel.take();
    receive(sync_iq("s1", "bob@b.test/laptop"));
    std::set<std::string> ids;
    for (const auto& c : copies())
        ids.insert(c.delivery.id);
    EXPECT_EQ(copies().size(), 10u);
    EXPECT_EQ(ids.size(), 10u);
}

// The draft's Cards as Text: a recipient whose last sync said form='text' gets every copy
// (the sync's resends, first copies, timer resends) with the card as vCard 4.0 text; everyone
// else gets xCard; both carry the same card.
TEST_F(DeliveryEngine, ARecipientWhoAskedForTextGetsEveryCopyAsText) {
    const auto waiting = submit({"bob@b.test"}).at(0);
    channel.take();
    receive(sync_iq("s1", "bob@b.test/laptop", "text"));
    auto resent = copies();
    ASSERT_EQ(resent.size(), 1u);
    EXPECT_EQ(resent[0].delivery.id, waiting);
    EXPECT_EQ(resent[0].delivery.form, protocol::CardForm::text);
    EXPECT_NE(xml::to_string(channel.sent.back()).find("<vcard-text>BEGIN:VCARD\nVERSION:4.0\n"),
              std::string::npos)
        << xml::to_string(channel.sent.back());

    channel.take();
    submit({"bob@b.test", "carol@a.test"});
    const auto first = copies();
    ASSERT_EQ(first.size(), 2u);
    EXPECT_EQ(first[0].delivery.form, protocol::CardForm::text);   // bob
    EXPECT_EQ(first[1].delivery.form, protocol::CardForm::xcard);  // carol never asked
    EXPECT_EQ(first[0].delivery.card, first[1].delivery.card);
    EXPECT_EQ(first[0].delivery.card.formatted_name(), "Alice Example");

    channel.take();
    advance(minutes(2));  // bob is capable: his copies are resent by timer, still as text
    const auto timer = copies();
    ASSERT_FALSE(timer.empty());
    std::size_t to_bob = 0;
    for (const auto& copy : timer) {
        if (copy.envelope.to.str() != "bob@b.test") continue;
        ++to_bob;
        EXPECT_EQ(copy.delivery.form, protocol::CardForm::text);
    }
    EXPECT_GT(to_bob, 0u);
}

TEST_F(DeliveryEngine, ASyncWithoutAFormBringsXcardBackAndTheChoiceOutlivesARestart) {
    receive(sync_iq("s1", "bob@b.test/laptop", "text"));
    restart_service();
    submit({"bob@b.test"});
    ASSERT_EQ(copies().size(), 1u);
    EXPECT_EQ(copies()[0].delivery.form, protocol::CardForm::text);
    advance(minutes(1));
    channel.take();
    receive(sync_iq("s2", "bob@b.test/laptop"));  // a client that reads xCard only
    ASSERT_EQ(copies().size(), 1u);
    EXPECT_EQ(copies()[0].delivery.form, protocol::CardForm::xcard);
}

// xCard can say what the text cannot (an extension property's value type): such a card goes as
// xCard to everyone, so that no recipient gets less of it.
TEST_F(DeliveryEngine, ACardTheTextCannotCarryExactlyGoesAsXcard) {
    receive(sync_iq("s1", "bob@b.test/laptop", "text"));
    channel.take();
    receive(submit_iq("x1", "alice@a.test/phone", {"bob@b.test"},
                      "<vcard xmlns='urn:ietf:params:xml:ns:vcard-4.0'><fn><text>Alice</text></fn>"
                      "<x-seats><integer>4</integer></x-seats></vcard>"));
    ASSERT_EQ(reply_to("x1").type, xmpp::IqType::result);
    const auto sent = copies();
    ASSERT_EQ(sent.size(), 1u);
    EXPECT_EQ(sent[0].delivery.form, protocol::CardForm::xcard);
    EXPECT_EQ(sent[0].delivery.card.first("X-SEATS")->value_type, "integer");
}

// A submit may carry its card as text: it is stored as the xCard made of it, so a recipient
// who reads xCard only gets the same card, and a repeat of it is recognised.
TEST_F(DeliveryEngine, ASubmitMayCarryItsCardAsText) {
    const std::string text =
        "<vcard-text>BEGIN:VCARD\nVERSION:4.0\nFN:Alice Example\nN:Example;Alice;;;\n"
        "TEL;TYPE=work:tel:+49-30-1234567\nEND:VCARD\n</vcard-text>";
    const auto submit = [&](std::string_view id) {
        return "<iq type='set' id='" + std::string(id) +
               "' from='alice@a.test/phone' to='cards.a.test'><submit xmlns='urn:xmpp:bizcard:0' "
               "id='AAAAAAAAAAAAAAAAAAAAAA'><recipient jid='bob@b.test'/><card>" +
               text + "</card></submit></iq>";
    };
    receive(submit("t1"));
    ASSERT_EQ(reply_to("t1").type, xmpp::IqType::result);
    const auto sent = copies();
    ASSERT_EQ(sent.size(), 1u);
    EXPECT_EQ(sent[0].delivery.form, protocol::CardForm::xcard);  // bob never asked for text
    EXPECT_EQ(sent[0].delivery.card.formatted_name(), "Alice Example");
    EXPECT_EQ(sent[0].delivery.card.name()->given, std::vector<std::string>{"Alice"});
    EXPECT_EQ(sent[0].delivery.card.phones().at(0).number, "+49-30-1234567");
    receive(submit("t2"));  // the same submit again: the same delivery, no second card
    const auto first = protocol::parse_submitted(*reply_to("t1").payload);
    const auto again = protocol::parse_submitted(*reply_to("t2").payload);
    ASSERT_TRUE(first.ok() && again.ok());
    EXPECT_EQ(again->deliveries, first->deliveries);
    EXPECT_EQ(copies().size(), 1u);
}

// A card sent as text goes as text to whoever asked, written as this service writes it:
// whether the submitter wrote it the same way (then it is not read again) or otherwise
// (lower-case names, a folded line), the copy carries the same text and the same card.
TEST_F(DeliveryEngine, ACardSentAsTextGoesAsTextWrittenAsTheServiceWritesIt) {
    receive(sync_iq("s1", "bob@b.test/laptop", "text"));
    channel.take();
    const std::string theirs =
        "BEGIN:VCARD\nVERSION:4.0\nfn:Alice Example\nn:Example;Alice;;;\n"
        "TEL;type=work:tel:+49-30-\n 1234567\nEND:VCARD\n";
    const auto read = vcard::read_vcard_text(theirs);
    ASSERT_EQ(read.cards.size(), 1u);
    const std::string ours = protocol::card_text(read.cards[0]);
    ASSERT_NE(ours, theirs);
    int n = 0;
    for (const std::string& text : {ours, theirs}) {
        const std::string id = "t" + std::to_string(++n);
        receive(iq(id, "set",
                   "<submit xmlns='urn:xmpp:bizcard:0'><recipient jid='bob@b.test'/><card>"
                   "<vcard-text>" +
                       text + "</vcard-text></card></submit>"));
        ASSERT_EQ(reply_to(id).type, xmpp::IqType::result) << id;
        const auto sent = copies();
        ASSERT_EQ(sent.size(), 1u) << id;
        EXPECT_EQ(sent[0].delivery.form, protocol::CardForm::text) << id;
        EXPECT_EQ(sent[0].delivery.card, read.cards[0]) << id;
        EXPECT_NE(xml::to_string(channel.sent.back()).find("<vcard-text>" + ours + "</vcard-text>"),
                  std::string::npos)
            << xml::to_string(channel.sent.back());
        channel.take();
    }
}

TEST_F(DeliveryEngine, ASubmitWithBrokenTextIsBadRequestNamingIt) {
    receive(iq("t1", "set",
               "<submit xmlns='urn:xmpp:bizcard:0'><recipient jid='bob@b.test'/><card><vcard-text>"
               "BEGIN:VCARD\nVERSION:3.0\nFN:A\nEND:VCARD\n</vcard-text></card></submit>"));
    const auto reply = reply_to("t1");
    ASSERT_EQ(reply.type, xmpp::IqType::error);
    EXPECT_EQ(reply.error->condition, "bad-request");
    EXPECT_EQ(app_condition(reply), "invalid-card");
    EXPECT_NE(reply.error->text.find("<vcard-text/> must hold a vCard 4.0"), std::string::npos)
        << reply.error->text;
    EXPECT_TRUE(copies().empty());
}

TEST_F(DeliveryEngine, ASyncAskingForAnUnknownFormIsBadRequest) {
    receive(sync_iq("s1", "bob@b.test/laptop", "jcard"));
    const auto reply = reply_to("s1");
    ASSERT_EQ(reply.type, xmpp::IqType::error);
    EXPECT_EQ(reply.error->condition, "bad-request");
    EXPECT_NE(reply.error->text.find("'form' must be 'xcard' or 'text'"), std::string::npos)
        << reply.error->text;
}

TEST_F(DeliveryEngine, SyncMoreThanOncePerIntervalIsRateLimited) {
    receive(sync_iq("s1", "bob@b.test/laptop"));
    receive(sync_iq("s2", "bob@b.test/laptop"));
    receive(sync_iq("s3", "bob@b.test/phone"));
    EXPECT_EQ(app_condition(reply_to("s2")), "rate-limited");
    EXPECT_EQ(reply_to("s3").type, xmpp::IqType::result);
    advance(seconds(61));
    receive(sync_iq("s4", "bob@b.test/laptop"));
    EXPECT_EQ(reply_to("s4").type, xmpp::IqType::result);
}

TEST_F(DeliveryEngine, TemporaryBounceIsRetriedEvenForARecipientWithoutTheProtocol) {
    const auto id = submit({"dave@b.test"}).at(0);
    const auto copy_id = copies().at(0).envelope.id;
    receive("<message type='error' id='" + copy_id +
            "' from='dave@b.test' to='cards.a.test'><error type='wait'>"
            "<resource-constraint xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/></error>"
            "</message>");
    EXPECT_EQ(status_of_delivery("alice@a.test", id).state, DeliveryState::pending);
    advance(seconds(61));
    EXPECT_EQ(copies().size(), 2u);
    EXPECT_TRUE(receipts().empty());
}

TEST_F(DeliveryEngine, BounceArrivingBeforeTheCopyIsRecordedStillCausesARetry) {
    auto stanza = xml::parse_document(submit_iq("s", "alice@a.test/r", {"dave@b.test"}), {},
                                      ns::kComponentAccept);
    service().handle(*stanza);
    store.settle();  // the result and the copy go out; the copy is not recorded yet
    const auto copy = copies().at(0);
    auto bounce = xml::parse_document(
        "<message type='error' id='" + copy.envelope.id +
            "' from='dave@b.test' to='cards.a.test'><error type='wait'>"
            "<resource-constraint xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/></error>"
            "</message>",
        {}, ns::kComponentAccept);
    service().handle(*bounce);
    settle();
    EXPECT_EQ(status_of_delivery("alice@a.test", copy.delivery.id).state, DeliveryState::pending);
    advance(seconds(61));
    EXPECT_EQ(copies().size(), 2u);
}

TEST_F(DeliveryEngine, PermanentBounceRefusesTheDeliveryAndTellsTheSender) {
    const auto id = submit({"nobody@b.test"}).at(0);
    receive("<message type='error' id='" + copies().at(0).envelope.id +
            "' from='b.test' to='cards.a.test'><error type='cancel'>"
            "<item-not-found xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/></error></message>");
    const auto sent = receipts();
    ASSERT_EQ(sent.size(), 1u);
    EXPECT_EQ(sent[0].receipt.status, protocol::ReceiptStatus::refused);
    EXPECT_NE(sent[0].receipt.reason->find("item-not-found"), std::string::npos);
    EXPECT_EQ(status_of_delivery("alice@a.test", id).state, DeliveryState::refused);
    EXPECT_NE(sent[0].envelope.body.find("The server of nobody@b.test refused your business card"),
              std::string::npos)
        << sent[0].envelope.body;
}

// An error message returned for the copy whose message id is `copy_id`.
std::string bounce_of(const std::string& copy_id, const std::string& from, const std::string& type,
                      const std::string& condition) {
    return "<message type='error' id='" + copy_id + "' from='" + from +
           "' to='cards.a.test'><error type='" + type + "'><" + condition +
           " xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/></error></message>";
}

TEST_F(DeliveryEngine, FederationFailuresOfTypeCancelAreRetriedUntilTheCardArrives) {
    const auto id = submit({"dave@b.test"}).at(0);  // dave has never spoken the protocol
    receive(
        bounce_of(copies().at(0).envelope.id, "dave@b.test", "cancel", "remote-server-not-found"));
    auto status = status_of_delivery("alice@a.test", id);
    EXPECT_EQ(status.state, DeliveryState::pending);
    ASSERT_TRUE(status.reason);
    EXPECT_NE(status.reason->find("could not be reached (remote-server-not-found)"),
              std::string::npos)
        << *status.reason;
    advance(seconds(61));
    ASSERT_EQ(copies().size(), 2u);
    receive(
        bounce_of(copies().at(1).envelope.id, "dave@b.test", "cancel", "remote-server-timeout"));
    EXPECT_EQ(status_of_delivery("alice@a.test", id).state, DeliveryState::pending);
    advance(seconds(121));
    ASSERT_EQ(copies().size(), 3u) << "the second retry waits twice as long";
    EXPECT_TRUE(receipts().empty()) << "nothing is final yet";
    receive(ack_iq("a1", "dave@b.test/phone", id));
    ASSERT_EQ(receipts().size(), 1u);
    EXPECT_EQ(receipts()[0].receipt.status, protocol::ReceiptStatus::saved);
    EXPECT_EQ(status_of_delivery("alice@a.test", id).attempts, 3u);
}

TEST_F(DeliveryEngine, AnErrorFromOneOfTheRecipientsClientsIsRetried) {
    const auto id = submit({"bob@b.test"}).at(0);
    receive(bounce_of(copies().at(0).envelope.id, "bob@b.test/laptop", "cancel",
                      "service-unavailable"));
    EXPECT_EQ(status_of_delivery("alice@a.test", id).state, DeliveryState::pending);
    EXPECT_TRUE(receipts().empty());
    advance(seconds(61));
    EXPECT_EQ(copies().size(), 2u);
}

TEST_F(DeliveryEngine, TheRecipientsServerSayingTheAccountDoesNotExistEndsTheDelivery) {
    const auto id = submit({"nobody@b.test"}).at(0);
    receive(
        bounce_of(copies().at(0).envelope.id, "nobody@b.test", "cancel", "service-unavailable"));
    ASSERT_EQ(receipts().size(), 1u);
    EXPECT_EQ(receipts()[0].receipt.status, protocol::ReceiptStatus::refused);
    const auto status = status_of_delivery("alice@a.test", id);
    EXPECT_EQ(status.state, DeliveryState::refused);
    EXPECT_EQ(status.reason, receipts()[0].receipt.reason);
    advance(hours(1));
    EXPECT_EQ(copies().size(), 1u) << "a rejected delivery is never sent again";
}

TEST_F(DeliveryEngine, ARequestOverTheLinksLimitsIsAnsweredWithPolicyViolation) {
    auto head = xml::parse_document(
        "<iq type='set' id='big' from='alice@a.test/r' to='cards.a.test'>"
        "<submit xmlns='urn:xmpp:bizcard:0'/></iq>",
        {}, ns::kComponentAccept);
    ASSERT_TRUE(head);
    service().handle_skipped({*head, "the stanza nests elements deeper than 64 levels"});
    const auto reply = reply_to("big");
    ASSERT_TRUE(reply.error);
    EXPECT_EQ(reply.error->type, xmpp::ErrorType::modify);
    EXPECT_EQ(reply.error->condition, "policy-violation");
    EXPECT_NE(reply.error->text.find("deeper than 64 levels"), std::string::npos);
    EXPECT_EQ(reply.to->str(), "alice@a.test/r");
}

TEST_F(DeliveryEngine, ABounceTooLargeToReadIsRetried) {
    const auto id = submit({"bob@b.test"}).at(0);
    auto head = xml::parse_document("<message type='error' id='" + copies().at(0).envelope.id +
                                        "' from='bob@b.test' to='cards.a.test'/>",
                                    {}, ns::kComponentAccept);
    service().handle_skipped({*head, "the stanza exceeds the limit of 524288 bytes"});
    settle();
    EXPECT_EQ(status_of_delivery("alice@a.test", id).state, DeliveryState::pending);
    EXPECT_TRUE(receipts().empty());
}

TEST_F(DeliveryEngine, BounceFromAThirdPartyIsIgnored) {
    const auto id = submit({"bob@b.test"}).at(0);
    receive("<message type='error' id='" + copies().at(0).envelope.id +
            "' from='mallory@evil.test' to='cards.a.test'><error type='cancel'>"
            "<item-not-found xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/></error></message>");
    EXPECT_TRUE(receipts().empty());
    EXPECT_EQ(status_of_delivery("alice@a.test", id).state, DeliveryState::sent);
}

TEST_F(DeliveryEngine, CopiesNotSentWhileTheLinkIsDownGoOutWhenItIsBack) {
    service().link_down();
    channel.up = false;
    receive(submit_iq("s1", "alice@a.test/phone", {"bob@b.test"}));  // its result is lost too
    ASSERT_EQ(status_of("alice@a.test").size(), 1u);
    EXPECT_EQ(status_of("alice@a.test").at(0).state, DeliveryState::pending);
    channel.up = true;
    service().link_up();
    settle();
    ASSERT_EQ(copies().size(), 1u);
    EXPECT_EQ(status_of("alice@a.test").at(0).state, DeliveryState::sent);
}

TEST_F(DeliveryEngine, StatusListsOnlyTheRequestersOwnDeliveries) {
    const auto id = submit({"bob@b.test"}).at(0);
    submit({"bob@b.test"}, "carol@a.test/r");
    receive(
        "<iq type='get' id='st' from='alice@a.test/phone' to='cards.a.test'>"
        "<status xmlns='urn:xmpp:bizcard:0'/></iq>");
    auto result = protocol::parse_status_result(*reply_to("st").payload);
    ASSERT_TRUE(result.ok());
    ASSERT_EQ(result->deliveries.size(), 1u);
    EXPECT_EQ(result->deliveries[0].id, id);
    receive(
        "<iq type='get' id='st2' from='carol@a.test/r' to='cards.a.test'>"
        "<status xmlns='urn:xmpp:bizcard:0'><delivery id='" +
        id + "'/></status></iq>");
    EXPECT_TRUE(protocol::parse_status_result(*reply_to("st2").payload)->deliveries.empty());
}

TEST_F(DeliveryEngine, FinalDeliveriesAreForgottenAfterTheCardLifetime) {
    settings.courier.scan_interval = minutes(10);
    const auto id = submit({"bob@b.test"}).at(0);
    receive(ack_iq("a", "bob@b.test/r", id));
    advance(hours(24 * 31));
    advance(hours(2));  // the hourly purge
    EXPECT_TRUE(status_of("alice@a.test").empty());
}

}  // namespace
}  // namespace cardex::component
