// A program in a real terminal, as a person sees it: its own tmux server (a private socket,
// no user configuration, UTF-8), keys sent with send-keys, the screen read with capture-pane.
#pragma once

#include <chrono>
#include <functional>
#include <string>

namespace cardex::testing {

// `text` as one word for the shell that runs a terminal's command line.
std::string shell_quoted(const std::string& text);

class Terminal {
  public:
    // Runs `command` (a shell command line) in a window of `width` x `height` cells.
    explicit Terminal(const std::string& command, int width = 100, int height = 40);
    // Ends the tmux server and everything in it.
    ~Terminal();
    Terminal(const Terminal&) = delete;
    Terminal& operator=(const Terminal&) = delete;

    bool started() const { return started_; }
    // Whether the program is still running.
    bool alive() const;
    // Text typed literally.
    void type(const std::string& text) const;
    // One key by tmux's name: "Enter", "Tab", "C-d", "Up".
    void press(const std::string& key) const;
    // The visible screen, one line per row.
    std::string screen() const;
    // Polls the screen every 100 ms until it contains `text`.
    bool wait_for(const std::string& text, std::chrono::milliseconds timeout) const;
    // Polls the screen every 100 ms until `done` holds for it.
    bool wait_until(const std::function<bool(const std::string& screen)>& done,
                    std::chrono::milliseconds timeout) const;
    // Polls until the program has ended.
    bool wait_for_exit(std::chrono::milliseconds timeout) const;

  private:
    std::string command(const std::string& args) const;
    int tmux(const std::string& args) const;
    std::string socket_;
    bool started_ = false;
};

}  // namespace cardex::testing
