// The card store speaks SQLite through the shared RAII layer (sqlite/database.hpp), under the
// names it has always used.
#pragma once

#include "sqlite/database.hpp"

namespace cardex::component::store {

using sqlite::Database;
using sqlite::SqliteError;
using sqlite::Statement;

}  // namespace cardex::component::store
