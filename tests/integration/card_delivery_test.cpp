// End to end: cards submitted to cardexd on real Prosody (a.test) and real ejabberd (b.test),
// delivered to real logged-in users, locally and across server-to-server federation, to
// online and offline recipients, and acknowledged. Every test acknowledges what it sent, so
// that the services' timers leave the next test alone.
#include <gtest/gtest.h>

#include <map>
#include <memory>
#include <random>
#include <set>
#include <string>

#include "tests/integration/card_client.hpp"
#include "tests/integration/federation_env.hpp"

namespace cardex::testing {
namespace {

using namespace std::chrono_literals;
using protocol::AckStatus;
using protocol::DeliveryState;
using protocol::ErrorCondition;

constexpr auto kArrival = 60s;  // failure limit for a card or receipt to arrive

std::string var(const std::string& name) {
    return Federation::get().var(name);
}

std::string unique_uid() {
    static std::mt19937_64 random{std::random_device{}()};
    return "urn:uuid:cardex-test-" + std::to_string(random());
}

// A logged-in client, or nullptr (and a test failure saying why).
std::unique_ptr<CardClient> online(const std::string& user, bool presence = true) {
    auto client = std::make_unique<CardClient>(user);
    if (auto ok = client->connect(presence); !ok) {
        ADD_FAILURE() << user << " cannot log in: " << ok.error().message;
        return nullptr;
    }
    return client;
}

// Submits one card; the delivery id for `recipient`, or "" (and a test failure).
std::string submit_one(CardClient& sender, const std::string& service, const vcard::Card& card,
                       const std::string& recipient) {
    auto reply = sender.submit(service, card, {recipient});
    if (!reply) {
        ADD_FAILURE() << "submit to " << service << ": " << reply.error().message;
        return {};
    }
    if (!reply->ok()) {
        ADD_FAILURE() << "submit to " << service << ": " << describe(reply->error);
        return {};
    }
    const auto& deliveries = reply->value->deliveries;
    EXPECT_EQ(deliveries.size(), 1u);
    EXPECT_EQ(deliveries.at(0).to.str(), recipient);
    return deliveries.at(0).id;
}

// Messages ejabberd keeps offline for `user`; -1 (and a test failure) when it cannot tell.
int offline_messages(const std::string& user) {
    auto count = Federation::get().offline_messages(user);
    if (!count) {
        ADD_FAILURE() << count.error().message;
        return -1;
    }
    return *count;
}

// Logs `user` in with presence, which empties his offline storage.
void drain_offline_storage(const std::string& user) {
    auto client = online(user);
    ASSERT_TRUE(client);
    EXPECT_TRUE(client->run_until([&] { return offline_messages(user) == 0; }, kArrival))
        << "ejabberd still keeps messages for " << user << " after he logged in";
}

bool has_card(const CardClient& client, const std::string& service, const std::string& id) {
    return client.cards().count({service, id}) > 0;
}

// The state the service reports to `sender` for one delivery.
std::optional<DeliveryState> state_of(CardClient& sender, const std::string& service,
                                      const std::string& id) {
    auto reply = sender.status(service, {id});
    if (!reply || !reply->ok() || reply->value->deliveries.size() != 1) {
        ADD_FAILURE() << "status of " << id << ": "
                      << (reply ? describe(reply->error) : reply.error().message);
        return std::nullopt;
    }
    return reply->value->deliveries[0].state;
}

void expect_ack_ok(CardClient& recipient, const std::string& service, const std::string& id,
                   AckStatus status = AckStatus::saved,
                   std::optional<std::string> reason = std::nullopt) {
    auto reply = recipient.ack(service, id, status, std::move(reason));
    ASSERT_TRUE(reply.ok()) << reply.error().message;
    EXPECT_TRUE(reply->ok()) << "ack of " << id << ": " << describe(reply->error);
}

// Waits for the receipt of `id` at `sender` and checks it.
void expect_receipt(CardClient& sender, const std::string& id, const std::string& recipient,
                    protocol::ReceiptStatus status) {
    ASSERT_TRUE(sender.run_until([&] { return sender.receipts_for(id) > 0; }, kArrival))
        << "no receipt for " << id;
    for (const auto& message : sender.receipts()) {
        if (message.receipt.id != id) continue;
        EXPECT_EQ(message.receipt.to.str(), recipient);
        EXPECT_EQ(message.receipt.status, status);
        EXPECT_EQ(message.envelope.to.bare_str(), sender.jid().bare_str());
    }
}

// `sender` submits a card for `recipient` to `service`; the recipient, online, receives it
// intact from the sender, saves it, and the sender learns so by receipt and by status.
void expect_online_delivery(const std::string& sender_user, const std::string& recipient_user,
                            const std::string& service) {
    auto sender = online(sender_user);
    auto recipient = online(recipient_user);
    ASSERT_TRUE(sender && recipient);
    const std::string to = var(recipient_user + "_JID");
    const vcard::Card card = test_card("Card from " + var(sender_user + "_JID"), unique_uid());
    const std::string id = submit_one(*sender, service, card, to);
    ASSERT_FALSE(id.empty());

    ASSERT_TRUE(recipient->run_until([&] { return has_card(*recipient, service, id); }, kArrival))
        << "the card never reached " << to;
    const protocol::CardDelivery& got = recipient->cards().at({service, id}).delivery;
    EXPECT_EQ(got.from.str(), var(sender_user + "_JID"));
    EXPECT_EQ(got.card, card) << "the card changed on its way";
    EXPECT_TRUE(recipient->malformed().empty()) << recipient->malformed().front();

    expect_ack_ok(*recipient, service, id);
    expect_receipt(*sender, id, to, protocol::ReceiptStatus::saved);
    EXPECT_EQ(state_of(*sender, service, id), DeliveryState::acked);
}

TEST(OnlineRecipient, SameServerOnProsody) {
    expect_online_delivery("ALICE", "CAROL", var("A_SERVICE"));
}

TEST(OnlineRecipient, SameServerOnEjabberd) {
    expect_online_delivery("BOB", "DAVE", var("B_SERVICE"));
}

TEST(AcrossServers, FromProsodyToEjabberd) {
    expect_online_delivery("ALICE", "BOB", var("A_SERVICE"));
}

TEST(AcrossServers, FromEjabberdToProsody) {
    expect_online_delivery("BOB", "ALICE", var("B_SERVICE"));
}

// Cards for an offline user wait in his server's offline storage; when he logs in and syncs,
// he gets them from there and again from the service, and keeps each card once.
TEST(OfflineRecipient, LogsInLaterSyncsAndKeepsEachCardOnce) {
    const std::string service = var("A_SERVICE");
    drain_offline_storage("BOB");
    auto alice = online("ALICE");
    ASSERT_TRUE(alice);
    constexpr int kCards = 5;
    std::set<std::string> ids;
    std::map<std::string, std::string> uid_of;  // delivery id -> UID sent
    for (int i = 0; i < kCards; ++i) {
        const std::string uid = unique_uid();
        const std::string id =
            submit_one(*alice, service, test_card("Offline card", uid), var("BOB_JID"));
        ASSERT_FALSE(id.empty());
        ids.insert(id);
        uid_of[id] = uid;
    }
    ASSERT_TRUE(alice->run_until([] { return offline_messages("BOB") >= kCards; }, kArrival))
        << "ejabberd did not store the cards for bob";

    auto recipient = online("BOB");
    ASSERT_TRUE(recipient);
    auto sync = recipient->sync(service);
    ASSERT_TRUE(sync.ok()) << sync.error().message;
    ASSERT_TRUE(sync->ok()) << describe(sync->error);
    EXPECT_GE(sync->value->pending, static_cast<std::uint64_t>(kCards));
    // The sync resends follow its result: each card comes at least twice.
    ASSERT_TRUE(recipient->run_until(
        [&] {
            for (const auto& id : ids) {
                const auto it = recipient->cards().find({service, id});
                if (it == recipient->cards().end() || it->second.copies < 2) return false;
            }
            return true;
        },
        kArrival))
        << recipient->stored_of(service, ids) << " of " << kCards << " cards arrived twice";

    std::map<std::string, int> ids_per_uid;
    std::size_t from_storage = 0;
    for (const auto& id : ids) {
        const StoredCard& card = recipient->cards().at({service, id});
        from_storage += card.delayed_copies;
        EXPECT_EQ(card.delivery.card.uid(), uid_of[id]);
        ++ids_per_uid[card.delivery.card.uid()];
    }
    EXPECT_GT(from_storage, 0u) << "no copy came from ejabberd's offline storage";
    for (const auto& [uid, n] : ids_per_uid)
        EXPECT_EQ(n, 1) << uid << " came under " << n << " ids";
    EXPECT_EQ(recipient->stored_of(service, ids), ids.size());
    for (const auto& id : ids)
        expect_ack_ok(*recipient, service, id);
}

// The draft's Cards as Text through real servers: bob (ejabberd) asks cards.a.test (Prosody)
// for cards as text; alice's card crosses the federation to him as text, by way of his
// server's offline storage, and is the card she sent; dave, who did not ask, gets the same
// card as xCard. Bob's last sync brings xCard back for the tests after this one.
TEST(CardsAsText, ARecipientWhoAskedGetsTheSameCardAsTextFromOfflineStorage) {
    const std::string service = var("A_SERVICE");
    drain_offline_storage("BOB");
    {
        auto bob = online("BOB");
        ASSERT_TRUE(bob);
        bob->set_auto_ack(true);  // what an earlier test left open is acked as it comes
        auto asked = bob->sync(service, protocol::CardForm::text);
        ASSERT_TRUE(asked.ok()) << asked.error().message;
        ASSERT_TRUE(asked->ok()) << describe(asked->error);
        bob->run_for(1s);
    }
    auto alice = online("ALICE");
    auto dave = online("DAVE");
    ASSERT_TRUE(alice && dave);
    const vcard::Card card = test_card("Card as text", unique_uid());
    auto reply = alice->submit(service, card, {var("BOB_JID"), var("DAVE_JID")});
    ASSERT_TRUE(reply.ok()) << reply.error().message;
    ASSERT_TRUE(reply->ok()) << describe(reply->error);
    ASSERT_EQ(reply->value->deliveries.size(), 2u);
    const std::string to_bob = reply->value->deliveries[0].id;
    const std::string to_dave = reply->value->deliveries[1].id;
    ASSERT_TRUE(alice->run_until([] { return offline_messages("BOB") >= 1; }, kArrival))
        << "ejabberd did not store the card for bob";

    auto bob = online("BOB");
    ASSERT_TRUE(bob);
    ASSERT_TRUE(run_all_until(
        {bob.get(), dave.get()},
        [&] { return has_card(*bob, service, to_bob) && has_card(*dave, service, to_dave); },
        kArrival))
        << "the card did not reach both";
    const StoredCard& as_text = bob->cards().at({service, to_bob});
    EXPECT_EQ(as_text.delivery.form, protocol::CardForm::text);
    EXPECT_EQ(as_text.delayed_copies, 1u) << "it came from ejabberd's offline storage";
    EXPECT_EQ(as_text.delivery.card, card) << "the card changed on its way as text";
    const StoredCard& as_xcard = dave->cards().at({service, to_dave});
    EXPECT_EQ(as_xcard.delivery.form, protocol::CardForm::xcard);
    EXPECT_EQ(as_xcard.delivery.card, card);
    EXPECT_TRUE(bob->malformed().empty()) << bob->malformed().front();
    expect_ack_ok(*bob, service, to_bob);
    expect_ack_ok(*dave, service, to_dave);

    auto back = bob->sync(service);  // xCard again
    ASSERT_TRUE(back.ok() && back->ok());
}

// dave's server keeps one offline message for him and refuses the rest with a temporary
// error; the service keeps retrying, so dave gets every card after logging in, without sync.
TEST(OfflineRecipient, ServerStorageFullTheServiceRetries) {
    const std::string service = var("B_SERVICE");
    const std::string dave = var("DAVE_JID");
    drain_offline_storage("DAVE");
    auto bob = online("BOB");
    ASSERT_TRUE(bob);
    constexpr int kCards = 4;
    std::set<std::string> ids;
    for (int i = 0; i < kCards; ++i) {
        const std::string id =
            submit_one(*bob, service, test_card("Quota card", unique_uid()), dave);
        ASSERT_FALSE(id.empty());
        ids.insert(id);
    }
    // The first copy fills the storage; the others bounce and the service tries them again.
    const std::vector<std::string> id_list(ids.begin(), ids.end());
    const auto retried = [&] {
        auto reply = bob->status(service, id_list);
        if (!reply || !reply->ok()) return false;
        int n = 0;
        for (const auto& delivery : reply->value->deliveries)
            n += delivery.attempts >= 2;
        return n >= kCards - 1;
    };
    ASSERT_TRUE(bob->run_until(retried, kArrival)) << "the service did not retry the cards";
    ASSERT_EQ(offline_messages("DAVE"), 1);

    auto recipient = online("DAVE");
    ASSERT_TRUE(recipient);
    // His storage held one card: the others can only come from the service's retries.
    ASSERT_TRUE(recipient->run_until(
        [&] { return recipient->stored_of(service, ids) == ids.size(); }, kArrival))
        << "only " << recipient->stored_of(service, ids) << " of " << kCards
        << " cards reached dave without a sync";

    auto sync = recipient->sync(service);
    ASSERT_TRUE(sync.ok()) << sync.error().message;
    EXPECT_TRUE(sync->ok()) << describe(sync->error);
    for (const auto& id : ids)
        expect_ack_ok(*recipient, service, id);
    for (const auto& id : ids)
        EXPECT_EQ(state_of(*bob, service, id), DeliveryState::acked);
}

// A card from alice to bob, received by bob; its delivery id.
std::string delivered_to_bob(CardClient& alice, CardClient& bob) {
    const std::string service = var("A_SERVICE");
    const std::string id =
        submit_one(alice, service, test_card("Card for bob", unique_uid()), var("BOB_JID"));
    if (id.empty()) return id;
    EXPECT_TRUE(bob.run_until([&] { return has_card(bob, service, id); }, kArrival))
        << "the card never reached bob";
    return id;
}

TEST(Ack, FromSomebodyElseIsForbiddenAndChangesNothing) {
    const std::string service = var("A_SERVICE");
    auto alice = online("ALICE");
    auto bob = online("BOB");
    auto carol = online("CAROL");
    ASSERT_TRUE(alice && bob && carol);
    const std::string id = delivered_to_bob(*alice, *bob);
    ASSERT_FALSE(id.empty());

    auto spoofed = carol->ack(service, id);
    ASSERT_TRUE(spoofed.ok()) << spoofed.error().message;
    EXPECT_TRUE(spoofed->failed_with(ErrorCondition::not_recipient)) << describe(spoofed->error);
    EXPECT_EQ(spoofed->error.value_or(xmpp::StanzaError{}).condition, "forbidden");
    const auto state = state_of(*alice, service, id);
    EXPECT_TRUE(state == DeliveryState::pending || state == DeliveryState::sent)
        << "the delivery became final by somebody else's ack";

    expect_ack_ok(*bob, service, id);
    expect_receipt(*alice, id, var("BOB_JID"), protocol::ReceiptStatus::saved);
    EXPECT_EQ(state_of(*alice, service, id), DeliveryState::acked);
}

TEST(Ack, UnknownDeliveryIsItemNotFound) {
    auto bob = online("BOB");
    ASSERT_TRUE(bob);
    auto reply = bob->ack(var("A_SERVICE"), "AAAAAAAAAAAAAAAAAAAAAA");
    ASSERT_TRUE(reply.ok()) << reply.error().message;
    EXPECT_TRUE(reply->failed_with(ErrorCondition::unknown_delivery)) << describe(reply->error);
    EXPECT_EQ(reply->error.value_or(xmpp::StanzaError{}).condition, "item-not-found");
}

TEST(Ack, RepeatedAckGetsAnEmptyResultAndNoSecondReceipt) {
    const std::string service = var("A_SERVICE");
    auto alice = online("ALICE");
    auto bob = online("BOB");
    ASSERT_TRUE(alice && bob);
    const std::string id = delivered_to_bob(*alice, *bob);
    ASSERT_FALSE(id.empty());
    expect_ack_ok(*bob, service, id);
    expect_receipt(*alice, id, var("BOB_JID"), protocol::ReceiptStatus::saved);
    expect_ack_ok(*bob, service, id);
    expect_ack_ok(*bob, service, id, AckStatus::rejected, "changed my mind");

    // A later delivery's receipt travels the same path: once it is here, a second receipt
    // for the first delivery would be here too.
    const std::string marker = delivered_to_bob(*alice, *bob);
    ASSERT_FALSE(marker.empty());
    expect_ack_ok(*bob, service, marker);
    expect_receipt(*alice, marker, var("BOB_JID"), protocol::ReceiptStatus::saved);
    EXPECT_EQ(alice->receipts_for(id), 1u);
    EXPECT_EQ(state_of(*alice, service, id), DeliveryState::acked);
}

TEST(Ack, RejectedGivesARejectedReceiptWithTheReason) {
    const std::string service = var("A_SERVICE");
    auto alice = online("ALICE");
    auto bob = online("BOB");
    ASSERT_TRUE(alice && bob);
    const std::string id = delivered_to_bob(*alice, *bob);
    ASSERT_FALSE(id.empty());
    const std::string reason = "The card has no photo, and I only keep cards with photos.";
    expect_ack_ok(*bob, service, id, AckStatus::rejected, reason);
    expect_receipt(*alice, id, var("BOB_JID"), protocol::ReceiptStatus::rejected);
    for (const auto& message : alice->receipts()) {
        if (message.receipt.id == id) {
            EXPECT_EQ(message.receipt.reason, reason);
        }
    }
    EXPECT_EQ(state_of(*alice, service, id), DeliveryState::rejected);
}

}  // namespace
}  // namespace cardex::testing
