// A profile: the directory that holds one user's address book, settings and shell history.
//
// Where it is: --profile DIR, else $CARDEX_HOME, else $XDG_DATA_HOME/cardex, else
// $HOME/.local/share/cardex. It is created (mode 0700) on first use.
//
//   book.db         the address book (client/book)
//   config.toml     the settings below, written by `cardex account set` and `cardex config`
//   shell_history   the interactive shell's history
#pragma once

#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "client/book/address_book.hpp"
#include "core/result.hpp"

namespace cardex::client::profile {

// The account the client logs in with. The password itself is never stored here.
struct AccountSettings {
    std::string jid;            // user@domain
    std::string password_file;  // a file whose first line is the password; may be empty
    std::string ca_file;        // CA certificates to verify the server with; empty: the system's
    std::string server;         // HOST[:PORT] to connect to instead of the DNS lookup; may be empty
    std::string service;        // the home card service, instead of finding it by disco
    bool require_tls = true;

    friend bool operator==(const AccountSettings&, const AccountSettings&) = default;
};

struct BookSettings {
    // ISO 3166-1 region for telephone numbers written without a country code ("DE"); empty:
    // the region of the locale ($LC_ALL, $LC_CTYPE, $LANG), if it has one.
    std::string region;
    bool inbox = false;  // keep received cards apart until they are accepted
    std::string me;      // the UID of the contact that is the user's own card
    // Whether a card received from a card set is followed (its new versions come as updates):
    // "on", "off", or "ask" (cardex asks on a terminal; elsewhere it is not followed).
    std::string follow = "on";
    // Back the book up by itself after it changed, at most once in `auto_backup_minutes`
    // (0: after every command that changed it), with the passphrase in
    // `backup_passphrase_file` (else $CARDEX_BACKUP_PASSPHRASE): it never asks.
    bool auto_backup = false;
    std::uint64_t auto_backup_minutes = 10;
    std::string backup_passphrase_file;

    friend bool operator==(const BookSettings&, const BookSettings&) = default;
};

struct Settings {
    AccountSettings account;
    BookSettings book;

    friend bool operator==(const Settings&, const Settings&) = default;
};

// Environment lookups go through this, so that tests can hand in their own.
using Environment = std::function<std::optional<std::string>(std::string_view name)>;
Environment process_environment();

class Profile {
  public:
    // The directory the rules above choose; an Error when none can be chosen (no $HOME).
    static Result<std::filesystem::path> locate(const std::string& explicit_dir,
                                                const Environment& env);
    // Creates the directory (0700) if needed.
    static Result<Profile> open(std::filesystem::path dir);

    const std::filesystem::path& dir() const { return dir_; }
    std::filesystem::path book_path() const { return dir_ / "book.db"; }
    std::filesystem::path config_path() const { return dir_ / "config.toml"; }
    std::filesystem::path history_path() const { return dir_ / "shell_history"; }

    // Missing file: the defaults. A file that does not parse, or has a key of the wrong type,
    // is an Error naming the file, the key and the problem.
    Result<Settings> load() const;
    // Writes config.toml (mode 0600) through a temporary file and a rename.
    Status save(const Settings& settings) const;

    // The profile's address book, opened with the options `book` gives (effective_region(),
    // the inbox switch).
    Result<std::unique_ptr<book::AddressBook>> open_book(const BookSettings& book,
                                                         const Environment& env) const;

  private:
    explicit Profile(std::filesystem::path dir) : dir_(std::move(dir)) {}
    std::filesystem::path dir_;
};

// "on", "off" or "ask": the values of BookSettings::follow.
bool is_follow_choice(std::string_view text);

// The region telephone numbers default to: the configured one, else the locale's.
std::string effective_region(const BookSettings& book, const Environment& env);

}  // namespace cardex::client::profile
