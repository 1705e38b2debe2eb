// One xCard property element (RFC 6351 section 3.4) into the model: its <parameters> and its
// value, whether value elements (<text>, <uri>, ...) or the named components of N, ADR, GENDER
// and CLIENTPIDMAP.
#pragma once

#include <string>

#include "core/result.hpp"
#include "core/vcard/card.hpp"
#include "core/xml/element.hpp"

namespace cardex::vcard::detail {

// `element` is in the xCard namespace and is a property (not <group>, <parameters> or <vcard>).
// Errors say what is wrong inside it, without naming the element itself.
Result<Property> read_xcard_property(const xml::Element& element, const std::string& group);

}  // namespace cardex::vcard::detail
