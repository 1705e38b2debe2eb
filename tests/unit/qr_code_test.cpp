// QR codes drawn and read back: every form the client writes (PNG, half blocks in the
// terminal, SVG) carries the URI, which zbar reads out of the picture again; pictures that are
// not a code, or no picture at all, are named errors.
#include "client/qr/qr_code.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "client/qr/jpeg_file.hpp"
#include "client/qr/png_file.hpp"
#include "client/qr/qr_image.hpp"
#include "client/qr/qr_scan.hpp"
#include "client/qr/qr_text.hpp"
#include "core/protocol/tokens.hpp"

namespace cardex::testing {
namespace {

namespace qr = client::qr;
namespace fs = std::filesystem;

const std::string kUri = "xmpp:cards.a.test?bizcard;token=K2nCb02UV6mUZuAByZeB9A";

class QrFiles : public ::testing::Test {
  protected:
    QrFiles() {
        dir = fs::temp_directory_path() /
              ("cardex-qr-" + std::to_string(::testing::UnitTest::GetInstance()->random_seed()) +
               "-" + ::testing::UnitTest::GetInstance()->current_test_info()->name());
        fs::create_directories(dir);
    }
    ~QrFiles() override { fs::remove_all(dir); }
    fs::path dir;
};

TEST(QrCode, EncodesTheUriAsASquareOfModules) {
    auto code = qr::encode_qr(kUri);
    ASSERT_TRUE(code) << code.error().message;
    EXPECT_GE(code->size(), 21u);
    EXPECT_EQ((code->size() - 17) % 4, 0u) << "QR versions grow by 4 modules";
    EXPECT_TRUE(code->dark(0, 0)) << "a finder pattern's corner";
}

TEST_F(QrFiles, APngOfTheCodeReadsBackAsTheUri) {
    auto code = qr::encode_qr(kUri);
    ASSERT_TRUE(code);
    const fs::path png = dir / "code.png";
    ASSERT_TRUE(qr::write_png(png, qr::rasterise(*code)));
    auto scanned = qr::scan_qr_file(png);
    ASSERT_TRUE(scanned) << scanned.error().message;
    EXPECT_EQ(*scanned, kUri);
}

TEST(QrCode, TheHalfBlocksOfTheTerminalShowTheSameModules) {
    auto code = qr::encode_qr(kUri);
    ASSERT_TRUE(code);
    const auto lines = qr::half_block_lines(*code);
    EXPECT_EQ(lines.size(), (code->size() + 2 * qr::kQuietZone + 1) / 2);
    for (const auto& line : lines) {
        for (std::size_t i = 0; i < line.size();) {
            const bool space = line[i] == ' ';
            const std::string c = space ? " " : line.substr(i, 3);
            EXPECT_TRUE(space || c == "\u2580" || c == "\u2584" || c == "\u2588") << c;
            i += c.size();
        }
    }
    auto back = qr::read_half_block_lines(lines);
    ASSERT_TRUE(back) << back.error().message;
    ASSERT_EQ(back->size(), code->size() + 2 * qr::kQuietZone);
    for (std::size_t y = 0; y < code->size(); ++y)
        for (std::size_t x = 0; x < code->size(); ++x)
            ASSERT_EQ(back->dark(x + qr::kQuietZone, y + qr::kQuietZone), code->dark(x, y));
    // The quiet zone is light.
    EXPECT_FALSE(back->dark(0, 0));
    EXPECT_FALSE(back->dark(qr::kQuietZone - 1, qr::kQuietZone - 1));
}

TEST(QrCode, TheTerminalDrawingRasterisedIsReadByAScanner) {
    auto code = qr::encode_qr(kUri);
    ASSERT_TRUE(code);
    auto drawn = qr::read_half_block_lines(qr::half_block_lines(*code));
    ASSERT_TRUE(drawn);
    // The drawing includes its quiet zone already.
    const auto found = qr::decode_qr(qr::rasterise(*drawn, 6, 0));
    ASSERT_EQ(found.size(), 1u);
    EXPECT_EQ(found.front(), kUri);
}

TEST(QrCode, TheSvgHasOneSquarePerDarkModule) {
    auto code = qr::encode_qr(kUri);
    ASSERT_TRUE(code);
    const std::string svg = qr::svg_of(*code);
    std::size_t dark = 0;
    for (std::size_t y = 0; y < code->size(); ++y)
        for (std::size_t x = 0; x < code->size(); ++x)
            dark += code->dark(x, y) ? 1 : 0;
    std::size_t squares = 0;
    for (auto at = svg.find("h1v1h-1z"); at != std::string::npos; at = svg.find("h1v1h-1z", at + 1))
        ++squares;
    EXPECT_EQ(squares, dark);
    EXPECT_NE(svg.find("<svg xmlns=\"http://www.w3.org/2000/svg\""), std::string::npos);
    const std::string side = std::to_string(code->size() + 2 * qr::kQuietZone);
    EXPECT_NE(svg.find("viewBox=\"0 0 " + side + " " + side + "\""), std::string::npos);
}

// `image` as a JPEG file of `quality` (what a phone's camera or a screenshot tool writes).
void write_jpeg(const fs::path& path, const qr::GrayImage& image, int quality) {
    std::ofstream(path, std::ios::binary)
        << qr::encode_jpeg({image.width, image.height, 1, image.pixels}, quality);
}

TEST_F(QrFiles, AJpegPhotoOfTheCodeReadsBackAsTheUri) {
    auto code = qr::encode_qr(kUri);
    ASSERT_TRUE(code);
    const fs::path jpeg = dir / "photo.jpg";
    write_jpeg(jpeg, qr::rasterise(*code, 5), 60);  // lossy: grey fringes around the modules
    auto scanned = qr::scan_qr_file(jpeg);
    ASSERT_TRUE(scanned) << scanned.error().message;
    EXPECT_EQ(*scanned, kUri);
}

TEST_F(QrFiles, ACodeOfSomethingElseIsReadAsItIs) {
    // What it says is for the caller to judge (cardex: not a card exchange code).
    auto code = qr::encode_qr("https://example.org/");
    ASSERT_TRUE(code);
    const fs::path png = dir / "web.png";
    ASSERT_TRUE(qr::write_png(png, qr::rasterise(*code)));
    EXPECT_EQ(*qr::scan_qr_file(png), "https://example.org/");
    EXPECT_FALSE(protocol::parse_token_uri("https://example.org/"));
}

TEST_F(QrFiles, APictureWithoutACodeIsSaidToHaveNone) {
    qr::GrayImage white;
    white.width = white.height = 64;
    white.pixels.assign(64 * 64, 255);
    const fs::path png = dir / "white.png";
    ASSERT_TRUE(qr::write_png(png, white));
    auto scanned = qr::scan_qr_file(png);
    ASSERT_FALSE(scanned);
    EXPECT_EQ(scanned.error().message, "found no QR code in " + png.string());
}

TEST_F(QrFiles, AFileThatIsNoPictureIsNamed) {
    const fs::path text = dir / "notes.png";
    std::ofstream(text) << "not a picture\n";
    auto scanned = qr::scan_qr_file(text);
    ASSERT_FALSE(scanned);
    EXPECT_EQ(scanned.error().message, text.string() + " is neither a PNG nor a JPEG picture");
}

TEST_F(QrFiles, ABrokenPngOrJpegIsAnErrorNotACrash) {
    const fs::path png = dir / "cut.png";
    std::ofstream(png, std::ios::binary) << "\x89PNG\r\n\x1a\n\0\0\0\rIHDR";
    auto a = qr::scan_qr_file(png);
    ASSERT_FALSE(a);
    EXPECT_NE(a.error().message.find("cannot read " + png.string() + " as PNG"), std::string::npos)
        << a.error().message;
    const fs::path jpeg = dir / "cut.jpg";
    std::ofstream(jpeg, std::ios::binary) << "\xFF\xD8\xFF\xE0garbage";
    auto b = qr::scan_qr_file(jpeg);
    ASSERT_FALSE(b);
    EXPECT_NE(b.error().message.find("cannot read " + jpeg.string() + " as JPEG"),
              std::string::npos)
        << b.error().message;
}

TEST_F(QrFiles, AMissingFileOrAFolderIsNamed) {
    auto missing = qr::scan_qr_file(dir / "nothing.png");
    ASSERT_FALSE(missing);
    EXPECT_NE(missing.error().message.find("cannot open " + (dir / "nothing.png").string()),
              std::string::npos);
    auto folder = qr::scan_qr_file(dir);
    ASSERT_FALSE(folder);
    EXPECT_EQ(folder.error().message, dir.string() + " is a folder, not a picture");
}

}  // namespace
}  // namespace cardex::testing
