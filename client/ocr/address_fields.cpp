// The postal address block: a line with a postcode (German, US, British or Chinese style) or a
// street, and its neighbours.
#include <algorithm>
#include <array>
#include <cctype>
#include <regex>

#include "client/ocr/extraction_parts.hpp"

namespace cardex::client::ocr::parts {
namespace {

constexpr std::array<std::string_view, 16> kCountries = {
    "germany", "deutschland", "usa",        "united states", "united kingdom", "uk",
    "china",   "中国",        "austria",    "österreich",    "switzerland",    "schweiz",
    "france",  "canada",      "p.r. china", "england"};

bool is_country(const std::string& text) {
    const std::string lower = lower_ascii(trimmed(text));
    for (auto country : kCountries)
        if (lower == country) return true;
    return false;
}

// "CA", "NY": a US state or Canadian province on a line of its own.
bool is_region_code(const std::string& text) {
    const std::string t = trimmed(text);
    return t.size() == 2 && std::isupper(static_cast<unsigned char>(t[0])) &&
           std::isupper(static_cast<unsigned char>(t[1]));
}

const std::regex& street_pattern() {
    static const std::regex pattern(
        R"((stra(ss|ß)e|str\.|weg|platz|allee|gasse|ring|damm|ufer|chaussee)\s*\d+|^\d+[A-Za-z]?\s+.*\b(street|st\.?|avenue|ave\.?|road|rd\.?|boulevard|blvd\.?|lane|ln\.?|drive|dr\.?|way|court|ct\.?|place|pl\.?|square|parkway)\b|\b(suite|floor)\s+\d+)",
        std::regex::icase);
    return pattern;
}

bool is_street(const std::string& text) {
    if (std::regex_search(text, street_pattern())) return true;
    for (const char* han : {"路", "街", "号", "道", "大厦", "区", "市"})
        if (text.find(han) != std::string::npos && han_share(text) > 0.5) return true;
    return false;
}

// The line just above a postcode is the street when it has a number and words: "5 Deansgate",
// "Domkloster 4".
bool is_street_above_postcode(const std::string& text) {
    const auto digits = std::count_if(text.begin(), text.end(), [](char c) {
        return std::isdigit(static_cast<unsigned char>(c));
    });
    const bool letters = std::any_of(text.begin(), text.end(), [](char c) {
        return std::isalpha(static_cast<unsigned char>(c)) || static_cast<unsigned char>(c) >= 0x80;
    });
    return is_street(text) || (digits > 0 && digits <= 6 && letters);
}

// Removes a leading label such as "Adresse:", "Address:", "地址：".
std::string without_label(const std::string& text) {
    for (const std::string_view label :
         {"地址：", "地址:", "地址", "Adresse:", "Address:", "Anschrift:", "Addr.:"}) {
        if (text.rfind(label, 0) == 0) return trimmed(text.substr(label.size()));
    }
    return trimmed(text);
}

// Reads a postcode and locality out of `text`; the street before them on the same line (after
// a comma) too.
bool read_postcode_line(const std::string& text, FoundAddress& out) {
    if (text.empty()) return false;
    static const std::regex german(
        R"((^|,\s*|\s)(D-|DE-|A-|CH-)?(\d{4,6})(\s+|(?=[^\x00-\x7F]))([^\d,]+?)\s*$)");
    static const std::regex us(R"((^|,\s*)([^,\d][^,]*?),?\s+([A-Z]{2})\s+(\d{5}(-\d{4})?)\s*$)");
    static const std::regex uk(
        R"((^|,\s*)([^,\d][^,]*?),?\s+([A-Z]{1,2}\d[A-Z\d]?\s*\d[A-Z]{2})\s*$)");
    static const std::regex uk_first(R"(^([A-Z]{1,2}\d[A-Z\d]?\s*\d[A-Z]{2})\s+([^\d,]+?)\s*$)");
    static const std::regex chinese(R"((邮编|邮政编码)[:：]?\s*(\d{6}))");
    std::smatch m;
    if (std::regex_search(text, m, us)) {
        out.locality = trimmed(m.str(2));
        out.region = m.str(3);
        out.postal_code = m.str(4);
    } else if (std::regex_search(text, m, uk_first)) {
        out.postal_code = m.str(1);
        out.locality = trimmed(m.str(2));
    } else if (std::regex_search(text, m, uk)) {
        out.locality = trimmed(m.str(2));
        out.postal_code = m.str(3);
    } else if (!(std::isdigit(static_cast<unsigned char>(text.front())) && is_street(text)) &&
               std::regex_search(text, m, german)) {
        out.postal_code = m.str(3);
        out.locality = trimmed(m.str(5));
    } else if (std::regex_search(text, m, chinese)) {
        out.postal_code = m.str(2);
    } else {
        return false;
    }
    const std::string before = trimmed(m.prefix().str());
    if (!before.empty() && out.street.empty()) {
        std::string street = before;
        while (!street.empty() && (street.back() == ',' || street.back() == ' '))
            street.pop_back();
        if (is_street(street) || !street.empty()) out.street = without_label(street);
    }
    return true;
}

}  // namespace

std::string address_text(const FoundAddress& a) {
    std::string out;
    for (const std::string* part :
         {&a.street, &a.postal_code, &a.locality, &a.region, &a.country}) {
        if (part->empty()) continue;
        if (!out.empty()) out += ", ";
        out += *part;
    }
    return out;
}

// The unused line nearest above (step -1) or below (step 1) line i in the same column: the
// boxes overlap across; without boxes (made-up lines), the line before or after.
std::optional<std::size_t> neighbour(const std::vector<LineView>& lines, std::size_t i, int step) {
    const Box& at = lines[i].line->box;
    if (at.width == 0) {
        const auto j = static_cast<std::ptrdiff_t>(i) + step;
        if (j < 0 || j >= static_cast<std::ptrdiff_t>(lines.size())) return std::nullopt;
        if (lines[static_cast<std::size_t>(j)].used) return std::nullopt;
        return static_cast<std::size_t>(j);
    }
    std::optional<std::size_t> best;
    int best_distance = 0;
    for (std::size_t j = 0; j < lines.size(); ++j) {
        if (j == i || lines[j].used) continue;
        const Box& b = lines[j].line->box;
        const bool across = b.x < at.x + at.width && at.x < b.x + b.width;
        const int distance = step < 0 ? at.y - b.y : b.y - at.y;
        if (!across || distance <= 0 || distance > 3 * std::max(at.height, 1)) continue;
        if (!best || distance < best_distance) {
            best = j;
            best_distance = distance;
        }
    }
    return best;
}

std::optional<FoundAddress> find_address(std::vector<LineView>& lines) {
    FoundAddress found;
    std::vector<std::size_t> taken;
    for (std::size_t i = 0; i < lines.size(); ++i) {
        if (lines[i].used) continue;
        if (!read_postcode_line(without_label(lines[i].text), found)) continue;
        taken.push_back(i);
        lines[i].used = true;
        if (found.street.empty()) {
            if (auto above = neighbour(lines, i, -1);
                above && is_street_above_postcode(lines[*above].text)) {
                found.street = without_label(lines[*above].text);
                taken.push_back(*above);
                lines[*above].used = true;
            }
        }
        auto below = neighbour(lines, i, 1);
        if (below && found.region.empty() && is_region_code(lines[*below].text)) {
            found.region = trimmed(lines[*below].text);
            taken.push_back(*below);
            lines[*below].used = true;
            below = neighbour(lines, *below, 1);
        }
        if (below && is_country(lines[*below].text)) {
            found.country = trimmed(lines[*below].text);
            taken.push_back(*below);
        }
        break;
    }
    if (taken.empty()) {  // no postcode: a street line alone (a Chinese address, often)
        for (std::size_t i = 0; i < lines.size(); ++i) {
            if (lines[i].used || !is_street(lines[i].text)) continue;
            found.street = without_label(lines[i].text);
            taken.push_back(i);
            break;
        }
    }
    if (taken.empty()) return std::nullopt;
    found.confidence = 100.0;
    for (std::size_t i : taken) {
        lines[i].used = true;
        found.confidence = std::min(found.confidence, line_confidence(*lines[i].line));
    }
    return found;
}

}  // namespace cardex::client::ocr::parts
