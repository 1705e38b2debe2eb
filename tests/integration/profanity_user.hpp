// A person using Profanity 0.13.1 (the Debian package) on the local federation, in a real
// terminal: a private home of their own (HOME and the XDG directories, so that no user
// configuration leaks in and plugins and data do not mix between people), their account
// written in Profanity's own files, TLS verified against the federation's CA, commands typed
// and the screen read as a person would.
#pragma once

#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>

#include "tests/integration/terminal.hpp"

namespace cardex::testing {

// The Profanity binary under test.
const char* profanity_path();

class ProfanityUser {
  public:
    // "ALICE", "CAROL" (a.test), "BOB", "DAVE" (b.test), "CHLOE", "CYRUS" (c.test). Writes the
    // account and settings; Profanity is not running until start().
    explicit ProfanityUser(const std::string& user);
    // Ends Profanity. Removes the home unless the test failed; then prints where the home is,
    // the last screen and the end of Profanity's log.
    ~ProfanityUser();
    ProfanityUser(const ProfanityUser&) = delete;
    ProfanityUser& operator=(const ProfanityUser&) = delete;

    const std::string& jid() const { return jid_; }
    // The resource Profanity binds, so that screens show `jid()/resource()`.
    static constexpr const char* resource() { return "profanity"; }
    const std::filesystem::path& home() const { return home_; }
    // $XDG_DATA_HOME: Profanity's data (profanity/plugins/, profanity/logs/) and the cardex
    // client's (cardex/).
    std::filesystem::path data_dir() const { return home_ / "data"; }
    // Where `/plugins install` puts plugins and where Profanity loads them from.
    std::filesystem::path plugins_dir() const { return data_dir() / "profanity" / "plugins"; }
    // Profanity's debug log (it runs with `-l DEBUG`), with libstrophe's XMPP traffic.
    std::filesystem::path log_path() const;
    std::string log() const;

    // Puts a plugin where Profanity loads it from and lists it in the settings, as
    // `/plugins install` would, so that it is loaded before the login (call before start()).
    void preinstall_plugin(const std::filesystem::path& plugin) const;
    // Launches Profanity in a terminal of 150 x 45; it connects to the account by itself.
    void start();
    // Launches it as a newcomer does: no account, no CA directory; the user connects by hand.
    void start_without_account();
    // The CA directory (the federation's CA, rehashed) that /tls certpath set takes.
    std::filesystem::path ca_directory() const { return home_ / "ca"; }
    // Waits until the console says that the login succeeded. Fails early, with the reason,
    // when Profanity reports a failed login or an unverified certificate.
    ::testing::AssertionResult wait_connected(
        std::chrono::milliseconds timeout = std::chrono::seconds(60)) const;
    // Types `line` and Enter: a command ("/msg bob@b.test hi") or text for the current window.
    void command(const std::string& line) const;
    // Types text without Enter, and presses one key by tmux's name ("Tab", "Enter").
    void type(const std::string& text) const;
    void press(const std::string& key) const;
    // Waits until the screen shows `text`; the failure message has the screen.
    ::testing::AssertionResult wait_for(
        const std::string& text,
        std::chrono::milliseconds timeout = std::chrono::seconds(60)) const;
    // The visible screen, one line per row (empty before start()).
    std::string screen() const;
    // How Profanity's process ended, once it has (its exit status; 139 for SIGSEGV).
    std::optional<int> exit_status() const;
    // Types /quit and waits until Profanity has ended with exit status 0.
    ::testing::AssertionResult quit(
        std::chrono::milliseconds timeout = std::chrono::seconds(30)) const;

  private:
    void write_ca_directory(const std::string& ca_file) const;
    void write_account(const std::string& password, const std::string& server) const;
    void write_settings(bool with_ca = true) const;
    std::string command_line() const;
    void report_failure() const;

    std::string name_;  // Profanity's account name: "alice"
    std::string jid_;
    std::filesystem::path home_;
    std::unique_ptr<Terminal> terminal_;
    bool by_hand_ = false;  // started without an account
};

}  // namespace cardex::testing
