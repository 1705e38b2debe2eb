// One content line of vCard text to one model Property. Private to core/vcard.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/vcard/card.hpp"
#include "core/vcard/limits.hpp"
#include "core/vcard/text_syntax.hpp"

namespace cardex::vcard {

struct PropertyOutcome {
    std::optional<Property> property;   // nullopt when the line was skipped (see problems)
    std::vector<std::string> problems;  // what was wrong and what was done; the card is kept
    std::string card_error;             // a limit was exceeded: the whole card is rejected
};

// Decodes the value (QUOTED-PRINTABLE, base64, CHARSET, escaping by shape and version),
// upgrades vCard 2.1 / 3.0 conventions to the 4.0 model (inline media to data: URIs, TYPE=JPEG
// to MEDIATYPE, GEO "lat;lon" to a geo: URI) and keeps unknown properties verbatim.
// Problems name the property and say what is wrong.
PropertyOutcome read_property(const ContentLine& line, Version version, const Limits& limits);

// A name the reader treats as a property even without ':' ("FN" alone is an empty FN):
// the RFC 6350 properties and those of vCard 2.1 / 3.0.
bool is_known_property_name(std::string_view upper_name);

}  // namespace cardex::vcard
