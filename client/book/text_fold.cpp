#include "client/book/text_fold.hpp"

#include <unicode/unistr.h>

#include <algorithm>

namespace cardex::client::book {
namespace {

constexpr std::string_view kSpaces = " \t\r\n";

char ascii_lower(char c) {
    return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
}

char ascii_upper(char c) {
    return c >= 'a' && c <= 'z' ? static_cast<char>(c - 'a' + 'A') : c;
}

}  // namespace

std::string_view trim_spaces(std::string_view text) {
    const auto first = text.find_first_not_of(kSpaces);
    if (first == std::string_view::npos) return {};
    return text.substr(first, text.find_last_not_of(kSpaces) - first + 1);
}

std::string lower_ascii(std::string_view text) {
    std::string out(text);
    std::transform(out.begin(), out.end(), out.begin(), ascii_lower);
    return out;
}

std::string upper_ascii(std::string_view text) {
    std::string out(text);
    std::transform(out.begin(), out.end(), out.begin(), ascii_upper);
    return out;
}

bool starts_with_ignoring_case(std::string_view text, std::string_view prefix) {
    return text.size() >= prefix.size() &&
           lower_ascii(text.substr(0, prefix.size())) == lower_ascii(prefix);
}

std::string fold_case(std::string_view utf8) {
    // Invalid UTF-8 bytes become U+FFFD; the vCard model holds UTF-8, so only broken input is
    // concerned.
    std::string folded;
    icu::UnicodeString::fromUTF8(icu::StringPiece(utf8.data(), static_cast<int32_t>(utf8.size())))
        .foldCase()
        .toUTF8String(folded);
    return folded;
}

}  // namespace cardex::client::book
