// render_card: the layout (card_layout.hpp) drawn on a Cairo surface of the chosen format, in
// millimetres.
#include "client/render/card_render.hpp"

#include <cairo-pdf.h>
#include <cairo-svg.h>

#include <algorithm>
#include <cmath>
#include <optional>

#include "client/qr/qr_code.hpp"
#include "client/render/card_layout.hpp"
#include "client/render/card_pictures.hpp"
#include "client/render/text_setter.hpp"

namespace cardex::client::render {
namespace {

constexpr double kMillimetresPerInch = 25.4;
constexpr double kPointsPerInch = 72;

struct CairoDestroy {
    void operator()(cairo_t* cr) const { cairo_destroy(cr); }
};

cairo_status_t append_bytes(void* closure, const unsigned char* data, unsigned int length) {
    static_cast<std::string*>(closure)->append(reinterpret_cast<const char*>(data), length);
    return CAIRO_STATUS_SUCCESS;
}

// The surface to draw on and how many of its units make a millimetre.
struct Target {
    SurfacePtr surface;
    double units_per_mm = 1;
};

Target make_target(ImageFormat format, double width, double height, double dpi, std::string* out) {
    const double points = kPointsPerInch / kMillimetresPerInch;
    switch (format) {
        case ImageFormat::svg:
            return {SurfacePtr(cairo_svg_surface_create_for_stream(
                        append_bytes, out, width * points, height * points)),
                    points};
        case ImageFormat::pdf:
            return {SurfacePtr(cairo_pdf_surface_create_for_stream(
                        append_bytes, out, width * points, height * points)),
                    points};
        case ImageFormat::png:
            break;
    }
    const double pixels = dpi / kMillimetresPerInch;
    return {SurfacePtr(cairo_image_surface_create(CAIRO_FORMAT_RGB24,
                                                  static_cast<int>(std::lround(width * pixels)),
                                                  static_cast<int>(std::lround(height * pixels)))),
            pixels};
}

void set_colour(cairo_t* cr, const Colour& colour) {
    cairo_set_source_rgb(cr, colour.red, colour.green, colour.blue);
}

void draw_text(cairo_t* cr, PangoContext* context, const TextBox& box) {
    const LayoutPtr layout = box.one_line
                                 ? set_line(context, box.text, box.font, box.width, box.align)
                                 : set_text(context, box.text, box.font, box.width, box.align);
    set_colour(cr, box.colour);
    cairo_move_to(cr, box.x, box.y);
    pango_cairo_show_layout(cr, layout.get());
}

// The picture scaled to fit the box and centred in it; a round picture fills the circle in
// the box's middle instead, its edges cut off.
void draw_picture(cairo_t* cr, cairo_surface_t* picture, const PictureBox& box) {
    const double width = cairo_image_surface_get_width(picture);
    const double height = cairo_image_surface_get_height(picture);
    if (width <= 0 || height <= 0) return;
    const double fit = std::min(box.width / width, box.height / height);
    const double fill = std::max(box.width / width, box.height / height);
    const double scale = box.round ? fill : fit;
    const double cx = box.x + box.width / 2;
    const double cy = box.y + box.height / 2;
    cairo_save(cr);
    if (box.round) {
        cairo_arc(cr, cx, cy, std::min(box.width, box.height) / 2, 0, 2 * M_PI);
        cairo_clip(cr);
    }
    cairo_translate(cr, cx - width * scale / 2, cy - height * scale / 2);
    cairo_scale(cr, scale, scale);
    cairo_set_source_surface(cr, picture, 0, 0);
    cairo_pattern_set_filter(cairo_get_source(cr), CAIRO_FILTER_GOOD);
    cairo_paint(cr);
    cairo_restore(cr);
}

// The QR code as a square in the middle of the box, with its light quiet zone.
void draw_qr(cairo_t* cr, const qr::QrMatrix& matrix, const PictureBox& box) {
    const double modules = static_cast<double>(matrix.size() + 2 * qr::kQuietZone);
    const double side = std::min(box.width, box.height);
    const double module = side / modules;
    const double left = box.x + (box.width - side) / 2;
    const double top = box.y + (box.height - side) / 2;
    cairo_save(cr);
    cairo_set_source_rgb(cr, 1, 1, 1);
    cairo_rectangle(cr, left, top, side, side);
    cairo_fill(cr);
    cairo_set_source_rgb(cr, 0, 0, 0);
    cairo_set_antialias(cr, CAIRO_ANTIALIAS_NONE);
    for (std::size_t y = 0; y < matrix.size(); ++y) {
        for (std::size_t x = 0; x < matrix.size(); ++x) {
            if (!matrix.dark(x, y)) continue;
            cairo_rectangle(cr, left + static_cast<double>(x + qr::kQuietZone) * module,
                            top + static_cast<double>(y + qr::kQuietZone) * module, module, module);
        }
    }
    cairo_fill(cr);
    cairo_restore(cr);
}

void draw_pictures(cairo_t* cr, const CardLayout& layout, const vcard::Card& card,
                   const std::optional<qr::QrMatrix>& qr_code) {
    for (const auto& box : layout.pictures) {
        if (box.field == "qr") {
            if (qr_code) draw_qr(cr, *qr_code, box);
            continue;
        }
        const auto media = box.field == "photo" ? card.photo() : card.logo();
        if (!media) continue;
        if (auto picture = decode_media(*media)) draw_picture(cr, picture->get(), box);
    }
}

void draw_layout(cairo_t* cr, const CardLayout& layout, const vcard::Card& card,
                 const std::optional<qr::QrMatrix>& qr_code) {
    set_colour(cr, layout.background);
    cairo_rectangle(cr, 0, 0, layout.width, layout.height);
    cairo_fill(cr);
    for (const auto& rect : layout.rects) {
        set_colour(cr, rect.colour);
        cairo_rectangle(cr, rect.x, rect.y, rect.width, rect.height);
        cairo_fill(cr);
    }
    draw_pictures(cr, layout, card, qr_code);
    const ContextPtr context = drawing_context(cr);
    for (const auto& box : layout.texts)
        draw_text(cr, context.get(), box);
}

Status check(cairo_status_t status, const char* what) {
    if (status == CAIRO_STATUS_SUCCESS) return Ok{};
    return make_error(std::string("cannot draw the card (") + what +
                      "): " + cairo_status_to_string(status));
}

}  // namespace

Result<std::string> render_card(const vcard::Card& card, const CardDesign& design,
                                const RenderOptions& options) {
    if (options.format == ImageFormat::png && !(options.dpi >= kMinDpi && options.dpi <= kMaxDpi)) {
        return make_error("the resolution must be from " + std::to_string(int(kMinDpi)) + " to " +
                          std::to_string(int(kMaxDpi)) + " dpi");
    }
    std::optional<qr::QrMatrix> qr_code;
    if (!options.qr_text.empty()) {
        auto encoded = qr::encode_qr(options.qr_text);
        if (!encoded) return encoded.error();
        qr_code = std::move(*encoded);
    }
    const CardLayout layout =
        lay_out_card(card, design, qr_code.has_value(), text_height, text_width);
    std::string bytes;
    Target target = make_target(options.format, design.width, design.height, options.dpi, &bytes);
    if (auto s = check(cairo_surface_status(target.surface.get()), "surface"); !s) return s.error();
    {
        std::unique_ptr<cairo_t, CairoDestroy> cr(cairo_create(target.surface.get()));
        cairo_scale(cr.get(), target.units_per_mm, target.units_per_mm);
        draw_layout(cr.get(), layout, card, qr_code);
        if (auto s = check(cairo_status(cr.get()), "drawing"); !s) return s.error();
    }
    if (options.format == ImageFormat::png) {
        const cairo_status_t written =
            cairo_surface_write_to_png_stream(target.surface.get(), append_bytes, &bytes);
        if (auto s = check(written, "PNG"); !s) return s.error();
    }
    cairo_surface_finish(target.surface.get());
    if (auto s = check(cairo_surface_status(target.surface.get()), "output"); !s) return s.error();
    return bytes;
}

}  // namespace cardex::client::render
