// Text set with Pango for card images, in millimetres: one user unit is one millimetre and a
// font's points are real points (1/72 inch), so that measuring (for the layout) and drawing
// (on a PNG, SVG or PDF surface) give the same sizes. Hinting is off for the same reason.
#pragma once

#include <pango/pangocairo.h>

#include <memory>
#include <string>

#include "client/render/card_design.hpp"

namespace cardex::client::render {

struct GObjectUnref {
    void operator()(void* object) const { g_object_unref(object); }
};
using ContextPtr = std::unique_ptr<PangoContext, GObjectUnref>;
using LayoutPtr = std::unique_ptr<PangoLayout, GObjectUnref>;

// A context for measuring, on Pango's default font map (fontconfig: a CJK name falls back to
// Noto CJK); nothing is drawn with it.
ContextPtr measuring_context();
// A context that draws on `cr`, whose user units must be millimetres.
ContextPtr drawing_context(cairo_t* cr);

// `text` in `font` (a Pango font description), wrapped to `width` mm and aligned in it.
LayoutPtr set_text(PangoContext* context, const std::string& text, const std::string& font,
                   double width, Align align);
// `text` in `font` on one line, aligned in `width` mm and ellipsized at its end when it is wider.
LayoutPtr set_line(PangoContext* context, const std::string& text, const std::string& font,
                   double width, Align align);
// The layout's height in mm.
double layout_height(PangoLayout* layout);

// The height in mm that `text` takes in `font` at `width` mm.
double text_height(const std::string& text, const std::string& font, double width);
// The width in mm that `text` takes in `font` on one line.
double text_width(const std::string& text, const std::string& font);
// `font` (a Pango font description) with its size multiplied by `factor`.
std::string scaled_font(const std::string& font, double factor);
// How many characters of `text` no font on this system has a glyph for (drawn as boxes).
int missing_glyphs(const std::string& text, const std::string& font);

}  // namespace cardex::client::render
