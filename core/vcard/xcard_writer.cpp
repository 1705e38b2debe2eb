// xCard writer (RFC 6351): the model as <vcards>/<vcard> elements.
//
// What xCard cannot say is left out rather than written wrongly: properties and parameters whose
// names are not vCard names or not XML names (or collide with xCard's own elements), and
// components beyond the named ones of N, ADR, GENDER and CLIENTPIDMAP. Items of a structured
// property without named components (ORG) are joined with ','; a property the model does not
// know that has several components is written as a flat list of values.
#include <algorithm>
#include <optional>

#include "core/text/join.hpp"
#include "core/vcard/interchange.hpp"
#include "core/vcard/property_kinds.hpp"
#include "core/vcard/writer.hpp"
#include "core/vcard/xcard_layout.hpp"
#include "core/xml/parser.hpp"
#include "core/xml/writer.hpp"

namespace cardex::vcard {
namespace {

using detail::kXcardNs;
using xml::Element;

Element xcard_element(std::string name) {
    return Element(std::move(name), std::string(kXcardNs));
}

void add_text(Element& parent, std::string_view name, std::string_view text) {
    parent.add_text_child(std::string(name), std::string(kXcardNs), std::string(text));
}

// XML names cannot start with a digit, '-' or '.', which vCard names may.
bool starts_like_xml_name(std::string_view name) {
    const char c = name.front();
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '_';
}

bool collides_with_xcard(std::string_view upper_name) {
    return upper_name == "GROUP" || upper_name == "PARAMETERS" || upper_name == "VCARD" ||
           upper_name == "VCARDS";
}

// An XML property without parameters holding an element of another namespace goes back into
// the card as that element (RFC 6351 keeps extension elements inline).
std::optional<Element> embedded_xml(const Property& property) {
    if (upper_ascii(property.name) != "XML" || property.components.size() != 1 ||
        property.components.front().size() != 1 || !detail::params_for_output(property).empty()) {
        return std::nullopt;
    }
    const std::string& text = property.components.front().front();
    // The element goes under <vcards>, <vcard> and maybe <group>; the reader's depth limit
    // counts those too.
    const xml::ParseLimits limits{text.size(), Limits{}.max_depth - 3, true};
    auto parsed = xml::parse_document(text, limits);
    if (!parsed || parsed->ns == kXcardNs) return std::nullopt;
    return std::move(parsed).value();
}

// One value; date-and-or-time has no element of its own, so it becomes <date>, <time> or
// <date-time> by its content.
void add_value(Element& out, std::string_view type, std::string_view item) {
    if (type != "date-and-or-time") {
        add_text(out, type, item);
    } else if (item.starts_with('T')) {
        add_text(out, "time", item.substr(1));
    } else {
        add_text(out, item.find('T') != std::string_view::npos ? "date-time" : "date", item);
    }
}

void write_components(Element& out, const Property& property,
                      std::span<const std::string_view> names) {
    const std::size_t count = std::min(property.components.size(), names.size());
    for (std::size_t i = 0; i < count; ++i) {
        const Component& component = property.components[i];
        if (component.empty()) add_text(out, names[i], "");
        for (const std::string& item : component)
            add_text(out, names[i], item);
    }
    if (count == 0) add_text(out, names.front(), "");
}

void write_value(Element& out, const Property& property) {
    const std::string name = upper_ascii(property.name);
    const std::string type = detail::value_type_for_output(property);
    const auto names = detail::xcard_component_names(name);
    if (!names.empty() && type == "text") {
        write_components(out, property, names);
        return;
    }
    const PropertyKind* kind = find_property_kind(name);
    const bool structured =
        kind != nullptr && kind->shape == ValueShape::structured && type != "unknown";
    bool written = false;
    for (const Component& component : property.components) {
        if (structured) {
            add_value(out, type, join(component, ","));
            written = true;
            continue;
        }
        for (const std::string& item : component) {
            add_value(out, type, item);
            written = true;
        }
    }
    if (!written) add_value(out, type, "");
}

void write_params(Element& out, const Property& property) {
    std::vector<Parameter> params = detail::params_for_output(property);
    std::erase_if(params, [](const Parameter& p) { return !starts_like_xml_name(p.name); });
    if (params.empty()) return;
    Element& holder = out.add_child(xcard_element("parameters"));
    for (const Parameter& param : params) {
        Element& element = holder.add_child(xcard_element(lower_ascii(param.name)));
        for (const std::string& value : param.values) {
            add_text(element, detail::xcard_param_value_type(param.name, value), value);
        }
    }
}

std::optional<Element> property_element(const Property& property) {
    const std::string name = upper_ascii(property.name);
    if (!detail::is_vcard_name(name) || !starts_like_xml_name(name) ||
        detail::is_envelope_property(name) || collides_with_xcard(name)) {
        return std::nullopt;
    }
    if (auto inline_xml = embedded_xml(property)) return inline_xml;
    Element element = xcard_element(lower_ascii(name));
    write_params(element, property);
    write_value(element, property);
    return element;
}

// The <group> the previous property went into, when it has this name.
Element* open_group(Element& vcard, std::string_view group) {
    if (vcard.children.empty()) return nullptr;
    Element& last = vcard.children.back();
    if (last.name != "group" || last.ns != kXcardNs || last.attr_or_empty("name") != group) {
        return nullptr;
    }
    return &last;
}

}  // namespace

xml::Element card_to_xml(const Card& card) {
    Element vcard = xcard_element("vcard");
    for (const Property& property : card.properties) {
        auto element = property_element(property);
        if (!element) continue;
        // A group the readers would refuse is left out, so that the card stays readable.
        if (!detail::is_group_name(property.group)) {
            vcard.add_child(std::move(*element));
            continue;
        }
        Element* group = open_group(vcard, property.group);
        if (group == nullptr) {
            group = &vcard.add_child(xcard_element("group"));
            group->set_attr("name", property.group);
        }
        group->add_child(std::move(*element));
    }
    return vcard;
}

std::string write_xcard(const std::vector<Card>& cards) {
    Element vcards = xcard_element("vcards");
    for (const Card& card : cards) {
        Element& vcard = vcards.add_child(card_to_xml(card));
        if (auto fn = missing_fn(card)) {
            if (auto element = property_element(*fn)) {
                vcard.children.insert(vcard.children.begin(), std::move(*element));
            }
        }
    }
    return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" + xml::to_string(vcards) + "\n";
}

}  // namespace cardex::vcard
