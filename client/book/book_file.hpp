// The address book's file.
//
// Only a missing file becomes a new book, and a new book is made whole under a temporary name
// before it takes the file's name, so that a book.db always holds the schema. An existing file
// that is empty, not a SQLite database, damaged, or a SQLite database without the address
// book's tables is never started afresh: opening it fails, leaves it as it is, and says how to
// recover (move it aside, then import an export or restore a backup).
#pragma once

#include <filesystem>
#include <optional>
#include <string>

#include "core/result.hpp"
#include "sqlite/database.hpp"

namespace cardex::client::book {

// The book's database with its schema ready; ":memory:" for a private in-memory one.
Result<sqlite::Database> open_book_database(const std::filesystem::path& path);

// "the address book PATH <what_it_is>. Nothing was changed. Keep the file: ..." with the ways
// to recover.
Error unusable(const std::filesystem::path& path, const std::string& what_it_is);

// What the file is when SQLite calls it foreign or damaged ("is not a SQLite database (file
// is not a database)"), on opening or on first use; nullopt for other failures.
std::optional<std::string> damage(const sqlite::SqliteError& e);

}  // namespace cardex::client::book
