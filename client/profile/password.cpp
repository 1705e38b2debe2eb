#include "client/profile/password.hpp"

#include <fcntl.h>
#include <termios.h>
#include <unistd.h>

#include <fstream>

namespace cardex::client::profile {
namespace {

Result<std::string> from_file(const std::string& path) {
    std::ifstream in(path);
    std::string password;
    if (!in || !std::getline(in, password))
        return make_error("cannot read a password from " + path);
    if (!password.empty() && password.back() == '\r') password.pop_back();
    return password;
}

// Reads one line from the terminal with echo off, restoring the terminal's mode afterwards.
Result<std::string> prompt(const std::string& jid) {
    const int fd = ::open("/dev/tty", O_RDWR | O_CLOEXEC);
    if (fd < 0) return make_error("no terminal to ask for the password on");
    termios saved{};
    const bool is_terminal = ::tcgetattr(fd, &saved) == 0;
    if (is_terminal) {
        termios quiet = saved;
        quiet.c_lflag &= ~static_cast<tcflag_t>(ECHO);
        ::tcsetattr(fd, TCSAFLUSH, &quiet);
    }
    const std::string question = "Password for " + jid + ": ";
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
    if (may_prompt) return prompt(account.jid);
    return make_error(
        "no password: set one with `cardex account set --password-file FILE`, or set "
        "$CARDEX_PASSWORD");
}

}  // namespace cardex::client::profile
