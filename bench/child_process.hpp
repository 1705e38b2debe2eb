// ChildProcess: a program the benchmark starts (cardexd, perf), with its output in a file, and
// stops with SIGTERM (then SIGKILL after a grace period). Destroying it stops it.
#pragma once

#include <sys/types.h>

#include <chrono>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "core/result.hpp"

namespace cardex::bench {

class ChildProcess {
  public:
    ChildProcess() = default;
    ~ChildProcess();
    ChildProcess(ChildProcess&& other) noexcept;
    ChildProcess& operator=(ChildProcess&& other) noexcept;

    // Starts argv[0] (a path) with standard output and error appended to `output`.
    static Result<ChildProcess> start(const std::vector<std::string>& argv,
                                      const std::filesystem::path& output);

    pid_t pid() const { return pid_; }
    // True while the process has not exited (reaps it when it has).
    bool running();
    // Sends `signo` (SIGTERM by default), waits up to `grace`, then SIGKILL. Returns the exit
    // status as the shell shows it (128 + signal when killed), or nullopt if none was started.
    std::optional<int> stop(std::chrono::milliseconds grace, int signo = 15);
    // Waits up to `timeout` for the process to exit by itself.
    std::optional<int> wait(std::chrono::milliseconds timeout);

  private:
    explicit ChildProcess(pid_t pid) : pid_(pid) {}
    pid_t pid_ = -1;
    std::optional<int> status_;
};

}  // namespace cardex::bench
