// What the model knows about each RFC 6350 property: the shape of its value and its default
// value type. Properties not listed here are kept verbatim (value type "unknown").
#pragma once

#include <cstddef>
#include <string_view>

namespace cardex::vcard {

enum class ValueShape {
    single,      // one text, ',' and ';' escaped: FN, NOTE, TEL, EMAIL, ...
    list,        // ','-separated items: NICKNAME, CATEGORIES
    structured,  // ';'-separated components, each a ','-list: N, ADR, ORG, GENDER, CLIENTPIDMAP
};

struct PropertyKind {
    std::string_view name;  // upper-case
    ValueShape shape;
    std::size_t components;         // for structured: how many (ORG: 0 = any number)
    std::string_view default_type;  // value type when no VALUE parameter is given
    // Structured values whose components are ','-separated lists (N, ADR). The components of
    // ORG, GENDER and CLIENTPIDMAP are single texts, so a ',' in them is part of the text.
    bool list_components = false;
    // RFC 6350 allows this property no other value type than its default (REV: timestamp).
    bool fixed_type = false;
};

// nullptr for properties the model does not know (X-, vendor and future ones).
const PropertyKind* find_property_kind(std::string_view upper_name);

// The value type of a property whose source names `requested` (a VALUE parameter, an xCard
// element, a jCard type): the requested one, unless the property allows only its default.
std::string_view effective_value_type(const PropertyKind& kind, std::string_view requested);

// PHOTO, LOGO, SOUND, KEY and X-CARDEX-IMAGE: values that may carry inline binary data.
bool is_media_property(std::string_view upper_name);

}  // namespace cardex::vcard
