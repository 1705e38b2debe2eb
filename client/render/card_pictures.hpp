// The photo and logo of a card as Cairo images: a data: URI holding PNG (read by Cairo) or
// JPEG (read by libjpeg as RGB). Other URIs (https) are not fetched.
#pragma once

#include <cairo.h>

#include <memory>
#include <string_view>

#include "core/result.hpp"
#include "core/vcard/card.hpp"

namespace cardex::client::render {

struct SurfaceDestroy {
    void operator()(cairo_surface_t* surface) const { cairo_surface_destroy(surface); }
};
using SurfacePtr = std::unique_ptr<cairo_surface_t, SurfaceDestroy>;

// PNG or JPEG bytes (recognised by their first bytes) as an image surface.
Result<SurfacePtr> decode_picture(std::string_view bytes);
// The picture in a data: URI; an Error for any other URI or bytes that are not PNG or JPEG.
Result<SurfacePtr> decode_media(const vcard::Media& media);

}  // namespace cardex::client::render
