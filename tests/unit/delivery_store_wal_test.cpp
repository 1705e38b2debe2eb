// The card store on a real SQLite file in WAL mode: after the store's own requests SQLite can
// still checkpoint, so the write-ahead log is folded back into the database instead of growing
// with every card.
#include <gtest/gtest.h>
#include <sqlite3.h>
#include <unistd.h>

#include <filesystem>
#include <string>

#include "component/store/schema.hpp"
#include "component/store/sqlite.hpp"
#include "component/store/sqlite_delivery_store.hpp"

namespace cardex::component::store {
namespace {

class DeliveryStoreWal : public ::testing::Test {
  protected:
    void SetUp() override {
        dir_ = std::filesystem::temp_directory_path() /
               ("cardex-wal-test-" + std::to_string(::getpid()));
        std::filesystem::remove_all(dir_);
        std::filesystem::create_directories(dir_);
    }
    void TearDown() override { std::filesystem::remove_all(dir_); }

    std::filesystem::path dir_;
};

TEST_F(DeliveryStoreWal, CheckpointsAfterASubmitWithItsQuotaCheck) {
    Database db(dir_ / "cards.db");
    prepare_database(db);
    SqliteDeliveryStore store(db, RetryPolicy{});
    const Timestamp now{std::chrono::milliseconds(1'700'000'000'000)};
    NewCard card{"alice@a.test",
                 now,
                 "<vcard xmlns='urn:ietf:params:xml:ns:vcard-4.0'/>",
                 {{"d1", "bob@b.test"}, {"d2", "carol@a.test"}},
                 std::nullopt,
                 "",
                 {}};

    db.exec("BEGIN IMMEDIATE");
    const SubmitOutcome outcome = store.add_card(card, 100, now);
    db.exec("COMMIT");
    ASSERT_FALSE(outcome.over_quota);

    int wal_frames = -1;
    int checkpointed = -1;
    const int rc = sqlite3_wal_checkpoint_v2(db.handle(), nullptr, SQLITE_CHECKPOINT_PASSIVE,
                                             &wal_frames, &checkpointed);
    EXPECT_EQ(rc, SQLITE_OK) << sqlite3_errstr(rc);
    EXPECT_GT(wal_frames, 0);
    EXPECT_EQ(checkpointed, wal_frames);
}

}  // namespace
}  // namespace cardex::component::store
