// Importing files into the address book: the real-world corpus as a folder, several formats,
// a report that accounts for every card, failures that name file, card and reason, and a
// second import of the same files that duplicates nothing.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <set>

#include "client/transfer/export.hpp"
#include "client/transfer/import.hpp"
#include "client/ui/import_text.hpp"
#include "core/vcard/reader.hpp"
#include "tests/unit/book_test_support.hpp"
#include "tests/unit/temp_dir.hpp"
#include "tests/unit/vcard_test_support.hpp"

namespace cardex::testing {
namespace {

namespace fs = std::filesystem;
using client::transfer::import_files;

// Cards the readers find in every card file of the corpus, read or not.
std::size_t corpus_cards() {
    std::size_t n = 0;
    for (const auto& entry : fs::recursive_directory_iterator(CARDEX_CORPUS_DIR)) {
        const auto ext = entry.path().extension();
        if (ext != ".vcf" && ext != ".vcard" && ext != ".json" && ext != ".xml") continue;
        std::ifstream in(entry.path(), std::ios::binary);
        const std::string bytes((std::istreambuf_iterator<char>(in)), {});
        const auto read = vcard::read_any(bytes);
        std::set<std::size_t> failed;  // cards not read
        for (const auto& e : read.errors)
            if (e.card_number > 0 && std::find(read.card_numbers.begin(), read.card_numbers.end(),
                                               e.card_number) == read.card_numbers.end())
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
    EXPECT_EQ(report->files, 58u);
    ASSERT_EQ(report->skipped.size(), 2u);  // SOURCES.md and .gitattributes are not card files
    EXPECT_EQ(report->skipped[0].file, std::string(CARDEX_CORPUS_DIR) + "/.gitattributes");
    EXPECT_EQ(report->skipped[0].reason, "not a vCard, xCard, jCard or contacts CSV file");
    EXPECT_EQ(report->created + report->merged + report->failed_cards(), corpus_cards());
    EXPECT_GT(report->created, 50u);
    EXPECT_FALSE(report->failures.empty());  // the corpus has deliberately malformed cards
    for (const auto& f : report->failures) {
        EXPECT_FALSE(f.file.empty());
        EXPECT_FALSE(f.reason.empty()) << f.file;
    }
    EXPECT_EQ(*book->count(), report->created);
    EXPECT_EQ(report->summary(), std::to_string(report->created) + " new, " +
                                     std::to_string(report->merged) + " merged, " +
                                     std::to_string(report->failed_cards()) + " failed");
    EXPECT_EQ(report->outcome(), client::transfer::ImportOutcome::some_failed);
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

TEST(TransferImport, AFileThatIsNotCardsOrDoesNotExistIsNamedAndNoCardFailed) {
    TempDir dir;
    write(dir.file("notes.vcf"), "just some notes\n");
    auto book = open_test_book();
    auto report = import_files(*book, {dir.file("notes.vcf"), dir.file("missing.vcf")});
    ASSERT_TRUE(report.ok());
    EXPECT_TRUE(report->failures.empty());
    EXPECT_EQ(report->files, 0u);
    ASSERT_EQ(report->unreadable.size(), 2u);
    EXPECT_EQ(report->unreadable[0].file, dir.file("missing.vcf").string());
    EXPECT_EQ(report->unreadable[0].reason, "it does not exist");
    EXPECT_EQ(report->unreadable[1].file, dir.file("notes.vcf").string());
    EXPECT_EQ(report->unreadable[1].reason,
              "not a vCard, xCard, jCard or contacts CSV file (no BEGIN:VCARD, '<' or '[' at its "
              "start, nor a CSV header row naming a name column)");
    EXPECT_EQ(report->summary(), "0 new, 0 merged, 0 failed");
    EXPECT_EQ(report->outcome(), client::transfer::ImportOutcome::nothing_imported);
    EXPECT_EQ(client::ui::import_summary(*report), "Nothing imported.");
    EXPECT_EQ(*book->count(), 0u);
}

TEST(TransferImport, AFolderNamesTheFilesItSkipsAndReadsCardsWhateverTheirName) {
    TempDir dir;
    fs::create_directories(dir.file("cards/old"));
    write(dir.file("cards/a.vcf"), "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:A\r\nEND:VCARD\r\n");
    write(dir.file("cards/old/b.VCF"), "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:B\r\nEND:VCARD\r\n");
    write(dir.file("cards/c.txt"), "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:C\r\nEND:VCARD\r\n");
    write(dir.file("cards/d.csv"), "Name,E-mail Address\nD,d@example.org\n");
    write(dir.file("cards/photo.jpg"), std::string("\xFF\xD8\xFF\xE0\0\x10JFIF\0", 11));
    write(dir.file("cards/notes.txt"), "call A back\n");
    auto book = open_test_book();
    auto report = import_files(*book, {dir.file("cards")});
    ASSERT_TRUE(report.ok());
    EXPECT_EQ(report->files, 4u);
    EXPECT_EQ(report->created, 4u);
    ASSERT_EQ(report->skipped.size(), 2u);
    EXPECT_EQ(report->skipped[0].file, dir.file("cards/notes.txt").string());
    EXPECT_EQ(report->skipped[1].file, dir.file("cards/photo.jpg").string());
    EXPECT_EQ(report->skipped[1].reason, "not a vCard, xCard, jCard or contacts CSV file");
    EXPECT_EQ(report->outcome(), client::transfer::ImportOutcome::all_imported);
    EXPECT_EQ(client::ui::import_summary(*report),
              "Imported 4 files: 4 new, 0 merged, 0 failed; 2 other files skipped.");
    const auto lines = client::ui::import_detail_lines(*report);
    ASSERT_EQ(lines.size(), 2u);
    EXPECT_EQ(lines[1], "skipped " + dir.file("cards/photo.jpg").string() +
                            ": not a vCard, xCard, jCard or contacts CSV file");
}

TEST(TransferImport, OutcomeSaysWhetherAllSomeOrNothingWasImported) {
    TempDir dir;
    write(dir.file("good.vcf"), "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Good\r\nEND:VCARD\r\n");
    write(dir.file("bad.vcf"), "BEGIN:VCARD\r\nVERSION:3.0\r\nTITLE:x\r\nEND:VCARD\r\n");
    auto book = open_test_book();
    auto all = import_files(*book, {dir.file("good.vcf")});
    EXPECT_EQ(all->outcome(), client::transfer::ImportOutcome::all_imported);
    auto some = import_files(*book, {dir.file("good.vcf"), dir.file("bad.vcf")});
    EXPECT_EQ(some->outcome(), client::transfer::ImportOutcome::some_failed);
    auto gone = import_files(*book, {dir.file("good.vcf"), dir.file("gone.vcf")});
    EXPECT_EQ(gone->outcome(), client::transfer::ImportOutcome::some_failed);
    EXPECT_EQ(client::ui::import_summary(*gone),
              "Imported 1 file: 0 new, 1 merged, 0 failed (1 already known); 1 path not "
              "imported.");
    auto none = import_files(*book, {dir.file("bad.vcf")});
    EXPECT_EQ(none->outcome(), client::transfer::ImportOutcome::nothing_imported);
    EXPECT_EQ(client::ui::import_summary(*none), "Nothing imported from 1 file: 1 card failed.");
}

TEST(TransferImport, ATruncatedCardIsImportedWithOneWarningNamingItsLastLine) {
    TempDir dir;
    write(dir.file("cut.vcf"),
          "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:One\r\nEND:VCARD\r\n"
          "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Two\r\nTEL:+49 30 5550100\r\n");
    auto book = open_test_book();
    auto report = import_files(*book, {dir.file("cut.vcf")});
    ASSERT_TRUE(report.ok());
    EXPECT_EQ(report->created, 2u);
    EXPECT_EQ(report->outcome(), client::transfer::ImportOutcome::all_imported);
    const auto lines = client::ui::import_detail_lines(*report);
    ASSERT_EQ(lines.size(), 1u);
    EXPECT_EQ(lines[0], "warning: " + dir.file("cut.vcf").string() +
                            ", card 2 (imported): line 8: END:VCARD missing after the card's "
                            "last line; the input ends without it");
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
