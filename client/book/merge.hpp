// The merge rule: what becomes of a contact the user has (`mine`) when a card that matches it
// arrives or is imported (`incoming`).
//
// - Everything in `mine` is kept, unchanged and in its order.
// - Properties a vCard has at most once (FN, N, BDAY, ANNIVERSARY, GENDER, KIND, UID, REV)
//   keep the user's value; they are taken from `incoming` only when `mine` has none.
//   REV becomes the later of the two. PRODID (the program that wrote the incoming card) says
//   nothing about the contact and is never taken.
// - TEL is added when no TEL of `mine` has the same PhoneNormalizer::key; EMAIL when no EMAIL
//   has the same email_key. So the same number written differently is never duplicated.
// - PHOTO and LOGO are taken only when `mine` has none of that property.
// - CATEGORIES: the new category names (compared without regard to case) are added to the
//   first CATEGORIES property of `mine` (or a new one).
// - Every other property (ADR, ORG, TITLE, URL, IMPP, NOTE, X-...) is added when `mine` has no
//   property of the same name with the same value (compared by the decoded value, ignoring
//   case and parameters, and groups).
// Case is ignored by Unicode case folding ("Straße" and "STRASSE" are one), except for e-mail
// addresses (email_key). A TEL without digits and an empty EMAIL are compared like "every other
// property". A property without any value (PHOTO:, N:;;;;) is never taken.
// Added properties keep their parameters; a group name (item1.) that would collide with one of
// `mine`'s groups is replaced by a fresh one (the first itemN neither card uses), and
// X-ABLABEL and X-ABADR group companions are carried along with the property they label (and
// left behind when it is not added).
#pragma once

#include <string>
#include <vector>

#include "client/book/phone.hpp"
#include "core/vcard/card.hpp"

namespace cardex::client::book {

struct MergeResult {
    vcard::Card card;  // `mine` with what was added
    // One line per property taken from `incoming`, for people: "TEL +49 170 7654321",
    // "EMAIL alice@example.org", "ADR Friedrichstraße 100 Berlin 10117 Germany",
    // "CATEGORIES golf, chess" (the new names), "REV 20240101T000000Z" (a later revision),
    // "PHOTO (embedded image/jpeg)". Line breaks in a value become spaces; group companions
    // have no line of their own.
    std::vector<std::string> added;
    // apply_update only: one line per property of the earlier version taken out of `mine`,
    // written as in `added`.
    std::vector<std::string> removed;

    // Whether `card` differs from `mine`: every change has its line in `added` or `removed`.
    bool changed() const { return !added.empty() || !removed.empty(); }
};

MergeResult merge_cards(const vcard::Card& mine, const vcard::Card& incoming,
                        const PhoneNormalizer& phones);

// The update rule, for a new version (`after`) of a card set whose earlier version (`before`)
// went into `mine`: what the new version changed replaces what the earlier one gave, except
// where the user changed it. A property of `before` that `after` no longer has (compared as
// merge_cards compares) is taken out of `mine` if `mine` still has it as it came; one the user
// edited or removed stays as the user left it. Then `after` is merged in by merge_cards, so its
// new values are added beside the user's own (and a single-valued property the user edited
// keeps the user's value). UID, REV and PRODID are never taken out, and the new REV has no line
// in `added`.
MergeResult apply_update(const vcard::Card& mine, const vcard::Card& before,
                         const vcard::Card& after, const PhoneNormalizer& phones);

}  // namespace cardex::client::book
