// The 4.0 model adapted to vCard 3.0 (RFC 2426) before writing: only what 3.0 readers know,
// plus X- properties, which they keep.
#include <algorithm>
#include <array>

#include "core/vcard/media.hpp"
#include "core/vcard/property_kinds.hpp"
#include "core/vcard/text_syntax.hpp"
#include "core/vcard/text_values.hpp"
#include "core/vcard/text_writer_parts.hpp"

namespace cardex::vcard {
namespace {

// RFC 6350 properties that vCard 3.0 does not have; written as X- properties.
constexpr std::array<std::string_view, 8> kOnlyIn40 = {
    "KIND", "GENDER", "ANNIVERSARY", "LANG", "CLIENTPIDMAP", "MEMBER", "RELATED", "XML"};

// Value types that exist in vCard 3.0.
constexpr std::array<std::string_view, 10> kTypesIn30 = {
    "text",    "uri",     "date",  "time",       "date-time",
    "boolean", "integer", "float", "utc-offset", "binary"};

template <class List>
bool contains(const List& list, std::string_view value) {
    return std::find(list.begin(), list.end(), value) != list.end();
}

// Removes the parameter and returns its values joined by ','.
std::string take_parameter(Property& property, std::string_view name) {
    std::string value;
    auto& params = property.params;
    for (auto it = params.begin(); it != params.end();) {
        if (!equals_ignoring_case(it->name, name)) {
            ++it;
            continue;
        }
        for (const auto& item : it->values)
            value += (value.empty() ? "" : ",") + item;
        it = params.erase(it);
    }
    return value;
}

void add_type(Property& property, const std::string& type) {
    for (auto& parameter : property.params) {
        if (!equals_ignoring_case(parameter.name, "TYPE")) continue;
        parameter.values.push_back(type);
        return;
    }
    property.params.push_back(Parameter{"TYPE", {type}});
}

// PREF=1 -> TYPE=pref; other PREF values have no 3.0 form and are dropped.
void pref_to_type(Property& property) {
    const bool preferred = property.pref() == 1;
    take_parameter(property, "PREF");
    if (preferred) add_type(property, "pref");
}

// The value in its escaped text form, kept as it is from here on (no further escaping).
void freeze_value(Property& property) {
    if (const PropertyKind* kind = find_property_kind(property.name);
        kind && property.value_type != "unknown") {
        property.components = {{encode_value(property.components, *kind, property.value_type)}};
    } else {
        property.components = {{encode_verbatim(property.components)}};
    }
    property.value_type = "unknown";
}

// PHOTO, LOGO, SOUND, KEY: inline data as ENCODING=b with a format name, URIs as VALUE=uri.
void adapt_media(Property& property) {
    const std::string media_type = take_parameter(property, "MEDIATYPE");
    if (property.value_type != "uri") return;
    const auto data = parse_data_uri(property.first_value());
    if (data && data->base64) {
        const std::string payload(data->data);
        property.params.push_back(Parameter{"ENCODING", {"b"}});
        if (!data->media_type.empty()) add_type(property, format_for_media_type(data->media_type));
        property.components = {{payload}};
        property.value_type = "unknown";
        return;
    }
    property.params.insert(property.params.begin(), Parameter{"VALUE", {"uri"}});
    if (!media_type.empty()) add_type(property, format_for_media_type(media_type));
    freeze_value(property);
}

// "geo:46.77,-71.28" -> "46.77;-71.28", the structured GEO of 3.0.
void adapt_geo(Property& property) {
    const std::string& value = property.first_value();
    if (value.size() < 4 || !equals_ignoring_case(std::string_view(value).substr(0, 4), "geo:")) {
        return;
    }
    std::string coordinates = value.substr(
        4, value.find(';') == std::string::npos ? std::string::npos : value.find(';') - 4);
    std::replace(coordinates.begin(), coordinates.end(), ',', ';');
    property.components = {{coordinates}};
    property.value_type = "unknown";
}

void rename_to_extension(Property& property) {
    const PropertyKind* kind = find_property_kind(property.name);
    if (kind && property.value_type != kind->default_type && property.value_type != "unknown") {
        property.params.insert(property.params.begin(), Parameter{"VALUE", {property.value_type}});
    }
    freeze_value(property);
    property.name = "X-" + property.name;
}

void adapt_value_type(Property& property) {
    const PropertyKind* kind = find_property_kind(property.name);
    if (kind && property.value_type != "unknown" && !contains(kTypesIn30, property.value_type)) {
        property.value_type = std::string(kind->default_type);
    }
}

// 3.0 dates are complete (RFC 2426 uses ISO 8601 complete dates); 4.0 also has partial ones
// such as --0415 (a birthday without year).
bool is_complete_date(std::string_view value) {
    auto digits = [&](std::size_t from, std::size_t count) {
        if (value.size() < from + count) return false;
        return std::all_of(value.begin() + from, value.begin() + from + count,
                           [](char c) { return c >= '0' && c <= '9'; });
    };
    if (digits(0, 8)) return true;
    return digits(0, 4) && value.size() >= 10 && value[4] == '-' && digits(5, 2) &&
           value[7] == '-' && digits(8, 2);
}

void adapt_property(Property property, Card& out) {
    property.name = upper_ascii(property.name);
    pref_to_type(property);
    std::string label;
    if (is_media_property(property.name)) {
        adapt_media(property);
    } else if (property.name == "TEL" && property.value_type == "uri") {
        property.components = {{Card{{property}}.phones().front().number}};
        property.value_type = "text";
    } else if (property.name == "GEO") {
        adapt_geo(property);
    } else if (property.name == "ADR") {
        label = take_parameter(property, "LABEL");
    } else if (contains(kOnlyIn40, property.name) ||
               (property.name == "BDAY" && !is_complete_date(property.first_value()))) {
        rename_to_extension(property);
    }
    take_parameter(property, "MEDIATYPE");
    adapt_value_type(property);
    out.add(property);
    if (label.empty()) return;
    Property label_property = make_text("LABEL", label, property.group);
    for (const auto& parameter : property.params) {
        if (parameter.name == "TYPE") label_property.params.push_back(parameter);
    }
    out.add(std::move(label_property));
}

Property empty_name() {
    Property n = make_text("N", "");
    n.components.assign(5, Component{""});
    return n;
}

}  // namespace

Card adapt_card_for_v30(const Card& card) {
    Card out;
    if (auto fn = missing_fn(card)) out.add(std::move(*fn));
    if (!card.first("N")) out.add(empty_name());
    for (const auto& property : card.properties)
        adapt_property(property, out);
    return out;
}

}  // namespace cardex::vcard
