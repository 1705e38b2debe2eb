#include "sqlite/database.hpp"

namespace cardex::sqlite {
namespace {

[[noreturn]] void fail(sqlite3* db, std::string_view what) {
    throw SqliteError(std::string(what) + ": " + sqlite3_errmsg(db), sqlite3_extended_errcode(db));
}

void check(sqlite3* db, int rc, std::string_view what) {
    if (rc != SQLITE_OK) fail(db, what);
}

}  // namespace

Statement::Statement(sqlite3* db, std::string_view sql) : db_(db) {
    sqlite3_stmt* raw = nullptr;
    check(db,
          sqlite3_prepare_v3(db, sql.data(), static_cast<int>(sql.size()),
                             SQLITE_PREPARE_PERSISTENT, &raw, nullptr),
          "preparing a statement");
    stmt_.reset(raw);
}

Statement& Statement::bind(int index, std::int64_t value) {
    check(db_, sqlite3_bind_int64(stmt_.get(), index, value), "binding an integer");
    return *this;
}

Statement& Statement::bind(int index, std::string_view value) {
    check(db_,
          sqlite3_bind_text64(stmt_.get(), index, value.data(), value.size(), SQLITE_TRANSIENT,
                              SQLITE_UTF8),
          "binding text");
    return *this;
}

Statement& Statement::bind_blob(int index, std::string_view bytes) {
    check(db_,
          sqlite3_bind_blob64(stmt_.get(), index, bytes.data(), bytes.size(), SQLITE_TRANSIENT),
          "binding a blob");
    return *this;
}

Statement& Statement::bind(int index, std::nullopt_t) {
    check(db_, sqlite3_bind_null(stmt_.get(), index), "binding null");
    return *this;
}

Statement& Statement::bind(int index, const std::optional<std::string>& value) {
    return value ? bind(index, std::string_view(*value)) : bind(index, std::nullopt);
}

Statement& Statement::bind(int index, const std::optional<std::int64_t>& value) {
    return value ? bind(index, *value) : bind(index, std::nullopt);
}

bool Statement::step() {
    const int rc = sqlite3_step(stmt_.get());
    if (rc == SQLITE_ROW) return true;
    if (rc == SQLITE_DONE) return false;
    const std::string message = sqlite3_errmsg(db_);
    const int code = sqlite3_extended_errcode(db_);
    sqlite3_reset(stmt_.get());
    throw SqliteError("executing '" + std::string(sqlite3_sql(stmt_.get())) + "': " + message,
                      code);
}

void Statement::run() {
    reset();
    step();
    reset();
}

void Statement::reset() {
    sqlite3_reset(stmt_.get());
}

std::int64_t Statement::integer(int column) const {
    return sqlite3_column_int64(stmt_.get(), column);
}

std::string Statement::text(int column) const {
    const auto* data = sqlite3_column_text(stmt_.get(), column);
    const int size = sqlite3_column_bytes(stmt_.get(), column);
    return data == nullptr ? std::string() : std::string(reinterpret_cast<const char*>(data), size);
}

std::string Statement::blob(int column) const {
    const auto* data = sqlite3_column_blob(stmt_.get(), column);
    const int size = sqlite3_column_bytes(stmt_.get(), column);
    return data == nullptr ? std::string() : std::string(static_cast<const char*>(data), size);
}

bool Statement::is_blob(int column) const {
    return sqlite3_column_type(stmt_.get(), column) == SQLITE_BLOB;
}

std::optional<std::string> Statement::optional_text(int column) const {
    if (sqlite3_column_type(stmt_.get(), column) == SQLITE_NULL) return std::nullopt;
    return text(column);
}

Database::Database(const std::filesystem::path& path, OpenMode mode) {
    sqlite3* raw = nullptr;
    const int create = mode == OpenMode::create_if_missing ? SQLITE_OPEN_CREATE : 0;
    const int rc = sqlite3_open_v2(path.c_str(), &raw,
                                   SQLITE_OPEN_READWRITE | create | SQLITE_OPEN_NOMUTEX, nullptr);
    db_.reset(raw);
    if (rc != SQLITE_OK) {
        throw SqliteError("opening the database '" + path.string() +
                              "': " + (raw != nullptr ? sqlite3_errmsg(raw) : sqlite3_errstr(rc)),
                          raw != nullptr ? sqlite3_extended_errcode(raw) : rc);
    }
    sqlite3_extended_result_codes(raw, 1);
}

Statement& Database::cached(std::string_view sql) {
    auto it = statements_.find(sql);
    if (it == statements_.end()) {
        it = statements_.emplace(std::string(sql), Statement(db_.get(), sql)).first;
    }
    it->second.reset();
    return it->second;
}

void Database::reset_cached() {
    for (auto& [sql, statement] : statements_)
        statement.reset();
}

void Database::exec(std::string_view sql) {
    char* message = nullptr;
    const std::string text(sql);
    if (sqlite3_exec(db_.get(), text.c_str(), nullptr, nullptr, &message) != SQLITE_OK) {
        std::string why = message != nullptr ? message : "unknown error";
        sqlite3_free(message);
        throw SqliteError("executing '" + text + "': " + why, sqlite3_extended_errcode(db_.get()));
    }
}

}  // namespace cardex::sqlite
