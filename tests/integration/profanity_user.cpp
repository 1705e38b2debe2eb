#include "tests/integration/profanity_user.hpp"

#include <fstream>
#include <iostream>
#include <sstream>

#include "core/text/ascii.hpp"
#include "tests/integration/federation_env.hpp"
#include "tests/integration/process.hpp"

namespace cardex::testing {
namespace {

namespace fs = std::filesystem;
using namespace std::chrono_literals;

// What Profanity 0.13.1 prints in its console when a login fails, and when the server's
// certificate does not verify (it then asks for `/tls allow`, which a test never types).
constexpr const char* kLoginFailed = "Login failed.";
constexpr const char* kCertificateFailed = "TLS certificate verification failed";

fs::path fresh_home(const std::string& user) {
    fs::path dir = fresh_directory("profanity-" + user);
    fs::permissions(dir, fs::perms::owner_all);
    return dir;
}

// Profanity creates its files readable by their owner only; ours hold a password.
void write_private_file(const fs::path& path, const std::string& content) {
    fs::create_directories(path.parent_path());
    std::ofstream(path) << content;
    fs::permissions(path, fs::perms::owner_read | fs::perms::owner_write);
}

// A value for a GLib key file: backslashes are escapes there, and leading blanks are dropped
// unless escaped.
std::string key_file_value(const std::string& value) {
    std::string out;
    for (char c : value)
        out += c == '\\' ? std::string("\\\\") : std::string(1, c);
    if (!out.empty() && out.front() == ' ') out.replace(0, 1, "\\s");
    return out;
}

// The last `count` lines of `text`.
std::string last_lines(const std::string& text, std::size_t count) {
    std::size_t start = text.size();
    if (!text.empty() && text.back() == '\n') --start;
    for (std::size_t lines = 0; lines < count; ++lines) {
        const std::size_t newline = start == 0 ? std::string::npos : text.rfind('\n', start - 1);
        if (newline == std::string::npos) return text;
        start = newline;
    }
    return text.substr(start + 1);
}

// A screen for a message: without the empty rows below the last line of text.
std::string trimmed(const std::string& screen) {
    const auto end = screen.find_last_not_of(" \n");
    return end == std::string::npos ? std::string("(empty)\n") : screen.substr(0, end + 1) + "\n";
}

std::string in_seconds(std::chrono::milliseconds timeout) {
    return std::to_string(std::chrono::duration_cast<std::chrono::seconds>(timeout).count()) + " s";
}

}  // namespace

const char* profanity_path() {
    return "/usr/bin/profanity";
}

ProfanityUser::ProfanityUser(const std::string& user)
    : name_(lower_ascii(user)), home_(fresh_home(lower_ascii(user))) {
    const auto account = Federation::get().account(user);
    jid_ = account.jid;
    write_ca_directory(account.ca_file);
    write_account(account.password, account.server_host);
    write_settings();
}

ProfanityUser::~ProfanityUser() {
    const bool failed = ::testing::Test::HasFailure();
    if (failed) report_failure();
    terminal_.reset();  // Profanity ends before its files go
    std::error_code ignored;
    if (!failed) fs::remove_all(home_, ignored);
}

// libstrophe takes the CA from Profanity only as a directory (OpenSSL's CApath), where OpenSSL
// looks certificates up by the hash of their subject: `openssl rehash` makes those names.
void ProfanityUser::write_ca_directory(const std::string& ca_file) const {
    const fs::path dir = home_ / "ca";
    fs::create_directories(dir);
    fs::copy_file(ca_file, dir / "ca.pem");
    const auto rehash = run_command({"/usr/bin/openssl", "rehash", dir.string()}, {}, 30s);
    EXPECT_EQ(rehash.exit_code, 0) << "openssl rehash " << dir << ": " << rehash.output;
}

// $XDG_DATA_HOME/profanity/accounts, in the form `/account set` writes it. `server` is the
// address to connect to; the JID's domain is still what TLS verifies the certificate against.
// tls.policy=force: STARTTLS or no connection (never "trust", which skips verification).
// A fixed resource, so that screens show the same full JID in every run.
void ProfanityUser::write_account(const std::string& password, const std::string& server) const {
    std::ostringstream account;
    account << "[" << name_ << "]\n"
            << "enabled=true\n"
            << "jid=" << jid_ << "\n"
            << "password=" << key_file_value(password) << "\n"
            << "server=" << server << "\n"
            << "port=5222\n"
            << "resource=" << resource() << "\n"
            << "tls.policy=force\n";
    write_private_file(data_dir() / "profanity" / "accounts", account.str());
}

// $XDG_CONFIG_HOME/profanity/profrc, in the form `/save` writes it:
// - tls.certpath: the CA directory, handed to libstrophe (instead of the system's CAs).
// - carbons=false: neither server offers message carbons; Profanity would print "Server error
//   enabling message carbons" on every login.
// - mam=false (the default too; MAM is experimental in 0.13): no history from the server's
//   archive in a new chat window, so that a window shows this test's messages only.
// - notifications off: there is no desktop to show them on.
// - splash=false: the logo would take ten of the 45 rows.
void ProfanityUser::preinstall_plugin(const fs::path& plugin) const {
    fs::create_directories(plugins_dir());
    fs::copy_file(plugin, plugins_dir() / plugin.filename(), fs::copy_options::overwrite_existing);
    std::ofstream profrc(home_ / "config" / "profanity" / "profrc", std::ios::app);
    profrc << "\n[plugins]\nload=" << plugin.filename().string() << ";\n";
}

void ProfanityUser::write_settings(bool with_ca) const {
    std::ostringstream settings;
    settings << "[connection]\n";
    if (with_ca) settings << "tls.certpath=" << key_file_value((home_ / "ca").string()) << "\n";
    settings << "carbons=false\n"
             << "mam=false\n"
             << "\n[notifications]\n"
             << "message=false\n"
             << "room=false\n"
             << "invite=false\n"
             << "sub=false\n"
             << "typing=false\n"
             << "\n[ui]\n"
             << "splash=false\n";
    write_private_file(home_ / "config" / "profanity" / "profrc", settings.str());
}

// Profanity with only this person's home: a desktop session's display, bus and GnuPG home
// would otherwise reach it.
std::string ProfanityUser::command_line() const {
    std::string line = "env -u DISPLAY -u WAYLAND_DISPLAY -u DBUS_SESSION_BUS_ADDRESS -u GNUPGHOME";
    for (const auto& [name, dir] :
         {std::pair{"HOME", home_}, std::pair{"XDG_CONFIG_HOME", home_ / "config"},
          std::pair{"XDG_DATA_HOME", data_dir()}, std::pair{"XDG_CACHE_HOME", home_ / "cache"},
          std::pair{"XDG_STATE_HOME", home_ / "state"}})
        line += " " + shell_quoted(std::string(name) + "=" + dir.string());
    // The shell in the terminal records how Profanity ended (139: a segmentation fault).
    const std::string account = by_hand_ ? "" : " -a " + shell_quoted(name_);
    return line + " " + shell_quoted(profanity_path()) + " -l DEBUG" + account + "; echo $? > " +
           shell_quoted((home_ / "exit-status").string());
}

std::optional<int> ProfanityUser::exit_status() const {
    std::ifstream in(home_ / "exit-status");
    int status = -1;
    if (!(in >> status)) return std::nullopt;
    return status;
}

fs::path ProfanityUser::log_path() const {
    return data_dir() / "profanity" / "logs" / "profanity.log";
}

std::string ProfanityUser::log() const {
    return read_file(log_path());
}

void ProfanityUser::start_without_account() {
    by_hand_ = true;
    fs::remove(data_dir() / "profanity" / "accounts");
    write_settings(false);
    start();
}

void ProfanityUser::start() {
    ASSERT_TRUE(fs::exists(profanity_path()))
        << profanity_path() << " is missing (Debian package profanity)";
    terminal_ = std::make_unique<Terminal>(command_line(), 150, 45);
    ASSERT_TRUE(terminal_->started()) << "tmux did not start " << command_line();
}

::testing::AssertionResult ProfanityUser::wait_connected(std::chrono::milliseconds timeout) const {
    const std::string logged_in = jid_ + "/" + resource() + " logged in successfully";
    std::string outcome;
    if (terminal_) {
        terminal_->wait_until(
            [&](const std::string& shown) {
                for (const std::string& text :
                     {logged_in, std::string(kLoginFailed), std::string(kCertificateFailed)})
                    if (shown.find(text) != std::string::npos) outcome = text;
                return !outcome.empty();
            },
            timeout);
    }
    if (outcome == logged_in) return ::testing::AssertionSuccess();
    return ::testing::AssertionFailure()
           << jid_ << " did not log in: "
           << (outcome.empty() ? "no outcome within " + in_seconds(timeout) : "'" + outcome + "'")
           << "; screen:\n"
           << trimmed(screen());
}

void ProfanityUser::command(const std::string& line) const {
    type(line);
    press("Enter");
}

void ProfanityUser::type(const std::string& text) const {
    if (!terminal_) return (void)(ADD_FAILURE() << "typing for " << jid_ << " before start()");
    terminal_->type(text);
}

void ProfanityUser::press(const std::string& key) const {
    if (!terminal_) return (void)(ADD_FAILURE() << "pressing " << key << " before start()");
    terminal_->press(key);
}

::testing::AssertionResult ProfanityUser::wait_for(const std::string& text,
                                                   std::chrono::milliseconds timeout) const {
    if (terminal_ && terminal_->wait_for(text, timeout)) return ::testing::AssertionSuccess();
    return ::testing::AssertionFailure() << jid_ << "'s screen did not show '" << text
                                         << "' within " << in_seconds(timeout) << "; screen:\n"
                                         << trimmed(screen());
}

std::string ProfanityUser::screen() const {
    return terminal_ ? terminal_->screen() : std::string();
}

::testing::AssertionResult ProfanityUser::quit(std::chrono::milliseconds timeout) const {
    command("/quit");
    if (!terminal_ || !terminal_->wait_for_exit(timeout)) {
        return ::testing::AssertionFailure() << "Profanity of " << jid_ << " did not end within "
                                             << in_seconds(timeout) << " of /quit; screen:\n"
                                             << trimmed(screen());
    }
    const auto status = exit_status();
    if (status == 0) return ::testing::AssertionSuccess();
    return ::testing::AssertionFailure()
           << "Profanity of " << jid_ << " ended with status "
           << (status ? std::to_string(*status) : std::string("unknown"))
           << (status == 139 ? " (a segmentation fault)" : "") << " after /quit";
}

void ProfanityUser::report_failure() const {
    std::cerr << "Profanity of " << jid_ << ": home kept at " << home_.string() << "\n";
    // Once Profanity has ended, its screen is blank: it restores the terminal.
    if (terminal_ && terminal_->alive()) std::cerr << "last screen:\n" << trimmed(screen());
    std::cerr << "last 40 lines of " << log_path().string() << ":\n"
              << last_lines(log(), 40) << std::endl;
}

}  // namespace cardex::testing
