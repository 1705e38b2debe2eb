#include "core/xml/element.hpp"

#include <algorithm>

namespace cardex::xml {

std::optional<std::string_view> Element::attr(std::string_view key) const {
    for (const auto& a : attributes) {
        if (a.name == key) return a.value;
    }
    return std::nullopt;
}

std::string_view Element::attr_or_empty(std::string_view key) const {
    return attr(key).value_or(std::string_view{});
}

Element& Element::set_attr(std::string_view key, std::string_view value) {
    auto it = std::find_if(attributes.begin(), attributes.end(),
                           [&](const Attribute& a) { return a.name == key; });
    if (it != attributes.end()) {
        it->value = std::string(value);
    } else {
        attributes.push_back({std::string(key), std::string(value)});
    }
    return *this;
}

const Element* Element::child(std::string_view child_name, std::string_view child_ns) const {
    const std::string_view wanted_ns = child_ns.empty() ? std::string_view(ns) : child_ns;
    for (const auto& c : children) {
        if (c.name == child_name && c.ns == wanted_ns) return &c;
    }
    return nullptr;
}

Element* Element::child(std::string_view child_name, std::string_view child_ns) {
    return const_cast<Element*>(std::as_const(*this).child(child_name, child_ns));
}

std::optional<std::string_view> Element::child_text(std::string_view child_name,
                                                    std::string_view child_ns) const {
    const Element* c = child(child_name, child_ns);
    if (c == nullptr) return std::nullopt;
    return std::string_view(c->text);
}

Element& Element::add_child(Element c) {
    children.push_back(std::move(c));
    return children.back();
}

Element& Element::add_child(std::string child_name, std::string child_ns) {
    return add_child(Element(std::move(child_name), std::move(child_ns)));
}

Element& Element::add_text_child(std::string child_name, std::string child_ns,
                                 std::string child_text) {
    Element& c = add_child(std::move(child_name), std::move(child_ns));
    c.text = std::move(child_text);
    return c;
}

}  // namespace cardex::xml
