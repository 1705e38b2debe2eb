// Cards made and changed from the command line: `cardex add` options, `cardex edit` options,
// and editing the whole card as vCard 4.0 text in $VISUAL / $EDITOR.
//
// Typed values are written TYPE=VALUE: --phone cell=+49 170 7654321, --email work=a@b.org;
// an address is "street;locality;postal code;country" (also with a TYPE= in front).
#pragma once

#include <CLI/CLI.hpp>
#include <string>
#include <vector>

#include "core/result.hpp"
#include "core/vcard/card.hpp"

namespace cardex::cli {

struct CardFields {
    std::string name, given, family, org, title, note, birthday;
    std::vector<std::string> phones, emails, addresses, urls, xmpp, categories;
};

struct CardEdits {
    CardFields set;  // name, org, title, note, birthday replace; the lists are added
    std::vector<std::string> remove_phones, remove_emails, remove_categories;

    bool empty() const;
};

void add_field_options(CLI::App& command, CardFields& fields);
void add_edit_options(CLI::App& command, CardEdits& edits);

// A new card; an Error when it has no name.
Result<vcard::Card> card_from_fields(const CardFields& fields);
// `card` with the edits applied; an Error naming a phone, e-mail or category to remove that
// the card does not have.
Result<vcard::Card> apply_edits(const vcard::Card& card, const CardEdits& edits);
// Opens the card as vCard 4.0 text in the user's editor and reads it back; an Error when the
// editor fails or the text is not exactly one valid card with a name (FN) (the edited file is
// kept, and named).
Result<vcard::Card> edit_in_editor(const vcard::Card& card);

}  // namespace cardex::cli
