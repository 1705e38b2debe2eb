// The vCard model: RFC 6350 (vCard 4.0) as values, losing nothing.
//
// Every reader (vCard 2.1/3.0/4.0 text, xCard, jCard) produces this model and every writer
// consumes it. The model has vCard 4.0 semantics: readers of older versions convert what
// changed (2.1 bare parameters become TYPE values, QUOTED-PRINTABLE and CHARSET are decoded to
// UTF-8, inline base64 PHOTO/LOGO/SOUND/KEY becomes a data: URI, TYPE=PREF becomes PREF=1), and
// writers of older versions convert back.
//
// Values are decoded into components (separated by ';' in text) and list items (separated by
// ','), with all escaping removed:
//   FN:Mr. John Q. Public\, Esq.   -> {{"Mr. John Q. Public, Esq."}}
//   CATEGORIES:work,friends        -> {{"work", "friends"}}
//   N:Public;John;Quinlan;Mr.;Esq. -> {{"Public"}, {"John"}, {"Quinlan"}, {"Mr."}, {"Esq."}}
// Which properties are structured or lists is in property_kinds.hpp. A property the model does
// not know (X- and other extensions) keeps its value verbatim, as one component with one item
// in its escaped text form, and value_type "unknown", so it round-trips byte for byte.
// Property groups (item1.TEL), unknown parameters and their order are kept.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace cardex::vcard {

enum class Version { v21, v30, v40 };

struct Parameter {
    std::string name;                 // upper-case: "TYPE", "PREF", "X-SERVICE-TYPE"
    std::vector<std::string> values;  // unquoted, RFC 6868 ^-escapes resolved, in order

    friend bool operator==(const Parameter&, const Parameter&) = default;
};

using Component = std::vector<std::string>;  // list items of one component

struct Property {
    std::string group;  // "item1" for item1.TEL; empty when none
    std::string name;   // upper-case: "TEL", "X-ABLABEL"
    std::vector<Parameter> params;
    // RFC 6350 value type: "text", "uri", "date", "time", "date-time", "date-and-or-time",
    // "timestamp", "boolean", "integer", "float", "utc-offset", "language-tag", or "unknown"
    // for properties whose value is kept verbatim.
    std::string value_type;
    std::vector<Component> components;

    const Parameter* param(std::string_view name) const;
    // All TYPE values, lower-cased (TYPE=HOME,voice -> {"home", "voice"}).
    std::vector<std::string> types() const;
    bool has_type(std::string_view type) const;
    // PREF as 1..100; nullopt when absent or invalid.
    std::optional<int> pref() const;
    // The value as one line for people: items joined by ", ", components by " ", empties skipped.
    std::string display_text() const;
    // The first item of the first component, or "" (the whole value of single-valued properties).
    const std::string& first_value() const;

    friend bool operator==(const Property&, const Property&) = default;
};

// Typed views of the fields people use.
struct Name {
    std::vector<std::string> family, given, additional, prefixes, suffixes;
    friend bool operator==(const Name&, const Name&) = default;
};
struct Phone {
    std::string number;  // as written (a tel: URI is reduced to its number)
    std::vector<std::string> types;
    std::optional<int> pref;
    friend bool operator==(const Phone&, const Phone&) = default;
};
struct Email {
    std::string address;
    std::vector<std::string> types;
    std::optional<int> pref;
    friend bool operator==(const Email&, const Email&) = default;
};
struct Address {
    std::string po_box, extended, street, locality, region, postal_code, country;
    std::string label;  // LABEL parameter (4.0) or the matching LABEL property (2.1/3.0)
    std::vector<std::string> types;
    std::optional<int> pref;
    friend bool operator==(const Address&, const Address&) = default;
};
struct Media {               // PHOTO, LOGO, SOUND, KEY
    std::string uri;         // an external URI, or a data: URI holding the bytes
    std::string media_type;  // MEDIATYPE parameter or the data: URI's type; may be empty
    friend bool operator==(const Media&, const Media&) = default;
};

struct Card {
    std::vector<Property> properties;  // in file order; BEGIN, END and VERSION are not kept

    const Property* first(std::string_view name) const;
    std::vector<const Property*> all(std::string_view name) const;
    void add(Property property) { properties.push_back(std::move(property)); }
    // Removes every property with this name.
    void remove(std::string_view name);

    // FN, or a name built from N, ORG, EMAIL or TEL when FN is missing (2.1 allowed that).
    std::string formatted_name() const;
    std::optional<Name> name() const;
    std::vector<Phone> phones() const;
    std::vector<Email> emails() const;
    std::vector<Address> addresses() const;
    std::vector<std::string> organization() const;  // ORG: name, then units
    std::string title() const;
    std::vector<std::string> urls() const;
    std::optional<Media> photo() const;
    std::optional<Media> logo() const;
    std::string uid() const;
    std::string note() const;
    std::vector<std::string> categories() const;
    // What a phone or mail program calls a value beyond vCard's TYPEs: the X-ABLabel in the
    // property's group (item1.TEL:... with item1.X-ABLabel:Büro direkt, as Apple and Google
    // write them), with Apple's own labels in words ("_$!<HomePage>!$_" is "home page");
    // "" when there is none.
    std::string type_label(const Property& property) const;

    friend bool operator==(const Card&, const Card&) = default;
};

// The picture (or sound, or key) a PHOTO, LOGO, SOUND, KEY or X-CARDEX-IMAGE property holds,
// with its media type: the MEDIATYPE parameter, else the data: URI's type.
Media media_of(const Property& property);

// The FN that RFC 6350 requires, made from formatted_name(), for a card that has none (2.1
// allowed that); nullopt when the card has its own. Every file writer puts it first.
std::optional<Property> missing_fn(const Card& card);

// A property with a single text value: make_text("FN", "John Doe"). The value type is the
// property's default one; for a property the model does not know (X-...) it is "unknown" and
// the value is stored escaped (\\ \, \; \n), as the model keeps such values.
Property make_text(std::string name, std::string value, std::string group = {});

}  // namespace cardex::vcard
