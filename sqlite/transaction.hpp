// Nested transactions on one connection: the outermost is BEGIN IMMEDIATE ... COMMIT (the
// write lock is taken at once, so that it never fails half-way for a lock), those inside it are
// savepoints, so that each is all or nothing.
//
// After some failures SQLite has already rolled the whole transaction back by itself
// (SQLITE_FULL, SQLITE_IOERR, SQLITE_NOMEM, also a COMMIT that could not write): then there is
// nothing left to roll back. rollback() sees that and never throws, so that the error that
// caused it is the one reported, not "cannot rollback - no transaction is active". Work that
// carries on inside a transaction that is gone fails instead of running outside it.
#pragma once

#include <string_view>

#include "sqlite/database.hpp"

namespace cardex::sqlite {

class Transactions {
  public:
    explicit Transactions(Database& db) : db_(db) {}
    Transactions(const Transactions&) = delete;
    Transactions& operator=(const Transactions&) = delete;

    // Opens a transaction, or a savepoint inside the open one. Throws SqliteError.
    void begin();
    // Commits the innermost one (COMMIT, or RELEASE of its savepoint). Throws SqliteError; the
    // transaction then still counts as open, and the caller rolls it back.
    void commit();
    // Rolls the innermost one back, as far as SQLite has not done so already. Never throws.
    void rollback() noexcept;
    // Open transactions: 0 outside, 1 in the outermost, more in savepoints.
    int depth() const { return depth_; }

  private:
    bool transaction_gone() const;

    Database& db_;
    int depth_ = 0;
};

// Rolls back the open transaction of `db`, if SQLite has not already done so; never throws.
// For a single transaction after a failure (a schema migration).
void roll_back_quietly(Database& db) noexcept;

}  // namespace cardex::sqlite
