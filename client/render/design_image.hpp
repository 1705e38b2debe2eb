// The design image a card carries (X-CARDEX-IMAGE, core/vcard/card_image.hpp): the card drawn
// from a design small enough to travel inside it. A card service takes cards up to a size
// (64 KiB of vCard XML by default), so the picture must keep within a budget of bytes: a PNG
// at a modest resolution, else a JPEG at a decreasing resolution and quality.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "client/render/card_design.hpp"
#include "core/result.hpp"
#include "core/vcard/card.hpp"

namespace cardex::client::render {

inline constexpr std::size_t kDesignImageBudget = 40'000;

struct DesignImage {
    std::string bytes;
    std::string media_type;  // image/png or image/jpeg
    double dpi = 0;
    int jpeg_quality = 0;  // 0 for a PNG
};

// The first of the tries (PNG at 200, 150 and 120 dpi; JPEG from 200 dpi at quality 85 down to
// 80 dpi at quality 40) that is at most `budget` bytes; an Error when none is.
Result<DesignImage> design_image(const vcard::Card& card, const CardDesign& design,
                                 std::size_t budget = kDesignImageBudget);
// "PNG at 150 dpi, 31.4 KB" / "JPEG at 120 dpi, quality 70, 28.0 KB".
std::string describe_design_image(const DesignImage& image);

// PNG bytes re-encoded as a JPEG of this quality (1..100).
Result<std::string> png_to_jpeg(std::string_view png, int quality);

}  // namespace cardex::client::render
