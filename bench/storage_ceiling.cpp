#include "bench/storage_ceiling.hpp"

#include <sqlite3.h>

#include <chrono>
#include <memory>

#include "bench/proc_stats.hpp"

namespace cardex::bench {
namespace {

using Clock = std::chrono::steady_clock;

struct DbClose {
    void operator()(sqlite3* db) const { sqlite3_close(db); }
};
struct StmtFinalize {
    void operator()(sqlite3_stmt* s) const { sqlite3_finalize(s); }
};
using Db = std::unique_ptr<sqlite3, DbClose>;
using Stmt = std::unique_ptr<sqlite3_stmt, StmtFinalize>;

Status exec(sqlite3* db, const char* sql) {
    char* message = nullptr;
    if (sqlite3_exec(db, sql, nullptr, nullptr, &message) == SQLITE_OK) return Ok{};
    std::string text = std::string(sql) + ": " + (message ? message : "unknown error");
    sqlite3_free(message);
    return make_error("SQLite: " + text);
}

Status insert_row(sqlite3_stmt* insert, std::size_t k, const std::string& card) {
    const std::string id = "d" + std::to_string(k) + "-0123456789abcdef";
    const std::string sender = "user" + std::to_string(k % 1000) + "@a.test";
    const std::string recipient = "rcpt" + std::to_string(k % 10000) + "@a.test";
    sqlite3_reset(insert);
    sqlite3_bind_text(insert, 1, id.c_str(), static_cast<int>(id.size()), SQLITE_TRANSIENT);
    sqlite3_bind_text(insert, 2, sender.c_str(), static_cast<int>(sender.size()), SQLITE_TRANSIENT);
    sqlite3_bind_text(insert, 3, recipient.c_str(), static_cast<int>(recipient.size()),
                      SQLITE_TRANSIENT);
    sqlite3_bind_int64(insert, 4, static_cast<sqlite3_int64>(k));
    sqlite3_bind_blob(insert, 5, card.data(), static_cast<int>(card.size()), SQLITE_STATIC);
    if (sqlite3_step(insert) != SQLITE_DONE)
        return make_error(std::string("SQLite insert: ") +
                          sqlite3_errmsg(sqlite3_db_handle(insert)));
    return Ok{};
}

std::uint64_t size_or_zero(const std::filesystem::path& file) {
    std::error_code ignored;
    const auto size = std::filesystem::file_size(file, ignored);
    return ignored ? 0 : size;
}

}  // namespace

Result<StorageCeiling> measure_storage(const std::filesystem::path& dir,
                                       const std::vector<std::string>& cards, std::size_t rows,
                                       std::size_t batch, double max_seconds) {
    const std::filesystem::path file = dir / "storage-ceiling.db";
    for (const char* suffix : {"", "-wal", "-shm"})
        std::filesystem::remove(file.string() + suffix);
    sqlite3* raw = nullptr;
    if (sqlite3_open(file.c_str(), &raw) != SQLITE_OK) {
        Db closer(raw);
        return make_error("cannot open " + file.string() + ": " + sqlite3_errmsg(raw));
    }
    Db db(raw);
    for (const char* sql :
         {"PRAGMA page_size=4096", "PRAGMA journal_mode=WAL", "PRAGMA synchronous=FULL",
          "CREATE TABLE cards(id TEXT PRIMARY KEY, sender TEXT NOT NULL, recipient TEXT NOT NULL,"
          " created INTEGER NOT NULL, card BLOB NOT NULL)",
          "CREATE INDEX cards_by_recipient ON cards(recipient)"}) {
        if (auto done = exec(db.get(), sql); !done) return done.error();
    }
    sqlite3_stmt* statement = nullptr;
    sqlite3_prepare_v2(db.get(), "INSERT INTO cards VALUES(?1, ?2, ?3, ?4, ?5)", -1, &statement,
                       nullptr);
    Stmt insert(statement);
    StorageCeiling ceiling;
    ceiling.batch = batch;
    const auto start = Clock::now();
    const double cpu_start = thread_cpu_seconds();
    while (ceiling.rows < rows) {
        if (auto done = exec(db.get(), "BEGIN"); !done) return done.error();
        for (std::size_t i = 0; i < batch && ceiling.rows < rows; ++i, ++ceiling.rows) {
            auto inserted =
                insert_row(insert.get(), ceiling.rows, cards[ceiling.rows % cards.size()]);
            if (!inserted) return inserted.error();
        }
        if (auto done = exec(db.get(), "COMMIT"); !done) return done.error();
        ++ceiling.commits;
        ceiling.seconds = std::chrono::duration<double>(Clock::now() - start).count();
        ceiling.cpu_seconds = thread_cpu_seconds() - cpu_start;
        if (ceiling.seconds > max_seconds) break;
    }
    ceiling.file_bytes = size_or_zero(file) + size_or_zero(file.string() + "-wal");
    insert.reset();
    db.reset();
    for (const char* suffix : {"", "-wal", "-shm"})
        std::filesystem::remove(file.string() + suffix);
    return ceiling;
}

Result<std::vector<std::pair<std::string, std::uint64_t>>> bytes_per_table(
    const std::filesystem::path& file) {
    sqlite3* raw = nullptr;
    const int opened = sqlite3_open_v2(file.c_str(), &raw, SQLITE_OPEN_READONLY, nullptr);
    Db db(raw);
    if (opened != SQLITE_OK) return make_error("SQLite: cannot open " + file.string());
    sqlite3_stmt* raw_stmt = nullptr;
    const char* sql = "SELECT name, SUM(pgsize) FROM dbstat GROUP BY name ORDER BY 2 DESC";
    if (sqlite3_prepare_v2(db.get(), sql, -1, &raw_stmt, nullptr) != SQLITE_OK)
        return make_error(std::string("SQLite's dbstat: ") + sqlite3_errmsg(db.get()));
    Stmt query(raw_stmt);
    std::vector<std::pair<std::string, std::uint64_t>> out;
    while (sqlite3_step(query.get()) == SQLITE_ROW) {
        out.emplace_back(reinterpret_cast<const char*>(sqlite3_column_text(query.get(), 0)),
                         static_cast<std::uint64_t>(sqlite3_column_int64(query.get(), 1)));
    }
    return out;
}

}  // namespace cardex::bench
