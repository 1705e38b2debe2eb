// Large files are read in parts on several threads: the parts must read exactly as the whole
// file does, with the whole file's card and line numbers.
#include <gtest/gtest.h>

#include <chrono>
#include <fstream>
#include <thread>

#include "client/transfer/card_chunks.hpp"
#include "client/transfer/import.hpp"
#include "client/transfer/parallel_reader.hpp"
#include "core/vcard/reader.hpp"
#include "tests/unit/book_test_support.hpp"
#include "tests/unit/temp_dir.hpp"

namespace cardex::testing {
namespace {

using client::transfer::ParallelReader;
using client::transfer::split_vcard_text;

// `count` cards of five lines; card `broken` has `notes` NOTE lines more.
std::string many_cards(std::size_t count, std::size_t broken = 0, std::size_t notes = 0) {
    std::string text;
    for (std::size_t i = 1; i <= count; ++i) {
        text += "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Person " + std::to_string(i) + "\r\nTEL:+49 30 " +
                std::to_string(1000000 + i) + "\r\n";
        for (std::size_t n = 0; i == broken && n < notes; ++n)
            text += "NOTE:note " + std::to_string(n) + "\r\n";
        text += "END:VCARD\r\n";
    }
    return text;
}

TEST(TransferParallel, PartsCoverTheTextAndStartAtTopLevelCards) {
    const std::string text = many_cards(1000);
    const auto parts = split_vcard_text(text, 8);
    ASSERT_GT(parts.size(), 1u);
    std::string joined;
    for (const auto& part : parts) {
        EXPECT_EQ(part.substr(0, 11), "BEGIN:VCARD");
        joined += part;
    }
    EXPECT_EQ(joined, text);
}

TEST(TransferParallel, ANestedCardIsNeverCutFromItsOuterCard) {
    // vCard 2.1 nests cards (AGENT): END:VCARD of the inner card, then BEGIN:VCARD of another
    // inner one, still inside the outer card.
    std::string text;
    for (int i = 0; i < 200; ++i) {
        text +=
            "BEGIN:VCARD\r\nVERSION:2.1\r\nFN:Outer\r\nAGENT:\r\nBEGIN:VCARD\r\nFN:A\r\n"
            "END:VCARD\r\nAGENT:\r\nBEGIN:VCARD\r\nFN:B\r\nEND:VCARD\r\nEND:VCARD\r\n";
    }
    for (const auto& part : split_vcard_text(text, 16)) {
        EXPECT_EQ(part.substr(0, 30), "BEGIN:VCARD\r\nVERSION:2.1\r\nFN:O");
    }
}

TEST(TransferParallel, AReadInPartsNumbersCardsAndLinesAsTheWholeFile) {
    const std::string text = many_cards(6000, /*broken=*/4321, /*notes=*/5);
    ASSERT_GT(text.size(), 300u * 1024) << "must be big enough to be read in parts";
    vcard::Limits limits;
    limits.max_properties = 5;
    const vcard::ReadResult whole = vcard::read_vcard_text(text, limits);
    ASSERT_EQ(whole.errors.size(), 1u);

    auto book = open_test_book();
    ParallelReader reader(*book, text, limits);
    std::vector<std::size_t> numbers;
    std::vector<vcard::CardError> errors;
    std::vector<std::string> names;
    std::size_t parts = 0;
    while (auto part = reader.next()) {
        ++parts;
        numbers.insert(numbers.end(), part->numbers.begin(), part->numbers.end());
        errors.insert(errors.end(), part->errors.begin(), part->errors.end());
        for (const auto& c : part->cards)
            names.push_back(c.card.formatted_name());
    }
    EXPECT_GT(parts, 1u);
    EXPECT_EQ(numbers, whole.card_numbers);
    ASSERT_EQ(errors.size(), 1u);
    EXPECT_EQ(errors[0].card_number, 4321u);
    EXPECT_EQ(errors[0].line, whole.errors[0].line);
    EXPECT_EQ(errors[0].message, whole.errors[0].message);
    ASSERT_EQ(names.size(), 5999u);
    EXPECT_EQ(names[4320], "Person 4322");  // the cards after the broken one keep their order
}

TEST(TransferParallel, FarMorePartsThanAreReadAheadComeOutInOrder) {
    const std::string text = many_cards(30000);  // about 2 MB: parts far beyond the read-ahead
    auto book = open_test_book();
    ParallelReader reader(*book, text, vcard::Limits{});
    std::size_t parts = 0;
    std::size_t cards = 0;
    while (auto part = reader.next()) {
        ++parts;
        for (std::size_t i = 0; i < part->cards.size(); ++i) {
            ++cards;
            ASSERT_EQ(part->numbers[i], cards);
            ASSERT_EQ(part->cards[i].card.formatted_name(), "Person " + std::to_string(cards));
        }
    }
    EXPECT_GT(parts, 10u);
    EXPECT_EQ(cards, 30000u);
}

TEST(TransferParallel, AReaderLeftAfterItsFirstPartStopsItsWorkers) {
    // An import that fails while storing drops its reader: the workers, waiting for room to
    // read ahead, must end (this test would hang otherwise).
    const std::string text = many_cards(30000);
    auto book = open_test_book();
    {
        ParallelReader reader(*book, text, vcard::Limits{});
        auto first = reader.next();
        ASSERT_TRUE(first.has_value());
        EXPECT_EQ(first->numbers.front(), 1u);
        // Time for the workers to fill the read-ahead and wait for room: the case in which the
        // reader must wake them to stop.
        std::this_thread::sleep_for(std::chrono::milliseconds(300));
    }
    SUCCEED();
}

TEST(TransferParallel, ALargeImportReportsTheFailedCardByItsNumberInTheFile) {
    TempDir dir;
    const auto file = dir.file("big.vcf");
    std::ofstream(file, std::ios::binary) << many_cards(6000, 4321, 5);
    vcard::Limits limits;
    limits.max_properties = 5;
    auto book = open_test_book();
    auto report = client::transfer::import_files(*book, {file}, limits);
    ASSERT_TRUE(report.ok()) << report.error().message;
    EXPECT_EQ(report->summary(), "5999 new, 0 merged, 1 failed");
    EXPECT_EQ(report->failures.at(0).card_number, 4321u);
    EXPECT_EQ(must(book->resolve("Person 4322")).contact->id, 4321);
}

}  // namespace
}  // namespace cardex::testing
