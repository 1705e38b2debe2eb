// The plaintext of a backup (the draft's "Backup Format"): every contact of the address book as
// one RFC 6351 <vcards/> document in UTF-8, each card with its categories (CATEGORIES) and its
// provenance as X-CARDEX-PROVENANCE properties; and restoring such a document into a book, as
// one transaction that merges every card the way any card is merged, so that nothing of the
// book is lost.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "client/book/address_book.hpp"
#include "core/result.hpp"
#include "core/vcard/card.hpp"

namespace cardex::client::backup {

inline constexpr std::string_view kProvenanceProperty = "X-CARDEX-PROVENANCE";

// The document for the whole book.
Result<std::string> book_plaintext(const book::AddressBook& book);

// The cards of a document, as they were backed up (provenance properties included).
Result<std::vector<vcard::Card>> read_plaintext(std::string_view plaintext);

struct RestoreCount {
    std::size_t created = 0;
    std::size_t merged = 0;
    std::size_t unchanged = 0;
};

// Merges every card into `book` in one transaction (all or nothing), each with the origin
// "restore of `label`, card N"; the provenance properties stay out of the contacts' cards.
Result<RestoreCount> restore_cards(book::AddressBook& book, std::vector<vcard::Card> cards,
                                   const std::string& label);

}  // namespace cardex::client::backup
