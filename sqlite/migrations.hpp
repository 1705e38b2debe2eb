// Schemas as numbered migrations: migration N brings a database from version N-1 to N, and
// PRAGMA user_version holds the number applied. Each migration runs in its own transaction.
#pragma once

#include <span>
#include <string_view>

#include "sqlite/database.hpp"

namespace cardex::sqlite {

int user_version(Database& db);

// Applies the migrations the database lacks. Throws SqliteError when one fails (its
// transaction is rolled back) or when the database is newer than `migrations` know; the
// message then tells to use a newer `program`.
void migrate(Database& db, std::span<const std::string_view> migrations, std::string_view what,
             std::string_view program);

}  // namespace cardex::sqlite
