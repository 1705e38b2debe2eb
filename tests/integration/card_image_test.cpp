// End to end, a card that carries a picture of itself (X-CARDEX-IMAGE, the draft's "A Picture
// of the Card") on the local federation: the owner's card has its design image, the recipient
// on the other server syncs, sees that the card has one, and `cardex show --image` writes the
// very bytes the owner put in. The photo of a paper card the owner scanned is not sent on. Both
// directions: an owner on Prosody's a.test and on ejabberd's b.test.
#include "core/vcard/card_image.hpp"

#include <gtest/gtest.h>

#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>

#include "client/qr/png_file.hpp"
#include "core/vcard/media.hpp"
#include "core/vcard/writer.hpp"
#include "tests/integration/cardex_user.hpp"

namespace cardex::testing {
namespace {

namespace fs = std::filesystem;

std::string read_bytes(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream bytes;
    bytes << in.rdbuf();
    return bytes.str();
}

// A real PNG (a grey gradient), small enough for any card.
std::string picture_png(const fs::path& dir) {
    client::qr::GrayImage image{96, 56, std::vector<std::uint8_t>(96 * 56)};
    for (std::size_t i = 0; i < image.pixels.size(); ++i)
        image.pixels[i] = static_cast<std::uint8_t>((i % 96) * 2);
    const fs::path file = dir / "picture.png";
    EXPECT_TRUE(client::qr::write_png(file, image));
    return read_bytes(file);
}

void card_with_picture_travels(const std::string& owner_user, const std::string& recipient_user) {
    CardexUser owner(owner_user);
    CardexUser recipient(recipient_user);
    const std::string name = unique_name("Pia");
    const std::string png = picture_png(owner.profile());

    vcard::Card card;
    card.add(vcard::make_text("FN", name));
    card.add(vcard::make_text("TEL", "+49 30 5550199"));
    vcard::set_card_image(card, {vcard::CardImageKind::design,
                                 {vcard::make_data_uri("image/png", png), "image/png"},
                                 "classic"});
    // The photo of the paper card the owner once scanned stays with the owner.
    vcard::set_card_image(
        card,
        {vcard::CardImageKind::scan, {vcard::make_data_uri("image/png", png), "image/png"}, {}});
    const fs::path file = owner.profile() / "pia.vcf";
    std::ofstream(file, std::ios::binary) << vcard::write_vcard_text(card);
    const auto imported = owner.run({"import", file.string()});
    ASSERT_EQ(imported.exit_code, 0) << describe(imported);

    const auto sent = owner.run({"send", name, "--to", recipient.jid()});
    ASSERT_EQ(sent.exit_code, 0) << describe(sent);
    const auto synced = recipient.run({"sync"});
    ASSERT_EQ(synced.exit_code, 0) << describe(synced);
    ASSERT_TRUE(contains(synced.output, name)) << synced.output;

    const auto shown = recipient.run({"show", name});
    EXPECT_TRUE(contains(shown.output, "card image")) << shown.output;
    const auto json =
        nlohmann::json::parse(recipient.run({"show", name, "--json"}).output, nullptr, false);
    ASSERT_FALSE(json.is_discarded());
    ASSERT_EQ(json["card_images"].size(), 1u) << "the design only, not the scan: " << json.dump(2);
    EXPECT_EQ(json["card_images"][0]["kind"], "design");
    EXPECT_EQ(json["card_images"][0]["template"], "classic");

    const fs::path out = recipient.profile() / "received.png";
    const auto written = recipient.run({"show", name, "--image", out.string()});
    ASSERT_EQ(written.exit_code, 0) << describe(written);
    EXPECT_EQ(read_bytes(out), png) << "the picture arrives byte for byte";
}

TEST(CardImage, APictureOfTheCardTravelsFromProsodyToEjabberd) {
    card_with_picture_travels("ALICE", "BOB");
}

TEST(CardImage, APictureOfTheCardTravelsFromEjabberdToProsody) {
    card_with_picture_travels("DAVE", "CAROL");
}

TEST(CardImage, ShowImageSaysWhenThereIsNone) {
    CardexUser owner("ALICE");
    const std::string name = unique_name("Nopic");
    ASSERT_EQ(owner.run({"add", "--name", name}).exit_code, 0);
    const auto shown = owner.run({"show", name, "--image", (owner.profile() / "x.png").string()});
    EXPECT_NE(shown.exit_code, 0);
    EXPECT_TRUE(contains(shown.output, "has no picture of its card")) << describe(shown);
    EXPECT_FALSE(fs::exists(owner.profile() / "x.png"));
}

}  // namespace
}  // namespace cardex::testing
