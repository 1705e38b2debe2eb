// The text of a design's fields (card_design.hpp) taken from a vCard: what a column shows for
// "fn", "tel.cell" or "adr".
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/vcard/card.hpp"

namespace cardex::client::render {

// The lines of `field` on the card: one for most fields, several for "adr" (the address
// block) and "note"; empty when the card does not have it.
std::vector<std::string> field_lines(const vcard::Card& card, std::string_view field);

}  // namespace cardex::client::render
