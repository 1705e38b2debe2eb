// Case rules for the ASCII words of protocols and formats (vCard names, JID domains, URI
// schemes, file extensions). Only the letters A-Z and a-z change; every other byte, and so all
// non-ASCII UTF-8, is kept as it is. Text people typed is compared with Unicode folding instead
// (client/book/text_fold.hpp).
#pragma once

#include <string>
#include <string_view>

namespace cardex {

std::string lower_ascii(std::string_view text);
std::string upper_ascii(std::string_view text);
bool equals_ignoring_case(std::string_view a, std::string_view b);
bool starts_with_ignoring_case(std::string_view text, std::string_view prefix);

}  // namespace cardex
