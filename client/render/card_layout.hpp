// Where each element of a design lands for one card, as boxes in millimetres: the layout step
// of render_card, apart from drawing so that it can be checked without pixels. A column's
// missing fields take no room: the lines after them move up (or down, for a column anchored
// at its bottom).
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "client/render/card_design.hpp"
#include "core/vcard/card.hpp"

namespace cardex::client::render {

struct TextBox {
    std::string field;
    std::string text;  // one line of the field (with the line's prefix on its first line)
    std::string font;
    Colour colour;
    Align align = Align::left;
    bool one_line = false;  // never wrapped: shrunk to fit its width, then ellipsized
    double x = 0, y = 0, width = 0, height = 0;
};

struct PictureBox {
    std::string field;  // photo, logo or qr
    double x = 0, y = 0, width = 0, height = 0;
    bool round = false;
};

struct CardLayout {
    double width = 0, height = 0;
    Colour background;
    std::vector<FilledRect> rects;
    std::vector<TextBox> texts;
    std::vector<PictureBox> pictures;
};

// The height in mm of `text` in `font` wrapped to `width` mm (text_height in text_setter.hpp).
using MeasureText =
    std::function<double(const std::string& text, const std::string& font, double width)>;

// The width in mm of `text` in `font` on one line (text_width in text_setter.hpp).
using MeasureWidth = std::function<double(const std::string& text, const std::string& font)>;

// The smallest share of its design's font size that a one-line field is shrunk to; a field
// still too wide at that size is ellipsized when drawn.
inline constexpr double kSmallestShrink = 0.6;

// The design laid out for `card`. Photo and logo get a box only when the card holds them as
// data: URIs; the QR code only when `with_qr`. A single-line field (every field but adr and
// note) is set on one line: when `measure_width` is given and the line is wider than its
// column, its font is shrunk to fit (scaled_font, down to kSmallestShrink).
CardLayout lay_out_card(const vcard::Card& card, const CardDesign& design, bool with_qr,
                        const MeasureText& measure, const MeasureWidth& measure_width = {});

}  // namespace cardex::client::render
