// The address book's file: only a missing file becomes a new book; an empty, foreign or
// damaged one is refused with how to recover, and left as it is.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <set>

#include "sqlite/database.hpp"
#include "tests/unit/book_test_support.hpp"
#include "tests/unit/temp_dir.hpp"

namespace cardex::testing {
namespace {

namespace fs = std::filesystem;
using client::book::AddressBook;
using client::book::Origin;

bool contains(const std::string& text, const std::string& part) {
    return text.find(part) != std::string::npos;
}

std::string bytes_of(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    return std::string((std::istreambuf_iterator<char>(in)), {});
}

void write(const fs::path& path, const std::string& bytes) {
    std::ofstream(path, std::ios::binary) << bytes;
}

std::set<std::string> names_in(const fs::path& dir) {
    std::set<std::string> names;
    for (const auto& entry : fs::directory_iterator(dir))
        names.insert(entry.path().filename().string());
    return names;
}

// The error opening `path` gives; fails the test when it opens.
std::string refusal(const fs::path& path) {
    auto book = AddressBook::open(path, {});
    if (book) {
        ADD_FAILURE() << path << " was opened as an address book";
        return {};
    }
    return book.error().message;
}

// What every refusal says: the file, that nothing changed, and the ways back.
void expect_recovery_advice(const std::string& message, const fs::path& path) {
    EXPECT_TRUE(contains(message, "the address book " + path.string() + " ")) << message;
    EXPECT_TRUE(contains(message, "Nothing was changed")) << message;
    EXPECT_TRUE(contains(message, "move it aside")) << message;
    EXPECT_TRUE(contains(message, "cardex import")) << message;
    EXPECT_TRUE(contains(message, "backup")) << message;
}

TEST(BookFile, AMissingFileBecomesANewBookAndNothingElseIsLeftBeside) {
    TempDir dir;
    const fs::path path = dir.file("book.db");
    {
        auto book = open_test_book(path.string());
        EXPECT_EQ(*book->count(), 0u);
        must(book->add(card_of({"FN:Alice"}), Origin::user("add")));
    }
    EXPECT_EQ(names_in(path.parent_path()), std::set<std::string>{"book.db"});
    EXPECT_EQ(*open_test_book(path.string())->count(), 1u);
}

TEST(BookFile, AnEmptyFileIsNotTakenForANewBook) {
    TempDir dir;
    const fs::path path = dir.file("book.db");
    write(path, "");
    const std::string message = refusal(path);
    EXPECT_TRUE(contains(message, "is empty (0 bytes)")) << message;
    expect_recovery_advice(message, path);
    EXPECT_EQ(fs::file_size(path), 0u);
    EXPECT_EQ(names_in(path.parent_path()), std::set<std::string>{"book.db"});
}

TEST(BookFile, AFileThatIsNotADatabaseIsRefusedAndKept) {
    TempDir dir;
    const fs::path path = dir.file("book.db");
    const std::string garbage(10'000, '\x5a');
    write(path, garbage);
    const std::string message = refusal(path);
    EXPECT_TRUE(contains(message, "is not a SQLite database (file is not a database)")) << message;
    expect_recovery_advice(message, path);
    EXPECT_EQ(bytes_of(path), garbage);
    EXPECT_EQ(names_in(path.parent_path()), std::set<std::string>{"book.db"});
}

TEST(BookFile, AnotherProgramsDatabaseIsNotMadeIntoABook) {
    TempDir dir;
    const fs::path path = dir.file("book.db");
    {
        sqlite::Database other(path);
        other.exec("CREATE TABLE notes (id INTEGER PRIMARY KEY, text TEXT)");
        other.exec("INSERT INTO notes (text) VALUES ('keep me')");
    }
    const std::string before = bytes_of(path);
    const std::string message = refusal(path);
    EXPECT_TRUE(contains(message, "is a SQLite database, but not an address book")) << message;
    expect_recovery_advice(message, path);
    EXPECT_EQ(bytes_of(path), before);
}

TEST(BookFile, ADamagedBookSaysSoOnFirstUse) {
    TempDir dir;
    const fs::path path = dir.file("book.db");
    {
        auto book = open_test_book(path.string());
        for (int i = 0; i < 20; ++i)
            must(book->add(card_of({"FN:Contact " + std::to_string(i)}), Origin::user("add")));
    }
    // The contacts table's root page (page 2, after the schema's) overwritten.
    std::string bytes = bytes_of(path);
    ASSERT_GT(bytes.size(), 8192u);
    std::fill(bytes.begin() + 4096, bytes.begin() + 8192, '\xff');
    write(path, bytes);
    auto listed = [&]() -> std::string {
        auto book = AddressBook::open(path, {});
        if (!book) return book.error().message;
        auto contacts = (*book)->contacts();
        return contacts ? std::string() : contacts.error().message;
    }();
    EXPECT_TRUE(contains(listed, "is damaged (database disk image is malformed)")) << listed;
    expect_recovery_advice(listed, path);
}

}  // namespace
}  // namespace cardex::testing
