// Reading QR codes from pictures (zbar): a PNG or JPEG photo or screenshot.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "client/qr/gray_image.hpp"
#include "core/result.hpp"

namespace cardex::client::qr {

// The image at `path`, PNG or JPEG by its first bytes (not its name); an Error naming the file
// and why it cannot be read.
Result<GrayImage> load_image(const std::filesystem::path& path);

// The text of every QR code found in the image, in the order zbar finds them; empty when there
// is none.
std::vector<std::string> decode_qr(const GrayImage& image);

// The one QR code in the picture at `path`: an Error when the picture cannot be read, has no
// QR code, or has several that say different things.
Result<std::string> scan_qr_file(const std::filesystem::path& path);

}  // namespace cardex::client::qr
