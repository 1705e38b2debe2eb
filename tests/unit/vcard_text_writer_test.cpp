#include <gtest/gtest.h>

#include "core/vcard/reader.hpp"
#include "core/vcard/writer.hpp"

namespace cardex::vcard {
namespace {

Property prop(std::string name, std::vector<Component> components,
              std::vector<Parameter> params = {}, std::string value_type = "text",
              std::string group = {}) {
    return Property{std::move(group), std::move(name), std::move(params), std::move(value_type),
                    std::move(components)};
}

std::vector<std::string> physical_lines(const std::string& text) {
    std::vector<std::string> lines;
    std::size_t start = 0;
    for (std::size_t end; (end = text.find("\r\n", start)) != std::string::npos; start = end + 2) {
        lines.push_back(text.substr(start, end - start));
    }
    EXPECT_EQ(start, text.size()) << "output must end with CRLF";
    return lines;
}

std::string unfold(const std::string& text) {
    std::string out;
    for (const auto& line : physical_lines(text)) {
        if (!line.empty() && line.front() == ' ') {
            out += line.substr(1);
        } else {
            if (!out.empty()) out += '\n';
            out += line;
        }
    }
    return out;
}

bool starts_inside_utf8_sequence(const std::string& line) {
    const std::size_t first = line.starts_with(" ") ? 1 : 0;
    return line.size() > first && (static_cast<unsigned char>(line[first]) & 0xC0) == 0x80;
}

Card sample_card() {
    Card card;
    card.add(prop("FN", {{"Dr. Erika Mustermann, PhD"}}));
    card.add(prop("N", {{"Mustermann"}, {"Erika"}, {"Maria", "Anna"}, {"Dr."}, {"PhD"}}));
    card.add(prop("TEL", {{"tel:+49-221-9999123"}}, {{"TYPE", {"work", "voice"}}, {"PREF", {"1"}}},
                  "uri"));
    card.add(prop("EMAIL", {{"erika@example.com"}}, {{"TYPE", {"home"}}}));
    card.add(prop("ADR", {{""}, {""}, {"Heidestraße 17"}, {"Köln"}, {""}, {"51147"}, {"Germany"}},
                  {{"TYPE", {"home"}}, {"LABEL", {"Heidestraße 17\n51147 Köln"}}}));
    card.add(prop("ORG", {{"Wikimedia, e.V."}, {"Kommunikation"}}));
    card.add(prop("CATEGORIES", {{"work", "a,b"}}));
    card.add(prop("NOTE", {{"line 1\nline 2; with \\ and ,"}}));
    card.add(prop("PHOTO", {{"data:image/jpeg;base64,/9j/4AAQ"}}, {}, "uri"));
    card.add(prop("X-ABLABEL", {{"_$!<HomePage>!$_\\, kept"}}, {}, "unknown", "item1"));
    card.add(prop("GEO", {{"geo:46.772673,-71.282945"}}, {}, "uri"));
    card.add(prop("KIND", {{"individual"}}));
    return card;
}

TEST(VcardTextWriter, Writes40Canonically) {
    const std::string expected =
        "BEGIN:VCARD\r\n"
        "VERSION:4.0\r\n"
        "FN:Dr. Erika Mustermann\\, PhD\r\n"
        "N:Mustermann;Erika;Maria,Anna;Dr.;PhD\r\n"
        "TEL;VALUE=uri;TYPE=work,voice;PREF=1:tel:+49-221-9999123\r\n"
        "EMAIL;TYPE=home:erika@example.com\r\n"
        "ADR;TYPE=home;LABEL=Heidestraße 17^n51147 Köln:;;Heidestraße 17;Köln;;5\r\n"  // 75 octets
        " 1147;Germany\r\n"
        "ORG:Wikimedia\\, e.V.;Kommunikation\r\n"
        "CATEGORIES:work,a\\,b\r\n"
        "NOTE:line 1\\nline 2\\; with \\\\ and \\,\r\n"
        "PHOTO:data:image/jpeg;base64,/9j/4AAQ\r\n"
        "item1.X-ABLABEL:_$!<HomePage>!$_\\, kept\r\n"
        "GEO:geo:46.772673,-71.282945\r\n"
        "KIND:individual\r\n"
        "END:VCARD\r\n";
    EXPECT_EQ(write_vcard_text(sample_card()), expected);
}

TEST(VcardTextWriter, AddsFnWhenMissing) {
    Card card;
    card.add(prop("N", {{"Doe"}, {"John"}, {""}, {""}, {""}}));
    EXPECT_EQ(write_vcard_text(card),
              "BEGIN:VCARD\r\nVERSION:4.0\r\nFN:John Doe\r\nN:Doe;John;;;\r\nEND:VCARD\r\n");
    EXPECT_EQ(write_vcard_text(Card{}), "BEGIN:VCARD\r\nVERSION:4.0\r\nFN:\r\nEND:VCARD\r\n");
}

TEST(VcardTextWriter, QuotesAndCaretEscapesParameterValues) {
    Card card;
    card.add(
        prop("FN", {{"x"}}, {{"X-A", {"a,b", "c;d", "e:f", "plain"}}, {"X-B", {"say \"hi\"\n^"}}}));
    EXPECT_EQ(physical_lines(write_vcard_text(card))[2],
              "FN;X-A=\"a,b\",\"c;d\",\"e:f\",plain;X-B=say ^'hi^'^n^^:x");
}

TEST(VcardTextWriter, WritesValueTypeOnlyWhenNotTheDefault) {
    Card card;
    card.add(prop("BDAY", {{"circa 1800"}}, {}, "text"));
    card.add(prop("BDAY", {{"--0203"}}, {}, "date-and-or-time"));
    card.add(prop("URL", {{"http://x"}}, {{"VALUE", {"text"}}}, "uri"));  // value_type wins
    const auto lines = physical_lines(write_vcard_text(card));
    EXPECT_EQ(lines[3], "BDAY;VALUE=text:circa 1800");
    EXPECT_EQ(lines[4], "BDAY:--0203");
    EXPECT_EQ(lines[5], "URL:http://x");
}

TEST(VcardTextWriter, SkipsVersionBeginEndProperties) {
    Card card;
    card.add(prop("FN", {{"A"}}));
    card.add(prop("VERSION", {{"3.0"}}, {}, "unknown"));
    card.add(prop("END", {{"VCARD"}}, {}, "unknown"));
    card.add(prop("END", {{"VCALENDAR"}}, {}, "unknown"));
    EXPECT_EQ(write_vcard_text(card),
              "BEGIN:VCARD\r\nVERSION:4.0\r\nFN:A\r\nEND:VCALENDAR\r\nEND:VCARD\r\n");
}

TEST(VcardTextWriter, FoldsAt75OctetsAscii) {
    Card card;
    card.add(prop("FN", {{"x"}}));
    card.add(prop("NOTE", {{std::string(200, 'a')}}));
    const auto lines = physical_lines(write_vcard_text(card));
    ASSERT_EQ(lines.size(), 7u);
    EXPECT_EQ(lines[3], "NOTE:" + std::string(70, 'a'));
    EXPECT_EQ(lines[4], " " + std::string(74, 'a'));
    EXPECT_EQ(lines[5], " " + std::string(56, 'a'));
}

TEST(VcardTextWriter, FoldingNeverSplitsAUtf8Sequence) {
    // Every offset of 2-, 3- and 4-byte characters against the 75-octet boundary.
    for (const std::string character : {"é", "€", "𝄞"}) {
        for (std::size_t prefix = 0; prefix < 8; ++prefix) {
            std::string value = std::string(prefix, 'x');
            for (int i = 0; i < 60; ++i)
                value += character;
            Card card;
            card.add(prop("NOTE", {{value}}));
            for (const Version version : {Version::v40, Version::v30}) {
                const std::string text = write_vcard_text(card, version);
                for (const auto& line : physical_lines(text)) {
                    EXPECT_LE(line.size(), 75u) << line;
                    EXPECT_FALSE(starts_inside_utf8_sequence(line)) << line;
                }
                EXPECT_NE(unfold(text).find("NOTE:" + value), std::string::npos);
                EXPECT_EQ(read_vcard_text(text).cards.at(0).note(), value);
            }
        }
    }
}

TEST(VcardTextWriter, WritesSeveralCards) {
    Card a, b;
    a.add(prop("FN", {{"A"}}));
    b.add(prop("FN", {{"B"}}));
    EXPECT_EQ(write_vcard_text({a, b}),
              "BEGIN:VCARD\r\nVERSION:4.0\r\nFN:A\r\nEND:VCARD\r\n"
              "BEGIN:VCARD\r\nVERSION:4.0\r\nFN:B\r\nEND:VCARD\r\n");
    EXPECT_EQ(write_vcard_text(std::vector<Card>{}), "");
}

TEST(VcardTextWriter, Writes30WithItsConventions) {
    const std::string expected =
        "BEGIN:VCARD\r\n"
        "VERSION:3.0\r\n"
        "FN:Dr. Erika Mustermann\\, PhD\r\n"
        "N:Mustermann;Erika;Maria,Anna;Dr.;PhD\r\n"
        "TEL;TYPE=work,voice,pref:+49-221-9999123\r\n"
        "EMAIL;TYPE=home:erika@example.com\r\n"
        "ADR;TYPE=home:;;Heidestraße 17;Köln;;51147;Germany\r\n"
        "LABEL;TYPE=home:Heidestraße 17\\n51147 Köln\r\n"
        "ORG:Wikimedia\\, e.V.;Kommunikation\r\n"
        "CATEGORIES:work,a\\,b\r\n"
        "NOTE:line 1\\nline 2\\; with \\\\ and \\,\r\n"
        "PHOTO;ENCODING=b;TYPE=JPEG:/9j/4AAQ\r\n"
        "item1.X-ABLABEL:_$!<HomePage>!$_\\, kept\r\n"
        "GEO:46.772673;-71.282945\r\n"
        "X-KIND:individual\r\n"
        "END:VCARD\r\n";
    EXPECT_EQ(write_vcard_text(sample_card(), Version::v30), expected);
}

TEST(VcardTextWriter, Writes30WithFnAndNAlways) {
    Card card;
    card.add(prop("EMAIL", {{"jo@example.com"}}));
    EXPECT_EQ(write_vcard_text(card, Version::v30),
              "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:jo@example.com\r\nN:;;;;\r\n"
              "EMAIL:jo@example.com\r\nEND:VCARD\r\n");
    // Version 2.1 is not written: 3.0 is.
    EXPECT_EQ(write_vcard_text(card, Version::v21), write_vcard_text(card, Version::v30));
}

TEST(VcardTextWriter, Writes30MediaUrisAndDropsWhat30Lacks) {
    Card card;
    card.add(prop("FN", {{"A"}}, {{"X-Q", {"say \"hi\"\nthere"}}}));
    card.add(prop("N", {{"A"}}));
    card.add(
        prop("LOGO", {{"http://example.com/logo.png"}}, {{"MEDIATYPE", {"image/png"}}}, "uri"));
    card.add(prop("EMAIL", {{"a@example.com"}}, {{"PREF", {"2"}}, {"MEDIATYPE", {"x/y"}}}));
    card.add(prop("GENDER", {{"M"}, {"boy; really"}}));
    card.add(prop("ANNIVERSARY", {{"circa 1990"}}, {}, "text"));
    card.add(prop("REV", {{"20240101T000000Z"}}, {}, "timestamp"));
    const auto lines = physical_lines(write_vcard_text(card, Version::v30));
    ASSERT_EQ(lines.size(), 10u);
    EXPECT_EQ(lines[2], "FN;X-Q=say 'hi' there:A");
    EXPECT_EQ(lines[4], "LOGO;VALUE=uri;TYPE=PNG:http://example.com/logo.png");
    EXPECT_EQ(lines[5], "EMAIL:a@example.com");
    EXPECT_EQ(lines[6], "X-GENDER:M;boy\\; really");
    EXPECT_EQ(lines[7], "X-ANNIVERSARY;VALUE=text:circa 1990");
    EXPECT_EQ(lines[8], "REV:20240101T000000Z");
}

TEST(VcardTextWriter, Writes30OutputThatReadsBackAsTheSameContact) {
    const Card card = sample_card();
    const ReadResult back = read_vcard_text(write_vcard_text(card, Version::v30));
    ASSERT_TRUE(back.errors.empty()) << back.errors.front().message;
    ASSERT_EQ(back.cards.size(), 1u);
    const Card& read = back.cards[0];
    EXPECT_EQ(read.formatted_name(), card.formatted_name());
    EXPECT_EQ(read.phones(), card.phones());
    EXPECT_EQ(read.emails(), card.emails());
    EXPECT_EQ(read.addresses(), card.addresses());
    EXPECT_EQ(read.photo(), card.photo());
    EXPECT_EQ(read.first("GEO")->first_value(), "geo:46.772673,-71.282945");
}

TEST(VcardTextWriter, ReadingWhatWasWrittenGivesTheSameCard) {
    Card tricky;
    tricky.add(prop("FN", {{"Ünïcödé 名前 \\ ; , : \" ^ end\\"}}));
    tricky.add(prop("N", {{"a;b", "c,d"}, {""}, {"\\"}, {""}, {""}}));
    tricky.add(prop("NOTE", {{std::string(300, 'n') + "\n" + std::string(100, 'm')}},
                    {{"LANGUAGE", {"de"}}}));
    tricky.add(prop("ADR", {{""}, {""}, {"x"}}, {{"LABEL", {"\"quoted\", ^caret^\nnext"}}}));
    tricky.add(prop("TEL", {{"tel:+1-555;ext=1"}}, {{"TYPE", {"cell"}}}, "uri", "Item7"));
    tricky.add(prop("BDAY", {{"circa 1800"}}, {}, "text"));
    tricky.add(prop("X-CUSTOM", {{"raw\\, escaped; as it was"}}, {{"VALUE", {"text"}}}, "unknown"));
    tricky.add(prop("X-EMPTY", {{""}}, {{"X-NONE", {}}}, "unknown"));
    tricky.add(prop("CLIENTPIDMAP", {{"1"}, {"urn:uuid:x;y"}}));
    tricky.add(prop("PHOTO", {{"data:image/png;base64,iVBORw0KGgo="}}, {}, "uri"));
    for (const Card& card : {sample_card(), tricky}) {
        const std::string text = write_vcard_text(card);
        const ReadResult back = read_vcard_text(text);
        ASSERT_TRUE(back.errors.empty()) << back.errors.front().message << "\n" << text;
        ASSERT_EQ(back.cards.size(), 1u);
        EXPECT_EQ(back.cards[0], card) << text;
        for (const auto& line : physical_lines(text))
            EXPECT_LE(line.size(), 75u) << line;
    }
}

}  // namespace
}  // namespace cardex::vcard
