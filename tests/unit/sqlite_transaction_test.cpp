// Nested transactions when SQLite has rolled back by itself: a full database (PRAGMA
// max_page_count stands for a full disk) fails a write inside a savepoint, SQLite rolls the
// whole transaction back, and the error that is reported is the full disk, not the rollback.
#include <gtest/gtest.h>

#include "sqlite/database.hpp"
#include "sqlite/migrations.hpp"
#include "sqlite/transaction.hpp"
#include "tests/unit/temp_dir.hpp"

namespace cardex::testing {
namespace {

using sqlite::Database;
using sqlite::SqliteError;
using sqlite::Transactions;

std::int64_t rows(Database& db) {
    auto stmt = db.prepare("SELECT count(*) FROM items");
    stmt.step();
    return stmt.integer(0);
}

void insert(Database& db, std::size_t bytes) {
    db.prepare("INSERT INTO items (data) VALUES (?1)").bind(1, std::string(bytes, 'x')).run();
}

// A database on disk with three rows, that cannot grow by more than a few pages.
struct NearlyFull {
    NearlyFull() : db(dir.file("items.db")) {
        db.exec("PRAGMA journal_mode = WAL");
        db.exec("CREATE TABLE items (id INTEGER PRIMARY KEY, data BLOB)");
        for (int i = 0; i < 3; ++i)
            insert(db, 100);
        auto pages = db.prepare("PRAGMA page_count");
        pages.step();
        db.exec("PRAGMA max_page_count = " + std::to_string(pages.integer(0) + 2));
    }
    TempDir dir;
    Database db;
};

TEST(SqliteTransactions, AFullDatabaseInsideASavepointReportsTheFullDatabase) {
    NearlyFull f;
    Transactions transactions(f.db);
    int code = 0;
    try {
        transactions.begin();
        insert(f.db, 100);  // fits
        transactions.begin();
        insert(f.db, 1'000'000);
        FAIL() << "a megabyte fitted into two pages";
    } catch (const SqliteError& e) {
        code = e.primary_code();
        transactions.rollback();  // must not throw, whatever SQLite has already undone
        transactions.rollback();
    }
    EXPECT_EQ(code, SQLITE_FULL);
    EXPECT_EQ(transactions.depth(), 0);
    EXPECT_EQ(rows(f.db), 3);  // the row that fitted went with the transaction
    transactions.begin();
    insert(f.db, 100);
    transactions.commit();
    EXPECT_EQ(rows(f.db), 4);
}

TEST(SqliteTransactions, WorkInATransactionSQLiteRolledBackFailsInsteadOfCommittingAlone) {
    NearlyFull f;
    Transactions transactions(f.db);
    transactions.begin();
    transactions.begin();
    EXPECT_THROW(insert(f.db, 1'000'000), SqliteError);
    transactions.rollback();  // the savepoint; the transaction is gone with it
    // A savepoint now would be a transaction of its own; the outer commit has nothing to commit.
    EXPECT_THROW(transactions.begin(), SqliteError);
    EXPECT_THROW(transactions.commit(), SqliteError);
    transactions.rollback();
    EXPECT_EQ(transactions.depth(), 0);
    EXPECT_EQ(rows(f.db), 3);
}

TEST(SqliteTransactions, AMigrationThatFillsTheDatabaseReportsThat) {
    NearlyFull f;
    const std::string migration =
        "CREATE TABLE more (data BLOB); INSERT INTO more VALUES (zeroblob(1000000));";
    const std::array<std::string_view, 1> migrations = {migration};
    try {
        sqlite::migrate(f.db, migrations, "the test database", "the test");
        FAIL() << "the migration fitted";
    } catch (const SqliteError& e) {
        EXPECT_EQ(e.primary_code(), SQLITE_FULL) << e.what();
        EXPECT_NE(std::string(e.what()).find("database or disk is full"), std::string::npos)
            << e.what();
    }
    EXPECT_EQ(sqlite::user_version(f.db), 0);
    EXPECT_EQ(rows(f.db), 3);
}

}  // namespace
}  // namespace cardex::testing
