#include "core/text/ascii.hpp"
#include "core/vcard/interchange.hpp"
#include "core/vcard/reader.hpp"

namespace cardex::vcard {
namespace {

std::string_view skip_bom_and_space(std::string_view bytes) {
    if (bytes.starts_with("\xEF\xBB\xBF")) bytes.remove_prefix(3);
    const auto first = bytes.find_first_not_of(" \t\r\n");
    return first == std::string_view::npos ? std::string_view{} : bytes.substr(first);
}

}  // namespace

Result<Format> detect_format(std::string_view bytes) {
    const std::string_view start = skip_bom_and_space(bytes);
    if (start.empty()) return make_error("the input is empty");
    if (start.front() == '<') return Format::xcard;
    if (start.front() == '[') return Format::jcard;
    // Text vCards start with BEGIN:VCARD, possibly after a group or some junk lines; accept any
    // input that contains it near the top.
    if (starts_with_ignoring_case(start, "BEGIN:VCARD") ||
        start.substr(0, 4096).find("BEGIN:VCARD") != std::string_view::npos ||
        start.substr(0, 4096).find("begin:vcard") != std::string_view::npos) {
        return Format::vcard_text;
    }
    return make_error("not a vCard, xCard or jCard: no BEGIN:VCARD, '<' or '[' at the start");
}

ReadResult read_any(std::string_view bytes, const Limits& limits) {
    auto format = detect_format(bytes);
    if (!format) {
        const std::string& why = format.error().message;
        return ReadResult{{}, {detail::unplaced_error(0, why)}, {}};
    }
    switch (*format) {
        case Format::xcard:
            return read_xcard(bytes, limits);
        case Format::jcard:
            return read_jcard(bytes, limits);
        case Format::vcard_text:
            break;
    }
    return read_vcard_text(bytes, limits);
}

}  // namespace cardex::vcard
