// Realistic, varied cards for the benchmarks, the same for the same seed on every machine.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

#include "core/vcard/card.hpp"

namespace cardex::bench {

// `count` cards: names in several scripts, one to three TEL, EMAIL and ADR, ORG, TITLE and NOTE
// on most, item groups with X-ABLABEL, X- properties, BDAY, CATEGORIES, and on a few a small
// data: URI PHOTO.
std::vector<vcard::Card> generate_cards(std::size_t count, std::uint64_t seed);

}  // namespace cardex::bench
