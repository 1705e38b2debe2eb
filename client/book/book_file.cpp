#include "client/book/book_file.hpp"

#include <stdlib.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <optional>
#include <system_error>
#include <vector>

#include "client/book/schema.hpp"
#include "core/text/join.hpp"
#include "sqlite/migrations.hpp"

namespace cardex::client::book {
namespace {

namespace fs = std::filesystem;

bool present(const fs::path& path) {
    std::error_code ec;
    return fs::exists(fs::symlink_status(path, ec));
}

// What to do with a book that cannot be used: keep it, then start over from an export or a
// backup. A write-ahead log beside it belongs to it and goes with it.
std::string recovery(const fs::path& path) {
    const std::string name = path.filename().string();
    const std::string wal = path.string() + "-wal";
    return " Nothing was changed. Keep the file: move it aside (e.g. to " + path.string() +
           ".damaged" +
           (present(wal) ? ", and " + wal + " to " + path.string() + ".damaged-wal" : "") +
           "), then import an export of your contacts (cardex import FILE.vcf) or put a backup "
           "of " +
           name + " in its place. A new, empty address book is started only where there is no " +
           name + ".";
}

// A new book under its temporary name: the name, and what SQLite kept beside it, go at the
// end (the book itself stays under its real name once linked there).
class TemporaryBook {
  public:
    explicit TemporaryBook(std::string path) : path_(std::move(path)) {}
    ~TemporaryBook() {
        for (const char* suffix : {"", "-wal", "-shm", "-journal"})
            ::unlink((path_ + suffix).c_str());
    }
    TemporaryBook(const TemporaryBook&) = delete;
    TemporaryBook& operator=(const TemporaryBook&) = delete;
    const std::string& path() const { return path_; }

  private:
    std::string path_;
};

// Gives the finished new book its name, unless another program made one there meanwhile
// (then that one is used). Without hard links (FAT), a rename after a last look.
Status put_in_place(const std::string& made, const fs::path& path) {
    if (::link(made.c_str(), path.c_str()) == 0 || errno == EEXIST) return Ok{};
    if (errno == EPERM && !present(path) && ::rename(made.c_str(), path.c_str()) == 0) return Ok{};
    return make_error("cannot create the address book " + path.string() + ": " +
                      std::strerror(errno));
}

Status create_book_file(const fs::path& path) {
    const std::string wal = path.string() + "-wal";
    if (present(wal)) {
        return make_error("there is no address book " + path.string() + " but a " + wal +
                          " beside it, left from one: it would be applied to a new book. "
                          "Move it aside (or put the book it belongs to back) and try again.");
    }
    std::string name = path.string() + ".new-XXXXXX";
    const int fd = ::mkstemp(name.data());
    if (fd < 0) {
        return make_error("cannot create the address book " + path.string() + ": " +
                          std::strerror(errno));
    }
    ::close(fd);
    TemporaryBook made(name);
    {
        sqlite::Database db(made.path(), sqlite::OpenMode::existing_only);
        prepare_database(db);
    }  // closing checkpoints the write-ahead log into the file
    if (present(made.path() + "-wal")) {
        return make_error("cannot create the address book " + path.string() +
                          ": the new book could not be written out whole");
    }
    return put_in_place(made.path(), path);
}

// The file is a book of ours: a SQLite database with a schema version and the book's tables.
Status check_is_book(sqlite::Database& db, const fs::path& path) {
    const int version = sqlite::user_version(db);
    std::vector<std::string> missing;
    for (std::string_view table : kBookTables) {
        auto stmt = db.prepare("SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = ?1");
        if (!stmt.bind(1, table).step()) missing.emplace_back(table);
    }
    if (version == 0 || missing.size() == kBookTables.size()) {
        return unusable(path, "is a SQLite database, but not an address book");
    }
    if (!missing.empty() && version <= kSchemaVersion) {
        return unusable(path, "is damaged: it lacks the table" +
                                  std::string(missing.size() == 1 ? " " : "s ") +
                                  join(missing, ", "));
    }
    return Ok{};
}

Result<sqlite::Database> open_existing(const fs::path& path) {
    std::error_code ec;
    const auto status = fs::status(path, ec);
    if (ec)
        return make_error("cannot read the address book " + path.string() + ": " + ec.message());
    if (!fs::is_regular_file(status)) {
        return make_error("the address book " + path.string() + " is not a file");
    }
    const auto size = fs::file_size(path, ec);
    if (ec)
        return make_error("cannot read the address book " + path.string() + ": " + ec.message());
    if (size == 0) return unusable(path, "is empty (0 bytes), not an address book");
    sqlite::Database db(path, sqlite::OpenMode::existing_only);
    if (auto ok = check_is_book(db, path); !ok) return ok.error();
    prepare_database(db);
    return db;
}

}  // namespace

Error unusable(const fs::path& path, const std::string& what_it_is) {
    return make_error("the address book " + path.string() + " " + what_it_is + "." +
                      recovery(path));
}

std::optional<std::string> damage(const sqlite::SqliteError& e) {
    const std::string why = sqlite3_errstr(e.code());
    if (e.primary_code() == SQLITE_NOTADB) return "is not a SQLite database (" + why + ")";
    if (e.primary_code() == SQLITE_CORRUPT) return "is damaged (" + why + ")";
    return std::nullopt;
}

Result<sqlite::Database> open_book_database(const fs::path& path) {
    try {
        if (path == ":memory:") {
            sqlite::Database db(path);
            prepare_database(db);
            return db;
        }
        if (!present(path)) {
            if (auto made = create_book_file(path); !made) return made.error();
        }
        return open_existing(path);
    } catch (const sqlite::SqliteError& e) {
        if (auto what = damage(e)) return unusable(path, *what);
        return make_error("cannot open the address book " + path.string() + ": " + e.what());
    }
}

}  // namespace cardex::client::book
