// The encrypted form of a backup (the draft's "Backup Format"): a header with the magic
// "CARDXBAK", the format version, the Argon2id parameters and salt that derive the key from the
// passphrase, and libsodium's secretstream header; then the plaintext in XChaCha20-Poly1305
// secretstream messages of 64 KiB, the last one tagged FINAL. The first 40 octets of the
// header are the additional data of every message, so that a changed parameter fails too.
// Decryption gives all of the plaintext or an Error, never a part of it.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "core/result.hpp"

namespace cardex::client::backup {

inline constexpr std::string_view kMagic = "CARDXBAK";
inline constexpr std::uint8_t kFormatVersion = 1;
inline constexpr std::size_t kHeaderBytes = 64;
inline constexpr std::size_t kMessageBytes = 65536;  // plaintext per message

// Argon2id's cost. Written into every backup, so that later versions can raise it and still
// read older backups.
struct KdfCost {
    std::uint32_t passes = 0;  // crypto_pwhash opslimit
    std::uint64_t memory = 0;  // crypto_pwhash memlimit, in bytes
};
// What cardex writes: libsodium's INTERACTIVE level (2 passes, 64 MiB), a fraction of a second
// on a phone-class processor.
KdfCost default_cost();

// The ciphertext of `plaintext` under a key derived from `passphrase` with a fresh salt.
Result<std::string> encrypt_backup(std::string_view plaintext, std::string_view passphrase,
                                   KdfCost cost = default_cost());
// The plaintext, or an Error: "wrong passphrase, or not a Cardex backup" when the key does not
// open it, and what else is wrong (unknown version, truncated, damaged) otherwise.
Result<std::string> decrypt_backup(std::string_view ciphertext, std::string_view passphrase);

}  // namespace cardex::client::backup
