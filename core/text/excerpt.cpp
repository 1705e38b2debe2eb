#include "core/text/excerpt.hpp"

namespace cardex {

std::string quoted_excerpt(std::string_view text, std::string_view open, std::string_view close) {
    std::string out(open);
    if (text.size() <= kExcerptBytes) {
        out.append(text);
        return out.append(close);
    }
    std::size_t cut = kExcerptBytes;
    while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80)
        --cut;
    out.append(text.substr(0, cut));
    return out.append("…").append(close).append(" (" + std::to_string(text.size()) + " bytes)");
}

}  // namespace cardex
