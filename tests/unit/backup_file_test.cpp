// The encrypted backup format (client/backup/backup_file.hpp): what is written can be read back
// with the passphrase, in one message or many; a wrong passphrase, a changed, cut or extended
// backup and another format are refused with a clear error and no plaintext.
#include "client/backup/backup_file.hpp"

#include <gtest/gtest.h>

namespace cardex::client::backup {
namespace {

// Cheap enough for tests; the format carries whatever cost was used.
const KdfCost kCheap{1, 8192};

std::string text_of(std::size_t size) {
    std::string text(size, '\0');
    for (std::size_t i = 0; i < size; ++i)
        text[i] = static_cast<char>('a' + i % 26);
    return text;
}

std::string error_of(const Result<std::string>& r) {
    return r.ok() ? std::string("no error") : r.error().message;
}

TEST(BackupFile, RoundTripsEmptySmallAndMultiMessagePlaintexts) {
    for (std::size_t size : {std::size_t{0}, std::size_t{1}, kMessageBytes - 1, kMessageBytes,
                             kMessageBytes + 1, 3 * kMessageBytes + 17}) {
        const auto plain = text_of(size);
        auto sealed = encrypt_backup(plain, "correct horse", kCheap);
        ASSERT_TRUE(sealed.ok()) << sealed.error().message;
        EXPECT_EQ(sealed->substr(0, 8), "CARDXBAK");
        if (plain.size() >= 64) {
            EXPECT_EQ(sealed->find(plain.substr(0, 64)), std::string::npos) << "no plaintext";
        }
        auto opened = decrypt_backup(*sealed, "correct horse");
        ASSERT_TRUE(opened.ok()) << size << ": " << opened.error().message;
        EXPECT_EQ(*opened, plain) << size;
    }
}

TEST(BackupFile, TheHeaderRecordsTheCostAndEveryBackupHasItsOwnSalt) {
    auto a = encrypt_backup("x", "pw", kCheap);
    auto b = encrypt_backup("x", "pw", kCheap);
    ASSERT_TRUE(a.ok() && b.ok());
    EXPECT_EQ((*a)[8], 1) << "format version";
    EXPECT_EQ((*a)[9], 2) << "Argon2id";
    EXPECT_EQ(static_cast<unsigned char>((*a)[15]), 1u) << "passes, big-endian";
    EXPECT_EQ(static_cast<unsigned char>((*a)[22]), 0x20u) << "8192 bytes of memory";
    EXPECT_NE(a->substr(24, 16), b->substr(24, 16));
    EXPECT_NE(*a, *b);
}

TEST(BackupFile, TheDefaultCostIsLibsodiumsInteractiveLevel) {
    EXPECT_EQ(default_cost().passes, 2u);
    EXPECT_EQ(default_cost().memory, 64u << 20);
    auto sealed = encrypt_backup("with the real cost", "pw");
    ASSERT_TRUE(sealed.ok()) << sealed.error().message;
    EXPECT_EQ(*decrypt_backup(*sealed, "pw"), "with the real cost");
}

TEST(BackupFile, AWrongPassphraseIsSaidPlainly) {
    auto sealed = encrypt_backup(text_of(200000), "right", kCheap);
    ASSERT_TRUE(sealed.ok());
    EXPECT_EQ(error_of(decrypt_backup(*sealed, "wrong")),
              "wrong passphrase, or not a Cardex backup");
    EXPECT_EQ(error_of(decrypt_backup("hello, this is no backup at all", "right"))
                  .find("wrong passphrase, or not a Cardex backup"),
              0u);
}

TEST(BackupFile, AChangedCutOrExtendedBackupIsRefused) {
    auto sealed = encrypt_backup(text_of(3 * kMessageBytes), "pw", kCheap);
    ASSERT_TRUE(sealed.ok());
    std::string changed = *sealed;
    changed[kHeaderBytes + kMessageBytes + 100] ^= 1;  // in the second message
    EXPECT_NE(error_of(decrypt_backup(changed, "pw")).find("damaged"), std::string::npos);

    std::string cost = *sealed;
    cost[15] = 2;  // the passes, which are additional data of every message
    EXPECT_EQ(error_of(decrypt_backup(cost, "pw")), "wrong passphrase, or not a Cardex backup");

    const std::string cut = sealed->substr(0, kHeaderBytes + 2 * (kMessageBytes + 17));
    EXPECT_NE(error_of(decrypt_backup(cut, "pw")).find("truncated"), std::string::npos)
        << error_of(decrypt_backup(cut, "pw"));
    EXPECT_NE(error_of(decrypt_backup(*sealed + "x", "pw")).find("damaged"), std::string::npos)
        << "a byte more makes the last message fail";
}

TEST(BackupFile, AnotherVersionOrAnExcessiveCostIsNotTried) {
    auto sealed = encrypt_backup("x", "pw", kCheap);
    ASSERT_TRUE(sealed.ok());
    std::string v2 = *sealed;
    v2[8] = 2;
    EXPECT_NE(error_of(decrypt_backup(v2, "pw")).find("format version 2"), std::string::npos);
    std::string greedy = *sealed;
    greedy[18] = 1;  // 2^40 bytes of memory
    EXPECT_NE(error_of(decrypt_backup(greedy, "pw")).find("at most 1024 MiB"), std::string::npos)
        << error_of(decrypt_backup(greedy, "pw"));
}

}  // namespace
}  // namespace cardex::client::backup
