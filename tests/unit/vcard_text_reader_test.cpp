#include <gtest/gtest.h>

#include <random>

#include "core/vcard/reader.hpp"

namespace cardex::vcard {
namespace {

std::string all_errors(const ReadResult& result) {
    std::string out;
    for (const auto& error : result.errors)
        out += error.message + "\n";
    return out;
}

// The one card of `text`, read without any error.
Card read_one(std::string_view text) {
    const ReadResult result = read_vcard_text(text);
    EXPECT_TRUE(result.errors.empty()) << all_errors(result);
    EXPECT_EQ(result.cards.size(), 1u);
    return result.cards.empty() ? Card{} : result.cards.front();
}

// The properties of one card minus the ones every test card carries.
std::string v21(std::string_view body) {
    return "BEGIN:VCARD\r\nVERSION:2.1\r\n" + std::string(body) + "END:VCARD\r\n";
}
std::string v30(std::string_view body) {
    return "BEGIN:VCARD\r\nVERSION:3.0\r\n" + std::string(body) + "END:VCARD\r\n";
}
std::string v40(std::string_view body) {
    return "BEGIN:VCARD\r\nVERSION:4.0\r\n" + std::string(body) + "END:VCARD\r\n";
}

const Property& only_property(const Card& card) {
    static const Property none;
    EXPECT_EQ(card.properties.size(), 1u);
    return card.properties.empty() ? none : card.properties.front();
}

TEST(VcardTextReader, ReadsAMinimalCard) {
    const Card card = read_one(v40("FN:Simon Perreault\r\nTEL;TYPE=work:+1 555\r\n"));
    ASSERT_EQ(card.properties.size(), 2u);
    EXPECT_EQ(card.properties[0], (Property{{}, "FN", {}, "text", {{"Simon Perreault"}}}));
    EXPECT_EQ(card.properties[1],
              (Property{{}, "TEL", {{"TYPE", {"work"}}}, "text", {{"+1 555"}}}));
}

TEST(VcardTextReader, AcceptsEveryLineEnding) {
    const Card expected = read_one(v30("FN:A\r\nNOTE:b\r\n c\r\n"));
    for (const std::string_view ending : {"\n", "\r", "\r\r\n"}) {
        std::string text = "BEGIN:VCARD|VERSION:3.0|FN:A|NOTE:b| c|END:VCARD|";
        for (std::size_t at; (at = text.find('|')) != std::string::npos;)
            text.replace(at, 1, ending);
        EXPECT_EQ(read_one(text), expected) << "line ending of " << ending.size() << " bytes";
    }
    EXPECT_EQ(expected.first("NOTE")->first_value(), "bc");
}

// Line ends are searched for in windows of bytes: lines of every length around a window's
// edge end where they end, with each kind of line ending.
TEST(VcardTextReader, FindsLineEndsAfterLongLines) {
    for (const std::string_view ending : {"\n", "\r", "\r\n", "\r\r\n"}) {
        for (const std::size_t length : {200, 242, 243, 244, 255, 256, 257, 498, 499, 500, 700}) {
            const std::string note(length, 'n');
            std::string text = "BEGIN:VCARD|VERSION:3.0|NOTE:" + note + "|FN:A|END:VCARD|";
            for (std::size_t at; (at = text.find('|')) != std::string::npos;)
                text.replace(at, 1, ending);
            const Card card = read_one(text);
            ASSERT_NE(card.first("NOTE"), nullptr);
            EXPECT_EQ(card.first("NOTE")->first_value(), note)
                << length << " bytes, line ending of " << ending.size() << " bytes";
            ASSERT_NE(card.first("FN"), nullptr);
            EXPECT_EQ(card.first("FN")->first_value(), "A");
        }
    }
}

TEST(VcardTextReader, UnfoldsSpaceAndTabContinuationsRemovingOneBlank) {
    const Card card =
        read_one(v30("NOTE:one\r\n  two\r\n\tthree\r\nTEL;TYPE=VOICE,M\r\n\tSG:1\r\n"));
    EXPECT_EQ(card.note(), "one twothree");
    EXPECT_EQ(card.first("TEL")->types(), (std::vector<std::string>{"voice", "msg"}));
}

TEST(VcardTextReader, UnfoldsBytesBeforeDecodingUtf8) {
    // "αβ" with the fold between the two bytes of 'β' (CE B2).
    const Card card = read_one(v30("FN:\xCE\xB1\xCE\r\n \xB2\r\n"));
    EXPECT_EQ(card.formatted_name(), "\xCE\xB1\xCE\xB2");
}

TEST(VcardTextReader, QuotedPrintableSoftBreaksMayCutACharacter) {
    // 十 is E5 8D 81; the soft break falls after its second byte.
    const Card card =
        read_one(v21("FN;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:=E5=8D=\r\n=81=E5=9F=8E\r\n"));
    EXPECT_EQ(card.formatted_name(), "十城");
}

TEST(VcardTextReader, QuotedPrintableContinuationKeepsItsLeadingSpace) {
    const Card card =
        read_one(v21("NOTE;ENCODING=QUOTED-PRINTABLE:Now's the time =\r\nfor all folk to come=\r\n "
                     "to the aid=0D=0Aof"
                     " all.\r\n"));
    EXPECT_EQ(card.note(), "Now's the time for all folk to come to the aid\nof all.");
}

TEST(VcardTextReader, BareQuotedPrintableParameterAndSoftBreakBeforeBlankLine) {
    const Card card = read_one(v21("LABEL;QUOTED-PRINTABLE;WORK:a=0Ab=\r\n\r\nFN:x\r\n"));
    ASSERT_EQ(card.properties.size(), 2u);
    EXPECT_EQ(card.properties[0],
              (Property{{}, "LABEL", {{"TYPE", {"work"}}}, "unknown", {{"a\\nb"}}}));
}

TEST(VcardTextReader, SoftBreakNeverSwallowsEndVcard) {
    const ReadResult result = read_vcard_text(v21("NOTE;ENCODING=QUOTED-PRINTABLE:abc=\r\n"));
    ASSERT_EQ(result.cards.size(), 1u);
    EXPECT_TRUE(result.errors.empty()) << all_errors(result);
    EXPECT_EQ(result.cards[0].note(), "abc");
}

TEST(VcardTextReader, ConvertsDeclaredCharsets) {
    // Shift_JIS 安藤 = 88 C0 93 A1; ISO-8859-1 E4 = ä; windows-1252 80 = €.
    const Card card =
        read_one(v21("FN;CHARSET=SHIFT_JIS:\x88\xC0\x93\xA1\r\n"
                     "NOTE;CHARSET=ISO-8859-1;ENCODING=QUOTED-PRINTABLE:Workv=E4gen\r\n"
                     "TITLE;CHARSET=windows-1252:\x80 5\r\n"));
    EXPECT_EQ(card.formatted_name(), "安藤");
    EXPECT_EQ(card.note(), "Workvägen");
    EXPECT_EQ(card.title(), "€ 5");
}

TEST(VcardTextReader, ShiftJisSecondByteBackslashIsNotAnEscape) {
    // ソ is 83 5C in Shift_JIS: its second byte is '\'.
    const Card card = read_one(v21("N;CHARSET=SHIFT_JIS:\x83\x5C;x\r\n"));
    EXPECT_EQ(card.name()->family, std::vector<std::string>{"ソ"});
    EXPECT_EQ(card.name()->given, std::vector<std::string>{"x"});
}

TEST(VcardTextReader, UndeclaredNonUtf8IsReadAsWindows1252) {
    const Card card = read_one(v30("FN:K\xF6ln \x93quoted\x94\r\nNOTE:K\xC3\xB6ln\r\n"));
    EXPECT_EQ(card.formatted_name(), "Köln “quoted”");
    EXPECT_EQ(card.note(), "Köln");  // valid UTF-8 stays as it is
}

TEST(VcardTextReader, InvalidBytesInDeclaredUtf8BecomeReplacementCharacters) {
    const Card card = read_one(v21("ORG;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:=C3=91=80x\r\n"));
    EXPECT_EQ(card.organization(), std::vector<std::string>{"Ñ\xEF\xBF\xBDx"});
}

TEST(VcardTextReader, UnknownCharsetIsReportedAndTheValueKept) {
    const ReadResult result = read_vcard_text(v21("FN;CHARSET=X-NO-SUCH:Jo\r\n"));
    ASSERT_EQ(result.cards.size(), 1u);
    EXPECT_EQ(result.cards[0].formatted_name(), "Jo");
    ASSERT_EQ(result.errors.size(), 1u);
    EXPECT_EQ(result.errors[0].message,
              "card 1, line 3: FN: unknown character set \"X-NO-SUCH\"; value read as UTF-8 or "
              "Windows-1252");
}

TEST(VcardTextReader, InlineBase64InEverySpellingBecomesADataUri) {
    const std::string jpeg_base64 = "/9j/4AAQ";  // FF D8 FF E0 00 10
    const std::string expected = "data:image/jpeg;base64,/9j/4AAQ";
    const std::string inputs[] = {
        v30("PHOTO;ENCODING=b;TYPE=JPEG:" + jpeg_base64 + "\r\n"),
        v30("PHOTO;ENCODING=B;TYPE=image/jpeg:" + jpeg_base64 + "\r\n"),
        v21("PHOTO;ENCODING=BASE64;TYPE=JPEG:" + jpeg_base64 + "\r\n\r\n"),
        v21("PHOTO;JPEG;BASE64:" + jpeg_base64 + "\r\n\r\n"),
        v21("PHOTO;BASE64:\r\n /9j/\r\n 4AAQ\r\n\r\n"),  // type from the data's signature
        v30("photo;encoding=b;type=jpeg:/9j/\r\n 4AAQ\r\n"),
    };
    for (const auto& input : inputs) {
        const Card card = read_one(input);
        EXPECT_EQ(only_property(card), (Property{{}, "PHOTO", {}, "uri", {{expected}}})) << input;
    }
}

TEST(VcardTextReader, MediaKeepsOtherTypesAndUsesTheSignatureWhenNoFormatIsGiven) {
    const Card card =
        read_one(v30("PHOTO;TYPE=WORK;ENCODING=b:iVBORw0KGgoAAAANSUhEUg==\r\n"
                     "SOUND;ENCODING=b:AAEC\r\n"
                     "KEY;TYPE=X509;ENCODING=b:MIIB\r\n"));
    ASSERT_EQ(card.properties.size(), 3u);
    EXPECT_EQ(card.properties[0].params, (std::vector<Parameter>{{"TYPE", {"work"}}}));
    EXPECT_EQ(card.photo()->media_type, "image/png");
    EXPECT_EQ(card.properties[1].first_value(), "data:application/octet-stream;base64,AAEC");
    EXPECT_EQ(card.properties[2].first_value(), "data:application/pkix-cert;base64,MIIB");
}

TEST(VcardTextReader, Version21Base64BlockWithoutIndentation) {
    const std::string with_blank_line =
        v21("PHOTO;ENCODING=BASE64;TYPE=GIF:\r\nR0lGODlh\r\nAQABAA==\r\n\r\nFN:x\r\n");
    const std::string without_blank_line =
        v21("PHOTO;ENCODING=BASE64;TYPE=GIF:\r\nR0lGODlh\r\nAQABAA==\r\nFN:x\r\n");
    for (const auto& input : {with_blank_line, without_blank_line}) {
        const Card card = read_one(input);
        ASSERT_EQ(card.properties.size(), 2u) << input;
        EXPECT_EQ(card.photo(), (Media{"data:image/gif;base64,R0lGODlhAQABAA==", "image/gif"}));
        EXPECT_EQ(card.formatted_name(), "x");
    }
}

TEST(VcardTextReader, InvalidBase64SkipsThePropertyAndSaysWhy) {
    const ReadResult result = read_vcard_text(
        v21("N:name\r\nPHOTO;ENCODING=BASE64;TYPE=JPEG:qgEPAAIA:ASDF==\r\n\r\nFN:x\r\n"));
    ASSERT_EQ(result.cards.size(), 1u);
    EXPECT_EQ(result.cards[0].photo(), std::nullopt);
    EXPECT_EQ(result.cards[0].formatted_name(), "x");
    ASSERT_EQ(result.errors.size(), 1u);
    EXPECT_EQ(result.errors[0].card_number, 1u);
    EXPECT_EQ(result.errors[0].line, 4u);
    EXPECT_EQ(result.errors[0].message,
              "card 1, line 4: PHOTO: invalid base64: ':' at offset 8; property skipped");
}

TEST(VcardTextReader, UriMediaGetsMediatypeFromTheFormatName) {
    const Card card = read_one(v30("PHOTO;VALUE=URL;TYPE=JPEG:http://example.com/a.jpg\r\n"));
    EXPECT_EQ(
        only_property(card),
        (Property{
            {}, "PHOTO", {{"MEDIATYPE", {"image/jpeg"}}}, "uri", {{"http://example.com/a.jpg"}}}));
}

TEST(VcardTextReader, BareParametersBecomeTypesAndPrefBecomesPrefOne) {
    const Card card = read_one(v21("TEL;PREF;HOME;VOICE:1\r\nEMAIL;INTERNET:a@b\r\n"));
    ASSERT_EQ(card.properties.size(), 2u);
    EXPECT_EQ(card.properties[0].params,
              (std::vector<Parameter>{{"TYPE", {"home", "voice"}}, {"PREF", {"1"}}}));
    EXPECT_EQ(card.properties[1].params, (std::vector<Parameter>{{"TYPE", {"internet"}}}));
}

TEST(VcardTextReader, TypeValuesAreMergedSplitAndLowerCased) {
    const Card card =
        read_one(v30("EMAIL;type=HOME;X-A=1;type=pref,Internet:a@b\r\n"
                     "ADR;TYPE=\"Both work and home\",POSTAL:;;1 St\r\n"));
    EXPECT_EQ(
        card.properties[0].params,
        (std::vector<Parameter>{{"TYPE", {"home", "internet"}}, {"PREF", {"1"}}, {"X-A", {"1"}}}));
    EXPECT_EQ(card.properties[1].types(),
              (std::vector<std::string>{"both work and home", "postal"}));
    const Card quoted = read_one(v40("TEL;VALUE=uri;TYPE=\"voice,home\";PREF=1:tel:+1\r\n"));
    EXPECT_EQ(quoted.first("TEL")->params,
              (std::vector<Parameter>{{"TYPE", {"voice", "home"}}, {"PREF", {"1"}}}));
}

TEST(VcardTextReader, CaretEscapesAreResolvedIn40Only) {
    const Card card = read_one(v40("ADR;LABEL=\"a^nb ^^ ^'q^' ^x\":;;1 St\r\n"));
    EXPECT_EQ(card.first("ADR")->param("LABEL")->values,
              std::vector<std::string>{"a\nb ^ \"q\" ^x"});
    const Card old = read_one(v30("ADR;X-A=a^nb:;;1 St\r\n"));
    EXPECT_EQ(old.first("ADR")->param("X-A")->values, std::vector<std::string>{"a^nb"});
}

TEST(VcardTextReader, LabelParameterBackslashNIsALineBreak) {
    const Card card = read_one(v40("ADR;LABEL=\"Main St\\nTown\":;;Main St;Town\r\n"));
    EXPECT_EQ(card.addresses().front().label, "Main St\nTown");
}

TEST(VcardTextReader, MalformedParameterPiecesAreSkippedAndReported) {
    const ReadResult result = read_vcard_text(
        v30("ADR;TYPE=WORK,:;;1 St\r\nX-A;P=v;;Q=w;:x\r\nTEL;=odd;TYPE=VOICE;MSG,WORK:1\r\n"));
    ASSERT_EQ(result.cards.size(), 1u);
    const Card& card = result.cards[0];
    EXPECT_EQ(card.properties[0].types(), std::vector<std::string>{"work"});
    EXPECT_EQ(card.properties[1].params, (std::vector<Parameter>{{"P", {"v"}}, {"Q", {"w"}}}));
    EXPECT_EQ(card.properties[2].types(), (std::vector<std::string>{"voice", "msg", "work"}));
    ASSERT_EQ(result.errors.size(), 4u) << all_errors(result);
    EXPECT_EQ(result.errors[0].message,
              "card 1, line 3: ADR: empty value in \"TYPE=WORK,\" skipped");
    EXPECT_EQ(result.errors[1].message,
              "card 1, line 4: X-A: empty parameter (\";;\" or a trailing ';') skipped");
    EXPECT_EQ(result.errors[3].message,
              "card 1, line 5: TEL: parameter without a name (\"=odd\") skipped");
}

TEST(VcardTextReader, UnescapesTextBy30Rules) {
    const Card card =
        read_one(v30("FN:Mr. John Q. Public\\, Esq.\r\n"
                     "NOTE:a\\nb\\Nc\\\\d\\;e\\,f\\:g\\xh\r\n"
                     "N:Public;John;Quinlan\\, Q.,Q;Mr.;Esq.\r\n"
                     "ORG:ABC\\, Inc.,Ltd;North\\; Division\r\n"
                     "CATEGORIES:work,friends\\,family\r\n"
                     "URL:http\\://example.com\r\n"));
    EXPECT_EQ(card.formatted_name(), "Mr. John Q. Public, Esq.");
    EXPECT_EQ(card.note(), "a\nb\nc\\d;e,f:g\\xh");
    EXPECT_EQ(
        card.first("N")->components,
        (std::vector<Component>{{"Public"}, {"John"}, {"Quinlan, Q.", "Q"}, {"Mr."}, {"Esq."}}));
    EXPECT_EQ(card.first("ORG")->components,
              (std::vector<Component>{{"ABC, Inc.,Ltd"}, {"North; Division"}}));
    EXPECT_EQ(card.categories(), (std::vector<std::string>{"work", "friends,family"}));
    EXPECT_EQ(card.urls(), std::vector<std::string>{"http://example.com"});
}

TEST(VcardTextReader, Version21KnowsOnlyBackslashSemicolon) {
    const Card card =
        read_one(v21("N:;A\\;B\\\\;C\\\\\\;;D;\\:E;\\\\\\\\;\r\nFN:A;B\\C\\;D:E\\\\\r\n"
                     "NOTE:line\\nstill one line\r\nORG:Doe, Inc.;Sales\r\n"));
    EXPECT_EQ(card.first("N")->components,
              (std::vector<Component>{{""}, {"A;B\\"}, {"C\\;"}, {"D"}, {"\\:E"}, {"\\\\"}, {""}}));
    EXPECT_EQ(card.formatted_name(), "A;B\\C;D:E\\");
    EXPECT_EQ(card.note(), "line\\nstill one line");
    EXPECT_EQ(card.organization(), (std::vector<std::string>{"Doe, Inc.", "Sales"}));
    const Card commas = read_one(v21("N:Doe;John;Richter,James;;\r\n"));
    EXPECT_EQ(commas.name()->additional, std::vector<std::string>{"Richter,James"});
}

TEST(VcardTextReader, UnknownPropertiesKeepTheirValueVerbatim) {
    const Card card = read_one(
        v30("X-EVOLUTION-FILE-AS:Doe\\, John\r\nX-MOZILLA-CPT:;0\r\nAGENT:Invalid line, kept.\r\n"
            "X-A;VALUE=uri;Y=z:http://x\r\n"));
    ASSERT_EQ(card.properties.size(), 4u);
    EXPECT_EQ(card.properties[0],
              (Property{{}, "X-EVOLUTION-FILE-AS", {}, "unknown", {{"Doe\\, John"}}}));
    EXPECT_EQ(card.properties[1].components, (std::vector<Component>{{";0"}}));
    EXPECT_EQ(card.properties[2].components, (std::vector<Component>{{"Invalid line, kept."}}));
    EXPECT_EQ(card.properties[3].params,
              (std::vector<Parameter>{{"VALUE", {"uri"}}, {"Y", {"z"}}}));
    EXPECT_EQ(card.properties[3].value_type, "unknown");
}

TEST(VcardTextReader, ValueParameterSetsTheValueType) {
    const Card card =
        read_one(v40("TEL;VALUE=uri:tel:+1-555;ext=7\r\nBDAY;VALUE=text:circa 1800\r\n"
                     "PHOTO;VALUE=URL:http://x\r\n"));
    EXPECT_EQ(card.properties[0], (Property{{}, "TEL", {}, "uri", {{"tel:+1-555;ext=7"}}}));
    EXPECT_EQ(card.properties[1].value_type, "text");
    EXPECT_EQ(card.properties[2].value_type, "uri");
    EXPECT_TRUE(card.properties[2].params.empty());
}

TEST(VcardTextReader, GroupsKeepTheirCaseNamesAreUpperCased) {
    const Card card =
        read_one("begin:vcard\nversion:3.0\nItem1.tel:1\nitem1.X-ABLabel:Work\nend:vcard\n");
    ASSERT_EQ(card.properties.size(), 2u);
    EXPECT_EQ(card.properties[0].group, "Item1");
    EXPECT_EQ(card.properties[0].name, "TEL");
    EXPECT_EQ(card.properties[1].name, "X-ABLABEL");
}

TEST(VcardTextReader, SeveralCardsOfMixedVersions) {
    const ReadResult result =
        read_vcard_text(v40("FN:A\r\n") + "\r\n" + v21("N:B;;;;\r\n") + v30("FN:C\r\n"));
    ASSERT_EQ(result.cards.size(), 3u) << all_errors(result);
    EXPECT_TRUE(result.errors.empty()) << all_errors(result);
    EXPECT_EQ(result.cards[0].formatted_name(), "A");
    EXPECT_EQ(result.cards[1].formatted_name(), "B");
    EXPECT_EQ(result.cards[2].formatted_name(), "C");
}

TEST(VcardTextReader, VersionMayBeMissingOrComeLast) {
    const Card no_version =
        read_one("BEGIN:VCARD\r\nFN\r\nN:\r\nORG:Ximian, Inc.\r\nEND:VCARD\r\n");
    ASSERT_EQ(no_version.properties.size(), 3u);
    EXPECT_EQ(no_version.properties[0], (Property{{}, "FN", {}, "text", {{""}}}));
    EXPECT_EQ(no_version.formatted_name(), "Ximian, Inc.");
    // VERSION:2.1 at the end still makes '\,' literal.
    const Card last = read_one("BEGIN:VCARD\r\nNOTE:a\\,b\r\nVERSION:2.1\r\nEND:VCARD\r\n");
    EXPECT_EQ(last.note(), "a\\,b");
}

TEST(VcardTextReader, GeoOf21And30BecomesAGeoUri) {
    const Card card = read_one(v30("GEO:19.283333;166.616669\r\n"));
    EXPECT_EQ(only_property(card),
              (Property{{}, "GEO", {}, "uri", {{"geo:19.283333,166.616669"}}}));
    EXPECT_EQ(read_one(v21("GEO:35.65,139.69\r\n")).first("GEO")->first_value(),
              "geo:35.65,139.69");
    EXPECT_EQ(read_one(v40("GEO:geo:1,2\r\n")).first("GEO")->first_value(), "geo:1,2");
}

TEST(VcardTextReader, BlankLinesInsideACardAreSkippedSilently) {
    const Card card = read_one(v30("FN:A\r\n\r\n   \r\nTEL:1\r\n\r\n"));
    EXPECT_EQ(card.properties.size(), 2u);
}

TEST(VcardTextReader, CommentLinesAreSkippedAndReported) {
    const ReadResult result = read_vcard_text(
        v21("FN:A\r\n# a comment\r\nNOTE;ENCODING=QUOTED-PRINTABLE:x ->=\r\n#<- kept\r\n"));
    ASSERT_EQ(result.cards.size(), 1u);
    EXPECT_EQ(result.cards[0].note(), "x ->#<- kept");
    ASSERT_EQ(result.errors.size(), 1u);
    EXPECT_EQ(result.errors[0].message, "card 1, line 4: comment line starting with '#' skipped");
}

TEST(VcardTextReader, PropertyNameWithASpaceIsRepairedAndReported) {
    const ReadResult result =
        read_vcard_text(v30("X-GOOGLE TALK;TYPE=WORK:gtalk.john\r\nFN:J\r\n"));
    ASSERT_EQ(result.cards.size(), 1u);
    EXPECT_EQ(result.cards[0].properties[0],
              (Property{{}, "X-GOOGLE-TALK", {{"TYPE", {"work"}}}, "unknown", {{"gtalk.john"}}}));
    ASSERT_EQ(result.errors.size(), 1u);
    EXPECT_EQ(result.errors[0].message,
              "card 1, line 3: property name \"X-GOOGLE TALK\" contains a space; read as "
              "X-GOOGLE-TALK");
}

TEST(VcardTextReader, LinesThatAreNotPropertiesAreSkippedWithTheirPosition) {
    const ReadResult result =
        read_vcard_text(v30("FN:A\r\nE\r\nthis is junk\r\n:no name\r\nx/y:z\r\nTEL:1\r\n"));
    ASSERT_EQ(result.cards.size(), 1u);
    EXPECT_EQ(result.cards[0].properties.size(), 2u);
    ASSERT_EQ(result.errors.size(), 4u) << all_errors(result);
    EXPECT_EQ(result.errors[0].message,
              "card 1, line 4: line \"E\" has no ':' and is not a property; skipped");
    EXPECT_EQ(result.errors[1].message,
              "card 1, line 5: line \"this is junk\" has no ':' and is not a property; skipped");
    EXPECT_EQ(result.errors[2].message, "card 1, line 6: line has no property name; skipped");
    EXPECT_EQ(result.errors[3].message,
              "card 1, line 7: \"x/y\" is not a property name; line skipped");
    EXPECT_EQ(result.errors[3].line, 7u);
}

TEST(VcardTextReader, ErrorMessagesQuoteAnExcerptOfLongInput) {
    const ReadResult result = read_vcard_text(v30("FN:A\r\n" + std::string(5000, 'x') +
                                                  "\r\n"
                                                  "\xE9t\xE9:junk\r\n"));
    ASSERT_EQ(result.errors.size(), 2u) << all_errors(result);
    EXPECT_EQ(result.errors[0].message,
              "card 1, line 4: line \"" + std::string(40, 'x') +
                  "…\" (5000 bytes) has no ':' and is not a property; skipped");
    EXPECT_EQ(result.errors[1].message,
              "card 1, line 5: \"été\" is not a property name; line skipped");
}

TEST(VcardTextReader, BackslashAtEndOfLineContinuesTheValue) {
    const ReadResult result = read_vcard_text(v21(
        "ADR;HOME:;;Hermann v. Brevern\\\r\n9999999\\\r\nPackstation 999;Hamburg;;99999;DE\r\n"));
    ASSERT_EQ(result.cards.size(), 1u);
    const auto addresses = result.cards[0].addresses();
    ASSERT_EQ(addresses.size(), 1u);
    EXPECT_EQ(addresses[0].street, "Hermann v. Brevern\n9999999\nPackstation 999");
    EXPECT_EQ(addresses[0].country, "DE");
    ASSERT_EQ(result.errors.size(), 2u);
    EXPECT_EQ(result.errors[0].message,
              "card 1, line 3: value continued on line 4 after a trailing backslash instead of "
              "folding; joined the lines");
}

// A property whose header is folded before its ':' (a writer folds any line at 75 octets) is
// a property, not more of the value before it that ends in a backslash.
TEST(VcardTextReader, AFoldedHeaderAfterATrailingBackslashIsAPropertyOfItsOwn) {
    const ReadResult result = read_vcard_text(
        "BEGIN:VCARD\r\nVERSION:4.0\r\nFN:A\r\nX-PATH:C:\\dir\\\r\n"
        "X-LONG;X-PARAMETER=" +
        std::string(60, 'p') + "\r\n q:value\r\nEND:VCARD\r\n");
    ASSERT_EQ(result.cards.size(), 1u) << all_errors(result);
    EXPECT_TRUE(result.errors.empty()) << all_errors(result);
    const auto* path = result.cards[0].first("X-PATH");
    const auto* longer = result.cards[0].first("X-LONG");
    ASSERT_NE(path, nullptr);
    ASSERT_NE(longer, nullptr);
    EXPECT_EQ(path->first_value(), "C:\\dir\\");
    EXPECT_EQ(longer->first_value(), "value");
}

TEST(VcardTextReader, NestedCardIsReadAsACardOfItsOwn) {
    const ReadResult result = read_vcard_text(
        "BEGIN:VCARD\nVERSION:2.1\nN:parent\nAGENT:\nBEGIN:VCARD\nVERSION:2.1\nN:inner\n"
        "END:VCARD\nTEL:1\nEND:VCARD\n");
    ASSERT_EQ(result.cards.size(), 2u);
    EXPECT_EQ(result.cards[0].formatted_name(), "parent");
    EXPECT_EQ(result.cards[0].phones().size(), 1u);
    EXPECT_EQ(result.cards[1].formatted_name(), "inner");
    ASSERT_EQ(result.errors.size(), 1u);
    EXPECT_EQ(result.errors[0].message,
              "card 1, line 5: BEGIN:VCARD inside this card; the nested card is read as card 2");
}

TEST(VcardTextReader, CardWithoutEndIsKeptAndReported) {
    const ReadResult result = read_vcard_text(v30("FN:A\r\n") + "BEGIN:VCARD\r\nFN:B\r\nTEL:1");
    ASSERT_EQ(result.cards.size(), 2u);
    EXPECT_EQ(result.cards[1].formatted_name(), "B");
    EXPECT_EQ(result.cards[1].phones().front().number, "1");
    ASSERT_EQ(result.errors.size(), 1u);
    EXPECT_EQ(result.errors[0].card_number, 2u);
    EXPECT_EQ(result.errors[0].message,
              "card 2, line 7: END:VCARD missing after the card's last line; the input ends "
              "without it");
}

TEST(VcardTextReader, TextOutsideCardsIsReportedOncePerRun) {
    const ReadResult result =
        read_vcard_text("junk\r\nmore junk\r\n" + v30("FN:A\r\n") + "END:VCARD\r\ntrailer\r\n");
    ASSERT_EQ(result.cards.size(), 1u);
    ASSERT_EQ(result.errors.size(), 2u) << all_errors(result);
    EXPECT_EQ(
        result.errors[0].message,
        "line 1: text outside a card (no BEGIN:VCARD before it); skipped up to the next card");
    EXPECT_EQ(result.errors[1].message,
              "line 7: END:VCARD without BEGIN:VCARD; skipped up to the next card");
}

TEST(VcardTextReader, InputWithoutCardsIsAnError) {
    for (const std::string_view input : {"", "hello", "\xEF\xBB\xBF"}) {
        const ReadResult result = read_vcard_text(input);
        EXPECT_TRUE(result.cards.empty());
        ASSERT_EQ(result.errors.size(), 1u);
        EXPECT_FALSE(result.errors[0].message.empty());
    }
    EXPECT_EQ(read_vcard_text("").errors[0].message, "input: no BEGIN:VCARD found; not a vCard");
    EXPECT_EQ(read_one("\xEF\xBB\xBF" + v30("FN:bom\r\n")).formatted_name(), "bom");
}

TEST(VcardTextReaderLimits, InputOverMaxInputBytes) {
    Limits limits;
    limits.max_input_bytes = 50;
    const std::string input = v30("FN:A\r\nNOTE:0123456789\r\n");
    const ReadResult result = read_vcard_text(input, limits);
    EXPECT_TRUE(result.cards.empty());
    ASSERT_EQ(result.errors.size(), 1u);
    EXPECT_EQ(result.errors[0].message, "input: input is " + std::to_string(input.size()) +
                                            " bytes, over the limit max_input_bytes (50); nothing "
                                            "read");
}

TEST(VcardTextReaderLimits, CardOverMaxCardBytesIsSkippedOthersSurvive) {
    Limits limits;
    limits.max_card_bytes = 60;
    const std::string big = v30("NOTE:" + std::string(40, 'x') + "\r\n");  // 75 bytes
    const ReadResult result = read_vcard_text(v30("FN:A\r\n") + big + v30("FN:C\r\n"), limits);
    ASSERT_EQ(result.cards.size(), 2u);
    EXPECT_EQ(result.cards[1].formatted_name(), "C");
    ASSERT_EQ(result.errors.size(), 1u);
    EXPECT_EQ(result.errors[0].message,
              "card 2, line 5: card is " + std::to_string(big.size()) +
                  " bytes, over the limit max_card_bytes (60); card skipped");
}

TEST(VcardTextReaderLimits, CardOverMaxProperties) {
    Limits limits;
    limits.max_properties = 3;
    const ReadResult result = read_vcard_text(
        v30("FN:A\r\nTEL:1\r\nTEL:2\r\nTEL:3\r\nTEL:4\r\n") + v30("FN:B\r\n"), limits);
    ASSERT_EQ(result.cards.size(), 1u);
    EXPECT_EQ(result.cards[0].formatted_name(), "B");
    ASSERT_EQ(result.errors.size(), 1u);
    // VERSION counts: it is a content line of the card.
    EXPECT_EQ(result.errors[0].message,
              "card 1, line 1: card has 6 properties, over the limit max_properties (3); card "
              "skipped");
}

TEST(VcardTextReaderLimits, LineOverMaxLineBytesAfterUnfolding) {
    Limits limits;
    limits.max_line_bytes = 20;
    const ReadResult result = read_vcard_text(
        v30("FN:A\r\nNOTE:0123456789\r\n 0123456789\r\n") + v30("NOTE:short\r\n"), limits);
    ASSERT_EQ(result.cards.size(), 1u);
    EXPECT_EQ(result.cards[0].note(), "short");
    ASSERT_EQ(result.errors.size(), 1u);
    EXPECT_EQ(result.errors[0].message,
              "card 1, line 4: content line is 25 bytes after unfolding, over the limit "
              "max_line_bytes (20); card skipped");
}

TEST(VcardTextReaderLimits, MediaOverMaxMediaBytesInlineOrDataUri) {
    Limits limits;
    limits.max_media_bytes = 5;
    const ReadResult result = read_vcard_text(v30("PHOTO;ENCODING=b:AAAAAAAA\r\n") +
                                                  v40("LOGO:data:image/png;base64,AAAAAAAA\r\n") +
                                                  v30("PHOTO;ENCODING=b:AAAA\r\n"),
                                              limits);
    ASSERT_EQ(result.cards.size(), 1u);
    EXPECT_EQ(result.cards[0].photo()->uri, "data:application/octet-stream;base64,AAAA");
    ASSERT_EQ(result.errors.size(), 2u);
    EXPECT_EQ(result.errors[0].message,
              "card 1, line 3: PHOTO: decoded media is 6 bytes, over the limit max_media_bytes "
              "(5); card skipped");
    EXPECT_EQ(result.errors[1].message,
              "card 2, line 7: LOGO: decoded media is 6 bytes, over the limit max_media_bytes "
              "(5); card skipped");
}

TEST(VcardTextReaderLimits, NestingOverMaxDepth) {
    Limits limits;
    limits.max_depth = 2;
    const ReadResult result = read_vcard_text(
        "BEGIN:VCARD\nFN:1\nBEGIN:VCARD\nFN:2\nBEGIN:VCARD\nFN:3\nBEGIN:VCARD\nEND:VCARD\n"
        "END:VCARD\nEND:VCARD\nTEL:1\nEND:VCARD\n",
        limits);
    ASSERT_EQ(result.cards.size(), 2u) << all_errors(result);
    EXPECT_EQ(result.cards[0].phones().size(), 1u);
    EXPECT_EQ(result.errors.back().message,
              "card 3, line 5: nested 3 cards deep, over the limit max_depth (2); card skipped");
}

TEST(VcardTextReader, ProblemsPerCardAreCapped) {
    std::string body;
    for (int i = 0; i < 500; ++i)
        body += "#\r\n";
    const ReadResult result = read_vcard_text(v30(body + "FN:A\r\n"));
    ASSERT_EQ(result.cards.size(), 1u);
    ASSERT_EQ(result.errors.size(), 101u);
    EXPECT_EQ(result.errors[0].message,
              "card 1: more than 100 problems; the others are not listed");
}

// A crude fuzzer: random bytes and mutations of a valid card never crash the reader, and every
// error has a message.
TEST(VcardTextReader, SurvivesRandomInput) {
    std::mt19937 random(12345);
    const std::string seed =
        v21("N;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:=C3=91=\r\n=20;;;;\r\n"
            "PHOTO;ENCODING=BASE64;TYPE=JPEG:\r\n /9j/4AAQ\r\n\r\nADR;HOME:;;a\\\r\nb;c\r\n") +
        v40("ADR;LABEL=\"x^n\":;;1\r\nTEL;VALUE=uri:tel:1\r\n");
    const std::string pieces[] = {":",
                                  ";",
                                  "=",
                                  "\r\n",
                                  "\r",
                                  "\n",
                                  " ",
                                  "\\",
                                  "\"",
                                  "^",
                                  ",",
                                  "BEGIN:VCARD\r\n",
                                  "END:VCARD\r\n",
                                  "\xC3",
                                  "\xFF"};
    Limits small;
    small.max_line_bytes = 64;
    small.max_depth = 2;
    for (int round = 0; round < 2000; ++round) {
        std::string input = seed;
        for (int change = 0; change < 8; ++change) {
            const std::size_t at = random() % (input.size() + 1);
            if (random() % 2) {
                input.insert(at, pieces[random() % std::size(pieces)]);
            } else if (at < input.size()) {
                input[at] = static_cast<char>(random());
            }
        }
        for (const Limits& limits : {Limits{}, small}) {
            const ReadResult result = read_vcard_text(input, limits);
            for (const auto& error : result.errors)
                ASSERT_FALSE(error.message.empty()) << input;
        }
    }
}

}  // namespace
}  // namespace cardex::vcard
