// compact_card_text (card_render.hpp): the card reduced to what fits a QR code.
#include <array>
#include <string_view>

#include "client/render/card_render.hpp"
#include "core/vcard/writer.hpp"

namespace cardex::client::render {

std::string compact_card_text(const vcard::Card& card) {
    static constexpr std::array<std::string_view, 9> kKept = {
        "FN", "N", "ORG", "TITLE", "TEL", "EMAIL", "URL", "IMPP", "ADR"};
    vcard::Card compact;
    for (std::string_view name : kKept) {
        for (const auto* property : card.all(name)) {
            vcard::Property kept = *property;
            kept.group.clear();
            compact.add(std::move(kept));
        }
    }
    return vcard::write_vcard_text(compact, vcard::Version::v30);
}

}  // namespace cardex::client::render
