// The merge rule: what becomes of a contact the user has (`mine`) when a card that matches it
// arrives or is imported (`incoming`).
//
// - Everything in `mine` is kept, unchanged and in its order.
// - Properties a vCard has at most once (FN, N, BDAY, ANNIVERSARY, GENDER, KIND, UID, PRODID,
//   REV) keep the user's value; they are taken from `incoming` only when `mine` has none.
//   REV becomes the later of the two.
// - TEL is added when no TEL of `mine` has the same PhoneNormalizer::key; EMAIL when no EMAIL
//   has the same email_key. So the same number written differently is never duplicated.
// - PHOTO and LOGO are taken only when `mine` has none of that property.
// - CATEGORIES: the new category names (compared without regard to case) are added to the
//   first CATEGORIES property of `mine` (or a new one).
// - Every other property (ADR, ORG, TITLE, URL, IMPP, NOTE, X-...) is added when `mine` has no
//   property of the same name with the same value (compared by the decoded value, ignoring
//   case and parameters, and groups).
// Added properties keep their parameters; a group name (item1.) is dropped when it would
// collide with one of `mine`'s groups, and X-ABLABEL-style group companions are carried along
// with the property they label.
#pragma once

#include <string>
#include <vector>

#include "client/book/phone.hpp"
#include "core/vcard/card.hpp"

namespace cardex::client::book {

struct MergeResult {
    vcard::Card card;  // `mine` with what was added
    // One line per property taken from `incoming`, for people: "TEL +49 170 7654321",
    // "EMAIL alice@example.org", "ADR Friedrichstraße 100 Berlin 10117 Germany".
    std::vector<std::string> added;

    bool changed() const { return !added.empty(); }
};

MergeResult merge_cards(const vcard::Card& mine, const vcard::Card& incoming,
                        const PhoneNormalizer& phones);

}  // namespace cardex::client::book
