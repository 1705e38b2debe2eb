#include "client/render/card_layout.hpp"

#include <algorithm>
#include <optional>

#include "client/render/card_fields.hpp"
#include "client/render/text_setter.hpp"
#include "core/vcard/media.hpp"

namespace cardex::client::render {
namespace {

bool wraps(const std::string& field) {
    return field == "adr" || field == "note";
}

// The font of a one-line box shrunk until the text fits the box's width, but not below
// kSmallestShrink of its size.
std::string fitting_font(const TextBox& box, const MeasureWidth& measure_width) {
    if (!measure_width) return box.font;
    const double natural = measure_width(box.text, box.font);
    if (natural <= box.width || natural <= 0) return box.font;
    double factor = std::max(box.width / natural, kSmallestShrink);
    std::string font = scaled_font(box.font, factor);
    // Widths do not scale exactly with the size: a few small steps more when it is still wide.
    for (int step = 0; step < 5 && factor > kSmallestShrink; ++step) {
        if (measure_width(box.text, font) <= box.width) break;
        factor = std::max(factor * 0.98, kSmallestShrink);
        font = scaled_font(box.font, factor);
    }
    return font;
}

// The column's lines stacked from its top (y) down; a gap only between two lines of text.
std::vector<TextBox> stack_column(const vcard::Card& card, const Column& column,
                                  const MeasureText& measure, const MeasureWidth& measure_width) {
    std::vector<TextBox> boxes;
    double y = column.y;
    double pending_gap = 0;
    std::vector<std::string> shown;
    for (const auto& line : column.lines) {
        if (line.field.empty()) {
            if (!boxes.empty()) pending_gap += line.space;
            continue;
        }
        const auto texts = field_lines(card, line.field);
        // A number shown already (the only phone is both tel and tel.cell) is not repeated.
        if (texts.size() == 1 && std::find(shown.begin(), shown.end(), texts[0]) != shown.end())
            continue;
        shown.insert(shown.end(), texts.begin(), texts.end());
        for (std::size_t i = 0; i < texts.size(); ++i) {
            TextBox box;
            box.field = line.field;
            box.text = (i == 0 ? line.prefix : std::string()) + texts[i];
            box.font = line.font.empty() ? column.font : line.font;
            box.colour = line.colour.value_or(column.colour);
            box.align = column.align;
            if (!boxes.empty()) y += column.spacing + pending_gap;
            pending_gap = 0;
            box.x = column.x;
            box.y = y;
            box.width = column.width;
            box.one_line = !wraps(line.field);
            if (box.one_line) box.font = fitting_font(box, measure_width);
            // A one-line box measured unwrapped: its height is one line's.
            box.height = measure(box.text, box.font, box.one_line ? 1e4 : box.width);
            y += box.height;
            boxes.push_back(std::move(box));
        }
    }
    if (column.anchor_bottom && !boxes.empty()) {
        const double shift = column.y - (boxes.back().y + boxes.back().height);
        for (auto& box : boxes)
            box.y += shift;
    }
    return boxes;
}

bool has_embedded(const std::optional<vcard::Media>& media) {
    return media && vcard::parse_data_uri(media->uri).has_value();
}

bool picture_present(const vcard::Card& card, const std::string& field, bool with_qr) {
    if (field == "photo") return has_embedded(card.photo());
    if (field == "logo") return has_embedded(card.logo());
    return field == "qr" && with_qr;
}

}  // namespace

CardLayout lay_out_card(const vcard::Card& card, const CardDesign& design, bool with_qr,
                        const MeasureText& measure, const MeasureWidth& measure_width) {
    CardLayout layout;
    layout.width = design.width;
    layout.height = design.height;
    layout.background = design.background;
    layout.rects = design.rects;
    for (const auto& column : design.columns) {
        for (auto& box : stack_column(card, column, measure, measure_width))
            layout.texts.push_back(std::move(box));
    }
    for (const auto& image : design.images) {
        if (!picture_present(card, image.field, with_qr)) continue;
        layout.pictures.push_back(
            {image.field, image.x, image.y, image.width, image.height, image.round});
    }
    return layout;
}

}  // namespace cardex::client::render
