// Leptonica's PIX images owned by a unique_ptr, and read from bytes.
#pragma once

#include <leptonica/allheaders.h>

#include <memory>
#include <string>
#include <string_view>

#include "core/result.hpp"

namespace cardex::client::ocr {

struct PixDeleter {
    void operator()(PIX* pix) const { pixDestroy(&pix); }
};
using PixPtr = std::unique_ptr<PIX, PixDeleter>;

// Keeps Leptonica from writing its warnings to standard error: what goes wrong is reported
// as an Error instead.
void quiet_leptonica();

// The picture in `bytes` (JPEG, PNG, and whatever else Leptonica reads); an Error when they
// are not a picture Leptonica can read.
Result<PixPtr> read_picture(std::string_view bytes);

// The picture encoded as JPEG at `quality` (1..100), or an Error.
Result<std::string> jpeg_bytes(PIX* pix, int quality);
// The picture encoded as PNG, or an Error.
Result<std::string> png_bytes(PIX* pix);

}  // namespace cardex::client::ocr
