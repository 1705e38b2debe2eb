#include "client/book/storage_error.hpp"

#include "client/book/book_file.hpp"

namespace cardex::client::book {

std::string storage_error(const std::filesystem::path& path, std::string_view what,
                          const sqlite::SqliteError& e) {
    const std::string why = sqlite3_errstr(e.code());
    switch (e.primary_code()) {
        case SQLITE_FULL:
            return "cannot save to " + path.string() + ": the disk is full (" + why +
                   "); the address book is as it was before";
        case SQLITE_READONLY:
            return "cannot save to " + path.string() + ": it cannot be written (" + why + ")";
        case SQLITE_CORRUPT:
        case SQLITE_NOTADB:
            return unusable(path, *damage(e)).message;
        default:
            return "address book " + path.string() + ": " + std::string(what) + ": " + e.what();
    }
}

}  // namespace cardex::client::book
