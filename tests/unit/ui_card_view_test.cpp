#include <gtest/gtest.h>

#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "client/ui/card_view.hpp"
#include "client/ui/text_width.hpp"
#include "core/vcard/reader.hpp"

namespace cardex::client::ui {
namespace {

using Lines = std::vector<std::string>;

// One card from vCard text; the test fails when it does not read cleanly.
vcard::Card card_from(const std::string& body) {
    const auto result =
        vcard::read_vcard_text("BEGIN:VCARD\r\nVERSION:4.0\r\n" + body + "END:VCARD\r\n");
    EXPECT_TRUE(result.errors.empty()) << result.errors.front().message;
    EXPECT_EQ(result.cards.size(), 1u);
    return result.cards.empty() ? vcard::Card{} : result.cards.front();
}

Lines lines_of(const std::string& box) {
    Lines lines;
    std::istringstream in(box);
    for (std::string line; std::getline(in, line);)
        lines.push_back(line);
    return lines;
}

void expect_every_line_is(const std::string& box, std::size_t width) {
    ASSERT_FALSE(box.empty());
    EXPECT_EQ(box.back(), '\n');
    for (const auto& line : lines_of(box))
        EXPECT_EQ(display_width(line), width) << "line: " << line << "\nbox:\n" << box;
}

// 12 KB of JPEG as a data: URI (16384 base64 symbols are 12288 bytes).
std::string jpeg_data_uri() {
    return "data:image/jpeg;base64,/9j/" + std::string(16384 - 4, 'A');
}

vcard::Card alice() {
    return card_from(
        "FN:Alice Example\r\n"
        "N:Example;Alice;;;\r\n"
        "TITLE:Head of Sales\r\n"
        "ORG:Example Widgets GmbH\r\n"
        "TEL;TYPE=work,voice;VALUE=uri:tel:+49-30-1234567\r\n"
        "TEL;TYPE=work,fax:+49 30 1234568\r\n"
        "TEL;TYPE=cell:+49 170 7654321\r\n"
        "EMAIL;TYPE=work:alice@example.org\r\n"
        "ADR;TYPE=work:;;Friedrichstraße 100;Berlin;;10117;Germany\r\n"
        "URL:https://example.org/\r\n"
        "IMPP:xmpp:alice@a.test\r\n"
        "PHOTO:" +
        jpeg_data_uri() +
        "\r\n"
        "X-SECRET-FIELD:not for people\r\n");
}

TEST(UiCardView, RendersATypicalCard) {
    CardViewOptions options;
    options.width = 47;
    options.footer = {"from alice@a.test, 2026-11-20 09:30 UTC"};
    EXPECT_EQ(render_card(alice(), options),
              "╭─────────────────────────────────────────────╮\n"
              "│ Alice Example                               │\n"
              "│ Head of Sales, Example Widgets GmbH         │\n"
              "├─────────────────────────────────────────────┤\n"
              "│ phone (work)    +49 30 1234567              │\n"
              "│ fax (work)      +49 30 1234568              │\n"
              "│ mobile          +49 170 7654321             │\n"
              "│ e-mail (work)   alice@example.org           │\n"
              "│ address (work)  Friedrichstraße 100         │\n"
              "│                 10117 Berlin                │\n"
              "│                 Germany                     │\n"
              "│ web             https://example.org/        │\n"
              "│ xmpp            alice@a.test                │\n"
              "│ photo           image/jpeg, 12 KB           │\n"
              "├─────────────────────────────────────────────┤\n"
              "│ from alice@a.test, 2026-11-20 09:30 UTC     │\n"
              "╰─────────────────────────────────────────────╯\n");
}

TEST(UiCardView, AsciiModeUsesPlusMinusAndBar) {
    CardViewOptions options;
    options.width = 30;
    options.ascii = true;
    const auto card = card_from("FN:Bob\r\nEMAIL:bob@b.test\r\n");
    EXPECT_EQ(render_card(card, options),
              "+----------------------------+\n"
              "| Bob                        |\n"
              "+----------------------------+\n"
              "| e-mail  bob@b.test         |\n"
              "+----------------------------+\n");
}

TEST(UiCardView, ACardWithOnlyANameIsJustItsName) {
    CardViewOptions options;
    options.width = 24;
    EXPECT_EQ(render_card(card_from("FN:Carol\r\n"), options),
              "╭──────────────────────╮\n"
              "│ Carol                │\n"
              "╰──────────────────────╯\n");
    EXPECT_TRUE(card_fields(card_from("FN:Carol\r\n")).empty());
}

TEST(UiCardView, FooterGetsItsOwnSectionEvenWithoutFields) {
    CardViewOptions options;
    options.width = 36;
    options.footer = {"from carol@c.test", "in your inbox: accept or reject"};
    EXPECT_EQ(render_card(card_from("FN:Carol\r\n"), options),
              "╭──────────────────────────────────╮\n"
              "│ Carol                            │\n"
              "├──────────────────────────────────┤\n"
              "│ from carol@c.test                │\n"
              "│ in your inbox: accept or reject  │\n"
              "╰──────────────────────────────────╯\n");
}

TEST(UiCardView, JapaneseCorpusCardStaysAligned) {
    std::ifstream in(CARDEX_CORPUS_DIR "/android-vcard/v21_japanese_2.vcf", std::ios::binary);
    ASSERT_TRUE(in) << "corpus file missing";
    std::ostringstream bytes;
    bytes << in.rdbuf();
    const auto result = vcard::read_any(bytes.str());
    ASSERT_EQ(result.cards.size(), 1u);
    for (const std::size_t width : {24u, 40u, 47u, 64u, 80u})
        expect_every_line_is(render_card(result.cards.front(), {width, false, {}}), width);

    CardViewOptions options;
    options.width = 40;
    EXPECT_EQ(render_card(result.cards.front(), options),
              "╭──────────────────────────────────────╮\n"
              "│ 安藤 ロイド 1                        │\n"
              "├──────────────────────────────────────┤\n"
              "│ address (home)  東京都渋谷区桜丘町   │\n"
              "│                 26-1セルリアンタワー │\n"
              "│                 6階                  │\n"
              "│                 150-8512             │\n"
              "│ note            メモ                 │\n"
              "╰──────────────────────────────────────╯\n");
}

TEST(UiCardView, LinesKeepTheirWidthWithCjkAndLongValues) {
    const auto card = card_from(
        "FN:山田太郎 (Yamada Tarō) 株式会社サンプル東京本社営業部第一課\r\n"
        "ORG:株式会社サンプル;営業部\r\n"
        "TEL;TYPE=自宅:03-1234-5678\r\n"
        "NOTE:A long note that certainly does not fit on one line of the box\\, so it "
        "wraps. 日本語のメモも折り返されます。長い長い長い長い長い長い長い文章です。\r\n"
        "URL:https://example.org/a/very/long/path/that/has/no/spaces/in/it/at/all\r\n");
    for (const std::size_t width : {24u, 25u, 33u, 47u, 64u, 81u}) {
        CardViewOptions options;
        options.width = width;
        options.footer = {"受信: 2026-11-20 09:30 UTC from 山田@example.jp"};
        expect_every_line_is(render_card(card, options), width);
    }
}

TEST(UiCardView, NarrowerThanTheMinimumIsDrawnAtTheMinimum) {
    expect_every_line_is(render_card(alice(), {10, false, {}}), 24);
}

TEST(UiCardView, AnEscapeSequenceInTheNameIsNotPassedToTheTerminal) {
    vcard::Card card;
    card.add(vcard::make_text("FN",
                              "\x1B[2J\x1B]0;owned\x07"
                              "Eve\x1B[31m"));
    card.add(vcard::make_text("NOTE", "line one\x1B[1A\roverwritten"));
    CardViewOptions options;
    options.width = 30;
    const std::string box = render_card(card, options);
    EXPECT_EQ(box.find('\x1B'), std::string::npos);
    EXPECT_EQ(box.find('\x07'), std::string::npos);
    EXPECT_EQ(box.find('\r'), std::string::npos);
    EXPECT_EQ(box,
              "╭────────────────────────────╮\n"
              "│ ��Eve�                     │\n"
              "├────────────────────────────┤\n"
              "│ note  line                 │\n"
              "│       one��overwritten     │\n"
              "╰────────────────────────────╯\n");
}

// ---- card_fields ---------------------------------------------------------------------------

struct Row {
    std::string label;
    Lines lines;
    friend bool operator==(const Row&, const Row&) = default;
    friend std::ostream& operator<<(std::ostream& out, const Row& row) {
        out << row.label << ":";
        for (const auto& line : row.lines)
            out << " [" << line << "]";
        return out;
    }
};

std::vector<Row> rows_of(const vcard::Card& card) {
    std::vector<Row> rows;
    for (auto& field : card_fields(card))
        rows.push_back({field.label, field.lines});
    return rows;
}

TEST(UiCardFields, PhoneLabelsSayTheKindAndWhoseNumberItIs) {
    const auto card = card_from(
        "FN:P\r\n"
        "TEL:+1 555 0100\r\n"
        "TEL;TYPE=voice:+1 555 0101\r\n"
        "TEL;TYPE=home,voice,pref:+1 555 0102\r\n"
        "TEL;TYPE=cell:+1 555 0103\r\n"
        "TEL;TYPE=cell,home:+1 555 0104\r\n"
        "TEL;TYPE=fax,work:+1 555 0105\r\n"
        "TEL;TYPE=pager:+1 555 0106\r\n"
        "TEL;TYPE=iphone:+1 555 0107\r\n"
        "TEL;TYPE=work,x-assistant,text:+1 555 0108\r\n");
    EXPECT_EQ(rows_of(card), (std::vector<Row>{{"phone", {"+1 555 0100"}},
                                               {"phone", {"+1 555 0101"}},
                                               {"phone (home)", {"+1 555 0102"}},
                                               {"mobile", {"+1 555 0103"}},
                                               {"mobile (home)", {"+1 555 0104"}},
                                               {"fax (work)", {"+1 555 0105"}},
                                               {"pager", {"+1 555 0106"}},
                                               {"mobile", {"+1 555 0107"}},
                                               {"phone (work, text)", {"+1 555 0108"}}}));
}

// Labels that phones and mail programs put in the value's group (Apple, Google): shown as a
// type; Apple's own ones in words; a label that names the kind ("mobile", "home fax") gives it.
TEST(UiCardFields, LabelsFromPhonesAreShownAsTheTypeOfTheirValue) {
    const auto card = card_from(
        "FN:P\r\n"
        "item1.TEL;TYPE=work:+49 30 5550100\r\n"
        "item1.X-ABLabel:Büro direkt\r\n"
        "item2.TEL:+49 170 5550101\r\n"
        "item2.X-ABLabel:_$!<Mobile>!$_\r\n"
        "item3.TEL:+49 30 5550102\r\n"
        "ITEM3.X-ABLABEL:_$!<HomeFAX>!$_\r\n"
        "item4.EMAIL;TYPE=internet:p@example.org\r\n"
        "item4.X-ABLabel:_$!<Work>!$_\r\n"
        "item5.ADR:;;Lagerstr. 1;Hamburg;;20457;\r\n"
        "item5.X-ABLabel:Lager\r\n"
        "item6.URL:https://example.org/\r\n"
        "item6.X-ABLabel:_$!<HomePage>!$_\r\n"
        "item7.TEL:+49 30 5550103\r\n"
        "X-ABLabel:no group, no value\r\n");
    EXPECT_EQ(rows_of(card),
              (std::vector<Row>{{"phone (work, Büro direkt)", {"+49 30 5550100"}},
                                {"mobile", {"+49 170 5550101"}},
                                {"fax (home)", {"+49 30 5550102"}},
                                {"phone", {"+49 30 5550103"}},
                                {"e-mail (work)", {"p@example.org"}},
                                {"address (Lager)", {"Lagerstr. 1", "20457 Hamburg"}},
                                {"web (home page)", {"https://example.org/"}}}));
}

TEST(UiCardFields, TelUrisLoseTheirSchemeAndDashesTextNumbersStayAsWritten) {
    const auto card = card_from(
        "FN:P\r\n"
        "TEL;VALUE=uri:tel:+1-418-656-9254;ext=102\r\n"
        "TEL;VALUE=uri;TYPE=cell:TEL:+49-170-7654321\r\n"
        "TEL:030-1234567\r\n");
    EXPECT_EQ(rows_of(card), (std::vector<Row>{{"phone", {"+1 418 656 9254 ext. 102"}},
                                               {"mobile", {"+49 170 7654321"}},
                                               {"phone", {"030-1234567"}}}));
}

TEST(UiCardFields, EmailAndChatAddresses) {
    const auto card = card_from(
        "FN:P\r\n"
        "EMAIL:p@example.org\r\n"
        "EMAIL;TYPE=internet,home:p@home.example\r\n"
        "IMPP:xmpp:p@a.test\r\n"
        "IMPP:XMPP:p@b.test\r\n"
        "IMPP:sip:p@voip.example\r\n"
        "IMPP:skype:p.example\r\n");
    EXPECT_EQ(rows_of(card), (std::vector<Row>{{"e-mail", {"p@example.org"}},
                                               {"e-mail (home)", {"p@home.example"}},
                                               {"xmpp", {"p@a.test"}},
                                               {"xmpp", {"p@b.test"}},
                                               {"chat (sip)", {"p@voip.example"}},
                                               {"chat (skype)", {"p.example"}}}));
}

TEST(UiCardFields, AddressesSkipEmptyPartsAndFallBackToTheirLabel) {
    const auto card = card_from(
        "FN:P\r\n"
        "ADR;TYPE=home:;Apt 4;1 Main St;Springfield;IL;62701;USA\r\n"
        "ADR:;;;Paris;;;France\r\n"
        "ADR;TYPE=work;LABEL=\"Hauptstr. 1\\n10115 Berlin\":;;;;;;\r\n"
        "ADR:;;;;;;\r\n");
    EXPECT_EQ(rows_of(card),
              (std::vector<Row>{
                  {"address (home)", {"Apt 4", "1 Main St", "62701 Springfield", "IL", "USA"}},
                  {"address", {"Paris", "France"}},
                  {"address (work)", {"Hauptstr. 1", "10115 Berlin"}}}));
}

TEST(UiCardFields, OtherFieldsInDisplayOrderAndExtensionsLeftOut) {
    const auto card = card_from(
        "FN:P\r\n"
        "X-ABLABEL:hidden\r\n"
        "NOTE:first line\\nsecond line\r\n"
        "CATEGORIES:work,friends\r\n"
        "BDAY:19850412\r\n"
        "NICKNAME:Pete,Pit\r\n"
        "URL;TYPE=work:https://example.org/\r\n"
        "LOGO:https://example.org/logo.png\r\n"
        "X-JABBER:p@a.test\r\n");
    EXPECT_EQ(rows_of(card), (std::vector<Row>{{"nickname", {"Pete, Pit"}},
                                               {"web (work)", {"https://example.org/"}},
                                               {"birthday", {"1985-04-12"}},
                                               {"categories", {"work, friends"}},
                                               {"note", {"first line", "second line"}},
                                               {"logo", {"https://example.org/logo.png"}}}));
}

TEST(UiCardFields, BirthdaysWithoutYearOrAsTextAreReadable) {
    EXPECT_EQ(rows_of(card_from("FN:P\r\nBDAY:--0412\r\n")),
              (std::vector<Row>{{"birthday", {"--04-12"}}}));
    EXPECT_EQ(rows_of(card_from("FN:P\r\nBDAY:1985-04-12\r\n")),
              (std::vector<Row>{{"birthday", {"1985-04-12"}}}));
    EXPECT_EQ(rows_of(card_from("FN:P\r\nBDAY;VALUE=text:circa 1800\r\n")),
              (std::vector<Row>{{"birthday", {"circa 1800"}}}));
}

TEST(UiCardFields, DataPhotosShowTypeAndSizeOtherPhotosTheirUri) {
    auto photo_row = [](std::string uri) {
        vcard::Card card;
        card.add(vcard::make_text("FN", "P"));
        card.add(vcard::make_text("PHOTO", std::move(uri)));
        return rows_of(card);
    };
    EXPECT_EQ(photo_row(jpeg_data_uri()), (std::vector<Row>{{"photo", {"image/jpeg, 12 KB"}}}));
    EXPECT_EQ(photo_row("data:image/gif;base64,R0lGODlhAQABAAAAACw="),
              (std::vector<Row>{{"photo", {"image/gif, 14 bytes"}}}));
    EXPECT_EQ(photo_row("data:image/png;base64," + std::string(2097152, 'A')),
              (std::vector<Row>{{"photo", {"image/png, 1.5 MB"}}}));
    EXPECT_EQ(photo_row("data:,A%20b"), (std::vector<Row>{{"photo", {"3 bytes"}}}));
    EXPECT_EQ(photo_row("https://example.org/p.jpg"),
              (std::vector<Row>{{"photo", {"https://example.org/p.jpg"}}}));
}

TEST(UiCardFields, LabelsAndValuesFromTheCardAreSanitised) {
    vcard::Card card;
    card.add(vcard::make_text("FN", "P"));
    vcard::Property tel = vcard::make_text("TEL", "+1\x1B[8m555");
    tel.params.push_back({"TYPE", {"work\x1B]0;x\x07"}});
    card.add(tel);
    EXPECT_EQ(rows_of(card), (std::vector<Row>{{"phone (work�)", {"+1�555"}}}));
}

// ---- more of the box -------------------------------------------------------------------------

TEST(UiCardView, OrganisationUnitsAndLongNotesWrapInsideTheBox) {
    const auto card = card_from(
        "FN:Dora Example\r\n"
        "ORG:Example AG;Research;Lab 2\r\n"
        "NOTE:Met at the fair in Hanover; wants the catalogue\\nCall after 10:00\r\n");
    CardViewOptions options;
    options.width = 36;
    EXPECT_EQ(render_card(card, options),
              "╭──────────────────────────────────╮\n"
              "│ Dora Example                     │\n"
              "│ Example AG, Research, Lab 2      │\n"
              "├──────────────────────────────────┤\n"
              "│ note  Met at the fair in         │\n"
              "│       Hanover; wants the         │\n"
              "│       catalogue                  │\n"
              "│       Call after 10:00           │\n"
              "╰──────────────────────────────────╯\n");
}

}  // namespace
}  // namespace cardex::client::ui
