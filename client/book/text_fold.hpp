// Text as the address book compares it. Private to client/book.
#pragma once

#include <string>
#include <string_view>

namespace cardex::client::book {

// Spaces, TABs, CRs and LFs removed at both ends.
std::string_view trim_spaces(std::string_view text);

// Unicode case folding of UTF-8 text ("Ärzte" and "ÄRZTE" fold alike, "Straße" and "STRASSE"
// too), for comparing names and values people typed without regard to case.
std::string fold_case(std::string_view utf8);

}  // namespace cardex::client::book
