#include "client/book/text_fold.hpp"

#include <unicode/unistr.h>

#include <algorithm>

namespace cardex::client::book {
namespace {

constexpr std::string_view kSpaces = " \t\r\n";

}  // namespace

std::string_view trim_spaces(std::string_view text) {
    const auto first = text.find_first_not_of(kSpaces);
    if (first == std::string_view::npos) return {};
    return text.substr(first, text.find_last_not_of(kSpaces) - first + 1);
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
