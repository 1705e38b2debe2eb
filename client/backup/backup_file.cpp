#include "client/backup/backup_file.hpp"

#include <sodium.h>

#include <array>
#include <cstring>

namespace cardex::client::backup {
namespace {

constexpr std::size_t kAdditionalBytes = 40;  // magic .. salt
constexpr std::uint8_t kArgon2id13 = 2;
constexpr std::size_t kCipherMessageBytes =
    kMessageBytes + crypto_secretstream_xchacha20poly1305_ABYTES;
// Beyond these a backup would make the reader exhaust the device: refused, not tried.
constexpr std::uint64_t kMaxMemory = std::uint64_t{1} << 30;
constexpr std::uint32_t kMaxPasses = 16;

static_assert(crypto_pwhash_SALTBYTES == 16);
static_assert(crypto_secretstream_xchacha20poly1305_HEADERBYTES == 24);
static_assert(kAdditionalBytes + crypto_secretstream_xchacha20poly1305_HEADERBYTES == kHeaderBytes);

using Key = std::array<unsigned char, crypto_secretstream_xchacha20poly1305_KEYBYTES>;

const unsigned char* bytes(std::string_view s) {
    return reinterpret_cast<const unsigned char*>(s.data());
}
unsigned char* bytes(std::string& s) {
    return reinterpret_cast<unsigned char*>(s.data());
}

void put_be(std::string& out, std::size_t at, std::uint64_t value, std::size_t size) {
    for (std::size_t i = 0; i < size; ++i)
        out[at + i] = static_cast<char>((value >> (8 * (size - 1 - i))) & 0xFF);
}
std::uint64_t get_be(std::string_view in, std::size_t at, std::size_t size) {
    std::uint64_t value = 0;
    for (std::size_t i = 0; i < size; ++i)
        value = (value << 8) | static_cast<unsigned char>(in[at + i]);
    return value;
}

Status ready() {
    if (sodium_init() < 0) return make_error("the cryptography library (libsodium) cannot start");
    return Ok{};
}

// The key from the passphrase with the cost and salt of `header`; wiped by the caller.
Status derive(Key& key, std::string_view passphrase, std::string_view header) {
    const auto passes = static_cast<unsigned long long>(get_be(header, 12, 4));
    const auto memory = static_cast<std::size_t>(get_be(header, 16, 8));
    if (crypto_pwhash(key.data(), key.size(), passphrase.data(), passphrase.size(),
                      bytes(header.substr(24, crypto_pwhash_SALTBYTES)), passes, memory,
                      crypto_pwhash_ALG_ARGON2ID13) != 0) {
        return make_error("deriving the key needs " + std::to_string(memory >> 20) +
                          " MiB of memory, which this device could not provide");
    }
    return Ok{};
}

Status check_header(std::string_view c) {
    if (c.size() < kHeaderBytes || c.substr(0, kMagic.size()) != kMagic)
        return make_error("wrong passphrase, or not a Cardex backup (it does not begin with " +
                          std::string(kMagic) + ")");
    if (static_cast<std::uint8_t>(c[8]) != kFormatVersion)
        return make_error("this backup has format version " +
                          std::to_string(static_cast<unsigned>(static_cast<std::uint8_t>(c[8]))) +
                          ", which this cardex cannot read (it reads version " +
                          std::to_string(kFormatVersion) + ")");
    if (static_cast<std::uint8_t>(c[9]) != kArgon2id13)
        return make_error("this backup derives its key with an unknown method (" +
                          std::to_string(static_cast<unsigned>(static_cast<std::uint8_t>(c[9]))) +
                          ")");
    const auto passes = get_be(c, 12, 4);
    const auto memory = get_be(c, 16, 8);
    if (passes < 1 || passes > kMaxPasses || memory < 8192 || memory > kMaxMemory ||
        memory % 1024 != 0) {
        return make_error("this backup asks for " + std::to_string(passes) + " passes over " +
                          std::to_string(memory >> 20) +
                          " MiB to derive its key; cardex accepts 1 to " +
                          std::to_string(kMaxPasses) + " passes and at most " +
                          std::to_string(kMaxMemory >> 20) + " MiB");
    }
    return Ok{};
}

}  // namespace

KdfCost default_cost() {
    return {static_cast<std::uint32_t>(crypto_pwhash_OPSLIMIT_INTERACTIVE),
            static_cast<std::uint64_t>(crypto_pwhash_MEMLIMIT_INTERACTIVE)};
}

Result<std::string> encrypt_backup(std::string_view plaintext, std::string_view passphrase,
                                   KdfCost cost) {
    if (auto ok = ready(); !ok) return ok.error();
    const std::size_t messages = plaintext.size() / kMessageBytes + 1;
    std::string out(kHeaderBytes, '\0');
    out.reserve(kHeaderBytes + plaintext.size() +
                messages * crypto_secretstream_xchacha20poly1305_ABYTES);
    std::memcpy(out.data(), kMagic.data(), kMagic.size());
    out[8] = static_cast<char>(kFormatVersion);
    out[9] = static_cast<char>(kArgon2id13);
    put_be(out, 12, cost.passes, 4);
    put_be(out, 16, cost.memory, 8);
    randombytes_buf(bytes(out) + 24, crypto_pwhash_SALTBYTES);
    if (auto ok = check_header(out); !ok) return ok.error();

    Key key{};
    if (auto ok = derive(key, passphrase, out); !ok) return ok.error();
    crypto_secretstream_xchacha20poly1305_state state;
    crypto_secretstream_xchacha20poly1305_init_push(&state, bytes(out) + kAdditionalBytes,
                                                    key.data());
    sodium_memzero(key.data(), key.size());
    for (std::size_t i = 0; i < messages; ++i) {
        const auto part =
            plaintext.substr(std::min(plaintext.size(), i * kMessageBytes), kMessageBytes);
        const bool last = i + 1 == messages;
        const std::size_t at = out.size();
        out.resize(at + part.size() + crypto_secretstream_xchacha20poly1305_ABYTES);
        crypto_secretstream_xchacha20poly1305_push(
            &state, bytes(out) + at, nullptr, bytes(part), part.size(), bytes(out),
            kAdditionalBytes,
            last ? crypto_secretstream_xchacha20poly1305_TAG_FINAL
                 : crypto_secretstream_xchacha20poly1305_TAG_MESSAGE);
    }
    sodium_memzero(&state, sizeof state);
    return out;
}

Result<std::string> decrypt_backup(std::string_view c, std::string_view passphrase) {
    if (auto ok = ready(); !ok) return ok.error();
    if (auto ok = check_header(c); !ok) return ok.error();
    Key key{};
    if (auto ok = derive(key, passphrase, c); !ok) return ok.error();
    crypto_secretstream_xchacha20poly1305_state state;
    const int init = crypto_secretstream_xchacha20poly1305_init_pull(
        &state, bytes(c) + kAdditionalBytes, key.data());
    sodium_memzero(key.data(), key.size());
    if (init != 0) return make_error("wrong passphrase, or not a Cardex backup");

    std::string plaintext;
    plaintext.reserve(c.size());
    std::size_t at = kHeaderBytes;
    for (std::size_t message = 0;; ++message) {
        const auto part = c.substr(at, kCipherMessageBytes);
        if (part.size() < crypto_secretstream_xchacha20poly1305_ABYTES)
            return make_error("the backup is truncated: it ends without its last message");
        const std::size_t start = plaintext.size();
        plaintext.resize(start + part.size() - crypto_secretstream_xchacha20poly1305_ABYTES);
        unsigned char tag = 0;
        if (crypto_secretstream_xchacha20poly1305_pull(&state, bytes(plaintext) + start, nullptr,
                                                       &tag, bytes(part), part.size(), bytes(c),
                                                       kAdditionalBytes) != 0) {
            sodium_memzero(plaintext.data(), plaintext.size());
            if (message == 0) return make_error("wrong passphrase, or not a Cardex backup");
            return make_error("the backup is damaged: its part " + std::to_string(message + 1) +
                              " does not authenticate");
        }
        at += part.size();
        if (tag == crypto_secretstream_xchacha20poly1305_TAG_FINAL) break;
    }
    sodium_memzero(&state, sizeof state);
    if (at != c.size()) {
        sodium_memzero(plaintext.data(), plaintext.size());
        return make_error("the backup is damaged: " + std::to_string(c.size() - at) +
                          " bytes follow its last message");
    }
    return plaintext;
}

}  // namespace cardex::client::backup
