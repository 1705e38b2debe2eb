// Business cards whose every field is known, in English, German and Chinese, for the tests
// and the benchmark of reading cards from photos: each is rendered with a shipped design,
// photographed (photo_damage.hpp) and read back.
#pragma once

#include <string>
#include <vector>

#include "core/vcard/card.hpp"

namespace cardex::tests {

struct KnownCard {
    std::string language;  // "en", "de", "zh"
    std::string region;    // the reader's region for numbers without a country code
    vcard::Card card;
};

const std::vector<KnownCard>& known_cards();

}  // namespace cardex::tests
