// Programs under test as child processes: started with their arguments and extra environment,
// their standard output and error going to a file, signalled and waited for with a limit.
#pragma once

#include <sys/types.h>

#include <chrono>
#include <filesystem>
#include <string>
#include <vector>

#include "core/result.hpp"

namespace cardex::testing {

// Exit status (or -1 when it did not exit normally, or did not end in time) and everything
// written to standard output and standard error.
struct CommandOutcome {
    int exit_code = -1;
    std::string output;
};

class ChildProcess {
  public:
    // argv[0] is the program's path; `env` entries (NAME=value) are added to the environment.
    ChildProcess(std::vector<std::string> argv, const std::filesystem::path& output,
                 const std::vector<std::string>& env = {});
    // Kills the process if it is still running.
    ~ChildProcess();
    ChildProcess(const ChildProcess&) = delete;
    ChildProcess& operator=(const ChildProcess&) = delete;

    bool started() const { return pid_ > 0; }
    pid_t pid() const { return pid_; }
    bool running();
    // Waits at most `limit` for the process to end; its exit status, or an error when a signal
    // ended it or it did not end in time (then it gets SIGKILL).
    Result<int> wait(std::chrono::seconds limit);
    // Sends `signal`, then waits as above.
    Result<int> stop(int signal, std::chrono::seconds limit);

  private:
    std::string name_;
    pid_t pid_ = -1;
};

// Runs a program to its end (at most `limit`).
CommandOutcome run_command(std::vector<std::string> argv, const std::vector<std::string>& env,
                           std::chrono::seconds limit);

std::string read_file(const std::filesystem::path& path);

// A new empty directory under the test's temporary directory, named after `name`, this
// process and a random number, so that tests running at once never share one.
std::filesystem::path fresh_directory(const std::string& name);

}  // namespace cardex::testing
