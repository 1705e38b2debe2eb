// What a failed operation on the address book means, in words a person can act on.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>

#include "sqlite/database.hpp"

namespace cardex::client::book {

// Why `what` ("storing a card") failed on the book at `path`: the disk is full, the file
// cannot be written, the file is damaged (book_file.hpp: and how to recover), or else SQLite's
// own words:
//   cannot save to /home/x/.local/share/cardex/book.db: the disk is full (database or disk is
//   full); the address book is as it was before
std::string storage_error(const std::filesystem::path& path, std::string_view what,
                          const sqlite::SqliteError& e);

}  // namespace cardex::client::book
