// Field extraction from recognised lines (client/ocr/field_extraction.hpp), on lines made up
// by hand: no pictures, no Tesseract.
#include <gtest/gtest.h>

#include "client/ocr/field_extraction.hpp"

namespace cardex::client::ocr {
namespace {

// A line of words split at spaces, all read with `confidence`, `height` pixels high.
OcrLine line(const std::string& text, int height = 30, double confidence = 95.0) {
    OcrLine out;
    out.text_height = height;
    std::size_t start = 0;
    while (start <= text.size()) {
        const auto end = text.find(' ', start);
        const std::string word = text.substr(start, end - start);
        if (!word.empty()) out.words.push_back(OcrWord{word, confidence, {}});
        if (end == std::string::npos) break;
        start = end + 1;
    }
    return out;
}

const ProposedField* field(const CardProposal& p, const std::string& property, std::size_t n = 0) {
    const auto all = p.all(property);
    return n < all.size() ? all[n] : nullptr;
}

std::string value(const CardProposal& p, const std::string& property, std::size_t n = 0) {
    const auto* f = field(p, property, n);
    return f ? f->value : "<none>";
}

TEST(OcrExtraction, GermanCardGivesEveryField) {
    const auto p = extract_fields(
        {line("Nordlicht Software GmbH", 40), line("Dr. Anna Schmidt", 60),
         line("Geschäftsführerin"), line("Hauptstraße 12"), line("10115 Berlin"),
         line("Tel. +49 30 12345678"), line("Mobil 0170 7654321"), line("Fax +49 30 12345679"),
         line("anna.schmidt@nordlicht-software.de"), line("www.nordlicht-software.de")},
        "DE");
    EXPECT_EQ(value(p, "FN"), "Dr. Anna Schmidt");
    EXPECT_EQ(value(p, "TITLE"), "Geschäftsführerin");
    EXPECT_EQ(value(p, "ORG"), "Nordlicht Software GmbH");
    EXPECT_EQ(value(p, "TEL", 0), "+49 30 12345678");
    EXPECT_EQ(field(p, "TEL", 0)->type, "voice");
    EXPECT_EQ(value(p, "TEL", 1), "+49 170 7654321");
    EXPECT_EQ(field(p, "TEL", 1)->type, "cell");
    EXPECT_EQ(field(p, "TEL", 2)->type, "fax");
    EXPECT_EQ(value(p, "EMAIL"), "anna.schmidt@nordlicht-software.de");
    EXPECT_EQ(value(p, "URL"), "www.nordlicht-software.de");
    EXPECT_EQ(value(p, "ADR"), "Hauptstraße 12, 10115, Berlin");
    for (const auto& f : p.fields)
        EXPECT_FALSE(f.doubtful) << f.property;
    const auto adr = p.card.addresses();
    ASSERT_EQ(adr.size(), 1u);
    EXPECT_EQ(adr[0].postal_code, "10115");
    EXPECT_EQ(adr[0].locality, "Berlin");
    ASSERT_TRUE(p.card.name());
    EXPECT_EQ(p.card.name()->family, std::vector<std::string>{"Schmidt"});
}

TEST(OcrExtraction, EnglishCardWithUsAddress) {
    const auto p =
        extract_fields({line("John Carter", 60), line("Senior Software Engineer"),
                        line("Acme Robotics Inc."), line("1600 Market Street, Suite 400"),
                        line("San Francisco, CA 94103"), line("T: (415) 555-0132"),
                        line("M: (415) 555-0187"), line("john.carter@acme-robotics.com")},
                       "US");
    EXPECT_EQ(value(p, "FN"), "John Carter");
    EXPECT_EQ(value(p, "TITLE"), "Senior Software Engineer");
    EXPECT_EQ(value(p, "ORG"), "Acme Robotics Inc.");
    EXPECT_EQ(value(p, "TEL", 0), "+1 415-555-0132");
    EXPECT_EQ(field(p, "TEL", 1)->type, "cell");
    const auto adr = p.card.addresses();
    ASSERT_EQ(adr.size(), 1u);
    EXPECT_EQ(adr[0].street, "1600 Market Street, Suite 400");
    EXPECT_EQ(adr[0].locality, "San Francisco");
    EXPECT_EQ(adr[0].region, "CA");
    EXPECT_EQ(adr[0].postal_code, "94103");
}

TEST(OcrExtraction, ChineseCard) {
    const auto p =
        extract_fields({line("王小明", 70), line("销售总监"), line("北京星辰科技有限公司"),
                        line("地址：北京市朝阳区建国路88号"), line("电话：+86 10 8888 6666"),
                        line("手机：+86 138 0013 8000"), line("传真：+86 10 8888 6667"),
                        line("wang.xm@xingchen-tech.cn")},
                       "");
    EXPECT_EQ(value(p, "FN"), "王小明");
    EXPECT_EQ(value(p, "TITLE"), "销售总监");
    EXPECT_EQ(value(p, "ORG"), "北京星辰科技有限公司");
    EXPECT_EQ(field(p, "TEL", 0)->type, "voice");
    EXPECT_EQ(field(p, "TEL", 1)->type, "cell");
    EXPECT_EQ(field(p, "TEL", 2)->type, "fax");
    EXPECT_EQ(value(p, "ADR"), "北京市朝阳区建国路88号");
    ASSERT_TRUE(p.card.name());
    EXPECT_EQ(p.card.name()->family, std::vector<std::string>{"王"});
    EXPECT_EQ(p.card.name()->given, std::vector<std::string>{"小明"});
}

TEST(OcrExtraction, UnsureWordsMakeAFieldDoubtful) {
    OcrLine phone = line("Tel. +49 30 12345678");
    phone.words[2].confidence = 40.0;  // "30"
    const auto p = extract_fields({line("Anna Schmidt", 60), phone}, "DE");
    ASSERT_NE(field(p, "TEL"), nullptr);
    EXPECT_TRUE(field(p, "TEL")->doubtful);
    EXPECT_DOUBLE_EQ(field(p, "TEL")->confidence, 40.0);
    EXPECT_FALSE(field(p, "FN")->doubtful);
}

TEST(OcrExtraction, ABrokenEmailOrNumberIsKeptAsDoubtful) {
    const auto p =
        extract_fields({line("Anna Schmidt", 60), line("Telefon 030 12"),
                        line("Mobil 0170 76543219999999"), line("anna.schmidt@nordlicht")},
                       "DE");
    ASSERT_NE(field(p, "EMAIL"), nullptr);
    EXPECT_TRUE(field(p, "EMAIL")->doubtful);
    ASSERT_NE(field(p, "TEL"), nullptr);
    for (const auto* tel : p.all("TEL"))
        EXPECT_TRUE(tel->doubtful) << tel->value;
}

TEST(OcrExtraction, LettersReadForDigitsAreRepairedButDoubtful) {
    const auto p = extract_fields({line("Anna Schmidt", 60), line("Tel. +49 3O 12345678")}, "DE");
    ASSERT_NE(field(p, "TEL"), nullptr);
    EXPECT_EQ(value(p, "TEL"), "+49 30 12345678");
    EXPECT_TRUE(field(p, "TEL")->doubtful);
}

TEST(OcrExtraction, AnEmailWithLettersOftenConfusedIsDoubtfulUnlessTheCardSpellsIt) {
    // "q" read as "g": nothing else on the card spells the local part.
    const auto misread =
        extract_fields({line("陈强", 60), line("chengiang@xingchen-tech.cn")}, "CN");
    ASSERT_NE(field(misread, "EMAIL"), nullptr);
    EXPECT_TRUE(field(misread, "EMAIL")->doubtful);
    // The name on the card spells it, the initial included.
    const auto backed = extract_fields({line("Chen Qiang", 60), line("chenqiang@xingchen-tech.cn"),
                                        line("Jessica Palmer"), line("jpalmer@silverline.com")},
                                       "CN");
    ASSERT_NE(field(backed, "EMAIL", 0), nullptr);
    EXPECT_FALSE(field(backed, "EMAIL", 0)->doubtful);
    ASSERT_NE(field(backed, "EMAIL", 1), nullptr);
    EXPECT_FALSE(field(backed, "EMAIL", 1)->doubtful);
    // Read with great confidence.
    const auto sure =
        extract_fields({line("陈强", 60), line("chengiang@xingchen-tech.cn", 30, 99.0)}, "CN");
    ASSERT_NE(field(sure, "EMAIL"), nullptr);
    EXPECT_FALSE(field(sure, "EMAIL")->doubtful);
}

TEST(OcrExtraction, NoLinesNoFields) {
    const auto p = extract_fields({}, "DE");
    EXPECT_TRUE(p.fields.empty());
    EXPECT_TRUE(p.card.properties.empty());
}

TEST(OcrExtraction, HanShareAndLineText) {
    EXPECT_DOUBLE_EQ(han_share("王小明"), 1.0);
    EXPECT_DOUBLE_EQ(han_share("Anna"), 0.0);
    OcrLine mixed;
    mixed.words = {OcrWord{"电话", 90, {}}, OcrWord{"号码", 90, {}}, OcrWord{"+86", 90, {}}};
    EXPECT_EQ(mixed.text(), "电话号码+86");
}

}  // namespace
}  // namespace cardex::client::ocr
