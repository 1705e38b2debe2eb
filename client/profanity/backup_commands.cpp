// /card backup and /card restore [id]: the address book, encrypted with a passphrase, at the home
// card service (client/backup/). Profanity cannot ask for a secret without showing it, so the
// passphrase comes from $CARDEX_BACKUP_PASSPHRASE or from the file `backup-passphrase` in the
// cardex profile directory (its first line), which the user makes and keeps private.
#include <filesystem>

#include "client/backup/agent_transfer.hpp"
#include "client/backup/backup_file.hpp"
#include "client/backup/backup_transfer.hpp"
#include "client/backup/book_backup.hpp"
#include "client/profanity/card_plugin.hpp"
#include "client/profile/password.hpp"

namespace cardex::profanity {
namespace {

constexpr std::size_t kWindow = 8;

}  // namespace

std::optional<std::string> CardPlugin::backup_passphrase() {
    const auto file = profile_.dir() / "backup-passphrase";
    auto passphrase = client::profile::read_passphrase(
        std::filesystem::exists(file) ? file.string() : std::string(),
        client::profile::process_environment(), false, false);
    if (!passphrase) {
        report("no backup passphrase: put it in " + file.string() +
               " (first line), or set $CARDEX_BACKUP_PASSPHRASE before starting Profanity");
        return std::nullopt;
    }
    return std::move(passphrase).value();
}

void CardPlugin::backup_book() {
    auto passphrase = backup_passphrase();
    if (!passphrase) return;
    auto plaintext = client::backup::book_plaintext(*book_);
    if (!plaintext) return report("cannot read the address book: " + plaintext.error().message);
    auto sealed = client::backup::encrypt_backup(*plaintext, *passphrase);
    if (!sealed) return report("cannot encrypt the backup: " + sealed.error().message);
    auto ciphertext = std::make_shared<std::string>(std::move(sealed).value());
    report("backing up the address book...");
    with_home_service([this, ciphertext](const exchange::CardService& home) {
        const auto service = home.jid;
        client::backup::upload_with_agent(
            *agent_, service, std::move(*ciphertext),
            client::backup::chunk_bytes_for(home.info.limits), kWindow,
            [this, service](Result<protocol::BackupStored> stored) {
                if (!stored) return report("the backup failed: " + stored.error().message);
                report("backed up the address book to " + service.str() + " as backup " +
                       stored->backup.id + " (" + std::to_string(stored->backup.bytes) +
                       " bytes, encrypted).");
            });
    });
}

void CardPlugin::restore_book(const std::vector<std::string>& args) {
    if (args.size() > 1) return report("/card restore [<id>]");
    const std::string id = args.empty() ? std::string() : args.front();
    auto passphrase = backup_passphrase();
    if (!passphrase) return;
    with_home_service([this, id, passphrase](const exchange::CardService& home) {
        client::backup::download_with_agent(
            *agent_, home.jid, id, kWindow,
            [this, passphrase](Result<std::string> ciphertext, protocol::BackupInfo info) {
                if (!ciphertext)
                    return report("cannot download the backup: " + ciphertext.error().message);
                auto plaintext = client::backup::decrypt_backup(*ciphertext, *passphrase);
                if (!plaintext) return report(plaintext.error().message + "; nothing was restored");
                auto cards = client::backup::read_plaintext(*plaintext);
                if (!cards) return report(cards.error().message + "; nothing was restored");
                const std::size_t total = cards->size();
                auto restored = client::backup::restore_cards(*book_, std::move(cards).value(),
                                                              "backup " + info.id);
                if (!restored) return report(restored.error().message + "; nothing was restored");
                refresh_completions();
                report("restored " + std::to_string(total) + " contacts from backup " + info.id +
                       ": " + std::to_string(restored->created) + " new, " +
                       std::to_string(restored->merged) + " merged, " +
                       std::to_string(restored->unchanged) + " already there.");
            });
    });
}

}  // namespace cardex::profanity
