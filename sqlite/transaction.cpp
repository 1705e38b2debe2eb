#include "sqlite/transaction.hpp"

namespace cardex::sqlite {
namespace {

// The savepoints are prepared once: an import opens one for each of its cards.
constexpr std::string_view kSavepoint = "SAVEPOINT operation";
constexpr std::string_view kRelease = "RELEASE operation";
constexpr std::string_view kRollbackTo = "ROLLBACK TO operation";

}  // namespace

bool Transactions::transaction_gone() const {
    return sqlite3_get_autocommit(db_.handle()) != 0;
}

void Transactions::begin() {
    if (depth_ == 0) {
        db_.exec("BEGIN IMMEDIATE");
    } else if (transaction_gone()) {
        // A savepoint now would start a transaction of its own and commit on its release.
        throw SqliteError("the enclosing transaction was already rolled back after an error");
    } else {
        db_.cached(kSavepoint).run();
    }
    ++depth_;
}

void Transactions::commit() {
    if (transaction_gone()) {
        throw SqliteError("the transaction was already rolled back after an error");
    }
    if (depth_ > 1) {
        db_.cached(kRelease).run();
    } else {
        db_.reset_cached();  // no statement may keep a read open past COMMIT
        db_.exec("COMMIT");
    }
    --depth_;
}

void Transactions::rollback() noexcept {
    if (depth_ == 0) return;
    --depth_;
    db_.reset_cached();
    if (transaction_gone()) return;  // SQLite rolled everything back itself
    try {
        if (depth_ > 0) {
            db_.cached(kRollbackTo).run();
            db_.cached(kRelease).run();
        } else {
            db_.exec("ROLLBACK");
        }
    } catch (const SqliteError&) {
        // The error that led here is the one to report. A savepoint that could not be undone
        // must not be committed with its transaction: the whole transaction goes, and what
        // still runs in it fails (begin, commit above).
        roll_back_quietly(db_);
    }
}

void roll_back_quietly(Database& db) noexcept {
    db.reset_cached();
    if (sqlite3_get_autocommit(db.handle()) != 0) return;
    try {
        db.exec("ROLLBACK");
    } catch (const SqliteError&) {
        // As above: the caller reports the error that led here.
    }
}

}  // namespace cardex::sqlite
