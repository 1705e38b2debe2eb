#include "core/vcard/xcard_property.hpp"

#include <algorithm>
#include <utility>
#include <vector>

#include "core/vcard/interchange.hpp"
#include "core/vcard/property_kinds.hpp"
#include "core/vcard/xcard_layout.hpp"

namespace cardex::vcard::detail {
namespace {

using xml::Element;

// Text of a value element; values are character data only.
Result<std::string> value_text(const Element& value) {
    if (!value.children.empty()) {
        return make_error(element_tag(value.name) + " contains the element " +
                          element_tag(value.children[0].name) + "; values are plain text");
    }
    return value.text;
}

Status read_parameter(const Element& param, Property& property) {
    const std::string name = upper_ascii(param.name);
    if (!is_vcard_name(name)) {
        return make_error(element_tag(param.name) + " is not a valid parameter name");
    }
    if (!is_blank_text(param.text)) {
        return make_error("parameter " + element_tag(param.name) +
                          " has text outside a value element such as <text>");
    }
    Parameter parameter{name, {}};
    for (const Element& v : param.children) {
        if (!in_xcard_ns(v)) continue;
        if (!is_value_type(v.name)) {
            return make_error("parameter " + element_tag(param.name) + " contains " +
                              element_tag(v.name) +
                              ", which is not a value element such as <text> or <integer>");
        }
        auto text = value_text(v);
        if (!text) return text.error();
        parameter.values.push_back(std::move(text).value());
    }
    property.params.push_back(std::move(parameter));
    return Ok{};
}

Status read_parameters(const Element& params, Property& property) {
    for (const Element& param : params.children) {
        if (!in_xcard_ns(param)) continue;
        if (auto read = read_parameter(param, property); !read) return read;
    }
    return Ok{};
}

// <n><surname>..</surname><given/>..</n>: one component per name, repeated elements are items.
Status read_components(const std::vector<std::pair<std::size_t, const Element*>>& parts,
                       Property& property) {
    for (const auto& [index, element] : parts) {
        auto text = value_text(*element);
        if (!text) return text.error();
        if (property.components.size() <= index) property.components.resize(index + 1);
        property.components[index].push_back(std::move(text).value());
    }
    for (Component& component : property.components) {
        if (component.empty()) component.emplace_back();
    }
    property.value_type = "text";
    return Ok{};
}

// <fn><text>..</text></fn>, <categories><text>a</text><text>b</text></categories>, ...
Status read_typed_values(const std::vector<const Element*>& values, Property& property) {
    const std::string& type = values.front()->name;
    std::vector<std::string> items;
    for (const Element* v : values) {
        if (v->name != type) {
            return make_error("mixes the value types " + element_tag(type) + " and " +
                              element_tag(v->name));
        }
        auto text = value_text(*v);
        if (!text) return text.error();
        items.push_back(std::move(text).value());
    }
    const PropertyKind* kind = find_property_kind(property.name);
    property.value_type = kind ? std::string(effective_value_type(*kind, type)) : type;
    // xCard has no <date-and-or-time> element: BDAY and ANNIVERSARY say <date>, <time> or
    // <date-time>. The model keeps such values as date-and-or-time, with "T" before a time.
    if ((type == "date" || type == "time" || type == "date-time") &&
        defaults_to_date_and_or_time(property.name)) {
        property.value_type = "date-and-or-time";
        for (std::string& item : items) {
            const bool bare_time = type == "time" && !item.starts_with('T');
            if (bare_time) item.insert(0, "T");
        }
    }
    if (kind != nullptr && kind->shape == ValueShape::structured && type != "unknown") {
        for (std::string& item : items)
            property.components.push_back({std::move(item)});
    } else {
        property.components.push_back(std::move(items));
    }
    return Ok{};
}

Status read_value(const Element& e, Property& property) {
    const auto names = xcard_component_names(property.name);
    std::vector<std::pair<std::size_t, const Element*>> parts;
    std::vector<const Element*> values;
    for (const Element& c : e.children) {
        if (!in_xcard_ns(c) || c.name == "parameters") continue;
        const auto part = std::find(names.begin(), names.end(), c.name);
        if (part != names.end()) {
            parts.emplace_back(static_cast<std::size_t>(part - names.begin()), &c);
        } else if (is_value_type(c.name)) {
            values.push_back(&c);
        } else {
            return make_error("contains " + element_tag(c.name) + ", which is not " +
                              (names.empty() ? "" : "one of its components nor ") +
                              "a value element such as <text> or <uri>");
        }
    }
    if (!parts.empty() && !values.empty()) {
        return make_error("mixes the component " + element_tag(parts.front().second->name) +
                          " with the value element " + element_tag(values.front()->name));
    }
    if (!parts.empty()) return read_components(parts, property);
    if (values.empty()) return make_error("has no value: expected a value element such as <text>");
    return read_typed_values(values, property);
}

}  // namespace

Result<Property> read_xcard_property(const Element& e, const std::string& group) {
    Property property;
    property.group = group;
    property.name = upper_ascii(e.name);
    if (!is_blank_text(e.text)) {
        return make_error("has text outside a value element; xCard puts it in <text> or <uri>");
    }
    const Element* params = nullptr;
    for (const Element& c : e.children) {
        if (!in_xcard_ns(c) || c.name != "parameters") continue;
        if (params != nullptr) return make_error("has more than one <parameters>");
        params = &c;
    }
    if (params != nullptr) {
        if (auto read = read_parameters(*params, property); !read) return read.error();
    }
    if (auto read = read_value(e, property); !read) return read.error();
    fit_to_kind(property);
    if (property.value_type != "unknown") {  // the value element says what VALUE would
        std::erase_if(property.params, [](const Parameter& p) { return p.name == "VALUE"; });
    }
    return property;
}

}  // namespace cardex::vcard::detail
