#include "core/vcard/property_kinds.hpp"
#include "core/vcard/text_syntax.hpp"
#include "core/vcard/text_values.hpp"
#include "core/vcard/text_writer_parts.hpp"
#include "core/vcard/writer.hpp"

namespace cardex::vcard {
namespace {

constexpr std::size_t kMaxLineOctets = 75;  // RFC 6350 section 3.2, CRLF not counted

bool is_utf8_continuation(char c) {
    return (static_cast<unsigned char>(c) & 0xC0) == 0x80;
}

std::string escape_parameter_value(std::string_view value, Version version) {
    std::string out;
    for (std::size_t i = 0; i < value.size(); ++i) {
        const char c = value[i];
        const bool line_break = c == '\n' || c == '\r';
        if (c == '\r' && i + 1 < value.size() && value[i + 1] == '\n') continue;  // CRLF: one
        if (version == Version::v40) {
            if (c == '^') {
                out += "^^";
            } else if (line_break) {
                out += "^n";
            } else if (c == '"') {
                out += "^'";
            } else {
                out.push_back(c);
            }
        } else {
            out.push_back(line_break ? ' ' : c == '"' ? '\'' : c);
        }
    }
    if (out.find_first_of(",;:") != std::string::npos) return "\"" + out + "\"";
    return out;
}

void append_parameter(std::string& line, const Parameter& parameter, Version version) {
    line += ';';
    line += parameter.name;
    line += '=';
    for (std::size_t i = 0; i < parameter.values.size(); ++i) {
        if (i > 0) line += ',';
        line += escape_parameter_value(parameter.values[i], version);
    }
}

// Values in the model are decoded, so ENCODING=QUOTED-PRINTABLE would be false (and make
// readers take a '=' at the end of a folded line for a soft line break).
bool is_quoted_printable_marker(const Parameter& parameter) {
    return equals_ignoring_case(parameter.name, "ENCODING") && parameter.values.size() == 1 &&
           equals_ignoring_case(parameter.values.front(), "QUOTED-PRINTABLE");
}

// Properties the writer produces itself (VERSION) or that would end the card early
// (BEGIN:VCARD, END:VCARD); the reader never puts them in a card.
bool is_frame_property(const Property& property) {
    if (!property.group.empty()) return false;
    if (equals_ignoring_case(property.name, "VERSION")) return true;
    const bool begin_or_end =
        equals_ignoring_case(property.name, "BEGIN") || equals_ignoring_case(property.name, "END");
    return begin_or_end && equals_ignoring_case(trim_blanks(property.first_value()), "VCARD");
}

// `add_fn`: a card without FN gets one made from its other fields, as RFC 6350 requires.
void append_card(std::string& out, const Card& card, Version version, bool add_fn = true) {
    out += "BEGIN:VCARD\r\n";
    out += version == Version::v40 ? "VERSION:4.0\r\n" : "VERSION:3.0\r\n";
    if (auto fn = missing_fn(card); add_fn && fn && version == Version::v40) {
        append_folded(out, property_line(*fn, version));  // 3.0: added when adapting the card
    }
    for (const auto& property : card.properties) {
        if (is_frame_property(property) || property.name.empty()) continue;
        append_folded(out, property_line(property, version));
    }
    out += "END:VCARD\r\n";
}

}  // namespace

std::string property_line(const Property& property, Version version) {
    std::string line;
    if (!property.group.empty()) line += property.group + ".";
    line += property.name;
    const PropertyKind* kind = find_property_kind(upper_ascii(property.name));
    const bool verbatim = !kind || property.value_type == "unknown";
    if (!verbatim && !property.value_type.empty() && property.value_type != kind->default_type) {
        append_parameter(line, Parameter{"VALUE", {property.value_type}}, version);
    }
    for (const auto& parameter : property.params) {
        if (parameter.name.empty() || is_quoted_printable_marker(parameter)) continue;
        if (!verbatim && equals_ignoring_case(parameter.name, "VALUE")) continue;
        append_parameter(line, parameter, version);
    }
    line += ':';
    line += verbatim ? encode_verbatim(property.components)
                     : encode_value(property.components, *kind, property.value_type);
    return line;
}

void append_folded(std::string& out, std::string_view line) {
    bool first = true;
    do {
        const std::size_t room = first ? kMaxLineOctets : kMaxLineOctets - 1;
        std::size_t end = std::min(line.size(), room);
        while (end > 0 && end < line.size() && is_utf8_continuation(line[end]))
            --end;
        if (end == 0) end = std::min(line.size(), room);  // not UTF-8: any cut will do
        if (!first) out += ' ';
        out.append(line.substr(0, end));
        out += "\r\n";
        line.remove_prefix(end);
        first = false;
    } while (!line.empty());
}

// Version::v21 is not written; it is written as 3.0, the oldest version supported.
std::string write_vcard_text(const Card& card, Version version) {
    std::string out;
    if (version == Version::v40) {
        append_card(out, card, version);
    } else {
        append_card(out, adapt_card_for_v30(card), Version::v30);
    }
    return out;
}

std::string write_vcard_text_as_is(const Card& card) {
    std::string out;
    append_card(out, card, Version::v40, false);
    return out;
}

std::string write_vcard_text(const std::vector<Card>& cards, Version version) {
    std::string out;
    for (const auto& card : cards)
        out += write_vcard_text(card, version);
    return out;
}

}  // namespace cardex::vcard
