// Importing files into the address book: the real-world corpus as a folder, several formats,
// a report that accounts for every card, failures that name file, card and reason, and a
// second import of the same files that duplicates nothing.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <set>

#include "client/transfer/export.hpp"
#include "client/transfer/import.hpp"
#include "core/vcard/reader.hpp"
#include "tests/unit/book_test_support.hpp"
#include "tests/unit/temp_dir.hpp"
#include "tests/unit/vcard_test_support.hpp"

namespace cardex::testing {
namespace {

namespace fs = std::filesystem;
using client::transfer::import_files;

// Cards and card errors the readers find in every card file of the corpus.
std::size_t corpus_cards() {
    std::size_t n = 0;
    for (const auto& entry : fs::recursive_directory_iterator(CARDEX_CORPUS_DIR)) {
        const auto ext = entry.path().extension();
        if (ext != ".vcf" && ext != ".vcard" && ext != ".json" && ext != ".xml") continue;
        std::ifstream in(entry.path(), std::ios::binary);
        const std::string bytes((std::istreambuf_iterator<char>(in)), {});
        const auto read = vcard::read_any(bytes);
        std::set<std::size_t> failed;  // cards not read (0: the whole file)
        for (const auto& e : read.errors)
            if (std::find(read.card_numbers.begin(), read.card_numbers.end(), e.card_number) ==
                read.card_numbers.end())
                failed.insert(e.card_number);
        n += read.cards.size() + failed.size();
    }
    return n;
}

void write(const fs::path& path, const std::string& text) {
    std::ofstream(path, std::ios::binary) << text;
}

TEST(TransferImport, TheCorpusFolderIsImportedWithEveryCardAccountedFor) {
    ASSERT_TRUE(fs::is_directory(CARDEX_CORPUS_DIR)) << CARDEX_CORPUS_DIR;
    auto book = open_test_book();
    auto report = import_files(*book, {CARDEX_CORPUS_DIR});
    ASSERT_TRUE(report.ok()) << report.error().message;
    EXPECT_EQ(report->files, 58u);  // SOURCES.md and .gitattributes are not card files
    EXPECT_EQ(report->created + report->merged + report->failures.size(), corpus_cards());
    EXPECT_GT(report->created, 50u);
    EXPECT_FALSE(report->failures.empty());  // the corpus has deliberately malformed cards
    for (const auto& f : report->failures) {
        EXPECT_FALSE(f.file.empty());
        EXPECT_FALSE(f.reason.empty()) << f.file;
    }
    EXPECT_EQ(*book->count(), report->created);
    EXPECT_EQ(report->summary(), std::to_string(report->created) + " new, " +
                                     std::to_string(report->merged) + " merged, " +
                                     std::to_string(report->failures.size()) + " failed");
}

TEST(TransferImport, ImportingTheSameFilesAgainDuplicatesNothing) {
    auto book = open_test_book();
    auto first = import_files(*book, {CARDEX_CORPUS_DIR});
    ASSERT_TRUE(first.ok());
    const std::size_t contacts = *book->count();
    auto second = import_files(*book, {CARDEX_CORPUS_DIR});
    ASSERT_TRUE(second.ok());
    EXPECT_EQ(second->created, 0u);
    EXPECT_EQ(*book->count(), contacts);
    EXPECT_EQ(second->unchanged, second->merged);
}

TEST(TransferImport, AFailedCardIsNamedByFileAndNumberAndTheOthersAreKept) {
    TempDir dir;
    const fs::path file = dir.file("four.vcf");
    write(file,
          "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:One\r\nTEL:+49 30 1\r\nEND:VCARD\r\n"
          "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Two\r\nNOTE:a\r\nNOTE:b\r\nNOTE:c\r\nEND:VCARD\r\n"
          "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Three\r\nEND:VCARD\r\n"
          "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Four\r\nthis line has no colon\r\nEND:VCARD\r\n");
    vcard::Limits limits;
    limits.max_properties = 3;  // card 2 has four
    auto book = open_test_book();
    auto report = import_files(*book, {file}, limits);
    ASSERT_TRUE(report.ok());
    EXPECT_EQ(report->created, 3u);
    ASSERT_EQ(report->failures.size(), 1u);
    EXPECT_EQ(report->failures[0].file, file.string());
    EXPECT_EQ(report->failures[0].card_number, 2u);
    EXPECT_NE(report->failures[0].reason.find("max_properties"), std::string::npos)
        << report->failures[0].reason;
    // Card 4 lost only its broken line: imported, with a note.
    ASSERT_EQ(report->notes.size(), 1u);
    EXPECT_EQ(report->notes[0].card_number, 4u);
    EXPECT_EQ(report->summary(), "3 new, 0 merged, 1 failed");
    // The cards after the broken one keep their numbers.
    auto three = book->resolve("Three");
    ASSERT_TRUE(three->contact.has_value());
    EXPECT_EQ((*book->provenance(three->contact->id))[0].origin.card_number, 3u);
}

TEST(TransferImport, CardsOfOneImportMergeWithEachOtherByPhone) {
    TempDir dir;
    write(dir.file("phone.vcf"),
          "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Alice\r\nTEL:+49 30 1234567\r\nEND:VCARD\r\n");
    write(dir.file("mail.json"),
          R"(["vcard",[["version",{},"text","4.0"],["fn",{},"text","Alice Example"],)"
          R"(["tel",{},"text","030 1234567"],["email",{},"text","alice@example.org"]]])");
    auto book = open_test_book();
    auto report = import_files(*book, {dir.file("phone.vcf"), dir.file("mail.json")});
    ASSERT_TRUE(report.ok());
    EXPECT_EQ(report->summary(), "1 new, 1 merged, 0 failed");
    EXPECT_EQ(*book->count(), 1u);
}

TEST(TransferImport, AFileThatIsNotACardOrCannotBeReadIsAFailure) {
    TempDir dir;
    write(dir.file("notes.vcf"), "just some notes\n");
    auto book = open_test_book();
    auto report = import_files(*book, {dir.file("notes.vcf"), dir.file("missing.vcf")});
    ASSERT_TRUE(report.ok());
    ASSERT_EQ(report->failures.size(), 2u);
    EXPECT_EQ(report->failures[0].card_number, 0u);
    EXPECT_EQ(report->failures[1].file, dir.file("missing.vcf").string());
    EXPECT_EQ(*book->count(), 0u);
}

TEST(TransferExport, EveryFormatReadsBackToTheSameCards) {
    auto book = open_test_book();
    ASSERT_TRUE(import_files(*book, {fs::path(CARDEX_CORPUS_DIR) / "ez-vcard"}).ok());
    std::vector<vcard::Card> cards;
    for (auto& c : must(book->contacts()))
        cards.push_back(c.card);
    ASSERT_FALSE(cards.empty());
    // vCard 4.0 is the book's own form: exactly the same cards.
    const auto v4 = vcard::read_any(
        client::transfer::export_cards(cards, client::transfer::ExportFormat::vcard4));
    EXPECT_TRUE(v4.errors.empty());
    EXPECT_EQ(v4.cards, cards);
    // The others carry the same fields people use (XML cannot carry control characters, jCard
    // writes dates in their extended form).
    for (const char* name : {"vcard3", "xcard", "jcard"}) {
        const auto format = client::transfer::parse_export_format(name);
        ASSERT_TRUE(format.ok());
        const auto read = vcard::read_any(client::transfer::export_cards(cards, *format));
        EXPECT_TRUE(read.errors.empty()) << name;
        ASSERT_EQ(read.cards.size(), cards.size()) << name;
        for (std::size_t i = 0; i < cards.size(); ++i) {
            EXPECT_EQ(read.cards[i].formatted_name(), cards[i].formatted_name()) << name;
            EXPECT_EQ(read.cards[i].uid(), cards[i].uid()) << name;
            EXPECT_EQ(read.cards[i].phones(), cards[i].phones()) << name;
            EXPECT_EQ(read.cards[i].emails(), cards[i].emails()) << name;
        }
    }
    EXPECT_FALSE(client::transfer::parse_export_format("csv").ok());
}

}  // namespace
}  // namespace cardex::testing
