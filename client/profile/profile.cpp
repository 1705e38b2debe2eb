#include "client/profile/profile.hpp"

#include <sys/stat.h>
#include <toml++/toml.h>

#include <cstdlib>
#include <fstream>
#include <system_error>

#include "client/book/phone.hpp"
#include "core/config/toml_reader.hpp"

namespace cardex::client::profile {
namespace {

namespace fs = std::filesystem;
using namespace toml_reading;

std::optional<std::string> non_empty(const Environment& env, std::string_view name) {
    auto value = env(name);
    if (value && value->empty()) return std::nullopt;
    return value;
}

void read_account(const toml::table& t, AccountSettings& a, Problems& problems) {
    reject_unknown_keys(t, "account.",
                        {"jid", "password_file", "ca_file", "server", "service", "require_tls"},
                        problems);
    a.jid = read_string(t, "jid", "account.jid", a.jid, problems);
    a.password_file =
        read_string(t, "password_file", "account.password_file", a.password_file, problems);
    a.ca_file = read_string(t, "ca_file", "account.ca_file", a.ca_file, problems);
    a.server = read_string(t, "server", "account.server", a.server, problems);
    a.service = read_string(t, "service", "account.service", a.service, problems);
    a.require_tls = read_boolean(t, "require_tls", "account.require_tls", a.require_tls, problems);
}

void read_book(const toml::table& t, BookSettings& b, Problems& problems) {
    reject_unknown_keys(t, "book.",
                        {"region", "inbox", "me", "follow", "auto_backup", "auto_backup_minutes",
                         "backup_passphrase_file"},
                        problems);
    b.auto_backup = read_boolean(t, "auto_backup", "book.auto_backup", b.auto_backup, problems);
    b.auto_backup_minutes = static_cast<std::uint64_t>(
        read_integer(t, "auto_backup_minutes", "book.auto_backup_minutes",
                     static_cast<std::int64_t>(b.auto_backup_minutes), 0, 525600, problems));
    b.backup_passphrase_file =
        read_string(t, "backup_passphrase_file", "book.backup_passphrase_file",
                    b.backup_passphrase_file, problems);
    b.me = read_string(t, "me", "book.me", b.me, problems);
    if (const toml::node* node = t.get("follow")) {
        const auto v = node->value<std::string>();
        if (v && is_follow_choice(*v)) {
            b.follow = *v;
        } else {
            problems.add(node->source(), "book.follow", "must be \"on\", \"off\" or \"ask\"");
        }
    }
    if (const toml::node* node = t.get("region")) {
        const auto v = node->value<std::string>();
        if (v && (v->empty() || book::PhoneNormalizer::is_known_region(*v))) {
            b.region = *v;
        } else {
            problems.add(node->source(), "book.region",
                         "must be a region code such as \"DE\" or \"US\"");
        }
    }
    b.inbox = read_boolean(t, "inbox", "book.inbox", b.inbox, problems);
}

toml::table to_table(const Settings& s) {
    toml::table account;
    account.insert("jid", s.account.jid);
    if (!s.account.password_file.empty()) account.insert("password_file", s.account.password_file);
    if (!s.account.ca_file.empty()) account.insert("ca_file", s.account.ca_file);
    if (!s.account.server.empty()) account.insert("server", s.account.server);
    if (!s.account.service.empty()) account.insert("service", s.account.service);
    account.insert("require_tls", s.account.require_tls);
    toml::table book;
    if (!s.book.region.empty()) book.insert("region", s.book.region);
    book.insert("inbox", s.book.inbox);
    if (!s.book.me.empty()) book.insert("me", s.book.me);
    book.insert("follow", s.book.follow);
    book.insert("auto_backup", s.book.auto_backup);
    book.insert("auto_backup_minutes", static_cast<std::int64_t>(s.book.auto_backup_minutes));
    if (!s.book.backup_passphrase_file.empty())
        book.insert("backup_passphrase_file", s.book.backup_passphrase_file);
    toml::table root;
    root.insert("account", std::move(account));
    root.insert("book", std::move(book));
    return root;
}

}  // namespace

Environment process_environment() {
    return [](std::string_view name) -> std::optional<std::string> {
        const char* value = std::getenv(std::string(name).c_str());
        if (value == nullptr) return std::nullopt;
        return std::string(value);
    };
}

Result<fs::path> Profile::locate(const std::string& explicit_dir, const Environment& env) {
    if (!explicit_dir.empty()) return fs::path(explicit_dir);
    if (auto home = non_empty(env, "CARDEX_HOME")) return fs::path(*home);
    if (auto data = non_empty(env, "XDG_DATA_HOME")) return fs::path(*data) / "cardex";
    if (auto home = non_empty(env, "HOME")) return fs::path(*home) / ".local/share/cardex";
    return make_error("no profile directory: give --profile DIR or set $CARDEX_HOME");
}

Result<Profile> Profile::open(fs::path dir) {
    std::error_code ec;
    const bool existed = fs::is_directory(dir, ec);
    if (!existed) {
        fs::create_directories(dir, ec);
        if (ec) {
            return make_error("cannot create the profile directory " + dir.string() + ": " +
                              ec.message());
        }
        fs::permissions(dir, fs::perms::owner_all, fs::perm_options::replace, ec);
    }
    return Profile(std::move(dir));
}

Result<Settings> Profile::load() const {
    Settings settings;
    const fs::path path = config_path();
    std::error_code ec;
    if (!fs::exists(path, ec)) return settings;
    Problems problems(path.string());
    toml::table root;
    try {
        root = toml::parse_file(path.string());
    } catch (const toml::parse_error& e) {
        problems.add(e.source(), "syntax", e.description());
        return problems.error();
    }
    reject_unknown_keys(root, "", {"account", "book"}, problems);
    if (const toml::table* t = section(root, "account", problems))
        read_account(*t, settings.account, problems);
    if (const toml::table* t = section(root, "book", problems))
        read_book(*t, settings.book, problems);
    if (!problems.empty()) return problems.error();
    return settings;
}

Status Profile::save(const Settings& settings) const {
    const fs::path path = config_path();
    const fs::path temporary = path.string() + ".new";
    {
        std::ofstream out(temporary, std::ios::trunc);
        if (!out) return make_error("cannot write " + temporary.string());
        out << "# Cardex profile settings (cardex account set, cardex config).\n"
            << to_table(settings) << "\n";
        if (!out.flush()) return make_error("cannot write " + temporary.string());
    }
    ::chmod(temporary.c_str(), 0600);
    std::error_code ec;
    fs::rename(temporary, path, ec);
    if (ec) return make_error("cannot replace " + path.string() + ": " + ec.message());
    return Ok{};
}

Result<std::unique_ptr<book::AddressBook>> Profile::open_book(const BookSettings& book,
                                                              const Environment& env) const {
    book::BookOptions options;
    options.region = effective_region(book, env);
    options.inbox = book.inbox;
    return book::AddressBook::open(book_path(), std::move(options));
}

bool is_follow_choice(std::string_view text) {
    return text == "on" || text == "off" || text == "ask";
}

std::string effective_region(const BookSettings& book, const Environment& env) {
    if (!book.region.empty()) return book.region;
    for (const char* name : {"LC_ALL", "LC_CTYPE", "LANG"}) {
        if (auto value = non_empty(env, name)) return book::region_from_locale(*value);
    }
    return {};
}

}  // namespace cardex::client::profile
