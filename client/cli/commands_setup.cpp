// account set, account show, account test, config.
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <optional>

#include "client/book/phone.hpp"
#include "client/cli/commands.hpp"
#include "client/cli/online.hpp"
#include "core/xmpp/jid.hpp"

namespace cardex::cli {
namespace {

using client::profile::AccountSettings;

struct AccountOptions {
    std::string jid, password_file, ca_file, server, service;
};

// A file the account names must be there and readable when it is set, not at the first login.
std::optional<std::string> unreadable(const std::string& option, const std::string& path) {
    if (path.empty()) return std::nullopt;
    std::error_code ec;
    if (!std::filesystem::exists(path, ec)) return option + ": " + path + " does not exist";
    if (std::filesystem::is_directory(path, ec)) return option + ": " + path + " is a directory";
    if (::access(path.c_str(), R_OK) != 0)
        return option + ": " + path + " cannot be read: " + std::strerror(errno);
    return std::nullopt;
}

std::string absolute(const std::string& path) {
    if (path.empty()) return path;
    std::error_code ec;
    auto abs = std::filesystem::absolute(path, ec);
    return ec ? path : abs.lexically_normal().string();
}

int run_account_set(Context& ctx, const AccountOptions& o) {
    auto jid = xmpp::Jid::parse(o.jid);
    if (!jid || jid->local.empty() || !jid->resource.empty())
        return ctx.fail("--jid: '" + o.jid + "' is not an account (user@domain)", kUsage);
    if (!o.service.empty()) {
        auto service = xmpp::Jid::parse(o.service);
        if (!service || !service->local.empty() || !service->resource.empty())
            return ctx.fail("--service: '" + o.service + "' is not a service address", kUsage);
    }
    for (const auto& problem :
         {unreadable("--password-file", o.password_file), unreadable("--ca-file", o.ca_file)}) {
        if (problem) return ctx.fail(*problem + "; nothing was saved", kUsage);
    }
    auto profile = ctx.profile();
    if (!profile) return ctx.fail(profile.error().message);
    auto settings = ctx.settings();
    if (!settings) return ctx.fail(settings.error().message);
    AccountSettings& a = (*settings)->account;
    if (a.jid != jid->bare_str()) a = AccountSettings{};  // another account: start afresh
    a.jid = jid->bare_str();
    if (!o.password_file.empty()) a.password_file = absolute(o.password_file);
    if (!o.ca_file.empty()) a.ca_file = absolute(o.ca_file);
    if (!o.server.empty()) a.server = o.server;
    if (!o.service.empty()) a.service = o.service;
    if (auto ok = (*profile)->save(**settings); !ok) return ctx.fail(ok.error().message);
    ctx.out << "Account " << a.jid << " saved in " << (*profile)->config_path().string() << ".\n";
    if (a.password_file.empty())
        ctx.out << "The password will be taken from $CARDEX_PASSWORD or asked for.\n";
    ctx.out << "`cardex account test` logs in once to check it.\n";
    return kOk;
}

// Logs in and finds the card service, saying what worked; nothing else is done.
int run_account_test(Context& ctx) {
    auto session = go_online(ctx, false);
    if (!session) return ctx.exit_code;
    ctx.out << "Logged in as " << session->jid().str() << ".\n";
    auto service = home_service(ctx, *session);
    if (!service) return ctx.exit_code;
    ctx.out << "Card service: " << service->jid.str()
            << (service->answered ? "" : " (not answering right now)") << ".\n";
    session->close();
    return kOk;
}

int run_account_show(Context& ctx) {
    auto settings = ctx.settings();
    if (!settings) return ctx.fail(settings.error().message);
    const AccountSettings& a = (*settings)->account;
    if (a.jid.empty()) {
        ctx.out << "No account yet: `cardex account set --jid user@domain`.\n";
        return kOk;
    }
    ctx.out << "account        " << a.jid << "\n"
            << "password file  "
            << (a.password_file.empty() ? "(none: $CARDEX_PASSWORD or asked)" : a.password_file)
            << "\n"
            << "CA file        " << (a.ca_file.empty() ? "(the system's)" : a.ca_file) << "\n"
            << "server         " << (a.server.empty() ? "(found by DNS)" : a.server) << "\n"
            << "card service   " << (a.service.empty() ? "(found by disco)" : a.service) << "\n";
    return kOk;
}

struct ConfigOptions {
    std::optional<std::string> region;
    std::optional<std::string> inbox;
    std::optional<std::string> follow;
    std::optional<std::string> auto_backup;
    std::optional<std::uint64_t> auto_backup_minutes;
    std::optional<std::string> backup_passphrase_file;
};

int run_config(Context& ctx, const ConfigOptions& o) {
    auto profile = ctx.profile();
    if (!profile) return ctx.fail(profile.error().message);
    auto settings = ctx.settings();
    if (!settings) return ctx.fail(settings.error().message);
    auto& book = (*settings)->book;
    if (o.region) {
        if (!o.region->empty() && !client::book::PhoneNormalizer::is_known_region(*o.region))
            return ctx.fail("--region: '" + *o.region + "' is not a region code such as DE or US",
                            kUsage);
        book.region = *o.region;
    }
    if (o.inbox) {
        if (*o.inbox != "on" && *o.inbox != "off")
            return ctx.fail("--inbox: say on or off", kUsage);
        book.inbox = *o.inbox == "on";
    }
    if (o.follow) {
        if (!client::profile::is_follow_choice(*o.follow))
            return ctx.fail("--follow: say on, off or ask", kUsage);
        book.follow = *o.follow;
    }
    if (o.auto_backup) {
        if (*o.auto_backup != "on" && *o.auto_backup != "off")
            return ctx.fail("--auto-backup: say on or off", kUsage);
        book.auto_backup = *o.auto_backup == "on";
    }
    if (o.auto_backup_minutes) book.auto_backup_minutes = *o.auto_backup_minutes;
    if (o.backup_passphrase_file) {
        std::error_code error;
        const auto absolute = std::filesystem::absolute(*o.backup_passphrase_file, error);
        if (!o.backup_passphrase_file->empty() && !std::filesystem::is_regular_file(absolute))
            return ctx.fail("--backup-passphrase-file: no file '" + *o.backup_passphrase_file + "'",
                            kUsage);
        book.backup_passphrase_file = o.backup_passphrase_file->empty() ? "" : absolute.string();
    }
    const bool backups = o.auto_backup || o.auto_backup_minutes || o.backup_passphrase_file;
    if (o.region || o.inbox || o.follow || backups) {
        if (auto ok = (*profile)->save(**settings); !ok) return ctx.fail(ok.error().message);
    }
    const std::string region = effective_region(book, client::profile::process_environment());
    ctx.out << "region  " << (book.region.empty() ? "(from the locale) " : "")
            << (region.empty() ? "none: only numbers with a country code are compared" : region)
            << "\n"
            << "inbox   "
            << (book.inbox ? "on: received cards wait for `cardex accept`"
                           : "off: received cards are merged at once")
            << "\n"
            << "follow  "
            << (book.follow == "on"    ? "on: cards of a card set are followed; new versions come "
                                         "as updates (`cardex unfollow CONTACT` stops them)"
                : book.follow == "off" ? "off: cards of a card set are not followed"
                                       : "ask: cardex asks for each card of a card set")
            << "\n"
            << "backup  "
            << (book.auto_backup
                    ? "automatic: after a change, at most every " +
                          std::to_string(book.auto_backup_minutes) + " minutes, passphrase from " +
                          (book.backup_passphrase_file.empty() ? "$CARDEX_BACKUP_PASSPHRASE"
                                                               : book.backup_passphrase_file)
                    : std::string("when you say `cardex backup`"))
            << "\n";
    return kOk;
}

}  // namespace

void add_setup_commands(CLI::App& app, Context& ctx) {
    auto* account = app.add_subcommand("account", "Set or show the XMPP account");
    account->require_subcommand(1);
    auto o = std::make_shared<AccountOptions>();
    auto* set = account->add_subcommand("set", "Set the account (kept in the profile)");
    set->add_option("--jid", o->jid, "Your XMPP address, user@domain")->required();
    set->add_option("--password-file", o->password_file,
                    "File whose first line is the password (else $CARDEX_PASSWORD, else asked)");
    set->add_option("--ca-file", o->ca_file, "CA certificates to verify the server with");
    set->add_option("--server", o->server, "Connect to HOST[:PORT] instead of the DNS lookup");
    set->add_option("--service", o->service, "Your card service (default: found by disco)");
    set->callback([&ctx, o] { ctx.exit_code = run_account_set(ctx, *o); });
    auto* show = account->add_subcommand("show", "Show the account (never the password)");
    show->callback([&ctx] { ctx.exit_code = run_account_show(ctx); });
    auto* test = account->add_subcommand(
        "test", "Log in once and find the card service, to check the account (-v shows how)");
    test->callback([&ctx] { ctx.exit_code = run_account_test(ctx); });

    auto c = std::make_shared<ConfigOptions>();
    auto* config = app.add_subcommand("config", "Set or show how received cards are stored");
    config->add_option("--region", c->region,
                       "Region for phone numbers without a country code, e.g. DE");
    config->add_option("--inbox", c->inbox, "on: keep received cards apart until accepted");
    config->add_option("--auto-backup", c->auto_backup,
                       "on: back the book up by itself after it changed (needs a passphrase "
                       "file or $CARDEX_BACKUP_PASSPHRASE)");
    config->add_option("--auto-backup-minutes", c->auto_backup_minutes,
                       "At most one automatic backup in this many minutes (default 10; 0: after "
                       "every change)");
    config->add_option("--backup-passphrase-file", c->backup_passphrase_file,
                       "File whose first line is the backup passphrase, for automatic backups "
                       "(kept in the profile as a path; empty: none)");
    config->add_option("--follow", c->follow,
                       "on, off or ask: follow the card set a received card comes from, so that "
                       "its new versions arrive as updates");
    config->callback([&ctx, c] { ctx.exit_code = run_config(ctx, *c); });
}

}  // namespace cardex::cli
