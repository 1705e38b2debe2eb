#include "client/qr/png_file.hpp"

#include <png.h>

#include <cstring>

namespace cardex::client::qr {

Status write_png(const std::filesystem::path& path, const GrayImage& image) {
    png_image png;
    std::memset(&png, 0, sizeof png);
    png.version = PNG_IMAGE_VERSION;
    png.width = static_cast<png_uint_32>(image.width);
    png.height = static_cast<png_uint_32>(image.height);
    png.format = PNG_FORMAT_GRAY;
    const int ok = png_image_write_to_file(&png, path.c_str(), 0, image.pixels.data(), 0, nullptr);
    if (ok == 0) {
        const std::string why = png.message;
        png_image_free(&png);
        return make_error("cannot write " + path.string() + ": " + why);
    }
    return Ok{};
}

Result<GrayImage> read_png(const std::filesystem::path& path) {
    png_image png;
    std::memset(&png, 0, sizeof png);
    png.version = PNG_IMAGE_VERSION;
    if (png_image_begin_read_from_file(&png, path.c_str()) == 0) {
        const std::string why = png.message;
        png_image_free(&png);
        return make_error("cannot read " + path.string() + " as PNG: " + why);
    }
    if (static_cast<std::uint64_t>(png.width) * png.height > kMaxPixels) {
        png_image_free(&png);
        return make_error(path.string() + " is too large (" + std::to_string(png.width) + " x " +
                          std::to_string(png.height) + " pixels)");
    }
    png.format = PNG_FORMAT_GRAY;
    GrayImage image;
    image.width = png.width;
    image.height = png.height;
    image.pixels.resize(PNG_IMAGE_SIZE(png));
    png_color white{255, 255, 255};
    if (png_image_finish_read(&png, &white, image.pixels.data(), 0, nullptr) == 0) {
        const std::string why = png.message;
        png_image_free(&png);
        return make_error("cannot read " + path.string() + " as PNG: " + why);
    }
    return image;
}

}  // namespace cardex::client::qr
