// The database's schema, as numbered migrations applied in order (PRAGMA user_version holds
// the number applied), and the connection settings the durability rule needs.
//
// Card content (large, written once) and delivery state (small, updated by every copy and
// ack) live in separate tables, so an ack never rewrites a card's pages:
//
//   cards(card, sender, stamp, xml)            one row per submitted card; deleted once no
//                                              open delivery needs it
//   deliveries(id, card, sender, recipient,    one row per recipient; kept after it is final
//              state, attempts, created,       for status and late acks, purged after the
//              updated, next_attempt, reason)  card lifetime
//   capable(jid, since)                        recipients whose clients speak the protocol
//
// Times are milliseconds since the Unix epoch, UTC. States: 0 pending, 1 sent, 2 acked,
// 3 rejected, 4 expired (2 and up are final). next_attempt is when the delivery next needs
// attention: a resend, a retry after a temporary error, or its expiry.
#pragma once

#include "component/store/sqlite.hpp"

namespace cardex::component::store {

inline constexpr int kSchemaVersion = 2;

// Sets WAL mode, synchronous=FULL and the page and cache sizes, then applies the migrations
// the database lacks. Throws SqliteError, also for a database newer than this program.
void prepare_database(Database& db);

}  // namespace cardex::component::store
