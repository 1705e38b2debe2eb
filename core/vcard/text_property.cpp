#include "core/vcard/text_property.hpp"

#include <algorithm>
#include <array>

#include "core/text/excerpt.hpp"
#include "core/vcard/property_kinds.hpp"
#include "core/vcard/text_codecs.hpp"
#include "core/vcard/text_media.hpp"
#include "core/vcard/text_params.hpp"
#include "core/vcard/text_values.hpp"

namespace cardex::vcard {
namespace {

bool is_name_char(char c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' ||
           c == '_';
}

// The upper-case name, or empty when the line has no usable name. A name with spaces inside
// (exporters wrote "X-GOOGLE TALK") is read with '-' in their place, and that is reported.
std::string checked_name(std::string_view written, std::vector<std::string>& problems) {
    const std::string_view name = trim_blanks(written);
    if (name.empty()) {
        problems.push_back("line has no property name; skipped");
        return {};
    }
    const bool valid = std::all_of(name.begin(), name.end(), is_name_char);
    const bool spaced = std::all_of(
        name.begin(), name.end(), [](char c) { return is_name_char(c) || c == ' ' || c == '\t'; });
    if (valid) return upper_ascii(name);
    const std::string shown = quoted(name);
    if (!spaced) {
        problems.push_back(shown + " is not a property name; line skipped");
        return {};
    }
    std::string repaired = upper_ascii(name);
    std::replace_if(
        repaired.begin(), repaired.end(), [](char c) { return !is_name_char(c); }, '-');
    problems.push_back("property name " + shown + " contains a space; read as " +
                       quoted_excerpt(repaired, "", ""));
    return repaired;
}

std::string decode_text_bytes(std::string_view bytes, const std::string& charset,
                              std::vector<std::string>& problems) {
    if (charset.empty()) return undeclared_text_to_utf8(bytes);
    auto converted = charset_to_utf8(bytes, charset);
    if (converted) return std::move(*converted);
    problems.push_back(converted.error().message + "; value read as UTF-8 or Windows-1252");
    return undeclared_text_to_utf8(bytes);
}

bool is_decimal(std::string_view text) {
    text = trim_blanks(text);
    return !text.empty() && text.find_first_not_of("+-.0123456789") == std::string_view::npos;
}

// vCard 2.1 and 3.0 wrote GEO as "lat;lon" (2.1 also "lat,lon"); 4.0 uses a geo: URI.
void upgrade_geo(Property& property) {
    std::string& value = property.components.front().front();
    const auto separator = value.find_first_of(";,");
    if (separator == std::string::npos) return;
    const std::string_view lat = std::string_view(value).substr(0, separator);
    const std::string_view lon = std::string_view(value).substr(separator + 1);
    if (!is_decimal(lat) || !is_decimal(lon)) return;
    value = "geo:" + std::string(trim_blanks(lat)) + "," + std::string(trim_blanks(lon));
    property.value_type = "uri";
}

struct LineContext {
    const ContentLine& line;
    Version version;
    const Limits& limits;
};

// Base64 data of a property that is not PHOTO, LOGO, SOUND or KEY: known properties get the
// decoded text; unknown ones keep the base64 text and their ENCODING=b.
bool read_other_base64(const LineContext& context, const PropertyKind* kind,
                       DecodedParameters& params, Property& property, PropertyOutcome& outcome) {
    if (!kind) {
        std::string text = context.line.value;
        std::erase_if(text, [](char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; });
        params.params.push_back(Parameter{"ENCODING", {"b"}});
        property.components = {{std::move(text)}};
        return true;
    }
    auto bytes = decode_base64(context.line.value);
    if (!bytes) {
        outcome.problems.push_back(bytes.error().message + "; property skipped");
        return false;
    }
    const std::string text = decode_text_bytes(*bytes, params.charset, outcome.problems);
    property.components = decode_value(text, *kind, context.version);
    return true;
}

bool read_value(const LineContext& context, const PropertyKind* kind, DecodedParameters& params,
                Property& property, PropertyOutcome& outcome) {
    if (params.encoding == TransferEncoding::base64) {
        if (is_media_property(property.name)) {
            return read_inline_media(context.line.value, context.limits, params.params, property,
                                     outcome);
        }
        return read_other_base64(context, kind, params, property, outcome);
    }
    std::string bytes = context.line.value;
    if (params.encoding == TransferEncoding::quoted_printable) {
        bytes = decode_quoted_printable(bytes);
    }
    const std::string text = decode_text_bytes(bytes, params.charset, outcome.problems);
    if (kind) {
        property.components = decode_value(text, *kind, context.version);
    } else {
        property.components = {{escape_line_breaks(text)}};  // verbatim, kept on one line
    }
    return true;
}

void add_prefix(std::vector<std::string>& problems, std::size_t from, const std::string& name) {
    for (std::size_t i = from; i < problems.size(); ++i)
        problems[i] = name + ": " + problems[i];
}

}  // namespace

bool is_known_property_name(std::string_view upper_name) {
    static constexpr std::array<std::string_view, 8> kOlder = {
        "VERSION", "LABEL", "AGENT", "MAILER", "NAME", "PROFILE", "CLASS", "SORT-STRING"};
    return find_property_kind(upper_name) != nullptr ||
           std::find(kOlder.begin(), kOlder.end(), upper_name) != kOlder.end();
}

PropertyOutcome read_property(const ContentLine& line, Version version, const Limits& limits) {
    PropertyOutcome outcome;
    if (!line.has_colon && !is_known_property_name(upper_ascii(trim_blanks(line.name)))) {
        outcome.problems.push_back("line " + quoted(line.name) +
                                   " has no ':' and is not a property; skipped");
        return outcome;
    }
    Property property;
    property.name = checked_name(line.name, outcome.problems);
    if (property.name.empty()) return outcome;
    const std::size_t own_problems = outcome.problems.size();
    property.group = line.group;
    const PropertyKind* kind = find_property_kind(property.name);
    DecodedParameters params = decode_parameters(line.params, version, kind != nullptr);
    outcome.problems.insert(outcome.problems.end(), params.problems.begin(), params.problems.end());
    property.value_type =
        kind ? std::string(effective_value_type(*kind, params.value_type)) : "unknown";

    const LineContext context{line, version, limits};
    const bool kept = read_value(context, kind, params, property, outcome);
    property.params = std::move(params.params);
    if (kept && is_media_property(property.name) && outcome.card_error.empty()) {
        finish_media(limits, property, outcome);
    }
    if (kept && property.name == "GEO" && version != Version::v40) upgrade_geo(property);
    add_prefix(outcome.problems, own_problems, property.name);
    if (!outcome.card_error.empty()) outcome.card_error = property.name + ": " + outcome.card_error;
    if (kept && outcome.card_error.empty()) outcome.property = std::move(property);
    return outcome;
}

}  // namespace cardex::vcard
