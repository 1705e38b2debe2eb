// The SQLite delivery store on real SQLite, with explicit times: how deliveries move through their
// states, when they come due, what is kept and what is forgotten, and what survives a reopen.
#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "component/store/address_key.hpp"
#include "component/store/schema.hpp"
#include "component/store/sqlite_delivery_store.hpp"
#include "tests/unit/temp_dir.hpp"

namespace cardex::component::store {
namespace {

using namespace std::chrono_literals;
using cardex::testing::TempDir;

const Timestamp kT0{Duration(1'800'000'000'000)};
const std::string kAlice = "alice@a.test";
const std::string kBob = "bob@b.test";
const std::string kCarol = "carol@c.test";

RetryPolicy test_policy() {
    RetryPolicy policy;
    policy.lease = 10s;
    policy.initial = 60s;
    policy.max = 600s;
    policy.lifetime = 24h;
    policy.jitter = 0;
    return policy;
}

NewCard card(std::vector<NewDelivery> deliveries, Timestamp stamp = kT0,
             const std::string& sender = kAlice) {
    return NewCard{sender,
                   stamp,
                   "<vcard xmlns='urn:ietf:params:xml:ns:vcard-4.0'/>",
                   std::move(deliveries),
                   std::nullopt,
                   "",
                   {}};
}

protocol::Ack saved(const std::string& id) {
    return {id, protocol::AckStatus::saved, false, std::nullopt};
}

protocol::Ack rejected(const std::string& id, const std::string& reason) {
    return {id, protocol::AckStatus::rejected, false, reason};
}

std::vector<std::string> ids_of(const std::vector<OpenDelivery>& deliveries) {
    std::vector<std::string> ids;
    for (const auto& d : deliveries)
        ids.push_back(d.id);
    return ids;
}

std::int64_t count(Database& db, const std::string& sql) {
    auto stmt = db.prepare(sql);
    EXPECT_TRUE(stmt.step());
    return stmt.integer(0);
}

class DeliveryStoreTest : public ::testing::Test {
  protected:
    DeliveryStoreTest() { prepare_database(db); }

    void add(std::vector<NewDelivery> deliveries, Timestamp stamp = kT0,
             const std::string& sender = kAlice) {
        const auto outcome = store.add_card(card(std::move(deliveries), stamp, sender), 100, stamp);
        ASSERT_FALSE(outcome.over_quota.has_value());
    }
    // The status of one of alice's deliveries.
    protocol::DeliveryStatus status_of(const std::string& id) {
        auto found = store.status(kAlice, {id});
        EXPECT_EQ(found.size(), 1u) << id;
        return found.empty() ? protocol::DeliveryStatus{} : found.front();
    }
    std::int64_t cards() { return count(db, "SELECT count(*) FROM cards"); }

