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

// The design laid out for `card`. Photo and logo get a box only when the card holds them as
// data: URIs; the QR code only when `with_qr`.
CardLayout lay_out_card(const vcard::Card& card, const CardDesign& design, bool with_qr,
                        const MeasureText& measure);

}  // namespace cardex::client::render
