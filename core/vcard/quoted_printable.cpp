#include <string>

#include "core/vcard/text_codecs.hpp"

namespace cardex::vcard {
namespace {

int hex_value(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    return -1;
}

}  // namespace

std::string decode_quoted_printable(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text[i] == '=' && i + 2 < text.size()) {
            const int high = hex_value(text[i + 1]);
            const int low = hex_value(text[i + 2]);
            if (high >= 0 && low >= 0) {
                out.push_back(static_cast<char>(high * 16 + low));
                i += 2;
                continue;
            }
        }
        if (text[i] == '=' && text.find_first_not_of(" \t", i + 1) == std::string_view::npos) {
            break;  // a soft line break that ends the value
        }
        out.push_back(text[i]);
    }
    return out;
}

}  // namespace cardex::vcard
