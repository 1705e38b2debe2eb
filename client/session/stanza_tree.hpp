// The element tree of a stanza libstrophe received. libstrophe has already parsed it into its
// own tree; converting that tree spares writing the stanza out as text and parsing it again,
// which was a third of a client's work per card.
//
// The result is what xml::parse_document gives for the stanza's text with `default_ns` in
// scope, under the same limits: an element without a namespace takes its parent's (the root,
// `default_ns`); attributes keep libstrophe's names (it drops attribute prefixes, so xml:lang
// arrives as "lang"); an element's text is all the character data directly inside it. A
// stanza nested deeper than limits.max_depth, or whose names, attributes and text together
// pass limits.max_element_bytes, is refused with the reason, as the parser refuses it.
#pragma once

#include <strophe.h>

#include <string_view>

#include "core/result.hpp"
#include "core/xml/element.hpp"
#include "core/xml/parser.hpp"

namespace cardex::client {

Result<xml::Element> element_from_stanza(xmpp_stanza_t* stanza, std::string_view default_ns,
                                         const xml::ParseLimits& limits = {});

}  // namespace cardex::client
