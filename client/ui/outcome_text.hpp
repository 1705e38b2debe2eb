// What happened to a card (and which contacts a name fits), in the words `cardex` and the
// Profanity plugin both use. Each is one sentence without its final full stop; text from the
// card, the network or the user is sanitised for the terminal.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "client/book/address_book.hpp"
#include "client/book/records.hpp"
#include "client/exchange/sync_run.hpp"
#include "core/protocol/delivery.hpp"

namespace cardex::client::ui {

// What storing a received or accepted card did to the address book:
//   Saved as new contact 3 (Alice Example)
//   Merged into contact 3 (Alice Example): added TEL +49 170 7654321, EMAIL alice@example.org
//   Contact 3 (Alice Example) had all of it already
std::string stored_text(const book::Stored& stored, std::string_view name);
// What a new version of a set changed in a contact (StoreOutcome::updated), only that:
// "updated: TITLE Head of Sales, TEL +49 30 5550199 (no longer TITLE Sales)".
std::string update_text(const book::Stored& stored);
// The same without "updated: ".
std::string changes_text(const book::Stored& stored);

// What to say when `what` names several contacts, before listing the candidates:
//   'Alice' matches 2 contacts; give one of their numbers
//   'a' matches more than 10 contacts, the first 10 below; give one of their numbers or more
//   of the name
std::string ambiguity_text(std::string_view what, const book::Resolution& found);

// A receipt for a card the user sent:
//   bob@b.test saved your business card (delivery Zz5y9RQ..., 2026-12-03 12:27 UTC)
//   bob@b.test rejected your business card (delivery ..., ...): <reason>
//   the server of bob@b.test refused your business card (delivery ..., ...): <reason>
std::string receipt_text(const protocol::Receipt& receipt);

// Where a delivery stands, as its service reports it:
//   bob@b.test: saved by the recipient
//   nobody@b.test: refused by the recipient's server: <reason>
//   x@nowhere.test: not delivered yet: <reason>
//   bob@b.test: sent, not acknowledged yet; no error came back from b.test's server, which
//   does not tell whether the account exists
std::string delivery_outcome_text(const protocol::DeliveryStatus& status);

// What a sync with one service brought, counting what the server kept while the user was
// offline (it came at login, before the sync):
//   2 cards received (1 kept by your server while you were offline); 1 was waiting at it
std::string sync_text(const exchange::SyncOutcome& outcome);

// Received cards the address book could not store (the disk is full), after a sync:
//   2 cards from cards.b.test could not be saved and still wait there (not acknowledged: the
//   service sends them again at the next sync)
std::string unsaved_text(std::string_view service, std::size_t count);

}  // namespace cardex::client::ui
