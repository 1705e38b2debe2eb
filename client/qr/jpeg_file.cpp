#include "client/qr/jpeg_file.hpp"

#include <csetjmp>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <sstream>
// clang-format off
#include <jpeglib.h>  // after <cstdio>: it uses FILE
// clang-format on

namespace cardex::client::qr {
namespace {

// libjpeg reports a fatal error by calling error_exit, which must not return: it jumps back to
// the setjmp of the step that was running, with the message kept here. The steps below hold no
// object with a destructor across their setjmp, so the jump skips none.
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

// Warnings (a file cut short, which libjpeg fills in grey) are not printed: what can be read is
// used, and a picture without a readable code is reported as such.
void no_output(j_common_ptr) {}

bool read_header(jpeg_decompress_struct* info, ErrorManager* errors, std::string_view bytes,
                 int components) {
    if (setjmp(errors->back) != 0) return false;
    jpeg_create_decompress(info);
    jpeg_mem_src(info, reinterpret_cast<const unsigned char*>(bytes.data()),
                 static_cast<unsigned long>(bytes.size()));
    jpeg_read_header(info, TRUE);
    info->out_color_space = components == 1 ? JCS_GRAYSCALE : JCS_RGB;
    jpeg_start_decompress(info);
    return true;
}

bool read_pixels(jpeg_decompress_struct* info, ErrorManager* errors, unsigned char* out) {
    if (setjmp(errors->back) != 0) return false;
    const std::size_t stride = static_cast<std::size_t>(info->output_width) *
                               static_cast<std::size_t>(info->output_components);
    while (info->output_scanline < info->output_height) {
        JSAMPROW row = out + static_cast<std::size_t>(info->output_scanline) * stride;
        jpeg_read_scanlines(info, &row, 1);
    }
    jpeg_finish_decompress(info);
    return true;
}

}  // namespace

Result<JpegPixels> decode_jpeg(std::string_view bytes, int components, const std::string& what) {
    if (components != 1 && components != 3) return make_error("a JPEG is read as grey or RGB");
    jpeg_decompress_struct info;
    ErrorManager errors;
    std::memset(&info, 0, sizeof info);
    std::memset(&errors, 0, sizeof errors);
    info.err = jpeg_std_error(&errors.base);
    errors.base.error_exit = error_exit;
    errors.base.output_message = no_output;
    auto failed = [&]() -> Result<JpegPixels> {
        jpeg_destroy_decompress(&info);
        return make_error("cannot read " + what + " as JPEG: " + errors.message);
    };
    if (!read_header(&info, &errors, bytes, components)) return failed();
    if (static_cast<std::uint64_t>(info.output_width) * info.output_height > kMaxPixels) {
        jpeg_destroy_decompress(&info);
        return make_error(what + " is too large (" + std::to_string(info.output_width) + " x " +
                          std::to_string(info.output_height) + " pixels)");
    }
    JpegPixels image;
    image.width = info.output_width;
    image.height = info.output_height;
    image.components = info.output_components;
    image.pixels.resize(image.width * image.height * static_cast<std::size_t>(image.components));
    if (!read_pixels(&info, &errors, image.pixels.data())) return failed();
    jpeg_destroy_decompress(&info);
    return image;
}

// libjpeg's compressor cannot fail on pixels held in memory except for lack of memory, which
// its default handler reports by exiting.
std::string encode_jpeg(const JpegPixels& image, int quality) {
    jpeg_compress_struct info;
    jpeg_error_mgr errors;
    std::memset(&info, 0, sizeof info);
    info.err = jpeg_std_error(&errors);
    jpeg_create_compress(&info);
    unsigned char* out = nullptr;
    unsigned long size = 0;
    jpeg_mem_dest(&info, &out, &size);
    info.image_width = static_cast<JDIMENSION>(image.width);
    info.image_height = static_cast<JDIMENSION>(image.height);
    info.input_components = image.components;
    info.in_color_space = image.components == 1 ? JCS_GRAYSCALE : JCS_RGB;
    jpeg_set_defaults(&info);
    jpeg_set_quality(&info, quality, TRUE);
    jpeg_start_compress(&info, TRUE);
    const std::size_t stride = image.width * static_cast<std::size_t>(image.components);
    while (info.next_scanline < info.image_height) {
        JSAMPROW row = const_cast<unsigned char*>(image.pixels.data()) +
                       static_cast<std::size_t>(info.next_scanline) * stride;
        jpeg_write_scanlines(&info, &row, 1);
    }
    jpeg_finish_compress(&info);
    jpeg_destroy_compress(&info);
    std::string bytes(reinterpret_cast<const char*>(out), size);
    std::free(out);
    return bytes;
}

Result<GrayImage> read_jpeg(const std::filesystem::path& path) {
    std::ifstream file(path, std::ios::binary);
    if (!file) return make_error("cannot open " + path.string() + ": " + std::strerror(errno));
    std::ostringstream bytes;
    bytes << file.rdbuf();
    auto decoded = decode_jpeg(bytes.str(), 1, path.string());
    if (!decoded) return decoded.error();
    return GrayImage{decoded->width, decoded->height, std::move(decoded->pixels)};
}

}  // namespace cardex::client::qr
