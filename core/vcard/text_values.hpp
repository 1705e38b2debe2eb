// Escaping of property values in vCard text, by value shape. Private to core/vcard.
//
// Reading (after QUOTED-PRINTABLE and charset decoding):
//   vCard 3.0 / 4.0: \\ \, \; \n \N are escapes; so is \: (written by some exporters for
//     "http\://"). Any other backslash is kept as it is.
//   vCard 2.1: only \; is an escape (and \\, so that a value can end in a backslash); any
//     other backslash is literal, and ',' separates nothing in structured values.
// Line breaks in decoded text (CRLF, CR or LF, e.g. from QUOTED-PRINTABLE =0D=0A) become "\n".
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/vcard/card.hpp"
#include "core/vcard/property_kinds.hpp"

namespace cardex::vcard {

std::vector<Component> decode_value(std::string_view text, const PropertyKind& kind,
                                    Version version);
// One text with escapes removed, nothing split (LABEL properties, 3.0 values of unknown shape).
std::string unescape_text(std::string_view text);

// The value of a known property in text form, escaped for its shape and value type.
std::string encode_value(const std::vector<Component>& components, const PropertyKind& kind,
                         std::string_view value_type);
// A value kept verbatim (unknown properties): components and items joined as they are, raw line
// breaks written as "\n" so the value stays on one line.
std::string encode_verbatim(const std::vector<Component>& components);
// Plain text in the escaped form of a text value: \ , ; and line breaks escaped.
std::string escape_text(std::string_view text);
// Raw line breaks (CRLF, CR, LF) as the two characters "\n".
std::string escape_line_breaks(std::string_view text);

}  // namespace cardex::vcard
