#include "core/vcard/interchange.hpp"

#include <algorithm>
#include <array>

#include "core/text/join.hpp"
#include "core/vcard/property_kinds.hpp"

namespace cardex::vcard::detail {
namespace {

constexpr std::array<std::string_view, 13> kValueTypes = {
    "text",    "uri",     "date",  "time",       "date-time",    "date-and-or-time", "timestamp",
    "boolean", "integer", "float", "utc-offset", "language-tag", "unknown"};

constexpr std::array<std::string_view, 6> kTemporalTypes = {
    "date", "time", "date-time", "date-and-or-time", "timestamp", "utc-offset"};

bool is_alpha(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}
bool is_digit(char c) {
    return c >= '0' && c <= '9';
}

template <std::size_t N>
bool contains(const std::array<std::string_view, N>& names, std::string_view name) {
    return std::find(names.begin(), names.end(), name) != names.end();
}

bool is_base64_char(char c) {
    return is_alpha(c) || is_digit(c) || c == '+' || c == '/' || c == '-' || c == '_';
}

bool is_hex(char c) {
    return is_digit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

std::size_t percent_decoded_size(std::string_view payload) {
    std::size_t size = 0;
    for (std::size_t i = 0; i < payload.size(); ++size) {
        const bool escape = payload[i] == '%' && i + 2 < payload.size() && is_hex(payload[i + 1]) &&
                            is_hex(payload[i + 2]);
        i += escape ? 3 : 1;
    }
    return size;
}

// Appends the pieces of `value` between ',' to `out`, lower-cased, skipping empty ones.
void split_type_value(std::string_view value, std::vector<std::string>& out) {
    for (std::size_t start = 0; start <= value.size();) {
        const std::size_t end = std::min(value.find(',', start), value.size());
        if (end > start) out.push_back(lower_ascii(value.substr(start, end - start)));
        start = end + 1;
    }
}

// TYPE as the text reader leaves it: one TYPE parameter, at the place of the first, holding
// every value split at ',', lower-cased, without empty ones (and no TYPE when none is left).
void merge_type_values(Property& property) {
    std::vector<std::string> values;
    for (const Parameter& param : property.params) {
        if (param.name != "TYPE") continue;
        for (const std::string& value : param.values)
            split_type_value(value, values);
    }
    std::vector<Parameter> params;
    bool placed = false;
    for (Parameter& param : property.params) {
        if (param.name != "TYPE") {
            params.push_back(std::move(param));
        } else if (!placed && !values.empty()) {
            params.push_back(Parameter{"TYPE", std::move(values)});
            placed = true;
        }
    }
    property.params = std::move(params);
}

}  // namespace

bool is_vcard_name(std::string_view name) {
    return !name.empty() && std::all_of(name.begin(), name.end(), [](char c) {
        return is_alpha(c) || is_digit(c) || c == '-' || c == '_';
    });
}

bool is_group_name(std::string_view name) {
    return !name.empty() && std::all_of(name.begin(), name.end(), [](char c) {
        return is_alpha(c) || is_digit(c) || c == '-' || c == '_' || c == '.';
    });
}

bool is_envelope_property(std::string_view upper_name) {
    return upper_name == "BEGIN" || upper_name == "END" || upper_name == "VERSION";
}

bool is_value_type(std::string_view lower_name) {
    if (contains(kValueTypes, lower_name)) return true;
    return lower_name.size() > 2 && lower_name.starts_with("x-") && is_vcard_name(lower_name) &&
           lower_ascii(lower_name) == lower_name;
}

bool is_temporal_type(std::string_view lower_name) {
    return contains(kTemporalTypes, lower_name);
}

bool defaults_to_date_and_or_time(std::string_view upper_name) {
    const PropertyKind* kind = find_property_kind(upper_name);
    return kind != nullptr && kind->default_type == "date-and-or-time";
}

std::string value_type_for_output(const Property& property) {
    const std::string type = lower_ascii(property.value_type);
    if (is_value_type(type)) return type;
    if (!type.empty()) return "unknown";
    const PropertyKind* kind = find_property_kind(upper_ascii(property.name));
    return kind != nullptr ? std::string(kind->default_type) : "text";
}

void fit_to_kind(Property& property) {
    merge_type_values(property);
    const PropertyKind* kind = find_property_kind(property.name);
    if (kind == nullptr) return;
    std::vector<Component>& components = property.components;
    if (kind->shape == ValueShape::single) {
        std::vector<std::string> joined;
        for (const Component& component : components)
            joined.push_back(join(component, ","));
        components = {{join(joined, ";")}};
    } else if (kind->shape == ValueShape::list) {
        Component items;
        for (Component& component : components) {
            items.insert(items.end(), component.begin(), component.end());
        }
        if (items.empty()) items.emplace_back();
        components = {std::move(items)};
    } else if (!kind->list_components) {
        for (Component& component : components)
            component = {join(component, ",")};
    }
}

std::vector<Parameter> params_for_output(const Property& property) {
    const bool typed = value_type_for_output(property) != "unknown";
    std::vector<Parameter> out;
    for (const Parameter& param : property.params) {
        const std::string name = upper_ascii(param.name);
        if ((typed && name == "VALUE") || !is_vcard_name(name)) continue;
        auto same = std::find_if(out.begin(), out.end(),
                                 [&](const Parameter& p) { return p.name == name; });
        if (same == out.end()) {
            out.push_back(Parameter{name, param.values});
        } else {
            same->values.insert(same->values.end(), param.values.begin(), param.values.end());
        }
    }
    return out;
}

std::string over_the_limit(std::string_view limit_name, std::size_t limit) {
    return "over the limit " + std::string(limit_name) + " (" + std::to_string(limit) + ")";
}

std::size_t data_uri_decoded_size(std::string_view uri) {
    const auto comma = uri.find(',');
    if (comma == std::string_view::npos) return uri.size();
    const std::string header = lower_ascii(uri.substr(0, comma));
    const std::string_view payload = uri.substr(comma + 1);
    if (!header.ends_with(";base64")) return percent_decoded_size(payload);
    const auto chars =
        static_cast<std::size_t>(std::count_if(payload.begin(), payload.end(), is_base64_char));
    return chars / 4 * 3 + (chars % 4 > 1 ? chars % 4 - 1 : 0);
}

std::optional<std::string> media_limit_problem(const Property& property, const Limits& limits) {
    if (!is_media_property(upper_ascii(property.name))) return std::nullopt;
    for (const Component& component : property.components) {
        for (const std::string& item : component) {
            if (!starts_with_ignoring_case(item, "data:")) continue;
            const std::size_t size = data_uri_decoded_size(item);
            if (size <= limits.max_media_bytes) continue;
            return property.name + ": the data: URI holds " + std::to_string(size) + " bytes, " +
                   over_the_limit("max_media_bytes", limits.max_media_bytes);
        }
    }
    return std::nullopt;
}

}  // namespace cardex::vcard::detail
