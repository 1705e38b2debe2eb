// A photo made ready for text recognition: grey, straightened (deskewed) and enlarged when its
// text would be too small for Tesseract. It is not binarised: Tesseract does that better.
#pragma once

#include "client/ocr/pix.hpp"

namespace cardex::client::ocr {

struct PreparedPhoto {
    PixPtr grey;
    double skew_degrees = 0.0;  // the rotation that was undone
    double scale = 1.0;         // how much it was enlarged
};

PreparedPhoto prepare_photo(PIX* photo);

// The photo kept in the card: long side at most 800 pixels, JPEG. A card with it must still fit
// through a card service that limits cards to 64 KiB after base64 (which adds a third), so the
// JPEG is kept under 45 KB, lowering the quality (from 70) and then the size until it is.
Result<std::string> photo_for_card(PIX* photo);

}  // namespace cardex::client::ocr
