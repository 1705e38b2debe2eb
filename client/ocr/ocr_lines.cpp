#include "client/ocr/ocr_lines.hpp"

#include <cstdint>

namespace cardex::client::ocr {
namespace {

bool starts_with_han(const std::string& text) {
    const auto points = code_points(text);
    return !points.empty() && is_han(points.front());
}

bool ends_with_han(const std::string& text) {
    const auto points = code_points(text);
    return !points.empty() && is_han(points.back());
}

}  // namespace

bool is_han(char32_t c) {
    return (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0x3400 && c <= 0x4DBF) ||
           (c >= 0xF900 && c <= 0xFAFF) || (c >= 0x20000 && c <= 0x2FA1F);
}

std::u32string code_points(const std::string& utf8) {
    std::u32string out;
    for (std::size_t i = 0; i < utf8.size();) {
        const auto lead = static_cast<std::uint8_t>(utf8[i]);
        const std::size_t length = lead < 0x80           ? 1
                                   : (lead >> 5) == 0x6  ? 2
                                   : (lead >> 4) == 0xE  ? 3
                                   : (lead >> 3) == 0x1E ? 4
                                                         : 0;
        if (length == 0 || i + length > utf8.size()) {
            out.push_back(0xFFFD);
            ++i;
            continue;
        }
        char32_t c = length == 1 ? lead : lead & (0x3F >> (length - 1));
        bool good = true;
        for (std::size_t k = 1; k < length; ++k) {
            const auto next = static_cast<std::uint8_t>(utf8[i + k]);
            good = good && (next >> 6) == 0x2;
            c = (c << 6) | (next & 0x3F);
        }
        out.push_back(good ? c : 0xFFFD);
        i += good ? length : 1;
    }
    return out;
}

double han_share(const std::string& text) {
    std::size_t letters = 0, han = 0;
    for (char32_t c : code_points(text)) {
        if (is_han(c)) {
            ++han;
            ++letters;
        } else if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= 0xC0 && c < 0x2000)) {
            ++letters;
        }
    }
    return letters == 0 ? 0.0 : static_cast<double>(han) / static_cast<double>(letters);
}

std::string OcrLine::text() const {
    std::string out;
    for (const auto& word : words) {
        if (word.text.empty()) continue;
        if (!out.empty() && !(ends_with_han(out) || starts_with_han(word.text))) out += ' ';
        out += word.text;
    }
    return out;
}

std::vector<std::size_t> OcrLine::word_starts() const {
    std::vector<std::size_t> starts;
    std::string out;
    for (const auto& word : words) {
        if (word.text.empty()) {
            starts.push_back(std::string::npos);
            continue;
        }
        if (!out.empty() && !(ends_with_han(out) || starts_with_han(word.text))) out += ' ';
        starts.push_back(out.size());
        out += word.text;
    }
    return starts;
}

}  // namespace cardex::client::ocr
