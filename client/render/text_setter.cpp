#include "client/render/text_setter.hpp"

namespace cardex::client::render {
namespace {

constexpr double kMillimetresPerInch = 25.4;

// Pango's resolution is user units per inch: millimetres. Without hinting, so that glyph
// positions are not rounded to whole user units (whole millimetres).
void set_up(PangoContext* context) {
    pango_cairo_context_set_resolution(context, kMillimetresPerInch);
    std::unique_ptr<cairo_font_options_t, decltype(&cairo_font_options_destroy)> options(
        cairo_font_options_create(), &cairo_font_options_destroy);
    cairo_font_options_set_hint_style(options.get(), CAIRO_HINT_STYLE_NONE);
    cairo_font_options_set_hint_metrics(options.get(), CAIRO_HINT_METRICS_OFF);
    cairo_font_options_set_antialias(options.get(), CAIRO_ANTIALIAS_GRAY);
    pango_cairo_context_set_font_options(context, options.get());
    pango_context_set_round_glyph_positions(context, FALSE);
}

PangoAlignment pango_alignment(Align align) {
    switch (align) {
        case Align::center:
            return PANGO_ALIGN_CENTER;
        case Align::right:
            return PANGO_ALIGN_RIGHT;
        case Align::left:
            break;
    }
    return PANGO_ALIGN_LEFT;
}

}  // namespace

ContextPtr measuring_context() {
    ContextPtr context(pango_font_map_create_context(pango_cairo_font_map_get_default()));
    set_up(context.get());
    return context;
}

ContextPtr drawing_context(cairo_t* cr) {
    ContextPtr context(pango_cairo_create_context(cr));
    set_up(context.get());
    return context;
}

LayoutPtr set_text(PangoContext* context, const std::string& text, const std::string& font,
                   double width, Align align) {
    LayoutPtr layout(pango_layout_new(context));
    std::unique_ptr<PangoFontDescription, decltype(&pango_font_description_free)> description(
        pango_font_description_from_string(font.c_str()), &pango_font_description_free);
    pango_layout_set_font_description(layout.get(), description.get());
    pango_layout_set_width(layout.get(), static_cast<int>(width * PANGO_SCALE));
    pango_layout_set_wrap(layout.get(), PANGO_WRAP_WORD_CHAR);
    pango_layout_set_alignment(layout.get(), pango_alignment(align));
    pango_layout_set_text(layout.get(), text.data(), static_cast<int>(text.size()));
    return layout;
}

LayoutPtr set_line(PangoContext* context, const std::string& text, const std::string& font,
                   double width, Align align) {
    LayoutPtr layout = set_text(context, text, font, width, align);
    pango_layout_set_height(layout.get(), -1);  // one line per paragraph
    pango_layout_set_ellipsize(layout.get(), PANGO_ELLIPSIZE_END);
    return layout;
}

double layout_height(PangoLayout* layout) {
    int width = 0;
    int height = 0;
    pango_layout_get_size(layout, &width, &height);
    return static_cast<double>(height) / PANGO_SCALE;
}

double text_height(const std::string& text, const std::string& font, double width) {
    const ContextPtr context = measuring_context();
    return layout_height(set_text(context.get(), text, font, width, Align::left).get());
}

double text_width(const std::string& text, const std::string& font) {
    const ContextPtr context = measuring_context();
    const LayoutPtr layout = set_text(context.get(), text, font, 1000, Align::left);
    pango_layout_set_width(layout.get(), -1);  // no wrapping
    PangoRectangle logical{};
    pango_layout_get_extents(layout.get(), nullptr, &logical);
    return static_cast<double>(logical.width) / PANGO_SCALE;
}

std::string scaled_font(const std::string& font, double factor) {
    std::unique_ptr<PangoFontDescription, decltype(&pango_font_description_free)> description(
        pango_font_description_from_string(font.c_str()), &pango_font_description_free);
    const int size = pango_font_description_get_size(description.get());
    const int scaled = static_cast<int>(size * factor);
    if (pango_font_description_get_size_is_absolute(description.get()))
        pango_font_description_set_absolute_size(description.get(), scaled);
    else
        pango_font_description_set_size(description.get(), scaled);
    std::unique_ptr<char, decltype(&g_free)> text(
        pango_font_description_to_string(description.get()), &g_free);
    return text.get();
}

int missing_glyphs(const std::string& text, const std::string& font) {
    const ContextPtr context = measuring_context();
    const LayoutPtr layout = set_text(context.get(), text, font, 1000, Align::left);
    return pango_layout_get_unknown_glyphs_count(layout.get());
}

}  // namespace cardex::client::render
