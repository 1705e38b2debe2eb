#include "client/qr/jpeg_file.hpp"

#include <csetjmp>
#include <cstdio>
#include <cstring>
#include <memory>
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
// scanned, and a picture without a readable code is reported as such.
void no_output(j_common_ptr) {}

bool read_header(jpeg_decompress_struct* info, ErrorManager* errors, std::FILE* file) {
    if (setjmp(errors->back) != 0) return false;
    jpeg_create_decompress(info);
    jpeg_stdio_src(info, file);
    jpeg_read_header(info, TRUE);
    info->out_color_space = JCS_GRAYSCALE;
    jpeg_start_decompress(info);
    return true;
}

bool read_pixels(jpeg_decompress_struct* info, ErrorManager* errors, unsigned char* out) {
    if (setjmp(errors->back) != 0) return false;
    while (info->output_scanline < info->output_height) {
        JSAMPROW row = out + static_cast<std::size_t>(info->output_scanline) * info->output_width;
        jpeg_read_scanlines(info, &row, 1);
    }
    jpeg_finish_decompress(info);
    return true;
}

}  // namespace

Result<GrayImage> read_jpeg(const std::filesystem::path& path) {
    std::unique_ptr<std::FILE, decltype(&std::fclose)> file(std::fopen(path.c_str(), "rb"),
                                                            &std::fclose);
    if (!file) return make_error("cannot open " + path.string() + ": " + std::strerror(errno));
    jpeg_decompress_struct info;
    ErrorManager errors;
    std::memset(&info, 0, sizeof info);
    std::memset(&errors, 0, sizeof errors);
    info.err = jpeg_std_error(&errors.base);
    errors.base.error_exit = error_exit;
    errors.base.output_message = no_output;
    auto failed = [&]() -> Result<GrayImage> {
        jpeg_destroy_decompress(&info);
        return make_error("cannot read " + path.string() + " as JPEG: " + errors.message);
    };
    if (!read_header(&info, &errors, file.get())) return failed();
    if (static_cast<std::uint64_t>(info.output_width) * info.output_height > kMaxPixels) {
        jpeg_destroy_decompress(&info);
        return make_error(path.string() + " is too large (" + std::to_string(info.output_width) +
                          " x " + std::to_string(info.output_height) + " pixels)");
    }
    GrayImage image;
    image.width = info.output_width;
    image.height = info.output_height;
    image.pixels.resize(image.width * image.height);
    if (!read_pixels(&info, &errors, image.pixels.data())) return failed();
    jpeg_destroy_decompress(&info);
    return image;
}

}  // namespace cardex::client::qr
