// backup, backups, restore: the address book, encrypted with a passphrase on this device, at
// the home card service, which stores only ciphertext (client/backup/).
//
// An upload that is cut off (the connection or the program ends) is resumed by the next
// `cardex backup`: the ciphertext and the upload's id wait in the profile directory until the
// backup is committed, so the resumed backup is the book as it was when that backup began.
#include <sys/stat.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "client/backup/backup_file.hpp"
#include "client/backup/backup_transfer.hpp"
#include "client/backup/book_backup.hpp"
#include "client/cli/commands.hpp"
#include "client/cli/online.hpp"
#include "client/cli/output.hpp"
#include "client/profile/password.hpp"
#include "client/ui/table.hpp"

namespace cardex::cli {
namespace {

namespace backup = client::backup;
namespace fs = std::filesystem;

// The backup that is being uploaded: its ciphertext and, once the service gave one, its
// upload id.
struct PendingFiles {
    fs::path ciphertext;
    fs::path upload_id;
};

std::optional<PendingFiles> pending_files(Context& ctx) {
    auto profile = ctx.profile();
    if (!profile) {
        ctx.fail(profile.error().message);
        return std::nullopt;
    }
    const auto dir = (*profile)->dir();
    return PendingFiles{dir / "backup-upload.bin", dir / "backup-upload.id"};
}

std::optional<std::string> read_file(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) return std::nullopt;
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

std::string bytes_text(std::uint64_t bytes) {
    if (bytes < 10 * 1024) return std::to_string(bytes) + " bytes";
    if (bytes < 10 * 1024 * 1024) return std::to_string(bytes / 1024) + " KiB";
    return std::to_string(bytes / (1024 * 1024)) + " MiB";
}

// A new backup's ciphertext, kept in the profile until it is committed; nullopt after saying why.
// An automatic backup never asks for the passphrase.
std::optional<std::string> new_ciphertext(Context& ctx, const PendingFiles& files,
                                          const std::string& passphrase_file, bool automatic) {
    auto book = ctx.book();
    if (!book) {
        ctx.fail(book.error().message);
        return std::nullopt;
    }
    auto plaintext = backup::book_plaintext(**book);
    if (!plaintext) {
        ctx.fail("cannot read the address book: " + plaintext.error().message);
        return std::nullopt;
    }
    auto passphrase = client::profile::read_passphrase(
        passphrase_file, client::profile::process_environment(), !automatic, true);
    if (!passphrase) {
        ctx.fail(passphrase.error().message);
        return std::nullopt;
    }
    auto sealed = backup::encrypt_backup(*plaintext, *passphrase);
    if (!sealed) {
        ctx.fail("cannot encrypt the backup: " + sealed.error().message);
        return std::nullopt;
    }
    std::error_code ignored;
    fs::remove(files.upload_id, ignored);
    if (auto kept = write_file(files.ciphertext, *sealed, true); !kept) {
        ctx.fail(kept.error().message);
        return std::nullopt;
    }
    return std::move(sealed).value();
}

backup::TransferOptions transfer_options(const client::exchange::CardService& service) {
    backup::TransferOptions options;
    options.chunk_bytes = backup::chunk_bytes_for(service.info.limits);
    return options;
}

// The home service, when it offers backups; nullopt after saying why.
std::optional<client::exchange::CardService> backup_service(Context& ctx,
                                                            client::CardSession& session) {
    auto service = home_service(ctx, session);
    if (!service) return std::nullopt;
    if (service->answered && !service->info.features.backup) {
        ctx.fail(service->jid.str() + " does not offer backups");
        return std::nullopt;
    }
    return service;
}

int run_backup(Context& ctx, const std::string& passphrase_file, bool automatic = false) {
    auto files = pending_files(ctx);
    if (!files) return ctx.exit_code;
    auto ciphertext = read_file(files->ciphertext);
    std::optional<std::string> resume;
    if (ciphertext) {
        resume = read_file(files->upload_id);
        ctx.out << "Resuming the backup that was not finished (" << bytes_text(ciphertext->size())
                << ").\n";
    } else {
        ciphertext = new_ciphertext(ctx, *files, passphrase_file, automatic);
        if (!ciphertext) return ctx.exit_code;
    }
    auto session = go_online(ctx, false);
    if (!session) return ctx.exit_code;
    auto service = backup_service(ctx, *session);
    if (!service) return ctx.exit_code;
    auto stored = backup::upload_backup(
        *session, service->jid, *ciphertext, resume,
        [&](const std::string& id) { (void)write_file(files->upload_id, id, true); },
        transfer_options(*service));
    if (!stored)
        return ctx.fail("the backup is not finished: " + stored.error().message +
                        "; `cardex backup` resumes it");
    session->close();
    std::error_code ignored;
    fs::remove(files->upload_id, ignored);
    fs::remove(files->ciphertext, ignored);
    ctx.out << (automatic ? "Backed up automatically" : "Backed up") << " the address book to "
            << service->jid.str() << " as backup " << stored->backup.id << " ("
            << bytes_text(stored->backup.bytes) << ", encrypted).\n";
    return kOk;
}

// ---- automatic backups ----------------------------------------------------------------------

// What the last automatic backup saw: the book's last change, and when (seconds since 1970).
struct AutoBackupState {
    std::int64_t change = 0;
    std::int64_t at = 0;
};

fs::path auto_backup_state_path(Context& ctx) {
    auto profile = ctx.profile();
    return profile ? (*profile)->dir() / "auto-backup" : fs::path();
}

AutoBackupState read_auto_backup_state(const fs::path& path) {
    AutoBackupState state;
    std::ifstream in(path);
    in >> state.change >> state.at;
    return in ? state : AutoBackupState{};
}

std::int64_t seconds_now() {
    return std::chrono::duration_cast<std::chrono::seconds>(
               std::chrono::system_clock::now().time_since_epoch())
        .count();
}

int run_backups(Context& ctx) {
    auto session = go_online(ctx, false);
    if (!session) return ctx.exit_code;
    auto service = backup_service(ctx, *session);
    if (!service) return ctx.exit_code;
    auto listed = backup::list_backups(*session, service->jid);
    if (!listed) return ctx.fail(listed.error().message);
    session->close();
    if (listed->backups.empty()) {
        ctx.out << "No backups at " << service->jid.str() << " yet (`cardex backup` makes one).\n";
        return kOk;
    }
    client::ui::Table table;
    table.add_column("id");
    table.add_column("stored");
    table.add_column("size", client::ui::Align::right);
    for (const auto& b : listed->backups)
        table.add_row({b.id, protocol::format_timestamp_for_people(b.stamp), bytes_text(b.bytes)});
    ctx.out << table.render();
    return kOk;
}

int run_restore(Context& ctx, const std::string& id, const std::string& passphrase_file) {
    auto book = ctx.book();
    if (!book) return ctx.fail(book.error().message);
    auto session = go_online(ctx, false);
    if (!session) return ctx.exit_code;
    auto service = backup_service(ctx, *session);
    if (!service) return ctx.exit_code;
    auto listed = backup::list_backups(*session, service->jid);
    if (!listed) return ctx.fail(listed.error().message);
    const protocol::BackupInfo* chosen = nullptr;
    for (const auto& b : listed->backups) {
        if (id.empty() || b.id == id) {
            chosen = &b;
            break;
        }
    }
    if (chosen == nullptr) {
        return ctx.fail(id.empty() ? "there are no backups at " + service->jid.str()
                                   : "there is no backup " + id + " at " + service->jid.str() +
                                         " (`cardex backups` lists them)");
    }
    auto ciphertext =
        backup::download_backup(*session, service->jid, *chosen, transfer_options(*service));
    if (!ciphertext) return ctx.fail("cannot download the backup: " + ciphertext.error().message);
    session->close();
    auto passphrase = client::profile::read_passphrase(
        passphrase_file, client::profile::process_environment(), true, false);
    if (!passphrase) return ctx.fail(passphrase.error().message);
    auto plaintext = backup::decrypt_backup(*ciphertext, *passphrase);
    if (!plaintext) return ctx.fail(plaintext.error().message + "; nothing was restored");
    auto cards = backup::read_plaintext(*plaintext);
    if (!cards) return ctx.fail(cards.error().message + "; nothing was restored");
    const std::size_t total = cards->size();
    auto restored = backup::restore_cards(**book, std::move(cards).value(), "backup " + chosen->id);
    if (!restored) return ctx.fail(restored.error().message + "; nothing was restored");
    ctx.out << "Restored " << total << " contacts from backup " << chosen->id << " of "
            << protocol::format_timestamp_for_people(chosen->stamp) << ": " << restored->created
            << " new, " << restored->merged << " merged into existing ones, " << restored->unchanged
            << " already there.\n";
    return kOk;
}

}  // namespace

void maybe_auto_backup(Context& ctx, const std::string& command) {
    if (command == "backup" || command == "restore" || command == "backups" || command.empty())
        return;
    if (ctx.exit_code != kOk && ctx.exit_code != kPartly) return;
    auto settings = ctx.settings();
    if (!settings || !(*settings)->book.auto_backup) return;
    const auto& book_settings = (*settings)->book;
    auto book = ctx.book();
    if (!book) return;
    auto change = (*book)->last_change();
    const fs::path state_path = auto_backup_state_path(ctx);
    if (!change || state_path.empty()) return;
    const AutoBackupState last = read_auto_backup_state(state_path);
    if (*change <= last.change) return;  // nothing changed since
    const auto quiet = static_cast<std::int64_t>(book_settings.auto_backup_minutes) * 60;
    if (seconds_now() - last.at < quiet) return;  // a later command backs these changes up
    const int code = ctx.exit_code;
    if (run_backup(ctx, book_settings.backup_passphrase_file, true) == kOk) {
        (void)write_file(
            state_path, std::to_string(*change) + " " + std::to_string(seconds_now()) + "\n", true);
    } else {
        ctx.err << "cardex: the automatic backup failed (above); the next command tries again, "
                   "or `cardex backup`\n";
    }
    ctx.exit_code = code;  // the command's own outcome
}

void add_backup_commands(CLI::App& app, Context& ctx) {
    auto passphrase_file = std::make_shared<std::string>();
    auto id = std::make_shared<std::string>();

    auto* backup = app.add_subcommand(
        "backup", "Back up the address book, encrypted with a passphrase, to your card service");
    backup
        ->add_option("--passphrase-file", *passphrase_file,
                     "File whose first line is the passphrase (else asked, or "
                     "$CARDEX_BACKUP_PASSPHRASE)")
        ->type_name("FILE");
    backup->callback(
        [&ctx, passphrase_file] { ctx.exit_code = run_backup(ctx, *passphrase_file); });

    app.add_subcommand("backups", "List your backups at your card service")->callback([&ctx] {
        ctx.exit_code = run_backups(ctx);
    });

    auto* restore = app.add_subcommand(
        "restore", "Restore backup ID (default: the newest), merged into the address book");
    allow_dash_ids(*restore);
    restore->add_option("ID", *id, "The backup's id, as `cardex backups` lists it");
    restore
        ->add_option("--passphrase-file", *passphrase_file,
                     "File whose first line is the passphrase (else asked, or "
                     "$CARDEX_BACKUP_PASSPHRASE)")
        ->type_name("FILE");
    restore->callback([&ctx, restore, id, passphrase_file] {
        auto chosen = id_argument(ctx, *restore, *id, false);
        if (!chosen) return;
        ctx.exit_code = run_restore(ctx, *chosen, *passphrase_file);
    });
}

}  // namespace cardex::cli
