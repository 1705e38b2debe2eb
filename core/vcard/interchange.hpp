// What the xCard and jCard codecs share: name rules, value types, parameter preparation for
// formats that key parameters by name, and the limit checks that apply to a decoded property.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/text/ascii.hpp"
#include "core/vcard/card.hpp"
#include "core/vcard/limits.hpp"
#include "core/vcard/reader.hpp"

namespace cardex::vcard::detail {

// A property or parameter name: letters, digits and '-' (RFC 6350 section 3.3), and '_', which
// exporters use ("X-MS_CARDPICTURE") and the text reader accepts.
bool is_vcard_name(std::string_view name);

// A group name: as a property name, and '.', which the text reader keeps in groups ("a.b.TEL").
bool is_group_name(std::string_view name);

// Properties that never appear in the model: BEGIN, END and VERSION.
bool is_envelope_property(std::string_view upper_name);

// A lower-case value type name: one of RFC 6350's, "unknown", or an extension ("x-...").
bool is_value_type(std::string_view lower_name);
// Value types whose text is a date, a time or both (ISO 8601 forms).
bool is_temporal_type(std::string_view lower_name);

// True for properties whose default value type is date-and-or-time (BDAY, ANNIVERSARY).
bool defaults_to_date_and_or_time(std::string_view upper_name);

// The value type a writer declares for `property`: its own when valid; when empty, the
// property's default (or "text" for properties the model does not know); "unknown" otherwise.
std::string value_type_for_output(const Property& property);

// The parameters as a writer that keys them by name puts them out: invalid names dropped,
// repeated names merged in first-seen order, and VALUE dropped when the value type carries it
// (a property kept verbatim, of type "unknown", keeps its VALUE parameter).
std::vector<Parameter> params_for_output(const Property& property);

// Makes a decoded value fit what the model holds for its property (property_kinds.hpp), as the
// text reader would have read it: a single value gets one item (several values joined with ','
// and components with ';'), a list one component, and a structured value without list
// components one item per component (joined with ','). TYPE values are lower-cased, as TYPE is
// case-insensitive. Properties the model does not know are left as they are.
void fit_to_kind(Property& property);

// Why `property` breaks a limit (a data: URI in PHOTO, LOGO, SOUND or KEY decoding to more than
// max_media_bytes), or nullopt when it does not.
std::optional<std::string> media_limit_problem(const Property& property, const Limits& limits);

// An error about the whole input rather than one card (an XML or JSON syntax error, a wrong
// root): the message is the reason, with the parser's line when it has one.
inline CardError unplaced_error(std::size_t line, std::string text) {
    return CardError{0, line, text, text};
}

// "over the limit max_card_bytes (2097152)": how every limit message ends.
std::string over_the_limit(std::string_view limit_name, std::size_t limit);

// Decoded size of a data: URI ("data:image/png;base64,iVBO..."), without decoding it.
std::size_t data_uri_decoded_size(std::string_view uri);

}  // namespace cardex::vcard::detail
