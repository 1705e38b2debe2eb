#include "client/render/card_pictures.hpp"

#include <csetjmp>
#include <cstdio>
#include <cstring>
#include <vector>
// clang-format off
#include <jpeglib.h>  // after <cstdio>: it uses FILE
// clang-format on

#include "client/qr/gray_image.hpp"
#include "core/vcard/media.hpp"
#include "core/vcard/text_codecs.hpp"

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

// libjpeg reports a fatal error by calling error_exit, which must not return: it jumps back to
// the setjmp of the step that was running. The steps hold no object with a destructor across
// their setjmp.
struct ErrorManager {
    jpeg_error_mgr base;
    std::jmp_buf back;
    char message[JMSG_LENGTH_MAX];
};

void error_exit(j_common_ptr info) {
    auto* errors = reinterpret_cast<ErrorManager*>(info->err);
    (*info->err->format_message)(info, errors->message);
    std::longjmp(errors->back, 1);
}

void no_output(j_common_ptr) {}

bool start_jpeg(jpeg_decompress_struct* info, ErrorManager* errors, std::string_view bytes) {
    if (setjmp(errors->back) != 0) return false;
    jpeg_create_decompress(info);
    jpeg_mem_src(info, reinterpret_cast<const unsigned char*>(bytes.data()),
                 static_cast<unsigned long>(bytes.size()));
    jpeg_read_header(info, TRUE);
    info->out_color_space = JCS_RGB;
    jpeg_start_decompress(info);
    return true;
}

bool read_rows(jpeg_decompress_struct* info, ErrorManager* errors, unsigned char* out) {
    if (setjmp(errors->back) != 0) return false;
    const std::size_t stride = static_cast<std::size_t>(info->output_width) * 3;
    while (info->output_scanline < info->output_height) {
        JSAMPROW row = out + static_cast<std::size_t>(info->output_scanline) * stride;
        jpeg_read_scanlines(info, &row, 1);
    }
    jpeg_finish_decompress(info);
    return true;
}

// RGB rows into a Cairo RGB24 surface (one 32-bit word per pixel).
SurfacePtr rgb_surface(const std::vector<unsigned char>& rgb, int width, int height) {
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
    jpeg_decompress_struct info;
    ErrorManager errors;
    std::memset(&info, 0, sizeof info);
    std::memset(&errors, 0, sizeof errors);
    info.err = jpeg_std_error(&errors.base);
    errors.base.error_exit = error_exit;
    errors.base.output_message = no_output;
    if (!start_jpeg(&info, &errors, bytes)) {
        jpeg_destroy_decompress(&info);
        return make_error(std::string("the JPEG picture cannot be read: ") + errors.message);
    }
    const std::uint64_t pixels = std::uint64_t{info.output_width} * info.output_height;
    if (pixels > qr::kMaxPixels || info.output_components != 3) {
        jpeg_destroy_decompress(&info);
        return make_error("the JPEG picture is too large or not RGB");
    }
    std::vector<unsigned char> rgb(pixels * 3);
    const bool read = read_rows(&info, &errors, rgb.data());
    jpeg_destroy_decompress(&info);
    if (!read) return make_error(std::string("the JPEG picture cannot be read: ") + errors.message);
    SurfacePtr surface =
        rgb_surface(rgb, static_cast<int>(info.output_width), static_cast<int>(info.output_height));
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
    const auto data = vcard::parse_data_uri(media.uri);
    if (!data) return make_error("the picture is not held in the card (not a data: URI)");
    if (!data->base64) return decode_picture(data->data);
    auto bytes = vcard::decode_base64(data->data);
    if (!bytes) return make_error("the picture's base64 is damaged: " + bytes.error().message);
    return decode_picture(*bytes);
}

}  // namespace cardex::client::render
