// Rendering cards: every shipped design in PNG, SVG and PDF, German and Chinese text without
// missing glyphs, photos as PNG and JPEG, a QR code that reads back, and golden images.
//
// The golden images are tests/data/render/*.png. After a deliberate change to a design or to
// the drawing, write them anew with
//   CARDEX_UPDATE_GOLDENS=1 ./build/bin/unit_tests --gtest_filter='RenderGolden.*'
// and look at them before committing. The comparison tolerates the small differences of
// antialiasing between font versions, not a moved or missing element.
#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>
#include <sstream>

#include "client/qr/qr_scan.hpp"
#include "client/render/card_pictures.hpp"
#include "client/render/card_render.hpp"
#include "client/render/design_image.hpp"
#include "client/render/shipped_designs.hpp"
#include "client/render/text_setter.hpp"
#include "render_test_support.hpp"
#include "temp_dir.hpp"

namespace cardex::client::render {
namespace {

CardDesign shipped(std::string_view name) {
    auto design = load_design(name, {});
    EXPECT_TRUE(design.ok()) << (design.ok() ? "" : design.error().message);
    return design.ok() ? *design : CardDesign{};
}

std::string jpeg_of_portrait() {
    auto jpeg = png_to_jpeg(test::portrait_png(), 75);
    EXPECT_TRUE(jpeg.ok());
    return jpeg.ok() ? *jpeg : std::string();
}

// The colour of the pixel at (x, y) of an RGB24 surface, as 0xRRGGBB.
std::uint32_t pixel(cairo_surface_t* surface, int x, int y) {
    cairo_surface_flush(surface);
    const unsigned char* row =
        cairo_image_surface_get_data(surface) + y * cairo_image_surface_get_stride(surface);
    return reinterpret_cast<const std::uint32_t*>(row)[x] & 0xffffff;
}

TEST(RenderCard, EveryShippedDesignRendersInEveryFormat) {
    auto card = test::read_card(test::kGermanCard);
    test::set_photo(card, "image/png", test::portrait_png());
    for (const auto& design : shipped_designs()) {
        const CardDesign parsed = shipped(design.name);
        RenderOptions options;
        options.qr_text = "https://cards.example.org/t/Ab3dEf";
        options.format = ImageFormat::png;
        auto png = render_card(card, parsed, options);
        ASSERT_TRUE(png.ok()) << design.name << ": " << png.error().message;
        EXPECT_EQ(png->substr(0, 4), "\x89PNG") << design.name;
        auto picture = decode_picture(*png);
        ASSERT_TRUE(picture.ok());
        // 85 mm at 300 dpi
        EXPECT_EQ(cairo_image_surface_get_width(picture->get()), 1004) << design.name;

        options.format = ImageFormat::svg;
        auto svg = render_card(card, parsed, options);
        ASSERT_TRUE(svg.ok()) << design.name << ": " << svg.error().message;
        EXPECT_NE(svg->find("<svg"), std::string::npos) << design.name;

        options.format = ImageFormat::pdf;
        auto pdf = render_card(card, parsed, options);
        ASSERT_TRUE(pdf.ok()) << design.name << ": " << pdf.error().message;
        EXPECT_EQ(pdf->substr(0, 5), "%PDF-") << design.name;
    }
}

TEST(RenderCard, GermanAndChineseTextHaveEveryGlyph) {
    for (const char* text : {"Jürgen Größmann", "Lindwurmstraße 12, München", "王小明",
                             "北京星辰科技有限公司", "海淀区中关村大街1号"}) {
        EXPECT_EQ(missing_glyphs(text, "Sans Bold 12"), 0) << text;
        EXPECT_EQ(missing_glyphs(text, "Serif 8"), 0) << text;
    }
    // A character no font has is counted, so the check above can fail.
    EXPECT_GT(missing_glyphs("\U000F0000", "Sans 12"), 0);
}

TEST(RenderCard, AChineseCardRendersItsName) {
    const auto card = test::read_card(test::kChineseCard);
    auto png = render_card(card, shipped("band"), {});
    ASSERT_TRUE(png.ok()) << png.error().message;
    auto picture = decode_picture(*png);
    ASSERT_TRUE(picture.ok());
    // Some pixel of the name's row in the band is white text.
    bool white = false;
    for (int x = 80; x < 500 && !white; ++x) {
        for (int y = 120; y < 210 && !white; ++y)
            white = pixel(picture->get(), x, y) == 0xffffff;
    }
    EXPECT_TRUE(white);
}

TEST(RenderCard, ThePhotoIsDrawnFromPngAndJpeg) {
    for (const auto& [type, bytes] :
         {std::pair<std::string, std::string>{"image/png", test::portrait_png()},
          {"image/jpeg", jpeg_of_portrait()}}) {
        auto card = test::read_card(test::kEnglishCard);
        test::set_photo(card, type, bytes);
        RenderOptions options;
        options.dpi = 100;
        auto png = render_card(card, shipped("portrait"), options);
        ASSERT_TRUE(png.ok()) << png.error().message;
        auto picture = decode_picture(*png);
        ASSERT_TRUE(picture.ok());
        // The middle of the photo's circle (20 mm, 22 mm) is the drawn face's skin tone.
        const std::uint32_t colour = pixel(picture->get(), 79, 87);
        EXPECT_NEAR((colour >> 16) & 0xff, 0xed, 12) << type;
        EXPECT_NEAR(colour & 0xff, 0xa8, 12) << type;
    }
}

TEST(RenderCard, AnUnreadablePhotoIsLeftOut) {
    auto card = test::read_card(test::kEnglishCard);
    test::set_photo(card, "image/png", "\x89PNG\r\n\x1a\nnot really");
    EXPECT_TRUE(render_card(card, shipped("portrait"), {}).ok());
    EXPECT_FALSE(decode_picture("GIF89a").ok());
}

TEST(RenderCard, TheQrCodeReadsBack) {
    const auto card = test::read_card(test::kEnglishCard);
    testing::TempDir dir;
    for (const std::string& text :
         {std::string("https://cards.example.org/t/Ab3dEf"), compact_card_text(card)}) {
        RenderOptions options;
        options.qr_text = text;
        auto png = render_card(card, shipped("scan-me"), options);
        ASSERT_TRUE(png.ok()) << png.error().message;
        std::ofstream(dir.file("card.png"), std::ios::binary) << *png;
        auto scanned = qr::scan_qr_file(dir.file("card.png"));
        ASSERT_TRUE(scanned.ok()) << scanned.error().message;
        EXPECT_EQ(*scanned, text);
    }
}

TEST(RenderCard, TheCompactCardKeepsTheContactDetailsOnly) {
    auto card = test::read_card(test::kEnglishCard);
    test::set_photo(card, "image/png", test::portrait_png());
    card.add(vcard::make_text("NOTE", "private"));
    const std::string text = compact_card_text(card);
    EXPECT_NE(text.find("FN:Alice Example"), std::string::npos);
    EXPECT_NE(text.find("alice@example.org"), std::string::npos);
    EXPECT_EQ(text.find("PHOTO"), std::string::npos);
    EXPECT_EQ(text.find("private"), std::string::npos);
}

TEST(RenderCard, RefusesAResolutionOutOfRange) {
    RenderOptions options;
    options.dpi = 5;
    auto png = render_card(test::read_card(test::kEnglishCard), shipped("classic"), options);
    ASSERT_FALSE(png.ok());
    EXPECT_NE(png.error().message.find("dpi"), std::string::npos);
}

TEST(RenderDesignImage, KeepsWithinTheBudget) {
    auto card = test::read_card(test::kGermanCard);
    auto image = design_image(card, shipped("band"));
    ASSERT_TRUE(image.ok()) << image.error().message;
    EXPECT_LE(image->bytes.size(), kDesignImageBudget);
    EXPECT_TRUE(decode_picture(image->bytes).ok());

    // A photo makes the PNG too large for a small budget: a JPEG then.
    test::set_photo(card, "image/png", test::portrait_png());
    auto small = design_image(card, shipped("portrait"), 20'000);
    ASSERT_TRUE(small.ok()) << small.error().message;
    EXPECT_LE(small->bytes.size(), 20'000u);
    EXPECT_NE(describe_design_image(*small).find("dpi"), std::string::npos);

    auto impossible = design_image(card, shipped("portrait"), 500);
    ASSERT_FALSE(impossible.ok());
    EXPECT_NE(impossible.error().message.find("more than the 500"), std::string::npos);
}

// ---- golden images ----

struct Difference {
    double mean = 0;       // mean absolute difference per channel, 0..255
    double far_share = 0;  // share of pixels where a channel differs by more than 64
};

Difference compare(cairo_surface_t* a, cairo_surface_t* b) {
    const int width = cairo_image_surface_get_width(a);
    const int height = cairo_image_surface_get_height(a);
    double total = 0;
    std::size_t far = 0;
    for (int y = 0; y < height; ++y) {
        for (int x = 0; x < width; ++x) {
            const std::uint32_t p = pixel(a, x, y);
            const std::uint32_t q = pixel(b, x, y);
            int largest = 0;
            for (int shift : {0, 8, 16}) {
                const int d = std::abs(int((p >> shift) & 0xff) - int((q >> shift) & 0xff));
                total += d;
                largest = std::max(largest, d);
            }
            if (largest > 64) ++far;
        }
    }
    const double pixels = static_cast<double>(width) * height;
    return {total / (pixels * 3), static_cast<double>(far) / pixels};
}

void check_golden(const std::string& name, const vcard::Card& card, const std::string& design,
                  const std::string& qr_text = {}) {
    RenderOptions options;
    options.dpi = 150;
    options.qr_text = qr_text;
    auto png = render_card(card, shipped(design), options);
    ASSERT_TRUE(png.ok()) << png.error().message;
    const std::string path = std::string(CARDEX_SOURCE_DIR) + "/tests/data/render/" + name + ".png";
    if (std::getenv("CARDEX_UPDATE_GOLDENS") != nullptr) {
        std::ofstream(path, std::ios::binary) << *png;
        return;
    }
    std::ifstream in(path, std::ios::binary);
    std::ostringstream golden_bytes;
    golden_bytes << in.rdbuf();
    auto golden = decode_picture(golden_bytes.str());
    ASSERT_TRUE(golden.ok()) << path << ": " << golden.error().message;
    auto rendered = decode_picture(*png);
    ASSERT_TRUE(rendered.ok());
    ASSERT_EQ(cairo_image_surface_get_width(golden->get()),
              cairo_image_surface_get_width(rendered->get()));
    ASSERT_EQ(cairo_image_surface_get_height(golden->get()),
              cairo_image_surface_get_height(rendered->get()));
    const Difference difference = compare(golden->get(), rendered->get());
    EXPECT_LT(difference.mean, 1.5) << name;
    EXPECT_LT(difference.far_share, 0.004) << name;
}

TEST(RenderGolden, ClassicGerman) {
    check_golden("classic-german", test::read_card(test::kGermanCard), "classic");
}

TEST(RenderGolden, BandChinese) {
    check_golden("band-chinese", test::read_card(test::kChineseCard), "band");
}

TEST(RenderGolden, PortraitWithPhoto) {
    auto card = test::read_card(test::kEnglishCard);
    test::set_photo(card, "image/png", test::portrait_png());
    check_golden("portrait-english", card, "portrait");
}

TEST(RenderGolden, ScanMeWithQrCode) {
    check_golden("scan-me-english", test::read_card(test::kEnglishCard), "scan-me",
                 "https://cards.example.org/t/Ab3dEf");
}

}  // namespace
}  // namespace cardex::client::render
