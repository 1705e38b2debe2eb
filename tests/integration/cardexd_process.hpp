// cardexd as a process that a test starts, signals and waits for, and one-shot runs of the
// binary (--help, --version, --check-config).
#pragma once

#include <sys/types.h>

#include <chrono>
#include <filesystem>
#include <string>
#include <vector>

#include "core/result.hpp"
#include "tests/integration/process.hpp"

namespace cardex::testing {

// The cardexd binary under test.
const char* cardexd_path();

// Runs cardexd with `args` (each passed as one argument) and waits for it.
CommandOutcome run_cardexd(const std::vector<std::string>& args);

// Writes `dir`/cardexd.toml: a copy of the federation's configuration for cards.<side>.test,
// with the database and the log (level debug) in `dir`.
Result<std::filesystem::path> private_config(const std::string& side,
                                             const std::filesystem::path& dir);

// A running `cardexd --config FILE`; its standard output and error go to `output`.
class CardexdProcess {
  public:
    CardexdProcess(const std::filesystem::path& config, const std::filesystem::path& output);
    CardexdProcess(const CardexdProcess&) = delete;
    CardexdProcess& operator=(const CardexdProcess&) = delete;

    bool started() const { return process_.started(); }
    pid_t pid() const { return process_.pid(); }
    // Sends SIGTERM and waits at most `limit` for the process to end; its exit status, or an
    // error when a signal ended it or it did not end in time (then it gets SIGKILL).
    Result<int> terminate(std::chrono::seconds limit);

  private:
    ChildProcess process_;
};

}  // namespace cardex::testing
