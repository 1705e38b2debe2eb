// The console client under bad conditions: an address book file that is empty or not a
// database is reported with how to recover, and left as it is; a full disk (a small tmpfs,
// when the tests run as root) fails `add`, `import` and the saving of received cards with
// the disk named, keeps the book as it was, and `sync` says which cards still wait.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <random>

#include "tests/integration/cardex_user.hpp"
#include "tests/integration/federation_env.hpp"
#include "tests/integration/small_disk.hpp"

namespace cardex::testing {
namespace {

namespace fs = std::filesystem;
using namespace std::chrono_literals;

// `cardex --profile DIR args...` without an account: what works on the address book alone.
CommandOutcome cardex_in(const fs::path& profile, const std::vector<std::string>& args) {
    std::vector<std::string> argv{cardex_path(), "--profile", profile.string()};
    argv.insert(argv.end(), args.begin(), args.end());
    return run_command(std::move(argv), {"LANG=C.UTF-8"}, 60s);
}

// `cardex list` on a profile whose book.db holds `bytes`: refused with exit code 1, a message
// that says `what` and how to recover, and the file as it was.
void expect_refused(const std::string& bytes, const std::string& what) {
    const fs::path profile = fresh_directory("cardex-damaged");
    const fs::path book = profile / "book.db";
    std::ofstream(book, std::ios::binary) << bytes;
    const auto before = fs::last_write_time(book);
    const auto listed = cardex_in(profile, {"list"});
    EXPECT_EQ(listed.exit_code, 1) << describe(listed);
    EXPECT_TRUE(contains(listed.output, "cardex: the address book " + book.string() + " " + what))
        << listed.output;
    EXPECT_TRUE(contains(listed.output, "move it aside")) << listed.output;
    EXPECT_TRUE(contains(listed.output, "cardex import FILE.vcf")) << listed.output;
    EXPECT_FALSE(contains(listed.output, "The address book is empty")) << listed.output;
    EXPECT_EQ(read_file(book), bytes);
    EXPECT_EQ(fs::last_write_time(book), before);
    std::size_t files = 0;
    for ([[maybe_unused]] const auto& entry : fs::directory_iterator(profile))
        ++files;
    EXPECT_EQ(files, 1u) << "cardex left files beside book.db";
    if (!::testing::Test::HasFailure()) fs::remove_all(profile);
}

TEST(CardexCliBadConditions, AnEmptyAddressBookIsReportedNotStartedAfresh) {
    expect_refused("", "is empty (0 bytes)");
}

TEST(CardexCliBadConditions, AnAddressBookThatIsNotADatabaseIsReportedAndKept) {
    std::string garbage;
    for (int i = 0; i < 2000; ++i)
        garbage += "BEGIN:VCARD garbage " + std::to_string(i) + "\n";
    expect_refused(garbage, "is not a SQLite database");
}

// Tests on a disk of 1 MiB that they fill; skipped, saying why, where it cannot be mounted.
class CardexCliOnASmallDisk : public ::testing::Test {
  protected:
    void SetUp() override {
        auto mounted = SmallDisk::mount(1 << 20);
        if (!mounted) GTEST_SKIP() << mounted.error().message;
        disk = std::move(mounted).value();
    }
    std::unique_ptr<SmallDisk> disk;
};

TEST_F(CardexCliOnASmallDisk, AFullDiskFailsAddAndImportAndTheBookKeepsItsContacts) {
    const fs::path profile = disk->dir() / "profile";
    const fs::path book = profile / "book.db";
    ASSERT_EQ(cardex_in(profile, {"add", "--name", "Alice Before"}).exit_code, 0);
    ASSERT_TRUE(disk->fill(64 * 1024).ok());
    const std::string held = read_file(book);
    const std::string full =
        "cardex: cannot save to " + book.string() + ": the disk is full (database or disk is full)";

    const auto added =
        cardex_in(profile, {"add", "--name", "Bob Big", "--note", std::string(100'000, 'n')});
    EXPECT_EQ(added.exit_code, 1) << describe(added);
    EXPECT_TRUE(contains(added.output, full)) << added.output;
    EXPECT_FALSE(contains(added.output, "rollback")) << added.output;
    const auto imported = cardex_in(profile, {"import", CARDEX_CORPUS_DIR});
    EXPECT_EQ(imported.exit_code, 1) << describe(imported);
    EXPECT_TRUE(contains(imported.output, full)) << imported.output;

    EXPECT_EQ(read_file(book), held);                  // nothing half-written
    const auto listed = cardex_in(profile, {"list"});  // still readable on the full disk
    EXPECT_EQ(listed.exit_code, 0) << describe(listed);
    EXPECT_TRUE(contains(listed.output, "Alice Before")) << listed.output;
    EXPECT_FALSE(contains(listed.output, "Bob Big")) << listed.output;
    disk->make_room();
    EXPECT_EQ(cardex_in(profile, {"add", "--name", "Bob Later"}).exit_code, 0);
    EXPECT_TRUE(contains(cardex_in(profile, {"list"}).output, "Alice Before"));
}

TEST_F(CardexCliOnASmallDisk, ASyncThatCannotSaveACardExitsFiveAndTheCardComesLater) {
    CardexUser alice("ALICE");
    fs::create_directory(disk->dir() / "profile");
    CardexUser bob("BOB", PasswordFrom::file, disk->dir() / "profile");
    const auto first = bob.run({"sync"});  // his book, and nothing left from before
    ASSERT_EQ(first.exit_code, 0) << describe(first);
    const std::string name = unique_name("Nora");
    ASSERT_EQ(alice.run({"add", "--name", name, "--note", std::string(40'000, 'n')}).exit_code, 0);
    const auto sent = alice.run({"send", name, "--to", bob.jid()});
    ASSERT_EQ(sent.exit_code, 0) << describe(sent);

    ASSERT_TRUE(disk->fill(64 * 1024).ok());
    const auto synced = bob.run({"sync"});
    EXPECT_EQ(synced.exit_code, 5) << describe(synced);
    const std::string service = Federation::get().var("A_SERVICE");
    EXPECT_TRUE(contains(synced.output, "the disk is full")) << synced.output;
    EXPECT_TRUE(contains(synced.output,
                         "1 card from " + service + " could not be saved and still waits there"))
        << synced.output;
    EXPECT_FALSE(contains(bob.run({"list", name}).output, name));

    disk->make_room();
    const auto again = bob.run({"sync"});
    EXPECT_EQ(again.exit_code, 0) << describe(again);
    EXPECT_TRUE(contains(again.output, name)) << again.output;
    EXPECT_TRUE(contains(bob.run({"list", name}).output, name));
}

}  // namespace
}  // namespace cardex::testing
