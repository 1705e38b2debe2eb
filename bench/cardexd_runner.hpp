// Runs the real cardexd for a benchmark: writes its configuration (storage, log and secret in a
// directory of their own, the limits that would throttle a load test lifted), starts it,
// and stops it. Optionally counts its fsync calls with `perf stat` and samples its stacks with
// `perf record` while it runs.
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>

#include "bench/child_process.hpp"
#include "core/result.hpp"

namespace cardex::bench {

struct CardexdSetup {
    std::filesystem::path binary;
    std::filesystem::path dir;  // cardexd.toml, cardexd.db, cardexd.log, secret (absolute)
    std::string jid = "cards.a.test";
    std::string server_host = "127.0.0.1";
    std::uint16_t server_port = 5347;
    std::string secret;
    std::string log_level = "info";

    std::filesystem::path config_file() const { return dir / "cardexd.toml"; }
    std::filesystem::path database() const { return dir / "cardexd.db"; }
    std::filesystem::path log_file() const { return dir / "cardexd.log"; }
    std::filesystem::path output_file() const { return dir / "cardexd.out"; }
};

// Writes the configuration and starts cardexd with it.
Result<ChildProcess> start_cardexd(const CardexdSetup& setup);

// Size of the database with its WAL (and shared-memory index) files.
std::uint64_t database_bytes(const CardexdSetup& setup);

// `perf stat` counting fsync and fdatasync calls of one process, when perf is usable.
class FsyncCounter {
  public:
    // Starts counting; does nothing (and count() stays empty) when perf is not available.
    void start(pid_t pid, const std::filesystem::path& output);
    // Stops counting and returns the number of calls, if they could be counted.
    std::optional<std::uint64_t> finish();

  private:
    ChildProcess perf_;
    std::filesystem::path output_;
};

// `perf record` sampling the stacks of one process (cpu-clock at 499 Hz, call graphs unwound
// from 16 KiB stack copies with DWARF, since the binaries have no frame pointers).
class CpuProfiler {
  public:
    // Starts recording into `data`; when perf is missing or cannot attach it records nothing,
    // and problem() says why.
    void start(pid_t pid, const std::filesystem::path& data);
    // Stops recording; true when `data` holds a profile (otherwise problem() says why).
    bool finish();
    const std::string& problem() const { return problem_; }

  private:
    ChildProcess perf_;
    std::filesystem::path data_;
    std::string problem_;
};

}  // namespace cardex::bench
