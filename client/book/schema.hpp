// The address book's schema, as numbered migrations applied in order (PRAGMA user_version
// holds the number applied), and the connection settings the acknowledgement rule needs:
// WAL and synchronous=FULL, so that a card acknowledged as saved survives a power loss.
//
//   contacts(id, uid, fn, search, vcard,     one row per contact; vcard is vCard 4.0 text,
//            created, updated)               search the lower-cased text `list` looks in
//   contact_keys(kind, value, contact)       what cards are matched by: 'uid' (the card's and
//                                            every UID merged into it), 'tel' (E.164 or ~digits),
//                                            'email' (lower-cased), 'digest' (of every card
//                                            stored into it), 'category' (lower-cased)
//   history(id, contact, at, action, source, every change; before is the vCard text before it
//           before, added, alias, undone)    (NULL when the contact did not exist), the card
//                                            after it the next change's before or the contact's;
//                                            alias: the UID this merge added as a key
//   provenance(id, contact, at, kind, detail, where the data of a contact came from
//              card_number, sender, service, delivery_id)
//   received(id, service, delivery_id, ...)  every delivery received, unique per (service, id)
//   sent(service, delivery_id, ...)          every delivery submitted, with its last state
//   services(jid, home_of, first_seen)       card services to sync with; home_of: the account
//                                            whose home service it is, or NULL
//
// Indexes are only those that matching and de-duplication need on every stored card
// (contact_keys by kind and value, received by service and delivery id): an import stores ten
// thousand cards in one go, and every index more costs each of them. What one person looks at
// one contact at a time (its history, provenance, keys to rewrite after an edit) is found by
// scanning, which takes milliseconds for a book of that size. A contact's UID is unique through
// its 'uid' key.
//
// Times are milliseconds since the Unix epoch, UTC.
#pragma once

#include <array>
#include <string_view>

#include "sqlite/database.hpp"

namespace cardex::client::book {

inline constexpr int kSchemaVersion = 1;

// The tables an address book has (every version of the schema).
inline constexpr std::array<std::string_view, 7> kBookTables = {
    "contacts", "contact_keys", "history", "provenance", "received", "sent", "services"};

// Throws sqlite::SqliteError, also for a database newer than this program.
void prepare_database(sqlite::Database& db);

}  // namespace cardex::client::book
