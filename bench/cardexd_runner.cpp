#include "bench/cardexd_runner.hpp"

#include <signal.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <thread>

namespace cardex::bench {
namespace {

std::string quoted(const std::string& text) {
    std::string out = "\"";
    for (char c : text) {
        if (c == '"' || c == '\\') out += '\\';
        out += c;
    }
    return out + "\"";
}

std::string config_text(const CardexdSetup& s) {
    std::ostringstream toml;
    toml << "# Written by the component benchmark for one run.\n"
         << "[component]\njid = " << quoted(s.jid) << "\nserver_host = " << quoted(s.server_host)
         << "\nserver_port = " << s.server_port
         << "\nsecret_file = " << quoted((s.dir / "secret").string()) << "\n\n"
         << "[log]\nlevel = " << quoted(s.log_level) << "\nfile = " << quoted(s.log_file().string())
         << "\n\n"
         << "[storage]\npath = " << quoted(s.database().string()) << "\n\n"
         << "# Lifted: one bench user submits far more than a person would.\n"
         << "[limits]\nsubmits_per_minute = 0\nmax_pending_per_recipient = 10000000\n"
         << "min_sync_interval_seconds = 0\n";
    return toml.str();
}

std::optional<std::string> find_perf() {
    const char* path = std::getenv("PATH");
    std::istringstream dirs(path ? path : "/usr/bin");
    std::string dir;
    while (std::getline(dirs, dir, ':')) {
        const auto candidate = std::filesystem::path(dir) / "perf";
        if (::access(candidate.c_str(), X_OK) == 0) return candidate.string();
    }
    return std::nullopt;
}

// The last non-empty line of a file (perf's complaint when it could not run).
std::string last_line(const std::filesystem::path& file) {
    std::ifstream in(file);
    std::string line, last;
    while (std::getline(in, line))
        if (line.find_first_not_of(" \t") != std::string::npos) last = line;
    return last.empty() ? "no message" : last;
}

}  // namespace

Result<ChildProcess> start_cardexd(const CardexdSetup& setup) {
    std::filesystem::create_directories(setup.dir);
    std::ofstream(setup.dir / "secret") << setup.secret << "\n";
    std::ofstream config(setup.config_file());
    config << config_text(setup);
    config.close();
    if (!config) return make_error("cannot write " + setup.config_file().string());
    return ChildProcess::start({setup.binary.string(), "--config", setup.config_file().string()},
                               setup.output_file());
}

std::uint64_t database_bytes(const CardexdSetup& setup) {
    std::uint64_t total = 0;
    for (const char* suffix : {"", "-wal", "-shm"}) {
        std::error_code ignored;
        const auto size = std::filesystem::file_size(setup.database().string() + suffix, ignored);
        if (!ignored) total += size;
    }
    return total;
}

void FsyncCounter::start(pid_t pid, const std::filesystem::path& output) {
    const auto perf = find_perf();
    if (!perf) return;
    output_ = output;
    std::filesystem::remove(output_);
    auto started = ChildProcess::start(
        {*perf, "stat", "-x", ",", "-e", "syscalls:sys_enter_fsync,syscalls:sys_enter_fdatasync",
         "-o", output_.string(), "-p", std::to_string(pid)},
        output_.string() + ".log");
    if (started) perf_ = std::move(started).value();
    std::this_thread::sleep_for(std::chrono::milliseconds(200));  // let it attach
}

std::optional<std::uint64_t> FsyncCounter::finish() {
    if (perf_.pid() <= 0) return std::nullopt;
    perf_.stop(std::chrono::seconds(5), SIGINT);
    std::ifstream in(output_);
    std::string line;
    std::uint64_t calls = 0;
    int counters = 0;
    while (std::getline(in, line)) {
        if (line.find("syscalls:sys_enter_f") == std::string::npos) continue;
        if (line.empty() || line[0] < '0' || line[0] > '9') return std::nullopt;  // not counted
        calls += std::strtoull(line.c_str(), nullptr, 10);
        ++counters;
    }
    if (counters != 2) return std::nullopt;
    return calls;
}

void CpuProfiler::start(pid_t pid, const std::filesystem::path& data) {
    const auto perf = find_perf();
    if (!perf) {
        problem_ = "perf is not installed (scripts/install-deps installs linux-perf)";
        return;
    }
    data_ = data;
    const std::filesystem::path log = data_.string() + ".log";
    std::error_code ignored;
    std::filesystem::remove(data_, ignored);
    std::filesystem::remove(log, ignored);
    auto started = ChildProcess::start(
        {*perf, "record", "-e", "cpu-clock", "-F", "499", "--call-graph", "dwarf,16384",
         "--no-buildid-cache", "-o", data_.string(), "-p", std::to_string(pid)},
        log);
    if (!started) {
        problem_ = "perf record did not start: " + started.error().message;
        return;
    }
    perf_ = std::move(started).value();
    std::this_thread::sleep_for(std::chrono::milliseconds(300));  // let it attach
    if (!perf_.running()) {
        problem_ = "perf record could not attach: " + last_line(log);
        perf_.stop(std::chrono::seconds(1));
    }
}

bool CpuProfiler::finish() {
    if (perf_.pid() <= 0) return false;
    // On SIGINT perf writes the rest of its buffers and the build ids of the binaries it saw,
    // then ends by the same signal.
    const auto status = perf_.stop(std::chrono::seconds(60), SIGINT);
    std::error_code missing;
    const auto size = std::filesystem::file_size(data_, missing);
    if (missing || size == 0 || (status != 0 && status != 128 + SIGINT)) {
        problem_ = "perf record failed: " + last_line(data_.string() + ".log");
        return false;
    }
    return true;
}

}  // namespace cardex::bench
