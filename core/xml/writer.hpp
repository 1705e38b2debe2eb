// Serialisation of xml::Element. Every piece of text and every attribute value goes through
// escaping here; nothing else in the project builds XML by concatenating strings.
#pragma once

#include <string>
#include <string_view>

#include "core/xml/element.hpp"

namespace cardex::xml {

// What becomes of the whitespace that only lays out an element's children (the text of an
// element that has children, when it is nothing but spaces, tabs and line ends): written as it
// is, or left out (the form a card is stored and compared in).
enum class Layout { as_is, without };

// Serialises `element`. A namespace declaration is written wherever an element's namespace
// differs from its parent's; `inherited_ns` is the namespace already in scope (e.g. the
// stream's "jabber:component:accept"), so a stanza does not repeat it.
std::string to_string(const Element& element, std::string_view inherited_ns = {},
                      Layout layout = Layout::as_is);
// The same, appended to `out`.
void append_to(std::string& out, const Element& element, std::string_view inherited_ns = {});
// The length of to_string(element, inherited_ns), counted without writing it.
std::size_t serialized_size(const Element& element, std::string_view inherited_ns = {});

// Appends `text` escaped for character data or for a quoted attribute value. Characters XML 1.0
// cannot carry (most C0 controls, U+FFFE, U+FFFF) and invalid UTF-8 become U+FFFD.
void append_escaped(std::string& out, std::string_view text);

}  // namespace cardex::xml
