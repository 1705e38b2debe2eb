// The card service's database from an older version: migration 3 turns the delivery states
// (numbers until then) into their names, migration 8 marks which deliveries are open; each
// keeps every delivery and leaves a database that the delivery store reads as before.
#include <gtest/gtest.h>

#include <string>
#include <vector>

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

}  // namespace
}  // namespace cardex::component::store
