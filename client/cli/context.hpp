// What every command of `cardex` works with: the global options, the profile and its
// settings, the address book (opened on first use), where output goes, and the exit code.
//
// Exit codes (also in `cardex --help`):
//   0 success   1 the operation failed (an import: not one card imported)   2 usage error
//   3 cannot log in   4 no such contact, or the name fits several
//   5 done, but some cards or files failed (import: not read; sync: not saved, still waiting
//   at the service)
#pragma once

#include <iostream>
#include <memory>
#include <optional>
#include <string>

#include "client/book/address_book.hpp"
#include "client/profile/profile.hpp"
#include "client/session/session.hpp"
#include "core/result.hpp"

namespace cardex::cli {

enum ExitCode : int {
    kOk = 0,
    kFailed = 1,
    kUsage = 2,
    kCannotLogIn = 3,
    kNoSuchContact = 4,
    kPartly = 5,
};

// Options given on the command line before the command; they override the profile's account.
struct GlobalOptions {
    std::string profile;
    std::string jid;
    std::string password_file;
    std::string ca_file;
    std::string server;
    std::string service;
    int timeout_s = 30;
    bool verbose = false;  // the XMPP session's progress on standard error
};

class Context {
  public:
    Context(std::ostream& out, std::ostream& err) : out(out), err(err) {}

    GlobalOptions options;
    std::ostream& out;
    std::ostream& err;
    int exit_code = kOk;
    bool interactive = false;  // inside `cardex shell`

    // Each opens on first use; an Error says why (and sets the exit code to kFailed).
    Result<client::profile::Profile*> profile();
    Result<client::profile::Settings*> settings();
    Result<client::book::AddressBook*> book();
    // The account with the global options applied.
    Result<client::profile::AccountSettings> account();
    // Session settings for the account, the password included.
    Result<client::SessionConfig> session_config();

    // Prints "cardex: <message>" on err and sets the exit code; returns it.
    int fail(const std::string& message, int code = kFailed);

  private:
    std::optional<client::profile::Profile> profile_;
    std::optional<client::profile::Settings> settings_;
    std::unique_ptr<client::book::AddressBook> book_;
};

}  // namespace cardex::cli
