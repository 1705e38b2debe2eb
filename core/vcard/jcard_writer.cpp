// jCard writer (RFC 7095): the model as ["vcard", [properties]].
//
// One component is written as its list items, one value each (FN: one value; CATEGORIES: one
// per item); several components as one array whose elements are the components (a component
// with several items is a nested array). Integers, floats and booleans become JSON numbers and
// booleans when that keeps their text; dates and times take the extended ISO 8601 format.
#include <charconv>
#include <cmath>
#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <type_traits>

#include "core/vcard/interchange.hpp"
#include "core/vcard/jcard_datetime.hpp"
#include "core/vcard/writer.hpp"

namespace cardex::vcard {
namespace {

using Json = nlohmann::ordered_json;

std::string dump(const Json& json) {
    // Replacing invalid UTF-8 keeps the library from throwing on text that is not UTF-8.
    return json.dump(-1, ' ', false, Json::error_handler_t::replace);
}

// A JSON number when it prints back as exactly `text` (so "007" and "1.50" stay strings).
template <class Number>
std::optional<Json> number_of(const std::string& text) {
    Number number{};
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), number);
    if (error != std::errc() || end != text.data() + text.size()) return std::nullopt;
    if constexpr (std::is_floating_point_v<Number>) {
        if (!std::isfinite(number)) return std::nullopt;
    }
    Json json(number);
    if (dump(json) != text) return std::nullopt;
    return json;
}

Json scalar_json(std::string_view type, const std::string& item) {
    if (type == "integer") {
        if (auto number = number_of<std::int64_t>(item)) return *number;
    } else if (type == "float") {
        if (auto number = number_of<double>(item)) return *number;
    } else if (type == "boolean") {
        const std::string lower = lower_ascii(item);
        if (lower == "true" || lower == "false") return lower == "true";
    } else if (detail::is_temporal_type(type)) {
        return detail::to_extended_format(type, item);
    }
    return item;
}

Json component_json(std::string_view type, const Component& component) {
    if (component.empty()) return "";
    if (component.size() == 1) return scalar_json(type, component.front());
    Json items = Json::array();
    for (const std::string& item : component)
        items.push_back(scalar_json(type, item));
    return items;
}

Json params_json(const Property& property) {
    Json params = Json::object();
    // A group the readers would refuse is left out, so that the card stays readable.
    if (detail::is_group_name(property.group)) params["group"] = property.group;
    for (const Parameter& param : detail::params_for_output(property)) {
        if (param.name == "GROUP") continue;  // the key jCard uses for the property's group
        const std::string key = lower_ascii(param.name);
        if (param.values.size() == 1) {
            params[key] = param.values.front();
        } else {
            params[key] = param.values;
        }
    }
    return params;
}

Json property_json(const Property& property) {
    const std::string type = detail::value_type_for_output(property);
    Json json = Json::array({lower_ascii(property.name), params_json(property), type});
    if (property.components.size() > 1) {
        Json structured = Json::array();
        for (const Component& c : property.components) {
            structured.push_back(component_json(type, c));
        }
        json.push_back(std::move(structured));
        return json;
    }
    if (property.components.empty() || property.components.front().empty()) {
        json.push_back("");
        return json;
    }
    for (const std::string& item : property.components.front()) {
        json.push_back(scalar_json(type, item));
    }
    return json;
}

// `add_missing_fn`: a document of cards (like write_xcard) gets the FN RFC 6350 requires; a
// single card (like card_to_xml) is written exactly as given.
Json card_json(const Card& card, bool add_missing_fn) {
    Json properties = Json::array();
    properties.push_back(Json::array({"version", Json::object(), "text", "4.0"}));
    if (auto fn = missing_fn(card); fn && add_missing_fn) properties.push_back(property_json(*fn));
    for (const Property& property : card.properties) {
        const std::string name = upper_ascii(property.name);
        if (!detail::is_vcard_name(name) || detail::is_envelope_property(name)) continue;
        properties.push_back(property_json(property));
    }
    return Json::array({"vcard", std::move(properties)});
}

}  // namespace

std::string write_jcard(const Card& card) {
    return dump(card_json(card, false));
}

std::string write_jcard(const std::vector<Card>& cards) {
    Json all = Json::array();
    for (const Card& card : cards)
        all.push_back(card_json(card, true));
    return dump(all);
}

}  // namespace cardex::vcard
