// Known cards drawn as a printer would print them, for the tests and the benchmark of reading
// cards from photos: a business card of 85 x 55 mm with Pango and Cairo, in one of two layouts
// (every line in one column; or name, title and organisation at the top, phones, e-mail and
// web at the bottom left and the address at the bottom right, as most cards are laid out).
// Also says which fields it printed, as they were printed.
#pragma once

#include <string>
#include <vector>

#include "core/result.hpp"
#include "core/vcard/card.hpp"

namespace cardex::tests {

enum class CardLayout { one_column, split };

struct PrintedField {
    std::string property;  // FN, TITLE, ORG, TEL, EMAIL, URL, ADR
    std::string value;     // as printed (ADR: its lines joined by spaces)
};

struct DrawnCard {
    std::string png;
    std::vector<PrintedField> printed;
};

Result<DrawnCard> draw_card(const vcard::Card& card, CardLayout layout, double dpi = 300);

}  // namespace cardex::tests
