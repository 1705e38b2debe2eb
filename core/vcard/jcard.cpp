// jCard reader (RFC 7095): ["vcard", [properties]] or an array of them, into the model.
//
// A property is [name, {parameters}, type, value...]. Several values are the list items of one
// component; a lone array value is a structured value whose elements are the components (an
// element that is itself an array holds that component's list items). Dates and times come in
// the extended ISO 8601 format and are kept in the basic one, as vCard text writes them.
#include <cmath>
#include <nlohmann/json.hpp>
#include <optional>

#include "core/text/excerpt.hpp"
#include "core/vcard/interchange.hpp"
#include "core/vcard/jcard_datetime.hpp"
#include "core/vcard/property_kinds.hpp"
#include "core/vcard/reader.hpp"

namespace cardex::vcard {
namespace {

using Json = nlohmann::ordered_json;

std::string in_quotes(std::string_view text) {
    return quoted_excerpt(text);
}

std::string describe(const Json& value) {
    switch (value.type()) {
        case Json::value_t::object:
            return "an object";
        case Json::value_t::array:
            return "an array";
        case Json::value_t::string:
            return in_quotes(value.get_ref<const std::string&>());
        case Json::value_t::boolean:
            return "a boolean";
        case Json::value_t::null:
            return "null";
        case Json::value_t::number_integer:
        case Json::value_t::number_unsigned:
        case Json::value_t::number_float:
            return "a number";
        default:
            return "not a JSON value";
    }
}

// Offset of the first '[' or '{' nested deeper than `max_depth` (strings skipped), so that
// hostile nesting is refused before any parsing.
std::optional<std::size_t> too_deep_at(std::string_view bytes, std::size_t max_depth) {
    std::size_t depth = 0;
    bool in_string = false;
    bool escaped = false;
    for (std::size_t i = 0; i < bytes.size(); ++i) {
        const char c = bytes[i];
        if (in_string) {
            if (escaped) {
                escaped = false;
            } else if (c == '\\') {
                escaped = true;
            } else if (c == '"') {
                in_string = false;
            }
        } else if (c == '"') {
            in_string = true;
        } else if (c == '[' || c == '{') {
            if (++depth > max_depth) return i;
        } else if ((c == ']' || c == '}') && depth > 0) {
            --depth;
        }
    }
    return std::nullopt;
}

// The library's message without its "[json.exception.parse_error.101] " prefix, and with the
// token it quotes at the end ("...; last read: '123...'") cut to an excerpt: the token can be
// a number of any length.
std::string json_reason(std::string_view what) {
    const auto end = what.starts_with("[json.exception.") ? what.find("] ") : std::string::npos;
    const std::string_view reason = end == std::string_view::npos ? what : what.substr(end + 2);
    constexpr std::string_view kLastRead = "last read: '";
    const auto token = reason.find(kLastRead);
    if (token == std::string_view::npos || !reason.ends_with('\'')) return std::string(reason);
    const auto start = token + kLastRead.size();
    const std::string_view read = reason.substr(start, reason.size() - 1 - start);
    return std::string(reason.substr(0, token)) + "last read: " + quoted_excerpt(read, "'", "'");
}

// The line in "parse error at line 3, column 7: ...", or 0.
std::size_t json_error_line(std::string_view reason) {
    const auto at = reason.find("at line ");
    if (at == std::string_view::npos) return 0;
    std::size_t line = 0;
    for (char c : reason.substr(at + 8)) {
        if (c < '0' || c > '9') break;
        line = line * 10 + static_cast<std::size_t>(c - '0');
    }
    return line;
}

Result<std::string> scalar_text(const Json& value) {
    if (value.is_string()) return value.get<std::string>();
    if (value.is_boolean()) return std::string(value.get<bool>() ? "TRUE" : "FALSE");
    if (value.is_number_float() && !std::isfinite(value.get<double>())) {
        return make_error("a number out of range");
    }
    if (value.is_number()) return value.dump();
    return make_error(describe(value) + " where a string, number or boolean belongs");
}

Result<Component> component_of(const Json& value) {
    if (!value.is_array()) {
        auto text = scalar_text(value);
        if (!text) return text.error();
        return Component{std::move(text).value()};
    }
    Component items;
    for (const Json& item : value) {
        auto text = scalar_text(item);
        if (!text) return make_error("in a structured value: " + text.error().message);
        items.push_back(std::move(text).value());
    }
    if (items.empty()) items.emplace_back();
    return items;
}

Status read_parameter(const std::string& key, const Json& value, Property& property) {
    const std::string name = upper_ascii(key);
    if (!detail::is_vcard_name(name)) {
        return make_error(in_quotes(key) + " is not a valid parameter name");
    }
    if (name == "GROUP") {
        if (!value.is_string() || !detail::is_group_name(value.get_ref<const std::string&>())) {
            return make_error("the group is " + describe(value) +
                              ", expected a string of letters, digits, '-', '_' and '.'");
        }
        property.group = value.get<std::string>();
        return Ok{};
    }
    Parameter parameter{name, {}};
    auto add_value = [&](const Json& item) -> Status {
        if (!item.is_string() && !item.is_number()) {
            return make_error("parameter " + in_quotes(key) + " holds " + describe(item) +
                              "; expected a string or an array of strings");
        }
        parameter.values.push_back(item.is_string() ? item.get<std::string>() : item.dump());
        return Ok{};
    };
    if (!value.is_array()) {
        if (auto added = add_value(value); !added) return added;
    } else {
        for (const Json& item : value) {
            if (auto added = add_value(item); !added) return added;
        }
    }
    // The type says what VALUE would, except for a value kept verbatim.
    if (name != "VALUE" || property.value_type == "unknown") {
        property.params.push_back(std::move(parameter));
    }
    return Ok{};
}

Status read_value(const Json& property_json, Property& property) {
    if (property_json.size() == 4 && property_json[3].is_array()) {
        for (const Json& part : property_json[3]) {
            auto component = component_of(part);
            if (!component) return component.error();
            property.components.push_back(std::move(component).value());
        }
        if (property.components.empty()) property.components.push_back({""});
    } else {
        Component items;
        for (std::size_t i = 3; i < property_json.size(); ++i) {
            if (property_json[i].is_array()) {
                return make_error("value " + std::to_string(i - 2) +
                                  " is an array; only a lone value can be structured");
            }
            auto text = scalar_text(property_json[i]);
            if (!text) return make_error("the value is " + text.error().message);
            items.push_back(std::move(text).value());
        }
        property.components.push_back(std::move(items));
    }
    if (!detail::is_temporal_type(property.value_type)) return Ok{};
    for (Component& component : property.components) {
        for (std::string& item : component) {
            item = detail::to_basic_format(property.value_type, item);
        }
    }
    return Ok{};
}

// The property, or nullopt for VERSION (which the model does not keep).
Result<std::optional<Property>> read_property(const Json& json) {
    if (!json.is_array() || json.size() < 4) {
        return make_error(
            "is " + describe(json) +
            (json.is_array() ? " of " + std::to_string(json.size()) + " elements" : "") +
            "; a property is [name, {parameters}, type, value, ...]");
    }
    if (!json[0].is_string()) return make_error("the name is " + describe(json[0]));
    const std::string name = upper_ascii(json[0].get_ref<const std::string&>());
    if (!detail::is_vcard_name(name) || name == "BEGIN" || name == "END") {
        return make_error(describe(json[0]) + " is not a vCard property name");
    }
    if (!json[1].is_object()) {
        return make_error("the parameters are " + describe(json[1]) + ", expected an object");
    }
    if (!json[2].is_string()) return make_error("the value type is " + describe(json[2]));
    const std::string type = lower_ascii(json[2].get_ref<const std::string&>());
    if (!detail::is_value_type(type)) return make_error(in_quotes(type) + " is not a value type");
    if (name == "VERSION") {
        if (json.size() == 4 && json[3] == "4.0") return std::optional<Property>{};
        return make_error("the version is " + describe(json[3]) + "; jCard is vCard 4.0 only");
    }
    Property property;
    property.name = name;
    const PropertyKind* kind = find_property_kind(name);
    property.value_type = kind ? std::string(effective_value_type(*kind, type)) : type;
    for (const auto& [key, value] : json[1].items()) {
        if (auto read = read_parameter(key, value, property); !read) return read.error();
    }
    if (auto read = read_value(json, property); !read) return read.error();
    detail::fit_to_kind(property);
    return std::optional<Property>{std::move(property)};
}

Status add_property(const Json& json, Card& card, const Limits& limits) {
    auto property = read_property(json);
    if (!property) return property.error();
    if (!property->has_value()) return Ok{};
    if (auto problem = detail::media_limit_problem(**property, limits)) return make_error(*problem);
    if (card.properties.size() >= limits.max_properties) {
        return make_error("the card has more than " + std::to_string(limits.max_properties) +
                          " properties, " +
                          detail::over_the_limit("max_properties", limits.max_properties));
    }
    card.add(std::move(**property));
    return Ok{};
}

Result<Card> read_card(const Json& json, const Limits& limits) {
    const std::string shape = "; a jCard is [\"vcard\", [properties]]";
    if (!json.is_array() || json.empty()) {
        const std::string found = json.is_array() ? "an empty array" : describe(json);
        return make_error("the card is " + found + shape);
    }
    if (json[0] != "vcard") {
        return make_error("the first element is " + describe(json[0]) + ", expected \"vcard\"");
    }
    if (json.size() != 2 || !json[1].is_array()) {
        return make_error("\"vcard\" is not followed by one array of properties" + shape);
    }
    const std::size_t size = json.dump(-1, ' ', false, Json::error_handler_t::replace).size();
    if (size > limits.max_card_bytes) {
        return make_error("the card is " + std::to_string(size) + " bytes, " +
                          detail::over_the_limit("max_card_bytes", limits.max_card_bytes));
    }
    Card card;
    for (std::size_t i = 0; i < json[1].size(); ++i) {
        const Json& property = json[1][i];
        if (auto added = add_property(property, card, limits); !added) {
            const bool named = property.is_array() && !property.empty() && property[0].is_string();
            return make_error("property " + std::to_string(i + 1) +
                              (named ? " (" + describe(property[0]) + ")" : "") + ": " +
                              added.error().message);
        }
    }
    return card;
}

void read_card_into(ReadResult& result, const Json& json, std::size_t number,
                    const Limits& limits) {
    auto card = [&]() -> Result<Card> {
        try {
            return read_card(json, limits);
        } catch (const std::exception& e) {  // the JSON library throws; keep it inside
            return make_error(json_reason(e.what()));
        }
    }();
    if (card) {
        result.cards.push_back(std::move(card).value());
        result.card_numbers.push_back(number);
    } else {
        result.errors.push_back(card_error(number, 0, card.error().message));
    }
}

Result<Json> parse_json(std::string_view bytes, const Limits& limits) {
    if (bytes.size() > limits.max_input_bytes) {
        return make_error("the input is " + std::to_string(bytes.size()) + " bytes, " +
                          detail::over_the_limit("max_input_bytes", limits.max_input_bytes) +
                          "; nothing read");
    }
    if (auto at = too_deep_at(bytes, limits.max_depth)) {
        return make_error("arrays and objects nested more than " +
                          std::to_string(limits.max_depth) + " deep at byte offset " +
                          std::to_string(*at) + ", " +
                          detail::over_the_limit("max_depth", limits.max_depth));
    }
    try {
        return Json::parse(bytes.begin(), bytes.end());
    } catch (const Json::parse_error& e) {
        // The library counts the bytes it has read; the offending byte is the last of them.
        const std::size_t offset = e.byte > 0 ? e.byte - 1 : 0;
        return make_error("not valid JSON at byte offset " + std::to_string(offset) + ": " +
                          json_reason(e.what()));
    } catch (const std::exception& e) {
        return make_error("not valid JSON: " + json_reason(e.what()));
    }
}

}  // namespace

ReadResult read_jcard(std::string_view bytes, const Limits& limits) {
    ReadResult result;
    auto json = parse_json(bytes, limits);
    if (!json) {
        const std::string& message = json.error().message;
        result.errors.push_back(
            detail::unplaced_error(json_error_line(message), "cannot read the jCard: " + message));
        return result;
    }
    if (!json->is_array() || json->empty()) {
        const std::string found = json->is_array() ? "an empty array" : describe(*json);
        result.errors.push_back(
            detail::unplaced_error(0, "cannot read the jCard: the top level is " + found +
                                          "; expected [\"vcard\", [...]] or an array of those"));
        return result;
    }
    if (!(*json)[0].is_array()) {  // one card: ["vcard", [...]]
        read_card_into(result, *json, 1, limits);
        return result;
    }
    for (std::size_t i = 0; i < json->size(); ++i) {
        read_card_into(result, (*json)[i], i + 1, limits);
    }
    return result;
}

}  // namespace cardex::vcard
