// Reading and writing the attributes and children of protocol elements, with error messages
// that say which element, which attribute and why ("<ack/>: attribute 'status' must be 'saved'
// or 'rejected', got 'ok'"). Internal to the payload codecs.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/protocol/timestamp.hpp"
#include "core/result.hpp"
#include "core/vcard/card.hpp"
#include "core/xml/element.hpp"
#include "core/xmpp/jid.hpp"

namespace cardex::protocol::detail {

// "<ack/>"
std::string tag(std::string_view name);
// "'saved' or 'rejected'", "'a', 'b' or 'c'"
std::string alternatives(const std::string_view* names, std::size_t count);

// Checks that `e` is <name xmlns='urn:xmpp:bizcard:0'/>.
Status expect_element(const xml::Element& e, std::string_view name);

// Reads one element. Each accessor validates what it reads; the first problem is kept (with
// the element named in front of it) and later accessors return defaults, so a parse function
// reads every field and then checks ok() once.
class FieldReader {
  public:
    explicit FieldReader(const xml::Element& e);
    FieldReader(const xml::Element& e, std::string where);

    bool ok() const { return !error_; }
    const Error& error() const { return *error_; }
    const std::string& where() const { return where_; }
    // Records "<where>: <why>" unless a problem is already recorded.
    void fail(std::string_view why);
    // Takes over the problem of a nested reader or of a nested parse.
    void take(const FieldReader& nested);
    void take(const Error& nested);

    std::string opaque_id(std::string_view attr);
    std::optional<std::string> optional_opaque_id(std::string_view attr);
    xmpp::Jid user_jid(std::string_view attr);
    std::optional<xmpp::Jid> optional_user_jid(std::string_view attr);
    // A domain JID: no localpart, no resource (a service's own address).
    xmpp::Jid domain_jid(std::string_view attr);
    std::string set_name(std::string_view attr);
    std::optional<std::string> optional_set_name(std::string_view attr);
    Timestamp timestamp(std::string_view attr);
    std::optional<Timestamp> optional_timestamp(std::string_view attr);
    // xs:nonNegativeInteger (minimum 0) or xs:positiveInteger (minimum 1), digits only.
    std::uint64_t number(std::string_view attr, std::uint64_t minimum);
    std::optional<std::uint64_t> optional_number(std::string_view attr, std::uint64_t minimum);
    // xs:boolean: "true"/"1", "false"/"0".
    bool boolean(std::string_view attr);
    bool optional_boolean(std::string_view attr, bool absent);
    // An attribute that must be one of `names`; the index of the match.
    template <class Enum, std::size_t N>
    Enum choice(std::string_view attr, const std::array<std::string_view, N>& names) {
        return static_cast<Enum>(choice_index(attr, names.data(), N));
    }
    std::string text_attr(std::string_view attr);  // required, any text
    std::optional<std::string> optional_text_attr(std::string_view attr);

    // Children in urn:xmpp:bizcard:0 must have one of these names (other namespaces are
    // extensions and ignored); character data must be whitespace.
    void allow_children(std::initializer_list<std::string_view> names);
    std::vector<const xml::Element*> children(std::string_view name) const;
    // At most one child of this name.
    const xml::Element* optional_child(std::string_view name);
    // The <card/> child: required or optional, with exactly one vCard inside.
    std::optional<vcard::Card> card(bool required);
    // The optional <reason/> child, at most 1024 characters.
    std::optional<std::string> reason();

  private:
    std::optional<std::string_view> present(std::string_view attr);
    std::size_t choice_index(std::string_view attr, const std::string_view* names,
                             std::size_t count);

    const xml::Element& e_;
    std::string where_;
    std::optional<Error> error_;
};

// Where the `index`-th (0-based) `child` of the element `parent` reads: "<status/> <delivery/> #2".
std::string nested(const FieldReader& parent, std::string_view child, std::size_t index);

// Writing: elements in urn:xmpp:bizcard:0 and the lexical forms the draft recommends.
xml::Element element(std::string_view name);
std::string_view boolean_text(bool value);
void set_number(xml::Element& e, std::string_view attr, std::uint64_t value);
void set_timestamp(xml::Element& e, std::string_view attr, Timestamp value);
void add_reason(xml::Element& e, const std::optional<std::string>& reason);

}  // namespace cardex::protocol::detail
