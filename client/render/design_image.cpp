#include "client/render/design_image.hpp"

#include <cstdint>
#include <memory>
#include <vector>

#include "client/qr/jpeg_file.hpp"
#include "client/render/card_pictures.hpp"
#include "client/render/card_render.hpp"

namespace cardex::client::render {
namespace {

struct Try {
    double dpi;
    int quality;  // 0: PNG
};

constexpr Try kTries[] = {{200, 0},  {150, 0},  {120, 0},  {200, 85}, {150, 80},
                          {150, 65}, {120, 60}, {100, 50}, {80, 40}};

// An RGB24 surface as packed RGB pixels.
qr::JpegPixels rgb_pixels(cairo_surface_t* surface) {
    cairo_surface_flush(surface);
    const int width = cairo_image_surface_get_width(surface);
    const int height = cairo_image_surface_get_height(surface);
    const int stride = cairo_image_surface_get_stride(surface);
    const unsigned char* data = cairo_image_surface_get_data(surface);
    qr::JpegPixels rgb{static_cast<std::size_t>(width), static_cast<std::size_t>(height), 3, {}};
    rgb.pixels.resize(rgb.width * rgb.height * 3);
    for (int y = 0; y < height; ++y) {
        const auto* row =
            reinterpret_cast<const std::uint32_t*>(data + static_cast<std::size_t>(y) * stride);
        std::uint8_t* out = rgb.pixels.data() + static_cast<std::size_t>(y) * rgb.width * 3;
        for (int x = 0; x < width; ++x) {
            out[x * 3] = (row[x] >> 16) & 0xff;
            out[x * 3 + 1] = (row[x] >> 8) & 0xff;
            out[x * 3 + 2] = row[x] & 0xff;
        }
    }
    return rgb;
}

}  // namespace

Result<std::string> png_to_jpeg(std::string_view png, int quality) {
    if (quality < 1 || quality > 100) return make_error("a JPEG quality is from 1 to 100");
    auto picture = decode_picture(png);
    if (!picture) return picture.error();
    return qr::encode_jpeg(rgb_pixels(picture->get()), quality);
}

Result<DesignImage> design_image(const vcard::Card& card, const CardDesign& design,
                                 std::size_t budget) {
    std::size_t smallest = 0;
    for (const Try& attempt : kTries) {
        RenderOptions options;
        options.dpi = attempt.dpi;
        auto png = render_card(card, design, options);
        if (!png) return png.error();
        DesignImage image{std::move(*png), "image/png", attempt.dpi, 0};
        if (attempt.quality != 0) {
            auto jpeg = png_to_jpeg(image.bytes, attempt.quality);
            if (!jpeg) return jpeg.error();
            image = {std::move(*jpeg), "image/jpeg", attempt.dpi, attempt.quality};
        }
        if (image.bytes.size() <= budget) return image;
        smallest = image.bytes.size();
    }
    return make_error("the design image takes " + std::to_string(smallest) +
                      " bytes even as a JPEG at 80 dpi and quality 40, more than the " +
                      std::to_string(budget) + " it may take in the card");
}

std::string describe_design_image(const DesignImage& image) {
    char size[32];
    std::snprintf(size, sizeof size, "%.1f KB", static_cast<double>(image.bytes.size()) / 1000);
    std::string text = (image.jpeg_quality == 0 ? "PNG at " : "JPEG at ") +
                       std::to_string(static_cast<int>(image.dpi)) + " dpi, ";
    if (image.jpeg_quality != 0) text += "quality " + std::to_string(image.jpeg_quality) + ", ";
    return text + size;
}

}  // namespace cardex::client::render
