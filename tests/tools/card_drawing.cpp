#include "tests/tools/card_drawing.hpp"

#include <pango/pangocairo.h>

#include <memory>

namespace cardex::tests {
namespace {

constexpr double kMmPerInch = 25.4;

struct Line {
    std::string text;
    std::string font;  // Pango font description
};

struct Block {
    double x_mm, y_mm;  // top left; right-aligned blocks: x is the right edge
    bool right_aligned;
    std::vector<Line> lines;
};

std::string phone_prefix(const vcard::Phone& phone) {
    for (const auto& type : phone.types) {
        if (type == "fax") return "Fax  ";
        if (type == "cell") return "Mobile  ";
    }
    return "Tel  ";
}

std::vector<std::string> address_lines(const vcard::Address& a) {
    std::vector<std::string> lines;
    if (!a.street.empty()) lines.push_back(a.street);
    std::string place = a.postal_code;
    if (!a.locality.empty()) place += (place.empty() ? "" : " ") + a.locality;
    if (!place.empty()) lines.push_back(place);
    if (!a.country.empty()) lines.push_back(a.country);
    return lines;
}

void draw_block(cairo_t* cr, const Block& block, double px_per_mm) {
    double y = block.y_mm * px_per_mm;
    for (const auto& line : block.lines) {
        std::unique_ptr<PangoLayout, decltype(&g_object_unref)> layout(
            pango_cairo_create_layout(cr), &g_object_unref);
        PangoFontDescription* font = pango_font_description_from_string(line.font.c_str());
        pango_layout_set_font_description(layout.get(), font);
        pango_font_description_free(font);
        pango_layout_set_text(layout.get(), line.text.c_str(), -1);
        int width = 0, height = 0;
        pango_layout_get_pixel_size(layout.get(), &width, &height);
        const double x = block.x_mm * px_per_mm - (block.right_aligned ? width : 0);
        cairo_move_to(cr, x, y);
        pango_cairo_show_layout(cr, layout.get());
        y += height + 0.4 * px_per_mm;
    }
}

}  // namespace

Result<DrawnCard> draw_card(const vcard::Card& card, CardLayout layout, double dpi) {
    DrawnCard out;
    std::vector<Line> head, contact, address;
    const auto add = [&](std::vector<Line>& to, const std::string& property,
                         const std::string& value, const std::string& shown,
                         const std::string& font) {
        if (value.empty()) return;
        to.push_back(Line{shown, font});
        out.printed.push_back(PrintedField{property, value});
    };
    add(head, "FN", card.formatted_name(), card.formatted_name(), "Sans Bold 12");
    add(head, "TITLE", card.title(), card.title(), "Sans 7.5");
    const auto org = card.organization();
    if (!org.empty()) add(head, "ORG", org.front(), org.front(), "Sans Bold 7.5");
    for (const auto& phone : card.phones())
        add(contact, "TEL", phone.number, phone_prefix(phone) + phone.number, "Sans 7");
    for (const auto& email : card.emails())
        add(contact, "EMAIL", email.address, email.address, "Sans 7");
    for (const auto& url : card.urls())
        add(contact, "URL", url, url, "Sans 7");
    const auto addresses = card.addresses();
    if (!addresses.empty()) {
        std::string joined;
        for (const auto& line : address_lines(addresses.front())) {
            address.push_back(Line{line, "Sans 7"});
            joined += (joined.empty() ? "" : " ") + line;
        }
        out.printed.push_back(PrintedField{"ADR", joined});
    }

    std::vector<Block> blocks;
    if (layout == CardLayout::one_column) {
        std::vector<Line> all = head;
        all.insert(all.end(), contact.begin(), contact.end());
        all.insert(all.end(), address.begin(), address.end());
        blocks.push_back(Block{6, 4, false, all});
    } else {
        blocks.push_back(Block{7, 6, false, head});
        blocks.push_back(Block{7, 26, false, contact});
        blocks.push_back(Block{79, 38, true, address});
    }

    const double px_per_mm = dpi / kMmPerInch;
    const int width = static_cast<int>(85 * px_per_mm), height = static_cast<int>(55 * px_per_mm);
    cairo_surface_t* surface = cairo_image_surface_create(CAIRO_FORMAT_RGB24, width, height);
    cairo_t* cr = cairo_create(surface);
    cairo_set_source_rgb(cr, 1, 1, 1);
    cairo_paint(cr);
    cairo_set_source_rgb(cr, 0.1, 0.1, 0.12);
    PangoFontMap* map = pango_cairo_font_map_get_default();
    pango_cairo_font_map_set_resolution(PANGO_CAIRO_FONT_MAP(map), dpi);
    for (const auto& block : blocks)
        draw_block(cr, block, px_per_mm);
    cairo_destroy(cr);
    std::string png;
    const auto status = cairo_surface_write_to_png_stream(
        surface,
        [](void* closure, const unsigned char* data, unsigned int length) {
            static_cast<std::string*>(closure)->append(reinterpret_cast<const char*>(data), length);
            return CAIRO_STATUS_SUCCESS;
        },
        &png);
    cairo_surface_destroy(surface);
    if (status != CAIRO_STATUS_SUCCESS) return make_error("cannot write the card as PNG");
    out.png = std::move(png);
    return out;
}

}  // namespace cardex::tests
