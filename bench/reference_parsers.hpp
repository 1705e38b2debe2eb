// What the machine does with the same bytes when almost nothing is done with them: the
// yardsticks the vCard benchmark prints next to our readers.
#pragma once

#include <cstddef>
#include <string_view>

namespace cardex::bench {

// Counts '\n' with memchr: touching every byte once.
std::size_t count_newlines(std::string_view bytes);

enum class ExpatMode {
    no_handlers,       // XML_Parse alone
    empty_handlers,    // empty start, end and character data handlers
    namespaces_empty,  // the same with namespace processing on, as our XML parser has it
};
// Parses a whole XML document with Expat; false on a parse error.
bool expat_parse(std::string_view bytes, ExpatMode mode);

// Parses JSON with nlohmann::json through a SAX handler that does nothing; false on an error.
bool json_sax_parse(std::string_view bytes);
// Parses JSON into nlohmann::json values (the DOM); false on an error.
bool json_dom_parse(std::string_view bytes);

}  // namespace cardex::bench
