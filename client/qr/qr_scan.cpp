#include "client/qr/qr_scan.hpp"

#include <zbar.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <memory>

#include "client/qr/jpeg_file.hpp"
#include "client/qr/png_file.hpp"

namespace cardex::client::qr {
namespace {

enum class Format { png, jpeg, other };

Result<Format> format_of(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) return make_error("cannot open " + path.string() + ": " + std::strerror(errno));
    std::array<unsigned char, 8> head{};
    in.read(reinterpret_cast<char*>(head.data()), head.size());
    static constexpr std::array<unsigned char, 8> kPng{0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};
    if (in.gcount() == 8 && head == kPng) return Format::png;
    if (in.gcount() >= 3 && head[0] == 0xFF && head[1] == 0xD8 && head[2] == 0xFF)
        return Format::jpeg;
    return Format::other;
}

}  // namespace

Result<GrayImage> load_image(const std::filesystem::path& path) {
    std::error_code ec;
    if (std::filesystem::is_directory(path, ec))
        return make_error(path.string() + " is a folder, not a picture");
    auto format = format_of(path);
    if (!format) return format.error();
    switch (*format) {
        case Format::png:
            return read_png(path);
        case Format::jpeg:
            return read_jpeg(path);
        case Format::other:
            break;
    }
    return make_error(path.string() + " is neither a PNG nor a JPEG picture");
}

std::vector<std::string> decode_qr(const GrayImage& image) {
    std::vector<std::string> found;
    if (image.width == 0 || image.height == 0) return found;
    std::unique_ptr<zbar::zbar_image_scanner_t, decltype(&zbar::zbar_image_scanner_destroy)>
        scanner(zbar::zbar_image_scanner_create(), &zbar::zbar_image_scanner_destroy);
    zbar::zbar_image_scanner_set_config(scanner.get(), zbar::ZBAR_NONE, zbar::ZBAR_CFG_ENABLE, 0);
    zbar::zbar_image_scanner_set_config(scanner.get(), zbar::ZBAR_QRCODE, zbar::ZBAR_CFG_ENABLE, 1);
    std::unique_ptr<zbar::zbar_image_t, decltype(&zbar::zbar_image_destroy)> picture(
        zbar::zbar_image_create(), &zbar::zbar_image_destroy);
    zbar::zbar_image_set_format(picture.get(), zbar_fourcc('Y', '8', '0', '0'));
    zbar::zbar_image_set_size(picture.get(), static_cast<unsigned>(image.width),
                              static_cast<unsigned>(image.height));
    zbar::zbar_image_set_data(picture.get(), image.pixels.data(), image.pixels.size(), nullptr);
    if (zbar::zbar_scan_image(scanner.get(), picture.get()) <= 0) return found;
    for (const zbar::zbar_symbol_t* s = zbar::zbar_image_first_symbol(picture.get()); s != nullptr;
         s = zbar::zbar_symbol_next(s)) {
        if (zbar::zbar_symbol_get_type(s) != zbar::ZBAR_QRCODE) continue;
        found.emplace_back(zbar::zbar_symbol_get_data(s), zbar::zbar_symbol_get_data_length(s));
    }
    return found;
}

Result<std::string> scan_qr_file(const std::filesystem::path& path) {
    auto image = load_image(path);
    if (!image) return image.error();
    auto codes = decode_qr(*image);
    if (codes.empty()) return make_error("found no QR code in " + path.string());
    std::sort(codes.begin(), codes.end());
    codes.erase(std::unique(codes.begin(), codes.end()), codes.end());
    if (codes.size() > 1) {
        return make_error(path.string() + " shows " + std::to_string(codes.size()) +
                          " different QR codes; crop it to the one to scan");
    }
    return codes.front();
}

}  // namespace cardex::client::qr
