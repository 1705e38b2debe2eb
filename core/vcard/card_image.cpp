#include "core/vcard/card_image.hpp"

#include <algorithm>

namespace cardex::vcard {
namespace {

CardImageKind kind_of(const Property& property) {
    return property.has_type("scan") ? CardImageKind::scan : CardImageKind::design;
}

bool is_card_image(const Property& property) {
    return property.name == kCardImageProperty;
}

CardImage image_of(const Property& property) {
    CardImage image{kind_of(property), media_of(property), {}};
    if (const Parameter* name = property.param("X-TEMPLATE"); name && !name->values.empty())
        image.template_name = name->values.front();
    return image;
}

}  // namespace

std::string_view card_image_kind_name(CardImageKind kind) {
    return kind == CardImageKind::scan ? "scan" : "design";
}

std::vector<CardImage> card_images(const Card& card) {
    std::vector<CardImage> images;
    for (const auto& property : card.properties) {
        if (is_card_image(property)) images.push_back(image_of(property));
    }
    std::stable_partition(images.begin(), images.end(), [](const CardImage& image) {
        return image.kind == CardImageKind::design;
    });
    return images;
}

std::optional<CardImage> card_image(const Card& card, CardImageKind kind) {
    for (const auto& property : card.properties) {
        if (is_card_image(property) && kind_of(property) == kind) return image_of(property);
    }
    return std::nullopt;
}

void set_card_image(Card& card, const CardImage& image) {
    remove_card_images(card, image.kind);
    Property property;
    property.name = std::string(kCardImageProperty);
    property.params.push_back({"TYPE", {std::string(card_image_kind_name(image.kind))}});
    if (!image.template_name.empty())
        property.params.push_back({"X-TEMPLATE", {image.template_name}});
    if (!image.media.media_type.empty())
        property.params.push_back({"MEDIATYPE", {image.media.media_type}});
    property.value_type = "uri";
    property.components = {{image.media.uri}};
    card.add(std::move(property));
}

void remove_card_images(Card& card, std::optional<CardImageKind> kind) {
    std::erase_if(card.properties, [&](const Property& property) {
        return is_card_image(property) && (!kind || kind_of(property) == *kind);
    });
}

}  // namespace cardex::vcard
