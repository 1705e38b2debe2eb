// JPEG photos read as grey images (libjpeg).
#pragma once

#include <filesystem>

#include "client/qr/gray_image.hpp"
#include "core/result.hpp"

namespace cardex::client::qr {

Result<GrayImage> read_jpeg(const std::filesystem::path& path);

}  // namespace cardex::client::qr
