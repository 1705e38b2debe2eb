// Input quoted in a message, bounded: whole when it is short, else its beginning, "…" and how
// long the whole is, so that an error about a 100,000-digit number or a megabyte line does not
// repeat it:
//   "4.0"
//   "1234567890123456789012345678901234567890…" (100000 bytes)
// Every reader that names what it read in an error quotes it through this.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace cardex {

// How much of the text is shown, in bytes (cut back to a UTF-8 character boundary).
inline constexpr std::size_t kExcerptBytes = 40;

// `text` between `open` and `close` ("\"", "'", "<" and ">"), cut as above.
std::string quoted_excerpt(std::string_view text, std::string_view open = "\"",
                           std::string_view close = "\"");

}  // namespace cardex
