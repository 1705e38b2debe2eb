// The database's schema, as numbered migrations applied in order (PRAGMA user_version holds
// the number applied), and the connection settings the durability rule needs.
//
// Card content (large, written once) and delivery state (small, updated by every copy and
// ack) live in separate tables, so an ack never rewrites a card's pages:
//
//   cards(card, sender, stamp, xml)            one row per submitted card; deleted once no
//                                              open delivery needs it; xml is a BLOB, the
//                                              card compressed (card_compressor.hpp), or
//                                              TEXT in a card stored before compression
//   deliveries(seq, id, card, sender,          one row per recipient; kept after it is final
//              sender_key, recipient,          for status and late acks, purged after the
//              recipient_key, state, attempts, card lifetime; a card set's card carries its
//              created, updated, next_attempt, set and version, one given by token via='token';
//              reason, set_name, set_version,  is_open is 1 while the state is pending or sent;
//              via, is_update, is_open)        seq is the order rows were stored in, the
//                                              *_key columns number the addresses for the
//                                              indexes (address_key.hpp)
//   capable(jid, since, card_form)             recipients whose clients speak the protocol,
//                                              and the form their copies go in (xcard, text)
//   submits(sender, id, created, digest,       submits with a client's id, for a day: a
//           deliveries)                        repeat gets the same deliveries
//   card_sets(owner, name, version, updated,   the users' published card sets
//             xml)
//   tokens(value, owner, set_name, created,    tokens that can still be used; a revoked,
//          expires, uses_left)                 used-up or expired one is deleted
//   token_uses(token, scanner, used, delivery) who exchanged with a token: a repeat uses none
//   token_failures(requester, at)              failed token attempts, per bare JID and domain
//   backup_uploads(id, owner, created,         backups being uploaded, until committed or
//                  expires, bytes, chunks)     expired
//   backups(id, owner, stamp, bytes, chunks)   committed backups (same id as their upload)
//   backup_chunks(id, idx, size, data)         the ciphertext of both, one BLOB per chunk
//
// Times are milliseconds since the Unix epoch, UTC. States are stored by their names in the
// draft (pending, sent, acked, rejected, expired, refused; all but the first two are final).
// next_attempt is when the delivery next needs attention: a resend, a retry after a temporary
// error, or its expiry.
#pragma once

#include <cstddef>
#include <span>
#include <string_view>

#include "component/store/sqlite.hpp"

namespace cardex::component::store {

inline constexpr int kSchemaVersion = 11;

// SQLite's page cache by default ([storage] cache_mib): the store's whole memory, give or take.
inline constexpr std::size_t kDefaultCacheMib = 16;

// Sets WAL mode, synchronous=FULL and the page and cache sizes, then applies the migrations
// the database lacks. Throws SqliteError, also for a database newer than this program.
void prepare_database(Database& db, std::size_t cache_mib = kDefaultCacheMib);

// The migrations, in order (for tests that start from an older schema).
std::span<const std::string_view> migrations();

}  // namespace cardex::component::store
