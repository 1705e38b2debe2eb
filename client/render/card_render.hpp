// A card drawn from a design (card_design.hpp) with Cairo and Pango: PNG, SVG or PDF bytes in
// memory, for the caller to write. Text falls back through fontconfig to fonts that have its
// glyphs (Noto CJK for Chinese and Japanese names).
#pragma once

#include <string>

#include "client/render/card_design.hpp"
#include "core/result.hpp"
#include "core/vcard/card.hpp"

namespace cardex::client::render {

enum class ImageFormat { png, svg, pdf };

struct RenderOptions {
    ImageFormat format = ImageFormat::png;
    double dpi = 300;     // pixels per inch of a PNG (SVG and PDF are in points)
    std::string qr_text;  // drawn as a QR code in the design's qr box; none when empty
};

// The smallest and largest PNG resolutions drawn.
inline constexpr double kMinDpi = 30;
inline constexpr double kMaxDpi = 1200;

// The image's bytes; an Error when the options are out of range, the QR text does not fit a
// QR code, or Cairo fails. A photo or logo that cannot be read is left out.
Result<std::string> render_card(const vcard::Card& card, const CardDesign& design,
                                const RenderOptions& options);

// The card as short vCard text for a QR code: FN, N, ORG, TITLE, phones, e-mail, URL, IMPP and
// ADR, without pictures or anything else.
std::string compact_card_text(const vcard::Card& card);

}  // namespace cardex::client::render
