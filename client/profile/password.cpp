#include "client/profile/password.hpp"

#include <fcntl.h>
#include <termios.h>
#include <unistd.h>

#include <fstream>

namespace cardex::client::profile {
namespace {

Result<std::string> from_file(const std::string& path, std::string_view what = "a password") {
    std::ifstream in(path);
    std::string password;
    if (!in || !std::getline(in, password))
        return make_error("cannot read " + std::string(what) + " from " + path);
    if (!password.empty() && password.back() == '\r') password.pop_back();
    return password;
}

// Reads one line from the terminal with echo off, restoring the terminal's mode afterwards.
Result<std::string> prompt(const std::string& question, std::string_view what) {
    const int fd = ::open("/dev/tty", O_RDWR | O_CLOEXEC);
    if (fd < 0) return make_error("no terminal to ask for " + std::string(what) + " on");
    termios saved{};
    const bool is_terminal = ::tcgetattr(fd, &saved) == 0;
    if (is_terminal) {
        termios quiet = saved;
        quiet.c_lflag &= ~static_cast<tcflag_t>(ECHO);
        ::tcsetattr(fd, TCSAFLUSH, &quiet);
    }
    [[maybe_unused]] auto written = ::write(fd, question.data(), question.size());
    std::string password;
    char c = 0;
    while (::read(fd, &c, 1) == 1 && c != '\n' && c != '\r')
        password.push_back(c);
    if (is_terminal) ::tcsetattr(fd, TCSAFLUSH, &saved);
    written = ::write(fd, "\n", 1);
    ::close(fd);
    return password;
}

}  // namespace

Result<std::string> read_password(const AccountSettings& account, const Environment& env,
                                  bool may_prompt) {
    if (!account.password_file.empty()) return from_file(account.password_file);
    // An empty $CARDEX_PASSWORD is as good as none (`CARDEX_PASSWORD= cardex sync` asks).
    if (auto value = env("CARDEX_PASSWORD"); value && !value->empty()) return *value;
    if (may_prompt) return prompt("Password for " + account.jid + ": ", "the password");
    return make_error(
        "no password: set one with `cardex account set --password-file FILE`, or set "
        "$CARDEX_PASSWORD");
}

Result<std::string> read_passphrase(const std::string& file, const Environment& env,
                                    bool may_prompt, bool confirm) {
    constexpr std::string_view what = "the backup passphrase";
    if (!file.empty()) return from_file(file, "a passphrase");
    if (auto value = env("CARDEX_BACKUP_PASSPHRASE"); value && !value->empty()) return *value;
    if (!may_prompt)
        return make_error(
            "no backup passphrase: give --passphrase-file FILE, or set "
            "$CARDEX_BACKUP_PASSPHRASE");
    auto first = prompt("Backup passphrase: ", what);
    if (!first) return first.error();
    if (first->empty()) return make_error("the backup passphrase must not be empty");
    if (!confirm) return first;
    auto again = prompt("Backup passphrase again: ", what);
    if (!again) return again.error();
    if (*again != *first) return make_error("the two passphrases differ; nothing was backed up");
    return first;
}

}  // namespace cardex::client::profile
