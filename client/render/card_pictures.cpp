#include "client/render/card_pictures.hpp"

#include <cstdint>
#include <cstring>
#include <vector>

#include "client/qr/jpeg_file.hpp"
#include "core/vcard/media.hpp"

namespace cardex::client::render {
namespace {

struct PngReader {
    std::string_view bytes;
    std::size_t at = 0;
};

cairo_status_t read_png_bytes(void* closure, unsigned char* data, unsigned int length) {
    auto* reader = static_cast<PngReader*>(closure);
    if (reader->bytes.size() - reader->at < length) return CAIRO_STATUS_READ_ERROR;
    std::memcpy(data, reader->bytes.data() + reader->at, length);
    reader->at += length;
    return CAIRO_STATUS_SUCCESS;
}

Result<SurfacePtr> decode_png(std::string_view bytes) {
    PngReader reader{bytes};
    SurfacePtr surface(cairo_image_surface_create_from_png_stream(read_png_bytes, &reader));
    if (cairo_surface_status(surface.get()) != CAIRO_STATUS_SUCCESS) {
        return make_error(std::string("the PNG picture cannot be read: ") +
                          cairo_status_to_string(cairo_surface_status(surface.get())));
    }
    return surface;
}

// RGB rows into a Cairo RGB24 surface (one 32-bit word per pixel).
SurfacePtr rgb_surface(const std::vector<std::uint8_t>& rgb, int width, int height) {
    SurfacePtr surface(cairo_image_surface_create(CAIRO_FORMAT_RGB24, width, height));
    if (cairo_surface_status(surface.get()) != CAIRO_STATUS_SUCCESS) return surface;
    cairo_surface_flush(surface.get());
    unsigned char* data = cairo_image_surface_get_data(surface.get());
    const int stride = cairo_image_surface_get_stride(surface.get());
    for (int y = 0; y < height; ++y) {
        auto* row = reinterpret_cast<std::uint32_t*>(data + static_cast<std::size_t>(y) * stride);
        const unsigned char* in = rgb.data() + static_cast<std::size_t>(y) * width * 3;
        for (int x = 0; x < width; ++x, in += 3)
            row[x] = (std::uint32_t{in[0]} << 16) | (std::uint32_t{in[1]} << 8) | in[2];
    }
    cairo_surface_mark_dirty(surface.get());
    return surface;
}

Result<SurfacePtr> decode_jpeg(std::string_view bytes) {
    auto rgb = qr::decode_jpeg(bytes, 3, "the JPEG picture");
    if (!rgb) return rgb.error();
    SurfacePtr surface =
        rgb_surface(rgb->pixels, static_cast<int>(rgb->width), static_cast<int>(rgb->height));
    if (cairo_surface_status(surface.get()) != CAIRO_STATUS_SUCCESS)
        return make_error("the JPEG picture is too large to draw");
    return surface;
}

}  // namespace

Result<SurfacePtr> decode_picture(std::string_view bytes) {
    const std::string type = vcard::sniff_media_type(bytes);
    if (type == "image/png") return decode_png(bytes);
    if (type == "image/jpeg") return decode_jpeg(bytes);
    return make_error("the picture is neither PNG nor JPEG");
}

Result<SurfacePtr> decode_media(const vcard::Media& media) {
    auto bytes = vcard::data_uri_bytes(media.uri);
    if (!bytes) return make_error("the picture is " + bytes.error().message);
    return decode_picture(*bytes);
}

}  // namespace cardex::client::render
