// The word people most likely meant when they mistyped one: for "did you mean ...?".
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace cardex {

// How many single-byte edits (insert, delete, replace, or swap of two neighbours) turn `a`
// into `b`, ignoring ASCII case: "lsit" and "list" are 1 apart.
std::size_t edit_distance(std::string_view a, std::string_view b);

// The candidate closest to `word`, if one is close enough to be a typo of it: at most 1 edit
// for words of up to 4 bytes, 2 for longer ones. A candidate that `word` is the start of
// ("hist" for "history") comes before one an edit away ("list"); ties go to the first.
std::optional<std::string> nearest_word(std::string_view word,
                                        const std::vector<std::string>& candidates);

}  // namespace cardex
