// The card service's database from an older version: migration 3 turns the delivery states
// (numbers until then) into their names, migration 8 marks which deliveries are open,
// migration 9 numbers them in the order they were stored and keys the indexes by address
// number, migration 10 gives capable recipients the form of their copies; each keeps every
// delivery and leaves a database that the delivery store reads as before.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "component/store/address_key.hpp"
#include "component/store/schema.hpp"
#include "component/store/sqlite_delivery_store.hpp"
#include "sqlite/migrations.hpp"

namespace cardex::component::store {
namespace {

TEST(DeliveryStoreMigration, StatesStoredAsNumbersBecomeTheirNames) {
    Database db(":memory:");
    sqlite::migrate(db, migrations().first(2), "the database", "cardexd");
    db.exec("INSERT INTO cards (card, sender, stamp, xml) VALUES (1, 'alice@a.test', 0, '<v/>')");
    const char* names[] = {"pending", "sent", "acked", "rejected", "expired"};
    for (int state = 0; state < 5; ++state) {
        db.exec(
            "INSERT INTO deliveries (id, card, sender, recipient, state, attempts, created,"
            " updated, next_attempt) VALUES ('d" +
            std::to_string(state) + "', 1, 'alice@a.test', 'bob@b.test', " + std::to_string(state) +
            ", 1, 1, 2, 3)");
    }
    prepare_database(db);
    EXPECT_EQ(sqlite::user_version(db), kSchemaVersion);
    SqliteDeliveryStore store(db, RetryPolicy{});
    const auto status = store.status("alice@a.test", {"d0", "d1", "d2", "d3", "d4"});
    ASSERT_EQ(status.size(), 5u);
    for (int state = 0; state < 5; ++state) {
        EXPECT_EQ(protocol::to_string(status[static_cast<std::size_t>(state)].state), names[state]);
    }
    EXPECT_EQ(store.count_open("bob@b.test", kCountAll), 2u) << "pending and sent are open";
}

TEST(DeliveryStoreMigration, OpenDeliveriesAreMarkedOpenAndFinalOnesAreNot) {
    Database db(":memory:");
    sqlite::migrate(db, migrations().first(7), "the database", "cardexd");
    db.exec("INSERT INTO cards (card, sender, stamp, xml) VALUES (1, 'alice@a.test', 0, '<v/>')");
    const char* states[] = {"pending", "sent", "acked", "rejected", "expired", "refused"};
    for (const char* state : states) {
        db.exec(
            "INSERT INTO deliveries (id, card, sender, recipient, state, attempts, created,"
            " updated, next_attempt) VALUES ('" +
            std::string(state) + "', 1, 'alice@a.test', 'bob@b.test', '" + state +
            "', 1, 1, 2, 3)");
    }
    prepare_database(db);
    EXPECT_EQ(sqlite::user_version(db), kSchemaVersion);
    auto open = db.prepare("SELECT id FROM deliveries WHERE is_open = 1 ORDER BY id");
    std::vector<std::string> ids;
    while (open.step())
        ids.push_back(open.text(0));
    EXPECT_EQ(ids, (std::vector<std::string>{"pending", "sent"}));

    RetryPolicy policy;
    SqliteDeliveryStore store(db, policy);
    EXPECT_EQ(store.count_open("bob@b.test", kCountAll), 2u);
    const auto due = store.claim_due(Timestamp(Duration(1)) + policy.lifetime, 10);
    EXPECT_EQ(due.expired.size(), 2u) << "only the open ones expire";
    EXPECT_EQ(store.purge(Timestamp(Duration(2)) + policy.lifetime), 4u)
        << "the final ones are purged after the lifetime";
    EXPECT_EQ(store.status("alice@a.test", {}).size(), 2u);
}

TEST(DeliveryStoreMigration, DeliveriesAreNumberedInTheOrderStoredAndKeyedByAddress) {
    Database db(":memory:");
    sqlite::migrate(db, migrations().first(8), "the database", "cardexd");
    db.exec("INSERT INTO cards (card, sender, stamp, xml) VALUES (1, 'alice@a.test', 0, '<v/>')");
    // id, recipient, state, created: the order stored is by created, then id.
    const char* rows[][4] = {{"z", "bob@b.test", "pending", "1"},
                             {"b", "bob@b.test", "sent", "3"},
                             {"a", "bob@b.test", "sent", "3"},
                             {"c", "carol@c.test", "pending", "2"},
                             {"d", "bob@b.test", "acked", "2"}};
    for (const auto& row : rows) {
        const std::string open = std::string(row[2]) == "acked" ? "0" : "1";
        db.exec(
            "INSERT INTO deliveries (id, card, sender, recipient, state, attempts, created,"
            " updated, next_attempt, is_open) VALUES ('" +
            std::string(row[0]) + "', 1, 'alice@a.test', '" + row[1] + "', '" + row[2] + "', 1, " +
            row[3] + ", 4, 5, " + open + ")");
    }
    prepare_database(db);
    EXPECT_EQ(sqlite::user_version(db), kSchemaVersion);

    auto keys = db.prepare("SELECT id, sender_key, recipient, recipient_key FROM deliveries");
    int checked = 0;
    while (keys.step()) {
        EXPECT_EQ(keys.integer(1), address_key("alice@a.test")) << keys.text(0);
        EXPECT_EQ(keys.integer(3), address_key(keys.text(2))) << keys.text(0);
        ++checked;
    }
    EXPECT_EQ(checked, 5) << "every delivery is kept";

    SqliteDeliveryStore store(db, RetryPolicy{});
    std::vector<std::string> open;
    for (const auto& d : store.open_deliveries("bob@b.test", std::nullopt, 10).deliveries)
        open.push_back(d.id);
    EXPECT_EQ(open, (std::vector<std::string>{"z", "a", "b"}));
    EXPECT_EQ(store.count_open("bob@b.test", kCountAll), 3u);
    EXPECT_EQ(store.count_open("carol@c.test", kCountAll), 1u);
    std::vector<std::string> newest;
    for (const auto& status : store.status("alice@a.test", {}))
        newest.push_back(status.id);
    EXPECT_EQ(newest, (std::vector<std::string>{"b", "a", "d", "c", "z"}));
    const auto acked = store.ack({"a", protocol::AckStatus::saved, false, std::nullopt},
                                 "bob@b.test", Timestamp(Duration(6)));
    EXPECT_EQ(acked.kind, AckOutcome::Kind::finalized) << "found by its id";
    EXPECT_EQ(store.count_open("bob@b.test", kCountAll), 2u);
}

// Recipients capable before migration 10 stay capable and get xCard until they ask otherwise.
TEST(DeliveryStoreMigration, CapableRecipientsKeepXcardUntilTheyAskForText) {
    Database db(":memory:");
    sqlite::migrate(db, migrations().first(8), "the database", "cardexd");
    db.exec("INSERT INTO capable (jid, since) VALUES ('bob@b.test', 1)");
    prepare_database(db);
    EXPECT_EQ(sqlite::user_version(db), kSchemaVersion);
    SqliteDeliveryStore store(db, RetryPolicy{});
    const Timestamp now{std::chrono::milliseconds(1'800'000'000'000)};
    EXPECT_FALSE(store.make_capable("bob@b.test", now)) << "already capable";
    NewCard card{"alice@a.test", now, "<v/>", {{"d1", "bob@b.test"}, {"d2", "carol@a.test"}},
                 std::nullopt,   "",  {}};
    store.set_card_form("carol@a.test", protocol::CardForm::text, now);
    ASSERT_FALSE(store.add_card(card, 10, now).over_quota);
    EXPECT_EQ(card.deliveries[0].form, protocol::CardForm::xcard);
    EXPECT_EQ(card.deliveries[1].form, protocol::CardForm::text);
    store.set_card_form("bob@b.test", protocol::CardForm::text, now);
    const auto page = store.open_deliveries("bob@b.test", std::nullopt, 10);
    ASSERT_EQ(page.deliveries.size(), 1u);
    EXPECT_EQ(page.deliveries[0].form, protocol::CardForm::text);
    EXPECT_FALSE(store.make_capable("carol@a.test", now)) << "asking for a form makes capable";
}

}  // namespace
}  // namespace cardex::component::store
