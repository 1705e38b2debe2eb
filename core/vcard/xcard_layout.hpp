// How RFC 6351 lays vCard values out in XML: the namespace, the element names of structured
// values, and which value element carries each parameter.
#pragma once

#include <span>
#include <string>
#include <string_view>

#include "core/xml/element.hpp"

namespace cardex::vcard::detail {

inline constexpr std::string_view kXcardNs = "urn:ietf:params:xml:ns:vcard-4.0";

// Component elements of the properties xCard structures by name, in order:
// N -> surname, given, additional, prefix, suffix. Empty for every other property (ORG, for
// one, repeats <text> per component).
std::span<const std::string_view> xcard_component_names(std::string_view upper_name);

// The value element for one parameter value: <integer> for PREF, <uri> for GEO,
// <language-tag> for LANGUAGE, <text> otherwise.
std::string_view xcard_param_value_type(std::string_view upper_param, std::string_view value);

bool in_xcard_ns(const xml::Element& element);
// Character data that is only whitespace (between elements).
bool is_blank_text(std::string_view text);
// "<name>" for messages, an excerpt when long (core/text/excerpt.hpp).
std::string element_tag(std::string_view name);

}  // namespace cardex::vcard::detail
