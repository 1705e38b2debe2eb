#include "core/text/join.hpp"

namespace cardex {

std::string join(const std::vector<std::string>& items, std::string_view separator) {
    std::string out;
    for (std::size_t i = 0; i < items.size(); ++i) {
        if (i > 0) out += separator;
        out += items[i];
    }
    return out;
}

std::string join_non_empty(const std::vector<std::string>& items, std::string_view separator) {
    std::string out;
    for (const auto& item : items) {
        if (item.empty()) continue;
        if (!out.empty()) out += separator;
        out += item;
    }
    return out;
}

}  // namespace cardex
