#include "client/exchange/shared_card.hpp"

#include <algorithm>

#include "core/text/ascii.hpp"
#include "core/vcard/card_image.hpp"

namespace cardex::client::exchange {
namespace {

bool listed(const std::vector<std::string>& names, const std::string& name) {
    return std::any_of(names.begin(), names.end(),
                       [&](const std::string& n) { return upper_ascii(n) == name; });
}

bool essential(const vcard::Property& p) {
    return p.name == "FN" || p.name == "N" || p.name == "UID" || p.name == "KIND" ||
           p.name == "REV";
}

}  // namespace

vcard::Card shared_card(const vcard::Card& card, const FieldChoice& choice) {
    vcard::Card shared;
    for (const auto& p : card.properties) {
        if (!essential(p) && !choice.only.empty() && !listed(choice.only, p.name)) continue;
        if (!essential(p) && listed(choice.without, p.name)) continue;
        if (p.name == vcard::kCardImageProperty && p.has_type("scan") &&
            !listed(choice.only, p.name))
            continue;
        shared.add(p);
    }
    return shared;
}

}  // namespace cardex::client::exchange
