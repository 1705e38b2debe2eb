// A card as people read it in a terminal: a box with the name on top, title and organisation
// under it, then one aligned row per field, labelled by kind and type; a label the phone or
// mail program gave the value (item1.X-ABLabel:Büro direkt beside item1.TEL) is shown as one
// more type, "phone (work, Büro direkt)":
//
//   ╭─────────────────────────────────────────────╮
//   │ Alice Example                               │
//   │ Head of Sales, Example Widgets GmbH         │
//   ├─────────────────────────────────────────────┤
//   │ phone (work)    +49 30 1234567              │
//   │ fax (work)      +49 30 1234568              │
//   │ mobile          +49 170 7654321             │
//   │ e-mail (work)   alice@example.org           │
//   │ address (work)  Friedrichstraße 100         │
//   │                 10117 Berlin                │
//   │                 Germany                     │
//   │ web             https://example.org/        │
//   │ xmpp            alice@a.test                │
//   │ photo           image/jpeg, 12 KB           │
//   ├─────────────────────────────────────────────┤
//   │ from alice@a.test, 2026-11-20 09:30 UTC     │
//   ╰─────────────────────────────────────────────╯
//
// Everything is measured with display_width(), so CJK names and labels stay aligned, and every
// value from the card goes through sanitize_for_terminal(). Long values wrap inside the box.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "core/vcard/card.hpp"

namespace cardex::client::ui {

struct CardViewOptions {
    std::size_t width = 64;  // total width of the box in columns, borders included (min 24)
    bool ascii = false;      // +-| borders instead of box-drawing characters
    std::vector<std::string> footer;  // lines under the fields, in their own section
};

// The whole box, one string, lines ended by '\n'.
std::string render_card(const vcard::Card& card, const CardViewOptions& options = {});

// The field rows of a card without the box: (label, value lines), in display order: nickname,
// telephone numbers, e-mail, addresses, web, chat (IMPP), birthday, categories, notes, photo,
// logo. Labels and values are sanitised and split at their line breaks, but not wrapped;
// fields the card leaves empty and extension (X-) properties have no row. Also used by front
// ends that lay cards out themselves (the Profanity plugin).
struct FieldRow {
    std::string label;               // "phone (work)", "e-mail", "address (home)"
    std::vector<std::string> lines;  // the value, one entry per line (addresses have several)
};
std::vector<FieldRow> card_fields(const vcard::Card& card);

// ISO 8601 basic dates as people write them: 19850412 -> 1985-04-12, --0412 -> --04-12.
// Anything else (extended dates, times, free text) as written.
std::string readable_date(std::string date);

}  // namespace cardex::client::ui
