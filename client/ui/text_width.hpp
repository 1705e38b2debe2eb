// How much room UTF-8 text takes in a terminal, independent of the locale: East Asian wide and
// fullwidth characters (CJK, Hangul, fullwidth forms, most emoji) take two columns, combining
// marks, format characters and zero-width joiners none, control characters none, everything
// else one. Hangul vowel and final jamo join the syllable before them and take none.
// Ill-formed UTF-8 counts as one column per ill-formed sequence (each maximal invalid subpart,
// as ICU's U8_NEXT delimits it), since a terminal shows each as one U+FFFD.
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

// `utf8` cut so that it takes at most `width` columns, ending in "…" when something was cut
// (empty when `width` is 0); spaces before the "…" are dropped. Never splits a UTF-8 sequence or a
// wide character; combining marks stay with the character they belong to.
std::string truncate_to_width(std::string_view utf8, std::size_t width);

// Lines of at most `width` columns: breaks at spaces where it can, inside a word only when the
// word alone is wider than `width`; CJK text (which has no spaces) breaks between characters.
// Existing line breaks are kept ("\r\n" too). Spaces where a line is broken are dropped. A
// single character wider than `width` gets a line of its own. An empty input gives one empty
// line.
std::vector<std::string> wrap_to_width(std::string_view utf8, std::size_t width);

// Text from a card made harmless for a terminal, so that it can never move the cursor, change
// colours, set the window title or otherwise change the terminal's state: an escape sequence
// (ESC [ ... final byte, ESC ] ... BEL or ESC \, ESC and one character) becomes one U+FFFD as a
// whole; every other control character (C0 including line breaks and tabs, DEL, C1) becomes
// U+FFFD; so do the bidirectional embeddings, overrides and isolates (U+202A..U+202E,
// U+2066..U+2069), which could make a value read differently from what it is; ill-formed UTF-8
// becomes U+FFFD. The result contains no byte below 0x20, no DEL and no C1 control, and is
// valid UTF-8.
std::string sanitize_for_terminal(std::string_view utf8);

}  // namespace cardex::client::ui