    Database db{":memory:"};
    RetryPolicy policy = test_policy();
    SqliteDeliveryStore store{db, policy};
};

TEST_F(DeliveryStoreTest, AddCardStoresTheCardAndOnePendingDeliveryPerRecipient) {
    add({{"d1", kBob}, {"d2", kCarol}});
    EXPECT_EQ(cards(), 1);
    for (const auto* id : {"d1", "d2"}) {
        const auto status = status_of(id);
        EXPECT_EQ(status.state, DeliveryState::pending);
        EXPECT_EQ(status.attempts, 0u);
        EXPECT_EQ(status.created, kT0);
    }
    const auto page = store.open_deliveries(kBob, std::nullopt, 10);
    ASSERT_EQ(page.deliveries.size(), 1u);
    EXPECT_EQ(page.deliveries[0].id, "d1");
    EXPECT_EQ(page.deliveries[0].sender, kAlice);
    EXPECT_EQ(page.deliveries[0].stamp, kT0);
    EXPECT_EQ(page.deliveries[0].xml, card({}).xml);
}

TEST_F(DeliveryStoreTest, RecipientAtItsQuotaRefusesTheWholeCardAndStoresNothing) {
    ASSERT_FALSE(store.add_card(card({{"d1", kBob}}), 1, kT0).over_quota);
    const auto outcome = store.add_card(card({{"d2", kCarol}, {"d3", kBob}}), 1, kT0);
    EXPECT_EQ(outcome.over_quota, kBob);
    EXPECT_EQ(cards(), 1);
    EXPECT_TRUE(store.status(kAlice, {"d2", "d3"}).empty());
    EXPECT_EQ(store.count_open(kCarol, kCountAll), 0u);
    EXPECT_EQ(store.count_open(kBob, kCountAll), 1u);
    EXPECT_EQ(store.count_open(kBob, 0), 0u);  // counting stops at the bound
}

TEST_F(DeliveryStoreTest, FinalDeliveriesDoNotCountTowardsTheQuota) {
    ASSERT_FALSE(store.add_card(card({{"d1", kBob}}), 1, kT0).over_quota);
    store.ack(saved("d1"), kBob, kT0 + 1s);
    EXPECT_FALSE(store.add_card(card({{"d2", kBob}}), 1, kT0 + 2s).over_quota);
}

TEST_F(DeliveryStoreTest, RecordedCopiesMarkTheDeliverySentAndCountAttempts) {
    add({{"d1", kBob}});
    store.record_copies({{"d1", kT0 + 1s}});
    store.record_copies({{"d1", kT0 + 2s}});
    const auto status = status_of("d1");
    EXPECT_EQ(status.state, DeliveryState::sent);
    EXPECT_EQ(status.attempts, 2u);
    EXPECT_EQ(status.updated, kT0 + 2s);
}

TEST_F(DeliveryStoreTest, CapableRecipientResendsBackOffExponentiallyUpToTheMax) {
    store.make_capable(kBob, kT0);
    add({{"d1", kBob}});
    Timestamp copy_at = kT0;
    const std::vector<Duration> delays = {60s, 120s, 240s, 480s, 600s, 600s};
    for (const auto delay : delays) {
        store.record_copies({{"d1", copy_at}});
        EXPECT_TRUE(store.claim_due(copy_at + delay - 1ms, 10).resend.empty()) << delay.count();
        EXPECT_EQ(ids_of(store.claim_due(copy_at + delay, 10).resend),
                  std::vector<std::string>{"d1"})
            << delay.count();
        copy_at += delay;
    }
    EXPECT_EQ(status_of("d1").attempts, delays.size());
}

TEST_F(DeliveryStoreTest, NonCapableRecipientGetsNoResendBeforeTheDeliveryExpires) {
    add({{"d1", kBob}});
    store.record_copies({{"d1", kT0}});
    for (const auto at : {kT0 + policy.initial, kT0 + 1h, kT0 + policy.lifetime - 1ms}) {
        const auto due = store.claim_due(at, 10);
        EXPECT_TRUE(due.resend.empty());
        EXPECT_TRUE(due.expired.empty());
    }
    EXPECT_EQ(status_of("d1").state, DeliveryState::sent);
}

TEST_F(DeliveryStoreTest, MakingARecipientCapableSchedulesATimerResendOfItsSentDeliveries) {
    add({{"d1", kBob}});
    store.record_copies({{"d1", kT0}});
    EXPECT_TRUE(store.make_capable(kBob, kT0 + 1h));
    EXPECT_FALSE(store.make_capable(kBob, kT0 + 2h));
    EXPECT_TRUE(store.claim_due(kT0 + 1h + policy.initial - 1ms, 10).resend.empty());
    EXPECT_EQ(ids_of(store.claim_due(kT0 + 1h + policy.initial, 10).resend),
              std::vector<std::string>{"d1"});
}

TEST_F(DeliveryStoreTest, PendingDeliveryIsDueAfterTheLeaseAndThenLeasedAgain) {
    add({{"d1", kBob}});
    EXPECT_TRUE(store.claim_due(kT0 + policy.lease - 1ms, 10).resend.empty());
    const auto due = store.claim_due(kT0 + policy.lease, 10);
    ASSERT_EQ(ids_of(due.resend), std::vector<std::string>{"d1"});
    EXPECT_EQ(due.resend[0].xml, card({}).xml);
    EXPECT_TRUE(store.claim_due(kT0 + 2 * policy.lease - 1ms, 10).resend.empty());
    EXPECT_EQ(ids_of(store.claim_due(kT0 + 2 * policy.lease, 10).resend),
              std::vector<std::string>{"d1"});
}

TEST_F(DeliveryStoreTest, ReleasedDeliveryIsDueAtOnce) {
    add({{"d1", kBob}});
    store.release({"d1"}, kT0 + 1s);
    EXPECT_EQ(ids_of(store.claim_due(kT0 + 1s, 10).resend), std::vector<std::string>{"d1"});
}

TEST_F(DeliveryStoreTest, TakeDueExpiresDeliveriesPastTheLifetime) {
    add({{"d1", kBob}, {"d2", kCarol}});
    store.record_copies({{"d1", kT0}});
    const Timestamp end = kT0 + policy.lifetime;
    const auto due = store.claim_due(end, 10);
    EXPECT_TRUE(due.resend.empty());
    ASSERT_EQ(due.expired.size(), 2u);
    for (const auto& final : due.expired) {
        EXPECT_EQ(final.state, DeliveryState::expired);
        EXPECT_EQ(final.sender, kAlice);
        EXPECT_EQ(final.stamp, kT0);
        EXPECT_EQ(final.at, end);
        EXPECT_EQ(status_of(final.id).state, DeliveryState::expired);
    }
    EXPECT_TRUE(store.claim_due(end + 1h, 10).expired.empty());
    EXPECT_EQ(cards(), 0);
}

TEST_F(DeliveryStoreTest, AckOfAnUnknownDeliveryIsUnknown) {
    EXPECT_EQ(store.ack(saved("nope"), kBob, kT0).kind, AckOutcome::Kind::unknown);
}

TEST_F(DeliveryStoreTest, AckFromAnotherJidIsRefusedAndChangesNothing) {
    add({{"d1", kBob}});
    const auto outcome = store.ack(saved("d1"), kCarol, kT0 + 1s);
    EXPECT_EQ(outcome.kind, AckOutcome::Kind::not_recipient);
    EXPECT_FALSE(outcome.final);
    EXPECT_EQ(status_of("d1").state, DeliveryState::pending);
}

TEST_F(DeliveryStoreTest, FirstAckFinalizesTheDelivery) {
    add({{"d1", kBob}});
    const auto outcome = store.ack(saved("d1"), kBob, kT0 + 5s);
    ASSERT_EQ(outcome.kind, AckOutcome::Kind::finalized);
    ASSERT_TRUE(outcome.final);
    EXPECT_EQ(outcome.final->id, "d1");
    EXPECT_EQ(outcome.final->sender, kAlice);
    EXPECT_EQ(outcome.final->recipient, kBob);
    EXPECT_EQ(outcome.final->state, DeliveryState::acked);
    EXPECT_EQ(outcome.final->stamp, kT0);
    EXPECT_EQ(outcome.final->at, kT0 + 5s);
    EXPECT_EQ(status_of("d1").state, DeliveryState::acked);
}

TEST_F(DeliveryStoreTest, RejectingAckKeepsItsReason) {
    add({{"d1", kBob}});
    const auto outcome = store.ack(rejected("d1", "I do not know you"), kBob, kT0 + 5s);
    ASSERT_TRUE(outcome.final);
    EXPECT_EQ(outcome.final->state, DeliveryState::rejected);
    EXPECT_EQ(outcome.final->reason, "I do not know you");
}

TEST_F(DeliveryStoreTest, FirstFinalStateWins) {
    add({{"d1", kBob}});
    store.ack(saved("d1"), kBob, kT0 + 5s);
    EXPECT_EQ(store.ack(rejected("d1", "changed my mind"), kBob, kT0 + 6s).kind,
              AckOutcome::Kind::already_final);
    const auto again = store.ack(saved("d1"), kBob, kT0 + 7s);
    EXPECT_EQ(again.kind, AckOutcome::Kind::already_final);
    EXPECT_FALSE(again.final);
    const auto status = status_of("d1");
    EXPECT_EQ(status.state, DeliveryState::acked);
    EXPECT_EQ(status.updated, kT0 + 5s);
}

TEST_F(DeliveryStoreTest, BounceToRetryReturnsTheDeliveryToPendingKeepsTheReasonAndItIsRetried) {
    add({{"d1", kBob}});
    store.record_copies({{"d1", kT0}});
    EXPECT_EQ(store.open_recipient("d1"), kBob);
    EXPECT_FALSE(store.bounce("d1", true, "the recipient's server could not be reached", kT0 + 1s));
    const auto status = status_of("d1");
    EXPECT_EQ(status.state, DeliveryState::pending);
    EXPECT_EQ(status.reason, "the recipient's server could not be reached");
    EXPECT_TRUE(store.claim_due(kT0 + 1s + policy.initial - 1ms, 10).resend.empty());
    EXPECT_EQ(ids_of(store.claim_due(kT0 + 1s + policy.initial, 10).resend),
              std::vector<std::string>{"d1"});
}

TEST_F(DeliveryStoreTest, BounceThatCannotHealMakesTheDeliveryRefusedWithTheReason) {
    add({{"d1", kBob}});
    store.record_copies({{"d1", kT0}});
    const auto final = store.bounce("d1", false, "no such account (item-not-found)", kT0 + 1s);
    ASSERT_TRUE(final);
    EXPECT_EQ(final->state, DeliveryState::refused);
    EXPECT_EQ(final->reason, "no such account (item-not-found)");
    EXPECT_EQ(status_of("d1").state, DeliveryState::refused);
    EXPECT_FALSE(store.open_recipient("d1")) << "a final delivery is not open";
    EXPECT_FALSE(store.bounce("d1", true, "late", kT0 + 2s)) << "the first final state wins";
    EXPECT_EQ(status_of("d1").state, DeliveryState::refused);
}

TEST_F(DeliveryStoreTest, CardIsKeptUntilItsLastOpenDeliveryIsFinal) {
    add({{"d1", kBob}, {"d2", kCarol}});
    store.ack(saved("d1"), kBob, kT0 + 1s);
    EXPECT_EQ(cards(), 1);
    const auto page = store.open_deliveries(kCarol, std::nullopt, 10);
    ASSERT_EQ(page.deliveries.size(), 1u);
    EXPECT_EQ(page.deliveries[0].xml, card({}).xml);
    store.ack(saved("d2"), kCarol, kT0 + 2s);
    EXPECT_EQ(cards(), 0);
}

TEST_F(DeliveryStoreTest, OpenDeliveriesPagesThroughEveryOpenDeliveryOnceInTheOrderStored) {
    add({{"e", kBob}}, kT0);
    add({{"b", kBob}, {"x", kCarol}}, kT0);
    add({{"c", kBob}}, kT0 + 1s);
    add({{"a", kBob}}, kT0 + 2s);
    add({{"d", kBob}}, kT0 + 2s);
    add({{"f", kBob}}, kT0 + 3s);
    store.ack(saved("f"), kBob, kT0 + 4s);
    std::vector<std::string> seen;
    std::optional<SyncCursor> after;
    for (int page = 0; page < 10; ++page) {
        auto result = store.open_deliveries(kBob, after, 2);
        EXPECT_LE(result.deliveries.size(), 2u);
        for (const auto& id : ids_of(result.deliveries))
            seen.push_back(id);
        if (!result.next) break;
        after = result.next;
    }
    EXPECT_EQ(seen, (std::vector<std::string>{"e", "b", "c", "a", "d"}));
}

TEST_F(DeliveryStoreTest, OpenDeliveriesMergeCardsAndUpdatesInTheOrderStored) {
    add({{"first", kBob}}, kT0);
    NewCard update = card({{"update", kBob}}, kT0 + 1s, kCarol);
    update.origin = CardOrigin{"work", 2, std::nullopt, true};
    ASSERT_FALSE(store.add_card(update, 100, kT0 + 1s).over_quota.has_value());
    add({{"last", kBob}}, kT0 + 2s);
    std::vector<std::string> seen;
    std::optional<SyncCursor> after;
    for (int page = 0; page < 5; ++page) {
        auto result = store.open_deliveries(kBob, after, 1);
        for (const auto& id : ids_of(result.deliveries))
            seen.push_back(id);
        if (!result.next) break;
        after = result.next;
    }
    EXPECT_EQ(seen, (std::vector<std::string>{"first", "update", "last"}));
    EXPECT_EQ(store.count_open(kBob, kCountAll), 3u);
}

// Two addresses may share an index key (address_key.hpp): a row is another address's however
// its key reads. The row is written by hand with bob's and alice's keys, as eve's and
// mallory's would be if their addresses collided with theirs.
TEST_F(DeliveryStoreTest, ARowUnderAnAddressKeyOfAnotherAddressIsNotItsDelivery) {
    add({{"bobs", kBob}}, kT0);
    auto insert = db.prepare(
        "INSERT INTO deliveries (id, card, sender, sender_key, recipient, recipient_key, state,"
        " attempts, created, updated, next_attempt) VALUES ('eves', 1, 'mallory@a.test', ?,"
        " 'eve@b.test', ?, 'sent', 1, ?, ?, ?)");
    insert.bind(1, address_key(kAlice)).bind(2, address_key(kBob));
    insert.bind(3, ms(kT0 + 1s)).bind(4, ms(kT0 + 1s)).bind(5, ms(kT0 + 1h)).run();
    EXPECT_EQ(ids_of(store.open_deliveries(kBob, std::nullopt, 10).deliveries),
              (std::vector<std::string>{"bobs"}));
    const auto alices = store.status(kAlice, {});
    ASSERT_EQ(alices.size(), 1u);
    EXPECT_EQ(alices[0].id, "bobs");
    EXPECT_TRUE(store.make_capable(kBob, kT0 + 2s));
    EXPECT_EQ(count(db, "SELECT next_attempt FROM deliveries WHERE id = 'eves'"), ms(kT0 + 1h))
        << "bob becoming capable leaves eve's delivery alone";
}

// The key is stored on disk: it must be the same in every version and on every machine.
TEST(AddressKeyTest, IsFnv1aFoldedTo48BitsAndNeverChanges) {
    EXPECT_EQ(address_key(""), 0x9ce48422e8d7);
    EXPECT_EQ(address_key("alice@a.test"), 0xd24afe97d48a);
    EXPECT_EQ(address_key("bob@b.test"), 0xbfa66d1570f6);
    EXPECT_EQ(address_key("caf\xc3\xa9@a.test"), 0x602faa535e3d) << "the UTF-8 bytes";
}

TEST_F(DeliveryStoreTest, StatusListsOnlyTheSendersOwnKnownDeliveries) {
    add({{"d1", kBob}});
    add({{"d2", kBob}}, kT0, "dave@a.test");
    const auto found = store.status(kAlice, {"d1", "d2", "nope"});
    ASSERT_EQ(found.size(), 1u);
    EXPECT_EQ(found[0].id, "d1");
    EXPECT_EQ(found[0].to.str(), kBob);
}

TEST_F(DeliveryStoreTest, StatusWithoutIdsListsAtMostTheHundredNewestNewestFirst) {
    for (int i = 0; i < 105; ++i)
        add({{"d" + std::to_string(i), "r" + std::to_string(i) + "@b.test"}},
            kT0 + std::chrono::seconds(i));
    add({{"other", kBob}}, kT0 + 1h, "dave@a.test");
    const auto found = store.status(kAlice, {});
    ASSERT_EQ(found.size(), 100u);
    EXPECT_EQ(found.front().id, "d104");
    EXPECT_EQ(found.back().id, "d5");
    EXPECT_TRUE(std::is_sorted(found.begin(), found.end(),
                               [](const auto& a, const auto& b) { return a.created > b.created; }));
}

TEST_F(DeliveryStoreTest, PurgeForgetsFinalDeliveriesOlderThanTheLifetimeAndKeepsOpenOnes) {
    add({{"d1", kBob}, {"d2", kCarol}});
    store.ack(saved("d1"), kBob, kT0 + 1s);
    EXPECT_EQ(store.purge(kT0 + 1s + policy.lifetime - 1s), 0u);
    EXPECT_EQ(store.purge(kT0 + 1s + policy.lifetime + 1s), 1u);
    const auto left = store.status(kAlice, {"d1", "d2"});
    ASSERT_EQ(left.size(), 1u);
    EXPECT_EQ(left[0].id, "d2");
}

TEST_F(DeliveryStoreTest, CardsAreStoredCompressedAndReadBackAsSubmitted) {
    NewCard big = card({{"d1", kBob}});
    big.xml = "<vcard xmlns='urn:ietf:params:xml:ns:vcard-4.0'>";
    for (int i = 0; i < 40; ++i)
        big.xml += "<tel><parameters><type><text>work</text></type></parameters><uri>tel:+1-555-" +
                   std::to_string(1000 + i) + "</uri></tel>";
    big.xml += "</vcard>";
    ASSERT_FALSE(store.add_card(big, 100, kT0).over_quota);
    EXPECT_EQ(count(db, "SELECT count(*) FROM cards WHERE typeof(xml) = 'blob'"), 1);
    EXPECT_LT(count(db, "SELECT length(xml) FROM cards"),
              static_cast<std::int64_t>(big.xml.size()) / 3);
    const auto page = store.open_deliveries(kBob, std::nullopt, 10);
    ASSERT_EQ(page.deliveries.size(), 1u);
    EXPECT_EQ(page.deliveries[0].xml, big.xml);
}

TEST_F(DeliveryStoreTest, ACardStoredBeforeCompressionIsReadAsItIs) {
    add({{"d1", kBob}});
    db.exec("UPDATE cards SET xml = '<vcard xmlns=''urn:ietf:params:xml:ns:vcard-4.0''/>'");
    EXPECT_EQ(count(db, "SELECT count(*) FROM cards WHERE typeof(xml) = 'text'"), 1);
    const auto page = store.open_deliveries(kBob, std::nullopt, 10);
    ASSERT_EQ(page.deliveries.size(), 1u);
    EXPECT_EQ(page.deliveries[0].xml, card({}).xml);
}

TEST_F(DeliveryStoreTest, ADamagedStoredCardIsAnErrorThatSaysSoAndLeavesTheOthersReadable) {
    add({{"d1", kBob}});
    add({{"d2", kCarol}});
    db.exec("UPDATE cards SET xml = x'00112233445566778899' WHERE card = 1");
    try {
        store.open_deliveries(kBob, std::nullopt, 10);
        ADD_FAILURE() << "a damaged card was read";
    } catch (const SqliteError& e) {
        EXPECT_NE(std::string(e.what()).find("a stored card is damaged"), std::string::npos)
            << e.what();
    }
    const auto page = store.open_deliveries(kCarol, std::nullopt, 10);
    ASSERT_EQ(page.deliveries.size(), 1u);
    EXPECT_EQ(page.deliveries[0].xml, card({}).xml);
}

TEST_F(DeliveryStoreTest, ADeliveryIsMarkedOpenExactlyWhileItIsPendingOrSent) {
    // The indexes of open deliveries go by is_open: every way a state changes keeps it right.
    add({{"d1", kBob},
         {"d2", kCarol},
         {"d3", "dave@d.test"},
         {"d4", "erin@e.test"},
         {"d5", "frank@f.test"}});
    store.record_copies({{"d1", kT0}, {"d2", kT0}, {"d3", kT0}, {"d4", kT0}});
    store.ack(saved("d1"), kBob, kT0 + 1s);
    store.ack(rejected("d2", "no thanks"), kCarol, kT0 + 1s);
    store.bounce("d3", false, "no such account", kT0 + 1s);
    store.bounce("d4", true, "the server could not be reached", kT0 + 1s);
    EXPECT_EQ(count(db, "SELECT count(*) FROM deliveries WHERE is_open = 1"), 2);
    EXPECT_EQ(count(db,
                    "SELECT count(*) FROM deliveries"
                    " WHERE is_open != (state IN ('pending', 'sent'))"),
              0);
    const auto due = store.claim_due(kT0 + policy.lifetime, 10);
    EXPECT_EQ(due.expired.size(), 2u) << "d4 and d5 expire; the final ones are not claimed";
    EXPECT_EQ(count(db, "SELECT count(*) FROM deliveries WHERE is_open = 1"), 0);
    EXPECT_EQ(count(db,
                    "SELECT count(*) FROM deliveries"
                    " WHERE is_open != (state IN ('pending', 'sent'))"),
              0);
}

// The quota reads each recipient's open deliveries from counts that triggers keep: they must
// equal the rows after every way a delivery opens, closes, moves or goes, the store's own
// statements and any other.
TEST_F(DeliveryStoreTest, OpenCountsEqualTheOpenRowsAfterEveryChange) {
    const auto expect_counts_match = [&](const std::string& when) {
        for (const auto& recipient : {kBob, kCarol}) {
            const std::string key = std::to_string(address_key(recipient));
            const std::string open_rows =
                "SELECT count(*) FROM deliveries WHERE is_open = 1 AND recipient_key = " + key;
            const std::string counted = " FROM open_counts WHERE recipient_key = " + key;
            const std::int64_t cards = count(db, open_rows + " AND is_update = 0");
            const std::int64_t updates = count(db, open_rows + " AND is_update = 1");
            EXPECT_EQ(count(db, "SELECT coalesce(sum(cards), 0)" + counted), cards)
                << recipient << " " << when;
            EXPECT_EQ(count(db, "SELECT coalesce(sum(updates), 0)" + counted), updates)
                << recipient << " " << when;
            EXPECT_EQ(store.count_open(recipient, kCountAll),
                      static_cast<std::uint64_t>(cards + updates))
                << recipient << " " << when;
        }
    };
    add({{"b1", kBob}, {"c1", kCarol}});
    add({{"b2", kBob}}, kT0 + 1s);
    add({{"b3", kBob}, {"c2", kCarol}}, kT0 + 2s);
    NewCard update = card({{"u1", kBob}}, kT0 + 3s, kCarol);
    update.origin = CardOrigin{"work", 2, std::nullopt, true};
    ASSERT_FALSE(store.add_card(update, 100, kT0 + 3s).over_quota.has_value());
    expect_counts_match("after the submits");
    EXPECT_EQ(store.count_open(kBob, kCountAll), 4u);
    EXPECT_EQ(store.count_open(kBob, 2), 2u) << "the count is bounded by at_most";

    store.record_copies({{"b1", kT0}, {"b2", kT0}, {"c1", kT0}});
    store.ack(saved("b1"), kBob, kT0 + 4s);
    store.ack(rejected("c1", "no thanks"), kCarol, kT0 + 4s);
    store.bounce("b2", true, "the server could not be reached", kT0 + 4s);
    store.bounce("b3", false, "no such account", kT0 + 4s);
    expect_counts_match("after acks and bounces");
    EXPECT_EQ(store.count_open(kBob, kCountAll), 2u) << "b2 and u1";

    db.exec("UPDATE deliveries SET is_open = 1, state = 'sent' WHERE id = 'b1'");
    expect_counts_match("after a delivery opened again by hand");
    db.exec("UPDATE deliveries SET recipient = '" + kCarol +
            "', recipient_key = " + std::to_string(address_key(kCarol)) + " WHERE id = 'b2'");
    expect_counts_match("after a delivery moved to another recipient by hand");
    db.exec("DELETE FROM deliveries WHERE id = 'u1'");
    expect_counts_match("after an open delivery deleted by hand");

    store.claim_due(kT0 + policy.lifetime + 1h, 10);
    expect_counts_match("after every delivery expired");
    EXPECT_EQ(store.count_open(kBob, kCountAll), 0u);
    EXPECT_EQ(store.count_open(kCarol, kCountAll), 0u);
    store.purge(kT0 + 3 * policy.lifetime);
    expect_counts_match("after the final deliveries were purged");
    EXPECT_EQ(count(db, "SELECT count(*) FROM open_counts"), 0)
        << "the purge forgets the counts of recipients with nothing open";
    add({{"b4", kBob}}, kT0 + 3 * policy.lifetime);
    expect_counts_match("after a submit to a recipient whose count was forgotten");
    EXPECT_EQ(store.count_open(kBob, kCountAll), 1u);
}

TEST(CardStoreFileTest, DeliveriesSurviveClosingAndReopeningTheDatabase) {
    const TempDir dir;
    const auto path = dir.file("cards.db");
    {
        Database db(path);
        prepare_database(db);
        SqliteDeliveryStore store(db, test_policy());
        ASSERT_FALSE(store.add_card(card({{"d1", kBob}}), 10, kT0).over_quota);
        store.record_copies({{"d1", kT0 + 1s}});
    }
    Database db(path);
    prepare_database(db);
    SqliteDeliveryStore store(db, test_policy());
    const auto page = store.open_deliveries(kBob, std::nullopt, 10);
    ASSERT_EQ(page.deliveries.size(), 1u);
    EXPECT_EQ(page.deliveries[0].id, "d1");
    EXPECT_EQ(page.deliveries[0].attempts, 1u);
    EXPECT_EQ(page.deliveries[0].xml, card({}).xml);
}

TEST(CardStoreFileTest, DatabaseFromANewerSchemaIsRefusedNamingBothVersions) {
    const TempDir dir;
    const auto path = dir.file("cards.db");
    {
        Database db(path);
        prepare_database(db);
        db.exec("PRAGMA user_version = " + std::to_string(kSchemaVersion + 1));
    }
    Database db(path);
    try {
        prepare_database(db);
        FAIL() << "a newer schema was accepted";
    } catch (const SqliteError& e) {
        const std::string message = e.what();
        EXPECT_NE(message.find(std::to_string(kSchemaVersion + 1)), std::string::npos) << message;
        EXPECT_NE(message.find(std::to_string(kSchemaVersion)), std::string::npos) << message;
    }
}

std::int64_t pragma(Database& db, const std::string& name) {
    auto value = db.prepare("PRAGMA " + name);
    EXPECT_TRUE(value.step()) << name;
    return value.integer(0);
}

TEST(CardStoreFileTest, PreparedDatabaseUsesWalAndFullSync) {
    const TempDir dir;
    Database db(dir.file("cards.db"));
    prepare_database(db);
    auto journal = db.prepare("PRAGMA journal_mode");
    ASSERT_TRUE(journal.step());
    EXPECT_EQ(journal.text(0), "wal");
    EXPECT_EQ(pragma(db, "synchronous"), 2);
}

TEST(CardStoreFileTest, NewDatabaseHasSmallPagesAndCheckpointsEvery64MiB) {
    const TempDir dir;
    Database db(dir.file("cards.db"));
    prepare_database(db);
    EXPECT_EQ(pragma(db, "page_size"), 4096);
    EXPECT_EQ(pragma(db, "wal_autocheckpoint") * 4096, 64 * 1024 * 1024);
    EXPECT_EQ(pragma(db, "cache_size"), -16 * 1024) << "16 MiB, in KiB";
}

TEST(CardStoreFileTest, PageCacheHasTheConfiguredSize) {
    const TempDir dir;
    Database db(dir.file("cards.db"));
    prepare_database(db, 48);
    EXPECT_EQ(pragma(db, "cache_size"), -48 * 1024);
}

TEST(CardStoreFileTest, DatabaseWithLargerPagesKeepsThemAndTheSameCheckpointInterval) {
    const TempDir dir;
    {
        Database old(dir.file("cards.db"));
        old.exec("PRAGMA page_size = 16384");
        old.exec("CREATE TABLE t (x)");
    }
    Database db(dir.file("cards.db"));
    prepare_database(db);
    EXPECT_EQ(pragma(db, "page_size"), 16384);
    EXPECT_EQ(pragma(db, "wal_autocheckpoint") * 16384, 64 * 1024 * 1024);
}

}  // namespace
}  // namespace cardex::component::store
