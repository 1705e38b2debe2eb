// An 8-bit grey image, one byte per pixel, row after row: what QR codes are written as and read
// from.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

namespace cardex::client::qr {

// The largest image read (a photo of 100 megapixels); larger ones are refused, not decoded.
inline constexpr std::uint64_t kMaxPixels = 100'000'000;

struct GrayImage {
    std::size_t width = 0;
    std::size_t height = 0;
    std::vector<std::uint8_t> pixels;  // width * height; 0 black, 255 white
};

}  // namespace cardex::client::qr
