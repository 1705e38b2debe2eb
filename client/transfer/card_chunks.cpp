#include "client/transfer/card_chunks.hpp"

#include <algorithm>

#include "core/text/ascii.hpp"

namespace cardex::client::transfer {
namespace {

// The line without its line break and surrounding blanks.
std::string_view trimmed(std::string_view line) {
    while (!line.empty() && (line.back() == '\r' || line.back() == ' ' || line.back() == '\t'))
        line.remove_suffix(1);
    while (!line.empty() && (line.front() == ' ' || line.front() == '\t'))
        line.remove_prefix(1);
    return line;
}

}  // namespace

std::vector<std::string_view> split_vcard_text(std::string_view text, std::size_t parts) {
    std::vector<std::string_view> out;
    if (parts <= 1 || text.empty()) return {text};
    const std::size_t target = text.size() / parts + 1;
    std::size_t part_start = 0;
    std::size_t depth = 0;
    bool after_top_level_end = false;
    for (std::size_t at = 0; at < text.size();) {
        const std::size_t end = std::min(text.find('\n', at), text.size());
        const std::string_view line = trimmed(text.substr(at, end - at));
        if (equals_ignoring_case(line, "BEGIN:VCARD")) {
            if (after_top_level_end && depth == 0 && at - part_start >= target) {
                out.push_back(text.substr(part_start, at - part_start));
                part_start = at;
            }
            ++depth;
        } else if (equals_ignoring_case(line, "END:VCARD") && depth > 0) {
            --depth;
        }
        if (!line.empty())
            after_top_level_end = depth == 0 && equals_ignoring_case(line, "END:VCARD");
        at = end + 1;
    }
    out.push_back(text.substr(part_start));
    return out;
}

}  // namespace cardex::client::transfer
