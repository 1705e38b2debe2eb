// End to end, backup and restore on the local federation: a book of 10,000 contacts with photos
// backed up by `cardex backup` and restored by `cardex restore` into an empty profile with
// every field equal (the exports are the same), through Prosody (alice, cards.a.test) and
// through ejabberd (bob, cards.b.test); an upload cut off by killing cardex and resumed; a
// wrong passphrase that restores nothing; a service database without a trace of the cards; a
// cardexd killed with SIGKILL during an upload, which loses no committed backup.
#include <gtest/gtest.h>

#include <chrono>
#include <csignal>
#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>
#include <thread>

#include "core/vcard/text_codecs.hpp"
#include "tests/integration/cardex_user.hpp"
#include "tests/integration/component_kill.hpp"
#include "tests/integration/federation_env.hpp"

namespace cardex::testing {
namespace {

namespace fs = std::filesystem;
using namespace std::chrono_literals;
using Clock = std::chrono::steady_clock;

// The book of the round trips: 10,000 contacts with photos, about 33 MiB of ciphertext in over
// a thousand chunks (measured on a shared 2-core machine: about 50 s through Prosody, 25 s
// through ejabberd, import and exports included). The tests of a cut upload need only enough
// chunks to be cut in the middle.
constexpr std::size_t kContacts = 10000;
constexpr std::size_t kCutContacts = 2000;
const std::string kPassphrase = "correct horse battery staple";

std::string passphrase_env(const std::string& passphrase = kPassphrase) {
    return "CARDEX_BACKUP_PASSPHRASE=" + passphrase;
}

// A .vcf of `count` contacts named "<marker> N", each with a photo of about 2 KB (random bytes,
// so that nothing compresses them), telephone, e-mail, organisation, categories and a note.
fs::path write_book(const fs::path& dir, const std::string& marker, std::size_t count) {
    fs::create_directories(dir);
    const fs::path path = dir / "book.vcf";
    std::ofstream out(path, std::ios::binary);
    std::mt19937 random(static_cast<unsigned>(count));
    for (std::size_t i = 0; i < count; ++i) {
        std::string photo("\xFF\xD8\xFF\xE0", 4);
        for (int b = 0; b < 2000; ++b)
            photo.push_back(static_cast<char>(random() & 0xFF));
        out << "BEGIN:VCARD\r\nVERSION:4.0\r\n"
            << "UID:urn:uuid:00000000-0000-4000-8000-" << std::setw(12) << std::setfill('0') << i
            << "\r\nFN:" << marker << " " << i << "\r\nN:" << marker << ";Person " << i
            << ";;;\r\nTEL;TYPE=cell:+49 170 " << std::setw(7) << std::setfill('0') << 1000000 + i
            << "\r\nEMAIL:person" << i << "@"
            << "backup.example.org\r\nORG:Firm " << i % 97 << "\r\nTITLE:Title " << i % 13
            << "\r\nCATEGORIES:backup,"
            << "group " << i % 7 << "\r\nNOTE:met at fair " << i
            << "\r\nPHOTO:data:image/jpeg;base64," << vcard::encode_base64(photo)
            << "\r\nEND:VCARD\r\n";
    }
    return path;
}

std::string read_all(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

// `cardex export` of the whole book.
std::string exported(const CardexUser& user) {
    const fs::path out = user.profile() / "export.vcf";
    const auto done = user.run({"export", "--out", out.string()});
    EXPECT_EQ(done.exit_code, 0) << describe(done);
    return read_all(out);
}

// A user of `who` whose book holds the generated contacts.
std::unique_ptr<CardexUser> user_with_book(const std::string& who, const std::string& marker,
                                           std::size_t count) {
    auto user = std::make_unique<CardexUser>(who);
    const auto vcf = write_book(user->profile() / "generated", marker, count);
    const auto imported = user->run({"import", vcf.string()});
    EXPECT_EQ(imported.exit_code, 0) << describe(imported);
    return user;
}

// The backup id in "... as backup ID (...".
std::string backup_id(const std::string& output) {
    const std::string marker = "as backup ";
    const auto at = output.find(marker);
    if (at == std::string::npos) return {};
    const auto start = at + marker.size();
    return output.substr(start, output.find(' ', start) - start);
}

double seconds_since(Clock::time_point start) {
    return std::chrono::duration<double>(Clock::now() - start).count();
}

// Whether the service's database files (with its write-ahead log) contain `text`.
bool database_contains(const std::string& side, const std::string& text) {
    const std::string base = Federation::get().var("FEDERATION_DIR") + "/cardexd-" + side + ".db";
    for (const auto& path : {base, base + "-wal"}) {
        if (fs::exists(path) && read_all(path).find(text) != std::string::npos) return true;
    }
    return false;
}

void backup_and_restore(const std::string& who, const std::string& side) {
    const std::string marker = unique_name("Backup" + who);
    auto owner = user_with_book(who, marker, kContacts);
    const std::string before = exported(*owner);
    ASSERT_TRUE(contains(before, marker + " " + std::to_string(kContacts - 1)));

    auto start = Clock::now();
    const auto backed_up = owner->run({"backup"}, {passphrase_env()});
    ASSERT_EQ(backed_up.exit_code, 0) << describe(backed_up);
    std::cout << who << ": backup of " << kContacts << " contacts took " << seconds_since(start)
              << " s: " << backed_up.output;
    const std::string id = backup_id(backed_up.output);
    ASSERT_FALSE(id.empty()) << backed_up.output;

    const auto listed = owner->run({"backups"});
    ASSERT_EQ(listed.exit_code, 0) << describe(listed);
    EXPECT_TRUE(contains(listed.output, id)) << listed.output;

    EXPECT_FALSE(database_contains(side, marker)) << "the service must hold only ciphertext";
    EXPECT_FALSE(database_contains(side, "backup.example.org"));

    CardexUser fresh(who);  // a new device: an empty profile of the same account
    start = Clock::now();
    const auto restored = fresh.run({"restore"}, {passphrase_env()});
    ASSERT_EQ(restored.exit_code, 0) << describe(restored);
    std::cout << who << ": restore took " << seconds_since(start) << " s: " << restored.output;
    EXPECT_TRUE(contains(restored.output, "Restored " + std::to_string(kContacts) + " contacts"))
        << restored.output;
    EXPECT_EQ(exported(fresh), before) << "every field of every contact comes back";
}

TEST(CardBackup, ABookWithPhotosComesBackEqualThroughProsody) {
    backup_and_restore("ALICE", "a");
}

TEST(CardBackup, ABookWithPhotosComesBackEqualThroughEjabberd) {
    backup_and_restore("BOB", "b");
}

TEST(CardBackup, AWrongPassphraseRestoresNothing) {
    const std::string marker = unique_name("Wrong");
    auto owner = user_with_book("CAROL", marker, 20);
    const auto backed_up = owner->run({"backup"}, {passphrase_env()});
    ASSERT_EQ(backed_up.exit_code, 0) << describe(backed_up);

    CardexUser fresh("CAROL");
    const auto refused =
        fresh.run({"restore", backup_id(backed_up.output)}, {passphrase_env("not it")});
    EXPECT_NE(refused.exit_code, 0) << describe(refused);
    EXPECT_TRUE(contains(refused.output, "wrong passphrase, or not a Cardex backup"))
        << refused.output;
    EXPECT_TRUE(contains(refused.output, "nothing was restored")) << refused.output;
    EXPECT_FALSE(contains(exported(fresh), marker)) << "not one contact restored";
}

TEST(CardBackup, ARestoreIntoABookMergesAndIsUndoneAsOneStep) {
    const std::string marker = unique_name("Merge");
    auto owner = user_with_book("CAROL", marker, 30);
    const auto backed_up = owner->run({"backup"}, {passphrase_env()});
    ASSERT_EQ(backed_up.exit_code, 0) << describe(backed_up);
    const std::string id = backup_id(backed_up.output);

    auto other = user_with_book("CAROL", marker, 10);  // the first ten, already on this device
    ASSERT_EQ(other->run({"add", "--name", "Only Here " + marker}).exit_code, 0);
    const std::string before = exported(*other);
    const auto restored = other->run({"restore", id}, {passphrase_env()});
    ASSERT_EQ(restored.exit_code, 0) << describe(restored);
    EXPECT_TRUE(contains(restored.output, "20 new")) << restored.output;
    const std::string merged = exported(*other);
    EXPECT_TRUE(contains(merged, "Only Here " + marker)) << "nothing local is lost";
    EXPECT_TRUE(contains(merged, marker + " 29"));

    const auto undone = other->run({"undo", "--restore", id});
    ASSERT_EQ(undone.exit_code, 0) << describe(undone);
    EXPECT_EQ(exported(*other), before) << "one step takes the whole restore back";
}

TEST(CardBackup, AnUploadCutOffByKillingCardexIsResumed) {
    const std::string marker = unique_name("Resume");
    auto owner = user_with_book("DAVE", marker, kCutContacts);
    const std::string before = exported(*owner);
    const fs::path id_file = owner->profile() / "backup-upload.id";

    const fs::path log = owner->profile() / "first-backup.log";
    auto first = std::make_unique<ChildProcess>(
        std::vector<std::string>{cardex_path(), "--profile", owner->profile().string(), "backup"},
        log, std::vector<std::string>{passphrase_env(), "LANG=C.UTF-8", "CARDEX_PASSWORD="});
    const auto deadline = Clock::now() + 60s;
    while (!fs::exists(id_file) && Clock::now() < deadline && first->running())
        std::this_thread::sleep_for(1ms);
    ASSERT_TRUE(fs::exists(id_file)) << read_all(log);
    // The upload has begun. With cardexd stopped, no further chunk and no commit is answered,
    // however fast the machine is, so cardex is cut off before the end (after some chunks, or
    // none: megabytes take far longer than the millisecond this takes to notice).
    ComponentFreeze freeze("b");
    ASSERT_TRUE(freeze.freeze());
    const auto killed = first->stop(SIGKILL, 10s);
    EXPECT_FALSE(killed.ok()) << "cardex was still uploading when it was killed: " << read_all(log);
    ASSERT_TRUE(freeze.thaw());

    const auto resumed = owner->run({"backup"}, {passphrase_env()});
    ASSERT_EQ(resumed.exit_code, 0) << describe(resumed);
    EXPECT_TRUE(contains(resumed.output, "Resuming the backup")) << resumed.output;
    EXPECT_FALSE(fs::exists(id_file));

    CardexUser fresh("DAVE");
    const auto restored = fresh.run({"restore", backup_id(resumed.output)}, {passphrase_env()});
    ASSERT_EQ(restored.exit_code, 0) << describe(restored);
    EXPECT_EQ(exported(fresh), before);
}

TEST(CardBackup, KillingCardexdDuringAnUploadLosesNoCommittedBackup) {
    const std::string marker = unique_name("Crash");
    auto owner = user_with_book("ALICE", marker, 50);
    const std::string before = exported(*owner);
    const auto committed = owner->run({"backup"}, {passphrase_env()});
    ASSERT_EQ(committed.exit_code, 0) << describe(committed);
    const std::string id = backup_id(committed.output);

    // A second, larger backup is being uploaded when cardexd dies.
    const auto vcf = write_book(owner->profile() / "more", unique_name("More"), kCutContacts);
    ASSERT_EQ(owner->run({"import", vcf.string()}).exit_code, 0);
    const fs::path log = owner->profile() / "second-backup.log";
    ChildProcess second({cardex_path(), "--profile", owner->profile().string(), "backup"}, log,
                        {passphrase_env(), "LANG=C.UTF-8", "CARDEX_PASSWORD="});
    const auto deadline = Clock::now() + 60s;
    while (!fs::exists(owner->profile() / "backup-upload.id") && Clock::now() < deadline)
        std::this_thread::sleep_for(20ms);
    std::this_thread::sleep_for(200ms);
    ComponentKill crash("a");
    ASSERT_TRUE(crash.kill());
    const auto killed_at = Clock::now();
    const auto ended = second.wait(60s);
    std::cout << "cardex ended " << seconds_since(killed_at) << " s after cardexd was killed ("
              << (ended ? "exit " + std::to_string(*ended) : ended.error().message)
              << "): " << read_all(log);
    ASSERT_TRUE(crash.restart());

    const auto listed = owner->run({"backups"});
    ASSERT_EQ(listed.exit_code, 0) << describe(listed);
    EXPECT_TRUE(contains(listed.output, id)) << listed.output;
    CardexUser fresh("ALICE");
    const auto restored = fresh.run({"restore", id}, {passphrase_env()});
    ASSERT_EQ(restored.exit_code, 0) << describe(restored);
    EXPECT_EQ(exported(fresh), before);

    const auto resumed = owner->run({"backup"}, {passphrase_env()});
    EXPECT_EQ(resumed.exit_code, 0) << describe(resumed);
}

// `cardex config --auto-backup on`: a command that changed the book backs it up by itself with
// the passphrase file, a command that changed nothing does not, and within the configured
// minutes a change waits for a later command; what it stored restores.
TEST(CardBackup, AnAutomaticBackupFollowsAChangeAtMostOnceInTheConfiguredMinutes) {
    const std::string marker = unique_name("Auto");
    CardexUser owner("CAROL");
    const fs::path passphrase = owner.profile() / "passphrase";
    std::ofstream(passphrase) << kPassphrase << "\n";
    const auto configured = owner.run({"config", "--auto-backup", "on", "--auto-backup-minutes",
                                       "0", "--backup-passphrase-file", passphrase.string()});
    ASSERT_EQ(configured.exit_code, 0) << describe(configured);
    EXPECT_TRUE(contains(configured.output, "automatic: after a change")) << configured.output;

    const auto added = owner.run({"add", "--name", marker + " first"});
    ASSERT_EQ(added.exit_code, 0) << describe(added);
    EXPECT_TRUE(contains(added.output, "Backed up automatically")) << added.output;
    const std::string id = backup_id(added.output);
    ASSERT_FALSE(id.empty()) << added.output;
    const auto listed = owner.run({"list"});
    EXPECT_FALSE(contains(listed.output, "Backed up")) << "nothing changed: " << listed.output;

    ASSERT_EQ(owner.run({"config", "--auto-backup-minutes", "60"}).exit_code, 0);
    const auto second = owner.run({"add", "--name", marker + " second"});
    ASSERT_EQ(second.exit_code, 0) << describe(second);
    EXPECT_FALSE(contains(second.output, "Backed up")) << "within the hour: " << second.output;

    CardexUser fresh("CAROL");
    const auto restored = fresh.run({"restore", id}, {passphrase_env()});
    ASSERT_EQ(restored.exit_code, 0) << describe(restored);
    const std::string book = exported(fresh);
    EXPECT_TRUE(contains(book, marker + " first")) << book;
    EXPECT_FALSE(contains(book, marker + " second")) << book;
}

}  // namespace
}  // namespace cardex::testing
