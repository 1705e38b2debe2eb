#include <gtest/gtest.h>

#include "core/vcard/card_image.hpp"
#include "core/vcard/media.hpp"
#include "core/vcard/reader.hpp"
#include "core/vcard/writer.hpp"
#include "core/xml/writer.hpp"

namespace cardex::vcard {
namespace {

Card named(std::string name) {
    Card card;
    card.add(make_text("FN", std::move(name)));
    return card;
}

CardImage design_image() {
    return {CardImageKind::design,
            {make_data_uri("image/png", "\x89PNG\r\n\x1a\nfake"), "image/png"},
            "classic"};
}

TEST(CardImage, SetReadAndReplaceByKind) {
    Card card = named("Alice");
    EXPECT_TRUE(card_images(card).empty());
    CardImage scan{
        CardImageKind::scan, {make_data_uri("image/jpeg", "\xff\xd8\xff"), "image/jpeg"}, {}};
    set_card_image(card, scan);
    set_card_image(card, design_image());
    auto images = card_images(card);
    ASSERT_EQ(images.size(), 2u);
    EXPECT_EQ(images[0], design_image());  // the design first
    EXPECT_EQ(images[1], scan);

    CardImage other = design_image();
    other.template_name = "bold";
    set_card_image(card, other);
    EXPECT_EQ(card_images(card).size(), 2u);
    EXPECT_EQ(card_image(card, CardImageKind::design)->template_name, "bold");

    remove_card_images(card, CardImageKind::design);
    EXPECT_FALSE(card_image(card, CardImageKind::design));
    EXPECT_TRUE(card_image(card, CardImageKind::scan));
    remove_card_images(card);
    EXPECT_TRUE(card_images(card).empty());
    EXPECT_EQ(card.formatted_name(), "Alice");
}

TEST(CardImage, SurvivesVcardTextAndXcard) {
    Card card = named("Alice");
    set_card_image(card, design_image());
    const std::string text = write_vcard_text(card);
    EXPECT_NE(text.find("X-CARDEX-IMAGE;TYPE=design;X-TEMPLATE=classic;MEDIATYPE=image/png:data:"),
              std::string::npos)
        << text;
    auto from_text = read_vcard_text(text);
    ASSERT_EQ(from_text.cards.size(), 1u);
    EXPECT_EQ(card_image(from_text.cards[0], CardImageKind::design), design_image());

    auto from_xml = read_xcard(xml::to_string(card_to_xml(card)));
    ASSERT_EQ(from_xml.cards.size(), 1u);
    EXPECT_EQ(card_image(from_xml.cards[0], CardImageKind::design), design_image());
}

TEST(CardImage, Vcard30CarriesItInlineAndReadsBack) {
    Card card = named("Alice");
    set_card_image(card, design_image());
    const std::string text = write_vcard_text(card, Version::v30);
    EXPECT_EQ(text.find("data:"), std::string::npos) << text;
    auto read = read_vcard_text(text);
    ASSERT_EQ(read.cards.size(), 1u);
    auto image = card_image(read.cards[0], CardImageKind::design);
    ASSERT_TRUE(image);
    EXPECT_EQ(image->media.uri, design_image().media.uri);
}

}  // namespace
}  // namespace cardex::vcard
