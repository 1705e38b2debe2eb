// A thin RAII layer over SQLite: a connection and prepared statements with typed binds and
// columns, shared by the card service's store and the client's address book. Failures throw
// SqliteError, which never leaves the storage layer that uses it: the card store's worker and
// the address book catch it at their boundary and turn it into an Error value.
#pragma once

#include <sqlite3.h>

#include <cstdint>
#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>

namespace cardex::sqlite {

class SqliteError : public std::runtime_error {
  public:
    // `code` is SQLite's (extended) result code; SQLITE_ERROR when the failure is our own.
    explicit SqliteError(const std::string& what, int code = SQLITE_ERROR)
        : std::runtime_error(what), code_(code) {}
    int code() const { return code_; }
    // The primary result code (SQLITE_FULL for SQLITE_FULL and its extended codes).
    int primary_code() const { return code_ & 0xFF; }

  private:
    int code_;
};

class Statement {
  public:
    Statement(sqlite3* db, std::string_view sql);

    // Binds by 1-based position; returns *this so that binds chain.
    Statement& bind(int index, std::int64_t value);
    Statement& bind(int index, std::string_view value);
    Statement& bind(int index, const std::string& value) {
        return bind(index, std::string_view(value));
    }
    Statement& bind(int index, std::nullopt_t);
    Statement& bind(int index, const std::optional<std::string>& value);
    Statement& bind(int index, const std::optional<std::int64_t>& value);
    // Binds bytes as a BLOB (bind() of a string binds TEXT).
    Statement& bind_blob(int index, std::string_view bytes);

    // Steps once; true while a row is available.
    bool step();
    // Runs a statement that returns no rows (resets it first and after).
    void run();
    // Resets for the next execution (bindings are kept until rebound).
    void reset();

    std::int64_t integer(int column) const;
    std::string text(int column) const;
    std::optional<std::string> optional_text(int column) const;
    std::string blob(int column) const;
    bool is_blob(int column) const;

  private:
    struct Finalize {
        void operator()(sqlite3_stmt* s) const { sqlite3_finalize(s); }
    };
    sqlite3* db_;
    std::unique_ptr<sqlite3_stmt, Finalize> stmt_;
};

// Whether opening a database file may create it.
enum class OpenMode { create_if_missing, existing_only };

class Database {
  public:
    // Opens (by default creating if needed) the file; ":memory:" for a private in-memory
    // database. Opening reads nothing yet: a file that is not a database fails on first use.
    explicit Database(const std::filesystem::path& path,
                      OpenMode mode = OpenMode::create_if_missing);

    void exec(std::string_view sql);
    Statement prepare(std::string_view sql) { return Statement(db_.get(), sql); }
    // A statement prepared once and kept for the connection's life, reset and ready to bind.
    Statement& cached(std::string_view sql);
    // Resets every cached statement. A statement left on a row keeps a read transaction open
    // past COMMIT, which blocks the WAL checkpoints; the store worker calls this before each
    // COMMIT so that no operation can leave one behind.
    void reset_cached();
    std::int64_t changes() const { return sqlite3_changes64(db_.get()); }
    sqlite3* handle() const { return db_.get(); }

  private:
    struct Close {
        void operator()(sqlite3* db) const { sqlite3_close_v2(db); }
    };
    std::unique_ptr<sqlite3, Close> db_;
    std::map<std::string, Statement, std::less<>> statements_;  // before db_ in destruction
};

}  // namespace cardex::sqlite
