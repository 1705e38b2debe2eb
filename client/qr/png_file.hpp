// Grey images as PNG files (libpng's simplified API).
#pragma once

#include <filesystem>

#include "client/qr/gray_image.hpp"
#include "core/result.hpp"

namespace cardex::client::qr {

Status write_png(const std::filesystem::path& path, const GrayImage& image);
// Any PNG (colour, palette, alpha: composed on white), as grey.
Result<GrayImage> read_png(const std::filesystem::path& path);

}  // namespace cardex::client::qr
