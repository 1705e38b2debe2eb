// The address book on a full disk (a VFS that refuses writes as a full disk does): the error
// says that the disk is full and names the book's file, not the failed rollback after it; the
// book keeps everything it held, is still readable, and takes writes again once there is room.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "client/transfer/import.hpp"
#include "tests/unit/book_test_support.hpp"
#include "tests/unit/full_disk_vfs.hpp"
#include "tests/unit/temp_dir.hpp"

namespace cardex::testing {
namespace {

namespace fs = std::filesystem;
using client::book::AddressBook;
using client::book::Origin;

// A book on a disk that fills up, with `count` contacts in it.
struct FullBook {
    explicit FullBook(int count) : book(open_test_book(path.string())) {
        for (int i = 0; i < count; ++i) {
            must(book->add(card_of({"FN:Contact " + std::to_string(i),
                                    "TEL:+49 30 555" + std::to_string(1000 + i)}),
                           Origin::user("add")));
        }
    }
    FullDiskVfs disk;  // before the book, which must close first
    TempDir dir;
    fs::path path = dir.file("book.db");
    std::unique_ptr<AddressBook> book;
};

void expect_full_disk(const std::string& message, const fs::path& path) {
    EXPECT_EQ(message, "cannot save to " + path.string() +
                           ": the disk is full (database or disk is full); the address book is "
                           "as it was before");
}

TEST(BookFullDisk, AFullDiskIsReportedAsSuchAndTheBookKeepsWhatItHad) {
    FullBook f(3);
    f.disk.fill();
    auto added = f.book->add(card_of({"FN:One Too Many"}), Origin::user("add"));
    ASSERT_FALSE(added.ok());
    expect_full_disk(added.error().message, f.path);
    EXPECT_GT(f.disk.refused(), 0);
    EXPECT_EQ(*f.book->count(), 3u);  // readable while the disk is full
    f.disk.make_room();
    must(f.book->add(card_of({"FN:After"}), Origin::user("add")));
    f.book.reset();
    EXPECT_EQ(*open_test_book(f.path.string())->count(), 4u);
}

TEST(BookFullDisk, AnImportOntoAFullDiskSavesNothingAndSaysWhy) {
    FullBook f(2);
    const fs::path file = f.dir.file("contacts.vcf");
    std::string text;
    for (int i = 0; i < 200; ++i) {
        text += "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Imported " + std::to_string(i) +
                "\r\nTEL:+49 40 555" + std::to_string(1000 + i) + "\r\nEND:VCARD\r\n";
    }
    std::ofstream(file, std::ios::binary) << text;
    f.disk.fill();
    auto report = client::transfer::import_files(*f.book, {file});
    ASSERT_FALSE(report.ok());
    expect_full_disk(report.error().message, f.path);
    f.disk.make_room();
    EXPECT_EQ(*f.book->count(), 2u);
    auto again = client::transfer::import_files(*f.book, {file});
    ASSERT_TRUE(again.ok()) << again.error().message;
    EXPECT_EQ(again->created, 200u);
}

}  // namespace
}  // namespace cardex::testing
