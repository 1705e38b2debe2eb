#include "tests/integration/terminal.hpp"

#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <memory>
#include <random>
#include <thread>

namespace cardex::testing {
namespace {

std::string output_of(const std::string& command) {
    std::unique_ptr<FILE, int (*)(FILE*)> pipe(popen(command.c_str(), "r"), &pclose);
    if (!pipe) return {};
    std::string out;
    char buffer[4096];
    while (std::size_t n = std::fread(buffer, 1, sizeof buffer, pipe.get()))
        out.append(buffer, n);
    return out;
}

template <class Done>
bool poll(std::chrono::milliseconds timeout, Done done) {
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    while (true) {
        if (done()) return true;
        if (std::chrono::steady_clock::now() >= deadline) return false;
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
}

}  // namespace

std::string shell_quoted(const std::string& text) {
    std::string out = "'";
    for (char c : text)
        out += c == '\'' ? std::string("'\\''") : std::string(1, c);
    return out + "'";
}

Terminal::Terminal(const std::string& command, int width, int height) {
    static std::mt19937_64 random{std::random_device{}()};
    socket_ = "cardex-test-" + std::to_string(::getpid()) + "-" + std::to_string(random() % 100000);
    // remain-on-exit keeps the pane (and what the program printed last) after it ends.
    started_ = tmux("new-session -d -x " + std::to_string(width) + " -y " + std::to_string(height) +
                    " " + shell_quoted(command)) == 0;
    if (started_) tmux("set-option -g remain-on-exit on");
}

Terminal::~Terminal() {
    tmux("kill-server");
}

std::string Terminal::command(const std::string& args) const {
    return "env LANG=C.UTF-8 TERM=xterm-256color tmux -u -f /dev/null -L " + socket_ + " " + args;
}

int Terminal::tmux(const std::string& args) const {
    return std::system((command(args) + " >/dev/null 2>&1").c_str());
}

bool Terminal::alive() const {
    const std::string dead = output_of(command("display-message -p '#{pane_dead}' 2>/dev/null"));
    return dead.rfind("0", 0) == 0;
}

void Terminal::type(const std::string& text) const {
    tmux("send-keys -l " + shell_quoted(text));
}

void Terminal::press(const std::string& key) const {
    tmux("send-keys " + key);
}

std::string Terminal::screen() const {
    return output_of(command("capture-pane -p 2>/dev/null"));
}

bool Terminal::wait_for(const std::string& text, std::chrono::milliseconds timeout) const {
    return wait_until(
        [&](const std::string& shown) { return shown.find(text) != std::string::npos; }, timeout);
}

bool Terminal::wait_until(const std::function<bool(const std::string& screen)>& done,
                          std::chrono::milliseconds timeout) const {
    return poll(timeout, [&] { return done(screen()); });
}

bool Terminal::wait_for_exit(std::chrono::milliseconds timeout) const {
    return poll(timeout, [&] { return !alive(); });
}

}  // namespace cardex::testing
