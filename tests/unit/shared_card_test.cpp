// What of a contact is shared when it is sent (client/exchange/shared_card.hpp): the fields
// chosen, the essentials always, and the photo of a scanned paper card only when named.
#include "client/exchange/shared_card.hpp"

#include <gtest/gtest.h>

#include "core/vcard/card_image.hpp"

namespace cardex::client::exchange {
namespace {

vcard::Card contact() {
    vcard::Card card;
    card.add(vcard::make_text("FN", "Anna Schmidt"));
    card.add(vcard::make_text("UID", "urn:uuid:1"));
    card.add(vcard::make_text("TEL", "+49 30 12345678"));
    card.add(vcard::make_text("EMAIL", "anna@example.org"));
    card.add(vcard::make_text("NOTE", "met at the fair"));
    vcard::set_card_image(card, {vcard::CardImageKind::design, {"https://x.test/d.png", ""}, {}});
    vcard::set_card_image(card, {vcard::CardImageKind::scan, {"https://x.test/s.jpg", ""}, {}});
    return card;
}

std::vector<std::string> names(const vcard::Card& card) {
    std::vector<std::string> out;
    for (const auto& p : card.properties)
        out.push_back(p.name + (p.has_type("scan") ? ";scan" : ""));
    return out;
}

TEST(SharedCard, EverythingButThePhotoOfThePaperCard) {
    EXPECT_EQ(names(shared_card(contact())),
              (std::vector<std::string>{"FN", "UID", "TEL", "EMAIL", "NOTE", "X-CARDEX-IMAGE"}));
}

TEST(SharedCard, OnlyAndWithoutChooseFieldsTheEssentialsStay) {
    EXPECT_EQ(names(shared_card(contact(), {{"tel"}, {}})),
              (std::vector<std::string>{"FN", "UID", "TEL"}));
    EXPECT_EQ(names(shared_card(contact(), {{}, {"note", "x-cardex-image", "fn"}})),
              (std::vector<std::string>{"FN", "UID", "TEL", "EMAIL"}));
}

TEST(SharedCard, ThePhotoOfThePaperCardWhenNamed) {
    EXPECT_EQ(names(shared_card(contact(), {{"x-cardex-image"}, {}})),
              (std::vector<std::string>{"FN", "UID", "X-CARDEX-IMAGE", "X-CARDEX-IMAGE;scan"}));
}

}  // namespace
}  // namespace cardex::client::exchange
