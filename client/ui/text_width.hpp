// How much room UTF-8 text takes in a terminal, independent of the locale: East Asian wide and
// fullwidth characters (CJK, Hangul, fullwidth forms, most emoji) take two columns, combining
// marks, format characters and zero-width joiners none, control characters none, everything
// else one. Invalid UTF-8 bytes count as one column each (they are shown as U+FFFD).
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace cardex::client::ui {

std::size_t display_width(std::string_view utf8);

// `utf8` followed by spaces up to `width` columns (unchanged when already as wide or wider).
std::string pad_right(std::string_view utf8, std::size_t width);
std::string pad_left(std::string_view utf8, std::size_t width);

// `utf8` cut so that it takes at most `width` columns, ending in "…" when something was cut.
// Never splits a UTF-8 sequence or a wide character.
std::string truncate_to_width(std::string_view utf8, std::size_t width);

// Lines of at most `width` columns: breaks at spaces where it can, inside a word only when the
// word alone is wider than `width`; CJK text (which has no spaces) breaks between characters.
// Existing line breaks are kept. An empty input gives one empty line.
std::vector<std::string> wrap_to_width(std::string_view utf8, std::size_t width);

// Control characters (C0, DEL, C1) replaced by U+FFFD and invalid UTF-8 repaired, so that text
// from a card can never move the cursor or change the terminal's state.
std::string sanitize_for_terminal(std::string_view utf8);

}  // namespace cardex::client::ui
