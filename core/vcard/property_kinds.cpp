#include "core/vcard/property_kinds.hpp"

#include <array>

namespace cardex::vcard {
namespace {

using enum ValueShape;

// Every property of RFC 6350 section 6 (and Cardex's own X-CARDEX-IMAGE) with its value shape and
// default value type. UID's default type is "uri", but free-text UIDs are common; they are kept as
// they are.
constexpr std::array kKinds = {
    PropertyKind{"SOURCE", single, 0, "uri"},
    PropertyKind{"KIND", single, 0, "text"},
    PropertyKind{"XML", single, 0, "text"},
    PropertyKind{"FN", single, 0, "text"},
    PropertyKind{"N", structured, 5, "text", true},
    PropertyKind{"NICKNAME", list, 0, "text"},
    PropertyKind{"PHOTO", single, 0, "uri"},
    PropertyKind{"BDAY", single, 0, "date-and-or-time"},
    PropertyKind{"ANNIVERSARY", single, 0, "date-and-or-time"},
    PropertyKind{"GENDER", structured, 2, "text"},
    PropertyKind{"ADR", structured, 7, "text", true},
    PropertyKind{"TEL", single, 0, "text"},
    PropertyKind{"EMAIL", single, 0, "text"},
    PropertyKind{"IMPP", single, 0, "uri"},
    PropertyKind{"LANG", single, 0, "language-tag"},
    PropertyKind{"TZ", single, 0, "text"},
    PropertyKind{"GEO", single, 0, "uri"},
    PropertyKind{"TITLE", single, 0, "text"},
    PropertyKind{"ROLE", single, 0, "text"},
    PropertyKind{"LOGO", single, 0, "uri"},
    PropertyKind{"ORG", structured, 0, "text"},
    PropertyKind{"MEMBER", single, 0, "uri"},
    PropertyKind{"RELATED", single, 0, "uri"},
    PropertyKind{"CATEGORIES", list, 0, "text"},
    PropertyKind{"NOTE", single, 0, "text"},
    PropertyKind{"PRODID", single, 0, "text"},
    PropertyKind{"REV", single, 0, "timestamp", false, true},
    PropertyKind{"SOUND", single, 0, "uri"},
    PropertyKind{"UID", single, 0, "uri"},
    PropertyKind{"CLIENTPIDMAP", structured, 2, "text"},
    PropertyKind{"URL", single, 0, "uri"},
    PropertyKind{"KEY", single, 0, "uri"},
    PropertyKind{"FBURL", single, 0, "uri"},
    PropertyKind{"CALADRURI", single, 0, "uri"},
    PropertyKind{"CALURI", single, 0, "uri"},
    // Cardex's picture of the card itself (card_image.hpp), a URI like PHOTO.
    PropertyKind{"X-CARDEX-IMAGE", single, 0, "uri"},
};

}  // namespace

const PropertyKind* find_property_kind(std::string_view upper_name) {
    for (const auto& kind : kKinds) {
        if (kind.name == upper_name) return &kind;
    }
    return nullptr;
}

std::string_view effective_value_type(const PropertyKind& kind, std::string_view requested) {
    return kind.fixed_type || requested.empty() ? kind.default_type : requested;
}

bool is_media_property(std::string_view upper_name) {
    return upper_name == "PHOTO" || upper_name == "LOGO" || upper_name == "SOUND" ||
           upper_name == "KEY" || upper_name == "X-CARDEX-IMAGE";
}

}  // namespace cardex::vcard
