// Byte-level codecs used by the vCard text reader and writer: base64, quoted-printable and
// conversion of legacy character sets to UTF-8. Private to core/vcard, except that the import
// of CSV files reads their text with undeclared_text_to_utf8 too.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "core/result.hpp"

namespace cardex::vcard {

// Base64 (RFC 4648 alphabet). Whitespace anywhere is ignored; missing trailing padding is
// accepted. Any other character outside the alphabet, or a length that cannot be base64, is an
// error saying which character and where.
Result<std::string> decode_base64(std::string_view text);
std::string encode_base64(std::string_view bytes);
// An upper bound of the decoded size, without decoding (for limit checks before allocating).
std::size_t base64_decoded_size_bound(std::string_view text);

// Quoted-printable (RFC 2045) to bytes. Soft line breaks have already been joined by the line
// reader; a '=' ending the text is a soft break with nothing after it and is dropped; any other
// '=' that does not start a valid escape is kept as it is.
std::string decode_quoted_printable(std::string_view text);

bool is_valid_utf8(std::string_view bytes);
// Valid UTF-8 is returned unchanged; every byte that is not part of a valid sequence becomes
// U+FFFD, so the rest of the text survives.
std::string repair_utf8(std::string_view bytes);
// Windows-1252 (a superset of the printable part of ISO-8859-1) to UTF-8.
std::string windows1252_to_utf8(std::string_view bytes);
// Bytes in the named charset (SHIFT_JIS, ISO-8859-1, UTF-8, windows-1252, ...) to UTF-8.
// Sequences invalid in that charset become U+FFFD. An unknown charset is an error.
Result<std::string> charset_to_utf8(std::string_view bytes, std::string_view charset);
// Text without a declared charset: UTF-8 when it is valid UTF-8, otherwise it is taken as
// Windows-1252, the charset old exporters (Outlook, Windows Mobile) wrote without saying so.
std::string undeclared_text_to_utf8(std::string_view bytes);

}  // namespace cardex::vcard
