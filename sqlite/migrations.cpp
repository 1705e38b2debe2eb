#include "sqlite/migrations.hpp"

#include <string>

#include "sqlite/transaction.hpp"

namespace cardex::sqlite {

int user_version(Database& db) {
    auto stmt = db.prepare("PRAGMA user_version");
    stmt.step();
    return static_cast<int>(stmt.integer(0));
}

void migrate(Database& db, std::span<const std::string_view> migrations, std::string_view what,
             std::string_view program) {
    const int known = static_cast<int>(migrations.size());
    const int version = user_version(db);
    if (version > known) {
        throw SqliteError(std::string(what) + " has schema version " + std::to_string(version) +
                          ", newer than this " + std::string(program) + " understands (" +
                          std::to_string(known) + "); use a newer " + std::string(program));
    }
    for (int next = version + 1; next <= known; ++next) {
        db.exec("BEGIN IMMEDIATE");
        try {
            db.exec(migrations[static_cast<std::size_t>(next - 1)]);
            db.exec("PRAGMA user_version = " + std::to_string(next));
            db.exec("COMMIT");
        } catch (...) {
            roll_back_quietly(db);  // the migration's own error is the one to report
            throw;
        }
    }
}

}  // namespace cardex::sqlite
