// A picture of the business card itself, carried inside the vCard: the image a design
// (template) made of the owner's card, or the photo of a paper card it was read from.
//
// RFC 6350 has no property for it (PHOTO is the person, LOGO the organisation), so it is the
// extension property X-CARDEX-IMAGE, a URI like PHOTO (a data: URI holding the bytes, or an
// https URI), with MEDIATYPE and a TYPE that says which picture it is:
//   X-CARDEX-IMAGE;TYPE=design;X-TEMPLATE=classic;MEDIATYPE=image/png:data:image/png;base64,...
//   X-CARDEX-IMAGE;TYPE=scan;MEDIATYPE=image/jpeg:data:image/jpeg;base64,...
// vCard readers that do not know it keep or drop it and read every other property as before.
// A card has at most one image of each kind.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/vcard/card.hpp"

namespace cardex::vcard {

inline constexpr std::string_view kCardImageProperty = "X-CARDEX-IMAGE";

enum class CardImageKind {
    design,  // drawn from a template (cardex me --template, cardex render)
    scan,    // the photo of a paper card the contact was read from (cardex scan-card)
};

struct CardImage {
    CardImageKind kind = CardImageKind::design;
    Media media;                // the picture: a data: URI with its bytes, or an https URI
    std::string template_name;  // the design's name (kind design); may be empty

    friend bool operator==(const CardImage&, const CardImage&) = default;
};

std::string_view card_image_kind_name(CardImageKind kind);  // "design", "scan"

// The card's images, the design first. A property without a TYPE this model knows is taken as
// a design.
std::vector<CardImage> card_images(const Card& card);
std::optional<CardImage> card_image(const Card& card, CardImageKind kind);

// Puts `image` on the card, replacing an image of the same kind.
void set_card_image(Card& card, const CardImage& image);
// Removes the card's image of this kind (all of them when nullopt).
void remove_card_images(Card& card, std::optional<CardImageKind> kind = std::nullopt);

}  // namespace cardex::vcard
