// The number an address is indexed by in the deliveries table (schema.cpp, migration 9).
//
// Every submit adds an entry to the index of open deliveries by recipient and to the index by
// sender, at that address's place in them. Keyed by the address's text, the time and the id,
// an entry took about 70 bytes of the index's pages and a fill to a million pending cards
// outgrew the page cache (each submit then read a page back); keyed by this number and the
// row's sequence it takes about 19.
//
// The key is FNV-1a (64 bits) folded to 48 bits, which SQLite stores in 6 bytes. It is written
// to disk, so it must never change. Two addresses may share a key: every query that returns
// rows also compares the address itself, so a shared key costs only a look at the other's rows.
// The quota check counts index entries alone, so two recipients with one key would share their
// count of open cards; among a million recipients the chance that any two share one is about
// one in 560.
#pragma once

#include <cstdint>
#include <string_view>

#include "component/store/sqlite.hpp"

namespace cardex::component::store {

std::int64_t address_key(std::string_view address);

// Makes address_key callable in SQL as address_key(text) on this connection: the migration
// that adds the keys computes them for the rows already stored.
void register_address_key(Database& db);

}  // namespace cardex::component::store
