// A person using the console client `cardex` on the local federation: a fresh profile of
// their own (removed at the end), the account set up as the README says, and commands run as
// real processes.
#pragma once

#include <chrono>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "tests/integration/process.hpp"

namespace cardex::testing {

// Whether `text` contains `part`: what output checks ask.
bool contains(const std::string& text, const std::string& part);
// A name no other test uses ("Alice Test482913"), so that what a recipient finds is what this
// test sent.
std::string unique_name(const std::string& first);

// The cardex binary under test.
const char* cardex_path();

// How the account gets its password: from a file the profile names, or typed when asked.
enum class PasswordFrom { file, prompt };

class CardexUser {
  public:
    // "ALICE", "CAROL" (a.test), "BOB", "DAVE" (b.test), "CHLOE", "CYRUS" (c.test). Runs `cardex
    // account set` and `cardex config --region DE`; fails the test if they fail. The profile is a
    // fresh directory, or `profile` (an empty one the test made, e.g. on a small disk).
    explicit CardexUser(const std::string& user, PasswordFrom password = PasswordFrom::file,
                        std::filesystem::path profile = {});
    ~CardexUser();
    CardexUser(const CardexUser&) = delete;
    CardexUser& operator=(const CardexUser&) = delete;

    const std::string& jid() const { return jid_; }
    const std::string& password() const { return password_; }
    const std::filesystem::path& profile() const { return profile_; }
    // What every run gets: LANG=C.UTF-8 and an empty $CARDEX_PASSWORD (as good as none).
    std::vector<std::string> environment() const;
    // `cardex --profile DIR args...`, waited for (at most 120 s); `more_environment` (NAME=value)
    // is added to environment().
    CommandOutcome run(const std::vector<std::string>& args,
                       const std::vector<std::string>& more_environment = {}) const;
    // The same, left running; its output goes to `output`.
    std::unique_ptr<ChildProcess> start(const std::vector<std::string>& args,
                                        const std::filesystem::path& output) const;
    // The command line as one string, for a terminal (tmux) to run.
    std::string command_line(const std::vector<std::string>& args) const;

  private:
    std::string jid_;
    std::string password_;
    std::filesystem::path profile_;
};

// `text` with the outcome, for assertion messages.
std::string describe(const CommandOutcome& outcome);

}  // namespace cardex::testing
