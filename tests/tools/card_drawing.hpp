// Known cards drawn as a printer would print them, for the tests and the benchmark of reading
// cards from photos: rendered with the program's own shipped designs (client/render/designs/,
// render::render_card), as a user prints them. Also says which fields the design printed, as
// they were printed.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/result.hpp"
#include "core/vcard/card.hpp"

namespace cardex::tests {

struct PrintedField {
    std::string property;  // FN, TITLE, ORG, TEL, EMAIL, URL, ADR
    std::string value;     // as printed (ADR: its lines joined by spaces)
};

struct DrawnCard {
    std::string png;
    std::vector<PrintedField> printed;
};

// The shipped designs the cards are drawn in: every one of them.
const std::vector<std::string>& card_designs();

// `card` rendered as a PNG in the shipped design `design`; an Error names the design when
// there is none of that name or it cannot be drawn.
Result<DrawnCard> draw_card(const vcard::Card& card, std::string_view design, double dpi = 300);

}  // namespace cardex::tests
