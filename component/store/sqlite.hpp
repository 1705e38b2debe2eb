// The card store speaks SQLite through the shared RAII layer (sqlite/database.hpp), under the
// names it has always used, with the one way times are stored.
#pragma once

#include <cstdint>

#include "core/protocol/timestamp.hpp"
#include "sqlite/database.hpp"

namespace cardex::component::store {

using sqlite::Database;
using sqlite::SqliteError;
using sqlite::Statement;

// Times are stored as milliseconds since 1970 (UTC).
inline std::int64_t ms(protocol::Timestamp t) {
    return t.time_since_epoch().count();
}
inline protocol::Timestamp at_ms(std::int64_t v) {
    return protocol::Timestamp(std::chrono::milliseconds(v));
}

}  // namespace cardex::component::store
