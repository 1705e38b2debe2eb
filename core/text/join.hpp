// Lists of strings as one string.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace cardex {

// Every item, `separator` between each two: {"a", "", "b"} with "," is "a,,b".
std::string join(const std::vector<std::string>& items, std::string_view separator);

// The non-empty items only: {"a", "", "b"} with ", " is "a, b".
std::string join_non_empty(const std::vector<std::string>& items, std::string_view separator);

}  // namespace cardex
