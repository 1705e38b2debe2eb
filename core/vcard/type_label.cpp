// Card::type_label: the labels phones and mail programs put beside a value in its group.
#include <cctype>

#include "core/text/ascii.hpp"
#include "core/vcard/card.hpp"
#include "core/vcard/text_values.hpp"

namespace cardex::vcard {
namespace {

// Apple writes its built-in labels as _$!<Name>!$_: "HomeFAX", "AssistantPhone", "iPhone".
// They read as the words in the name, lower-cased ("home fax", "assistant phone").
std::string apple_label_in_words(std::string_view name) {
    if (name == "iPhone") return "iPhone";
    std::string words;
    for (std::size_t i = 0; i < name.size(); ++i) {
        const auto c = static_cast<unsigned char>(name[i]);
        const bool starts_word =
            i > 0 && std::isupper(c) && std::islower(static_cast<unsigned char>(name[i - 1]));
        if (starts_word) words += ' ';
        words += static_cast<char>(c);
    }
    return lower_ascii(words);
}

}  // namespace

std::string Card::type_label(const Property& property) const {
    if (property.group.empty()) return {};
    for (const Property& p : properties) {
        if (p.name != "X-ABLABEL" || !equals_ignoring_case(p.group, property.group)) continue;
        const std::string label = unescape_text(p.first_value());
        constexpr std::string_view kOpen = "_$!<";
        constexpr std::string_view kClose = ">!$_";
        if (label.size() > kOpen.size() + kClose.size() && label.starts_with(kOpen) &&
            label.ends_with(kClose)) {
            return apple_label_in_words(
                std::string_view(label).substr(4, label.size() - kOpen.size() - kClose.size()));
        }
        return label;
    }
    return {};
}

}  // namespace cardex::vcard
