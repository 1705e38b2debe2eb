// JPEG pictures (libjpeg): photos read as grey images for QR codes, and the codec the card
// pictures share (decoded as grey or RGB, encoded at a chosen quality).
#pragma once

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "client/qr/gray_image.hpp"
#include "core/result.hpp"

namespace cardex::client::qr {

// Pixels row after row, `components` bytes each: 1 (grey) or 3 (RGB).
struct JpegPixels {
    std::size_t width = 0;
    std::size_t height = 0;
    int components = 1;
    std::vector<std::uint8_t> pixels;
};

// JPEG bytes as grey (components 1) or RGB (3) pixels, whatever the picture's own colours. An
// Error names `what` (a file name, "the JPEG picture") and what libjpeg found wrong; pictures
// over kMaxPixels are refused before they are decoded.
Result<JpegPixels> decode_jpeg(std::string_view bytes, int components, const std::string& what);
// Pixels as JPEG of `quality` (1 to 100).
std::string encode_jpeg(const JpegPixels& image, int quality);

// A JPEG file as a grey image.
Result<GrayImage> read_jpeg(const std::filesystem::path& path);

}  // namespace cardex::client::qr
