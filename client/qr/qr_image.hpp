// A QR code as a picture: a grey image of square pixels (for PNG), or SVG.
#pragma once

#include <string>

#include "client/qr/gray_image.hpp"
#include "client/qr/qr_code.hpp"

namespace cardex::client::qr {

// Each module `scale` pixels square, black on white, with the quiet zone.
GrayImage rasterise(const QrMatrix& code, std::size_t scale = 8,
                    std::size_t quiet_zone = kQuietZone);

// An SVG document: one path of the dark modules on a white square, one unit per module.
std::string svg_of(const QrMatrix& code, std::size_t quiet_zone = kQuietZone);

}  // namespace cardex::client::qr
