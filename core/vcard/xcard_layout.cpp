#include "core/vcard/xcard_layout.hpp"

#include <algorithm>
#include <array>

#include "core/text/excerpt.hpp"
#include "core/vcard/interchange.hpp"

namespace cardex::vcard::detail {
namespace {

constexpr std::array<std::string_view, 5> kN = {"surname", "given", "additional", "prefix",
                                                "suffix"};
constexpr std::array<std::string_view, 7> kAdr = {"pobox",  "ext",  "street", "locality",
                                                  "region", "code", "country"};
constexpr std::array<std::string_view, 2> kGender = {"sex", "identity"};
constexpr std::array<std::string_view, 2> kClientPidMap = {"sourceid", "uri"};

}  // namespace

std::span<const std::string_view> xcard_component_names(std::string_view upper_name) {
    if (upper_name == "N") return kN;
    if (upper_name == "ADR") return kAdr;
    if (upper_name == "GENDER") return kGender;
    if (upper_name == "CLIENTPIDMAP") return kClientPidMap;
    return {};
}

std::string_view xcard_param_value_type(std::string_view upper_param, std::string_view value) {
    if (upper_param == "PREF") {
        const bool digits = !value.empty() && std::all_of(value.begin(), value.end(), [](char c) {
            return c >= '0' && c <= '9';
        });
        return digits ? "integer" : "text";
    }
    if (upper_param == "GEO") return "uri";
    if (upper_param == "LANGUAGE") return "language-tag";
    return "text";
}

bool in_xcard_ns(const xml::Element& element) {
    return element.ns == kXcardNs;
}

bool is_blank_text(std::string_view text) {
    return text.find_first_not_of(" \t\r\n") == std::string_view::npos;
}

std::string element_tag(std::string_view name) {
    return quoted_excerpt(name, "<", ">");
}

}  // namespace cardex::vcard::detail
