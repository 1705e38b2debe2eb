#include "tests/tools/card_drawing.hpp"

#include <algorithm>

#include "client/render/card_design.hpp"
#include "client/render/card_fields.hpp"
#include "client/render/card_render.hpp"

namespace cardex::tests {
namespace {

// The vCard property a design's text field shows; empty for those not scored (xmpp, note).
std::string property_of(const std::string& field) {
    if (field == "fn") return "FN";
    if (field == "title") return "TITLE";
    if (field == "org") return "ORG";
    if (field == "email") return "EMAIL";
    if (field == "url") return "URL";
    if (field == "adr") return "ADR";
    if (field == "tel" || field == "fax" || field.rfind("tel.", 0) == 0) return "TEL";
    return {};
}

// The fields the design prints for `card`, in the design's order; a phone number printed
// under two fields (tel and tel.cell) counts once, as the layout shows it once.
std::vector<PrintedField> printed_fields(const vcard::Card& card,
                                         const client::render::CardDesign& design) {
    std::vector<PrintedField> printed;
    for (const auto& field : client::render::design_fields(design)) {
        const std::string property = property_of(field);
        if (property.empty()) continue;
        const auto lines = client::render::field_lines(card, field);
        if (lines.empty()) continue;
        std::string joined;
        for (const auto& line : lines)
            joined += (joined.empty() ? "" : " ") + line;
        const PrintedField shown{property, joined};
        const bool repeated = std::any_of(printed.begin(), printed.end(), [&](const auto& p) {
            return p.property == shown.property && p.value == shown.value;
        });
        if (!repeated) printed.push_back(shown);
    }
    return printed;
}

}  // namespace

const std::vector<std::string>& card_designs() {
    static const std::vector<std::string> names = [] {
        std::vector<std::string> shipped;
        for (const auto& info : client::render::list_designs({}))
            shipped.push_back(info.name);
        return shipped;
    }();
    return names;
}

Result<DrawnCard> draw_card(const vcard::Card& card, std::string_view design, double dpi) {
    auto loaded = client::render::load_design(design, {});
    if (!loaded) return loaded.error();
    client::render::RenderOptions options;
    options.format = client::render::ImageFormat::png;
    options.dpi = dpi;
    auto png = client::render::render_card(card, *loaded, options);
    if (!png)
        return make_error("cannot draw the card in design " + std::string(design) + ": " +
                          png.error().message);
    return DrawnCard{std::move(*png), printed_fields(card, *loaded)};
}

}  // namespace cardex::tests
