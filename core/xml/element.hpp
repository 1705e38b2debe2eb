// xml::Element: a small, namespace-aware XML element tree.
//
// This is the only XML representation in the project: codecs turn it into typed values and
// back. Character data is kept per element (`text`); the relative order of text and child
// elements (mixed content) is not preserved, which no payload we handle relies on.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace cardex::xml {

struct Attribute {
    std::string name;  // local name, or "xml:lang" for the xml namespace
    std::string value;

    friend bool operator==(const Attribute&, const Attribute&) = default;
};

struct Element {
    std::string name;  // local name
    std::string ns;    // namespace URI; empty means no namespace
    std::vector<Attribute> attributes;
    std::string text;  // character data directly inside this element
    std::vector<Element> children;
    // Content that is already serialised XML, written as it is after the children: a card kept
    // as its bytes goes into a message without being parsed and written again. Whoever sets it
    // vouches that it is well-formed and declares its own namespaces; the parser never sets it.
    std::string raw;

    Element() = default;
    Element(std::string name_, std::string ns_) : name(std::move(name_)), ns(std::move(ns_)) {}

    // Attribute value, or nullopt when absent.
    std::optional<std::string_view> attr(std::string_view key) const;
    // Attribute value, or "" when absent.
    std::string_view attr_or_empty(std::string_view key) const;
    Element& set_attr(std::string_view key, std::string_view value);

    // First child with this local name and namespace (an empty `ns` matches the parent's).
    const Element* child(std::string_view name, std::string_view ns = {}) const;
    Element* child(std::string_view name, std::string_view ns = {});
    // The text of that child, or nullopt when the child is absent.
    std::optional<std::string_view> child_text(std::string_view name,
                                               std::string_view ns = {}) const;

    Element& add_child(Element child);
    Element& add_child(std::string name, std::string ns);
    // Adds <name xmlns=ns>text</name> and returns it.
    Element& add_text_child(std::string name, std::string ns, std::string text);

    friend bool operator==(const Element&, const Element&) = default;
};

}  // namespace cardex::xml
