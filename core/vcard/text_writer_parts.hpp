// Pieces of the vCard text writer. Private to core/vcard.
#pragma once

#include <string>
#include <string_view>

#include "core/vcard/card.hpp"

namespace cardex::vcard {

// One content line, unfolded and without line break: [group.]NAME;PARAMS:value.
// Known properties are escaped by shape and get VALUE= when their value type is not the
// default; unknown ones are written verbatim. Parameter values are quoted when they contain
// ',' ';' or ':'; in 4.0 '^', '"' and line breaks use RFC 6868 escapes, in 3.0 (which has none)
// '"' becomes '\'' and line breaks spaces.
std::string property_line(const Property& property, Version version);

// Appends `line` folded at 75 octets, continuation lines starting with one space, each line
// ended by CRLF. A UTF-8 sequence is never split.
void append_folded(std::string& out, std::string_view line);

// The card as vCard 3.0 has it: FN and N always present, PREF=1 as TYPE=pref, data: URIs as
// ENCODING=b with a TYPE format name, tel: URIs as numbers, GEO as "lat;lon", ADR's LABEL
// parameter as a LABEL property, and the properties 3.0 lacks (KIND, GENDER, ...) as X- ones.
Card adapt_card_for_v30(const Card& card);

}  // namespace cardex::vcard
