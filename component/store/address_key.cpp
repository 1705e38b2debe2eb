#include "component/store/address_key.hpp"

namespace cardex::component::store {
namespace {

void address_key_sql(sqlite3_context* context, int, sqlite3_value** values) {
    const auto* text = reinterpret_cast<const char*>(sqlite3_value_text(values[0]));
    if (!text) return sqlite3_result_null(context);
    const auto length = static_cast<std::size_t>(sqlite3_value_bytes(values[0]));
    sqlite3_result_int64(context, address_key(std::string_view(text, length)));
}

}  // namespace

std::int64_t address_key(std::string_view address) {
    std::uint64_t hash = 0xcbf29ce484222325ULL;
    for (const char c : address) {
        hash ^= static_cast<unsigned char>(c);
        hash *= 0x100000001b3ULL;
    }
    constexpr std::uint64_t kLow48 = (std::uint64_t{1} << 48) - 1;
    return static_cast<std::int64_t>(((hash >> 48) ^ hash) & kLow48);
}

void register_address_key(Database& db) {
    const int rc =
        sqlite3_create_function(db.handle(), "address_key", 1, SQLITE_UTF8 | SQLITE_DETERMINISTIC,
                                nullptr, address_key_sql, nullptr, nullptr);
    if (rc != SQLITE_OK)
        throw SqliteError("registering address_key: " + std::string(sqlite3_errstr(rc)));
}

}  // namespace cardex::component::store
