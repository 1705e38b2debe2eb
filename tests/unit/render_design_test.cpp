// Card designs: parsing (and each kind of error), the catalogue of shipped and user designs,
// the fields taken from a card, and the layout of columns, where a missing field leaves no gap
// and a long e-mail address, web address or phone number stays on one line.
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "client/render/card_design.hpp"
#include "client/render/card_fields.hpp"
#include "client/render/card_layout.hpp"
#include "client/render/shipped_designs.hpp"
#include "client/render/text_setter.hpp"
#include "render_test_support.hpp"
#include "temp_dir.hpp"

namespace cardex::client::render {
namespace {

const char* const kDesign = R"(
description = "Test design"

[card]
width = 90
height = 50
background = "#fafafa"

[[rect]]
x = 0
y = 0
width = 90
height = 5
color = "#1f4e79"

[[column]]
x = 5
y = 10
width = 60
font = "Sans 7"
color = "#333333"
spacing = 1
lines = [
  { field = "fn", font = "Sans Bold 12", color = "#000000" },
  "title",
  { field = "tel", prefix = "T " },
  { space = 2 },
  "email",
]

[[image]]
field = "photo"
x = 70
y = 10
width = 15
height = 15
round = true
)";

std::string with_line(std::string_view replaced, std::string_view by) {
    std::string text = kDesign;
    const auto at = text.find(replaced);
    EXPECT_NE(at, std::string::npos) << replaced;
    if (at != std::string::npos) text.replace(at, replaced.size(), by);
    return text;
}

// Every line is 5 mm high, whatever its text: the layout's arithmetic without fonts.
double five_millimetres(const std::string&, const std::string&, double) {
    return 5;
}

TEST(RenderDesign, ParsesEveryPart) {
    auto design = parse_design(kDesign, "test.toml");
    ASSERT_TRUE(design.ok()) << design.error().message;
    EXPECT_EQ(design->name, "test");
    EXPECT_EQ(design->description, "Test design");
    EXPECT_EQ(design->width, 90);
    EXPECT_EQ(design->height, 50);
    ASSERT_EQ(design->rects.size(), 1u);
    EXPECT_NEAR(design->rects[0].colour.red, 0x1f / 255.0, 1e-9);
    ASSERT_EQ(design->columns.size(), 1u);
    const Column& column = design->columns[0];
    ASSERT_EQ(column.lines.size(), 5u);
    EXPECT_EQ(column.lines[0].font, "Sans Bold 12");
    EXPECT_EQ(column.lines[1].field, "title");
    EXPECT_EQ(column.lines[2].prefix, "T ");
    EXPECT_EQ(column.lines[3].space, 2);
    ASSERT_EQ(design->images.size(), 1u);
    EXPECT_TRUE(design->images[0].round);
    EXPECT_EQ(design_fields(*design),
              (std::vector<std::string>{"fn", "title", "tel", "email", "photo"}));
}

struct BadDesign {
    std::string_view replaced, by, expected;
};

TEST(RenderDesign, ErrorsNameTheFileTheElementAndTheProblem) {
    const BadDesign cases[] = {
        {"width = 60", "width = 60\nwidht = 3", "column 1: widht: unknown key"},
        {"color = \"#1f4e79\"", "color = \"blue\"",
         "rect 1: color: \"blue\" is not a colour like \"#1f4e79\""},
        {"\"title\"", "\"titel\"", "column 1: line 2: field: unknown field \"titel\""},
        {"field = \"photo\"", "field = \"fn\"", "image 1: field: \"fn\" is text"},
        {"\"title\"", "\"qr\"", "column 1: line 2: field: \"qr\" is an image"},
        {"x = 70\n", "", "image 1: x: is missing"},
        {"font = \"Sans 7\"", "font = \"Sans\"", "column 1: font: \"Sans\" has no size"},
        {"height = 50", "height = -3", "card.height: must be a number from 10 to 500"},
        {"[card]", "[card", "bad.toml:4:"},
        {"{ space = 2 }", "{ space = 2, field = \"url\" }", "a line is a field or a space"},
    };
    for (const auto& c : cases) {
        auto design = parse_design(with_line(c.replaced, c.by), "bad.toml");
        ASSERT_FALSE(design.ok()) << c.by;
        EXPECT_NE(design.error().message.find(c.expected), std::string::npos)
            << design.error().message;
        EXPECT_EQ(design.error().message.rfind("bad.toml", 0), 0u) << design.error().message;
    }
}

TEST(RenderDesign, TheExampleOfTheClientReadmeParses) {
    std::ifstream in(std::string(CARDEX_SOURCE_DIR) + "/client/README.md");
    std::ostringstream text;
    text << in.rdbuf();
    const std::string readme = text.str();
    const auto section = readme.find("## Card designs");
    ASSERT_NE(section, std::string::npos);
    const auto begin = readme.find("```toml\n", section);
    ASSERT_NE(begin, std::string::npos);
    const auto end = readme.find("```", begin + 8);
    auto design = parse_design(readme.substr(begin + 8, end - begin - 8), "README.md");
    ASSERT_TRUE(design.ok()) << design.error().message;
    EXPECT_EQ(design_fields(*design),
              (std::vector<std::string>{"fn", "title", "org", "tel", "email", "adr", "logo"}));
}

TEST(RenderDesign, AnUnknownFieldIsNamedWithItsLine) {
    auto design = parse_design(with_line("\"title\"", "\"phone\""), "mine.toml");
    ASSERT_FALSE(design.ok());
    EXPECT_NE(design.error().message.find("mine.toml:25:3: column 1: line 2: field: unknown field "
                                          "\"phone\""),
              std::string::npos)
        << design.error().message;
}

TEST(RenderDesign, RejectsADesignThatDrawsNoField) {
    auto design = parse_design("description = \"empty\"\n[card]\nwidth = 85\n", "empty.toml");
    ASSERT_FALSE(design.ok());
    EXPECT_NE(design.error().message.find("has no [[column]] and no [[image]]"), std::string::npos);
}

TEST(RenderDesign, RejectsAColumnWithoutLinesAndAWrongAlignment) {
    auto design = parse_design(
        "[[column]]\nx = 1\ny = 1\nwidth = 10\nalign = \"middle\"\nlines = []\n", "c.toml");
    ASSERT_FALSE(design.ok());
    EXPECT_NE(design.error().message.find("column 1: align: must be left, center or right"),
              std::string::npos)
        << design.error().message;
    EXPECT_NE(design.error().message.find("column 1: lines: must be a list of fields"),
              std::string::npos);
}

TEST(RenderDesign, EveryShippedDesignParses) {
    ASSERT_GE(shipped_designs().size(), 3u);
    for (const auto& shipped : shipped_designs()) {
        auto design = parse_design(shipped.toml, shipped.name);
        ASSERT_TRUE(design.ok()) << design.error().message;
        EXPECT_FALSE(design->description.empty()) << shipped.name;
        EXPECT_FALSE(design_fields(*design).empty()) << shipped.name;
    }
}

TEST(RenderDesign, AUsersDesignTakesPrecedenceByName) {
    testing::TempDir dir;
    std::ofstream(dir.file("classic.toml")) << with_line("Test design", "My classic");
    std::ofstream(dir.file("broken.toml")) << "[[column]\n";
    const auto designs = list_designs(dir.file(""));
    int classic = 0;
    for (const auto& info : designs) {
        if (info.name == "classic") {
            ++classic;
            EXPECT_TRUE(info.user);
            EXPECT_EQ(info.description, "My classic");
        }
        if (info.name == "broken") {
            EXPECT_NE(info.description.find("broken.toml"), std::string::npos);
        }
        if (info.name == "band") {
            EXPECT_FALSE(info.user);
        }
    }
    EXPECT_EQ(classic, 1);
    auto loaded = load_design("classic", dir.file(""));
    ASSERT_TRUE(loaded.ok()) << loaded.error().message;
    EXPECT_EQ(loaded->description, "My classic");
    EXPECT_EQ(loaded->name, "classic");
    ASSERT_TRUE(load_design("band", dir.file("")).ok());
}

TEST(RenderDesign, AnUnknownNameListsTheDesignsThereAre) {
    auto design = load_design("fancy", "/nonexistent/templates");
    ASSERT_FALSE(design.ok());
    EXPECT_NE(design.error().message.find("there is no design \"fancy\""), std::string::npos);
    EXPECT_NE(design.error().message.find("classic"), std::string::npos);
}

TEST(RenderFields, TakesEachFieldFromTheCard) {
    const auto card = test::read_card(test::kGermanCard);
    EXPECT_EQ(field_lines(card, "fn"), std::vector<std::string>{"Jürgen Größmann"});
    EXPECT_EQ(field_lines(card, "tel"), std::vector<std::string>{"+49-89-1234567"});
    EXPECT_EQ(field_lines(card, "tel.cell"), std::vector<std::string>{"+49-171-7654321"});
    EXPECT_EQ(field_lines(card, "tel.work"), std::vector<std::string>{"+49-89-1234567"});
    EXPECT_EQ(field_lines(card, "fax"), std::vector<std::string>{"+49-89-1234568"});
    EXPECT_TRUE(field_lines(card, "tel.home").empty());
    EXPECT_EQ(field_lines(card, "xmpp"), std::vector<std::string>{"juergen@mueller-soehne.de"});
    EXPECT_EQ(field_lines(card, "adr"),
              (std::vector<std::string>{"Lindwurmstraße 12", "80337 München", "Deutschland"}));
    EXPECT_TRUE(field_lines(card, "note").empty());
}

TEST(RenderFields, ThePreferredPhoneComesFirst) {
    const auto card = test::read_card(
        "BEGIN:VCARD\r\nVERSION:4.0\r\nFN:A\r\nTEL:+1 555 0100\r\nTEL;PREF=1:+1 555 0199\r\n"
        "END:VCARD\r\n");
    EXPECT_EQ(field_lines(card, "tel"), std::vector<std::string>{"+1 555 0199"});
}

TEST(RenderLayout, AMissingFieldLeavesNoGap) {
    auto design = parse_design(kDesign, "test.toml");
    ASSERT_TRUE(design.ok());
    const auto full = test::read_card(test::kEnglishCard);
    auto without_title = full;
    without_title.remove("TITLE");

    const auto a = lay_out_card(full, *design, false, five_millimetres);
    const auto b = lay_out_card(without_title, *design, false, five_millimetres);
    ASSERT_EQ(a.texts.size(), 4u);
    ASSERT_EQ(b.texts.size(), 3u);
    // fn 10..15, title 16..21, tel 22..27, gap 2 + spacing 1, email 30..35.
    EXPECT_EQ(a.texts[0].y, 10);
    EXPECT_EQ(a.texts[1].field, "title");
    EXPECT_EQ(a.texts[1].y, 16);
    EXPECT_EQ(a.texts[2].y, 22);
    EXPECT_EQ(a.texts[2].text, "T +44 20 7946 0000");
    EXPECT_EQ(a.texts[3].y, 30);
    // Without a title, tel and e-mail move up by the title's line.
    EXPECT_EQ(b.texts[1].field, "tel");
    EXPECT_EQ(b.texts[1].y, 16);
    EXPECT_EQ(b.texts[2].y, 24);
}

TEST(RenderLayout, ThePhoneIsNotRepeatedUnderAnotherType) {
    auto design =
        parse_design(with_line("\"title\"", "{ field = \"tel.cell\", prefix = \"M \" }"), "t.toml");
    ASSERT_TRUE(design.ok()) << design.error().message;
    const auto card = test::read_card(test::kChineseCard);  // one phone, a cell phone
    const auto layout = lay_out_card(card, *design, false, five_millimetres);
    int phones = 0;
    for (const auto& box : layout.texts)
        phones += box.text.find("138-0013") != std::string::npos;
    EXPECT_EQ(phones, 1);
}

TEST(RenderLayout, AGapIsDroppedWhenNothingFollowsIt) {
    auto design = parse_design(kDesign, "test.toml");
    ASSERT_TRUE(design.ok());
    auto card = test::read_card(test::kEnglishCard);
    card.remove("EMAIL");
    const auto layout = lay_out_card(card, *design, false, five_millimetres);
    ASSERT_EQ(layout.texts.size(), 3u);
    EXPECT_EQ(layout.texts.back().field, "tel");
}

TEST(RenderLayout, AColumnAnchoredAtItsBottomGrowsUpward) {
    auto design = parse_design(with_line("y = 10\n", "y = 40\nanchor = \"bottom\"\n"), "b.toml");
    ASSERT_TRUE(design.ok()) << design.error().message;
    auto card = test::read_card(test::kEnglishCard);
    auto a = lay_out_card(card, *design, false, five_millimetres);
    EXPECT_EQ(a.texts.back().y + a.texts.back().height, 40);
    card.remove("TITLE");
    auto b = lay_out_card(card, *design, false, five_millimetres);
    EXPECT_EQ(b.texts.back().y + b.texts.back().height, 40);
    EXPECT_EQ(b.texts.front().y, a.texts.front().y + 6);
}

TEST(RenderLayout, PicturesOnlyWhenTheCardHoldsThem) {
    auto design = parse_design(kDesign, "test.toml");
    ASSERT_TRUE(design.ok());
    auto card = test::read_card(test::kEnglishCard);
    EXPECT_TRUE(lay_out_card(card, *design, false, five_millimetres).pictures.empty());
    test::set_photo(card, "image/png", test::portrait_png());
    EXPECT_EQ(lay_out_card(card, *design, false, five_millimetres).pictures.size(), 1u);
    card.remove("PHOTO");
    card.add(vcard::make_text("PHOTO", "https://example.org/me.jpg"));
    EXPECT_TRUE(lay_out_card(card, *design, false, five_millimetres).pictures.empty());
}

const TextBox* find_box(const CardLayout& layout, const std::string& field) {
    for (const auto& box : layout.texts) {
        if (box.field == field) return &box;
    }
    return nullptr;
}

// The English test card with `email`, `url` and `adr` in place of its own.
vcard::Card card_with(const std::string& email, const std::string& url, const std::string& adr) {
    return test::read_card(
        "BEGIN:VCARD\r\nVERSION:4.0\r\nFN:Alice Example\r\n"
        "TEL;TYPE=work:+44 20 7946 0000\r\nEMAIL:" +
        email + "\r\nURL:" + url + "\r\nADR;TYPE=work:" + adr + "\r\nEND:VCARD\r\n");
}

const char* const kShortAddress = ";;1 Science Park Road;Cambridge;;CB4 0WA;United Kingdom";

double one_line_height(const std::string& font) {
    return text_height("x", font, 1e4);
}

TEST(RenderLayout, ALongEmailIsShrunkOntoOneLineInEveryShippedDesign) {
    const auto card = card_with("chenqiang.sales.intl@example-company.com",
                                "https://www.example-company-intl.com", kShortAddress);
    for (const auto& name : {"classic", "portrait", "band"}) {
        SCOPED_TRACE(name);
        auto design = load_design(name, {});
        ASSERT_TRUE(design.ok()) << design.error().message;
        const auto layout = lay_out_card(card, *design, false, text_height, text_width);
        const TextBox* email = find_box(layout, "email");
        ASSERT_NE(email, nullptr);
        EXPECT_TRUE(email->one_line);
        EXPECT_LE(text_width(email->text, email->font), email->width + 0.01);
        EXPECT_NEAR(email->height, one_line_height(email->font), 0.01);
        const TextBox* url = find_box(layout, "url");
        ASSERT_NE(url, nullptr);
        EXPECT_LE(text_width(url->text, url->font), url->width + 0.01);
    }
}

TEST(RenderLayout, AVeryLongEmailStopsShrinkingAtTheSmallestSizeAndStaysOneLine) {
    const std::string email(200, 'q');
    const auto card = card_with(email + "@example.com", "https://example.com", kShortAddress);
    auto design = load_design("classic", {});
    ASSERT_TRUE(design.ok()) << design.error().message;
    const auto layout = lay_out_card(card, *design, false, text_height, text_width);
    const TextBox* box = find_box(layout, "email");
    ASSERT_NE(box, nullptr);
    EXPECT_TRUE(box->one_line);
    EXPECT_EQ(box->font, scaled_font("Sans 6.5", kSmallestShrink));
    EXPECT_NEAR(box->height, one_line_height(box->font), 0.01);
}

TEST(RenderLayout, TheAddressStillWraps) {
    const auto card = card_with("alice@example.org", "https://example.org",
                                ";;A very long street name that cannot fit one column;London;;;UK");
    auto design = load_design("classic", {});
    ASSERT_TRUE(design.ok()) << design.error().message;
    const auto layout = lay_out_card(card, *design, false, text_height, text_width);
    const TextBox* box = find_box(layout, "adr");
    ASSERT_NE(box, nullptr);
    EXPECT_FALSE(box->one_line);
    EXPECT_EQ(box->font, "Sans 6.5");
    EXPECT_GT(box->height, 1.5 * one_line_height(box->font));
}

}  // namespace
}  // namespace cardex::client::render
