#include "client/render/design_image.hpp"

#include <cstdio>
#include <cstdlib>
#include <memory>
#include <vector>
// clang-format off
#include <jpeglib.h>  // after <cstdio>: it uses FILE
// clang-format on

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

// The rows of an RGB24 surface as packed RGB.
std::vector<unsigned char> rgb_rows(cairo_surface_t* surface) {
    cairo_surface_flush(surface);
    const int width = cairo_image_surface_get_width(surface);
    const int height = cairo_image_surface_get_height(surface);
    const int stride = cairo_image_surface_get_stride(surface);
    const unsigned char* data = cairo_image_surface_get_data(surface);
    std::vector<unsigned char> rgb(static_cast<std::size_t>(width) * height * 3);
    for (int y = 0; y < height; ++y) {
        const auto* row =
            reinterpret_cast<const std::uint32_t*>(data + static_cast<std::size_t>(y) * stride);
        unsigned char* out = rgb.data() + static_cast<std::size_t>(y) * width * 3;
        for (int x = 0; x < width; ++x) {
            out[x * 3] = (row[x] >> 16) & 0xff;
            out[x * 3 + 1] = (row[x] >> 8) & 0xff;
            out[x * 3 + 2] = row[x] & 0xff;
        }
    }
    return rgb;
}

// libjpeg's compressor cannot fail on pixels made here except for lack of memory, which its
// default handler reports by exiting; the sizes are bounded by the render's.
std::string compress(const std::vector<unsigned char>& rgb, int width, int height, int quality) {
    jpeg_compress_struct info;
    jpeg_error_mgr errors;
    info.err = jpeg_std_error(&errors);
    jpeg_create_compress(&info);
    unsigned char* out = nullptr;
    unsigned long size = 0;
    jpeg_mem_dest(&info, &out, &size);
    info.image_width = static_cast<JDIMENSION>(width);
    info.image_height = static_cast<JDIMENSION>(height);
    info.input_components = 3;
    info.in_color_space = JCS_RGB;
    jpeg_set_defaults(&info);
    jpeg_set_quality(&info, quality, TRUE);
    jpeg_start_compress(&info, TRUE);
    while (info.next_scanline < info.image_height) {
        JSAMPROW row = const_cast<unsigned char*>(rgb.data()) +
                       static_cast<std::size_t>(info.next_scanline) * width * 3;
        jpeg_write_scanlines(&info, &row, 1);
    }
    jpeg_finish_compress(&info);
    jpeg_destroy_compress(&info);
    std::string bytes(reinterpret_cast<const char*>(out), size);
    std::free(out);
    return bytes;
}

}  // namespace

Result<std::string> png_to_jpeg(std::string_view png, int quality) {
    if (quality < 1 || quality > 100) return make_error("a JPEG quality is from 1 to 100");
    auto picture = decode_picture(png);
    if (!picture) return picture.error();
    cairo_surface_t* surface = picture->get();
    return compress(rgb_rows(surface), cairo_image_surface_get_width(surface),
                    cairo_image_surface_get_height(surface), quality);
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
