// scripts/bench backup: a backup and a restore of an address book of generated contacts with
// photos (10,000 by default), stage by stage, next to the raw transfer of the same number of
// bytes through the same chunked requests: what the book, the encryption and the merge cost
// on top of moving the bytes. Without --accounts only the stages on this machine are timed.
#include <CLI/CLI.hpp>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <random>

#include "bench/card_generator.hpp"
#include "bench/federation_accounts.hpp"
#include "client/backup/backup_file.hpp"
#include "client/backup/backup_transfer.hpp"
#include "client/backup/book_backup.hpp"
#include "client/book/address_book.hpp"
#include "client/session/card_session.hpp"
#include "core/vcard/text_codecs.hpp"

namespace cardex::bench {
namespace {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

double since(Clock::time_point start) {
    return std::chrono::duration<double>(Clock::now() - start).count();
}

template <class T>
T must(Result<T> r, const char* what) {
    if (!r) {
        std::fprintf(stderr, "backup_bench: %s: %s\n", what, r.error().message.c_str());
        std::exit(1);
    }
    return std::move(r).value();
}

// Generated cards, each with a photo of about 2 KB that does not compress.
std::vector<vcard::Card> cards_with_photos(std::size_t count) {
    auto cards = generate_cards(count, 16);
    std::mt19937 random(16);
    for (auto& card : cards) {
        card.remove("PHOTO");
        std::string photo("\xFF\xD8\xFF\xE0", 4);
        for (int i = 0; i < 2000; ++i)
            photo.push_back(static_cast<char>(random() & 0xFF));
        card.add(
            {{}, "PHOTO", {}, "uri", {{"data:image/jpeg;base64," + vcard::encode_base64(photo)}}});
    }
    return cards;
}

std::unique_ptr<client::book::AddressBook> open_book(const fs::path& path) {
    fs::remove(path);
    return must(client::book::AddressBook::open(path, {}), "opening a book");
}

client::SessionConfig account(const FederationAccounts& accounts) {
    client::SessionConfig config;
    config.jid = accounts.get("ALICE_JID");
    config.password = accounts.get("ALICE_PASSWORD");
    config.ca_file = accounts.get("CA_FILE");
    config.server_host = accounts.get("A_HOST");
    config.server_port = 5222;
    return config;
}

void row(const char* stage, double seconds, std::uint64_t bytes) {
    std::printf("  %-34s %8.2f s  %8.1f MiB/s\n", stage, seconds,
                seconds > 0 ? static_cast<double>(bytes) / (1 << 20) / seconds : 0.0);
}

}  // namespace
}  // namespace cardex::bench

int main(int argc, char** argv) {
    using namespace cardex;
    using namespace cardex::bench;
    CLI::App app("Backup and restore of an address book, next to the raw transfer");
    std::size_t contacts = 10000;
    std::string accounts_file;
    std::string work_dir = "backup-bench";
    app.add_option("--contacts", contacts, "Contacts in the book")->default_val(10000);
    app.add_option("--accounts", accounts_file, "The federation's accounts.env (else offline)");
    app.add_option("--work-dir", work_dir, "Where the books are written");
    CLI11_PARSE(app, argc, argv);
    fs::create_directories(work_dir);

    auto book = open_book(fs::path(work_dir) / "book.db");
    auto cards = cards_with_photos(contacts);
    must(book->transaction([&]() -> Status {
        for (auto& c : cards)
            if (auto s = book->merge(std::move(c), client::book::Origin::user("bench")); !s)
                return s.error();
        return Ok{};
    }),
         "filling the book");
    std::printf("backup of %zu contacts with photos\n", contacts);

    auto start = Clock::now();
    const auto plaintext = must(client::backup::book_plaintext(*book), "the plaintext");
    row("book to xCard document", since(start), plaintext.size());
    start = Clock::now();
    const auto ciphertext =
        must(client::backup::encrypt_backup(plaintext, "bench passphrase"), "encrypting");
    row("Argon2id + encryption", since(start), ciphertext.size());

    std::string downloaded = ciphertext;
    if (!accounts_file.empty()) {
        const auto accounts = must(FederationAccounts::load(accounts_file), "accounts");
        auto net_book = open_book(fs::path(work_dir) / "session.db");
        client::CardSession session(account(accounts), *net_book);
        if (auto ok = session.connect(false); !ok) must(Result<int>(ok.error()), "logging in");
        const auto service = *xmpp::Jid::parse(accounts.get("A_SERVICE"));
        client::backup::TransferOptions options;
        start = Clock::now();
        const auto stored = must(
            client::backup::upload_backup(session, service, ciphertext, std::nullopt, {}, options),
            "uploading");
        const double up = since(start);
        start = Clock::now();
        downloaded = must(client::backup::download_backup(session, service, stored.backup, options),
                          "downloading");
        const double down = since(start);
        // The same number of random bytes through the same requests: the raw transfer.
        std::string raw(ciphertext.size(), '\0');
        std::mt19937 random(7);
        for (auto& b : raw)
            b = static_cast<char>(random() & 0xFF);
        start = Clock::now();
        const auto raw_stored =
            must(client::backup::upload_backup(session, service, raw, std::nullopt, {}, options),
                 "uploading raw bytes");
        const double raw_up = since(start);
        start = Clock::now();
        must(client::backup::download_backup(session, service, raw_stored.backup, options),
             "downloading raw bytes");
        const double raw_down = since(start);
        session.close();
        row("upload (chunks through Prosody)", up, ciphertext.size());
        row("  raw upload of as many bytes", raw_up, raw.size());
        row("download", down, ciphertext.size());
        row("  raw download of as many bytes", raw_down, raw.size());
    }

    start = Clock::now();
    const auto opened =
        must(client::backup::decrypt_backup(downloaded, "bench passphrase"), "decrypting");
    row("Argon2id + decryption", since(start), opened.size());
    start = Clock::now();
    auto restored_cards = must(client::backup::read_plaintext(opened), "reading");
    auto fresh = open_book(fs::path(work_dir) / "restored.db");
    const auto count = must(
        client::backup::restore_cards(*fresh, std::move(restored_cards), "bench"), "restoring");
    row("xCard document into an empty book", since(start), opened.size());
    std::printf("ciphertext %.1f MiB; restored %zu contacts\n",
                static_cast<double>(ciphertext.size()) / (1 << 20), count.created);
    return count.created == contacts ? 0 : 1;
}
