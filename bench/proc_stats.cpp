#include "bench/proc_stats.hpp"

#include <unistd.h>

#include <cstdio>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <vector>

namespace cardex::bench {
namespace {

double clock_ticks() {
    static const double ticks = static_cast<double>(::sysconf(_SC_CLK_TCK));
    return ticks;
}

// Name and utime + stime (seconds) from a /proc stat file.
std::optional<ThreadCpu> read_stat(const std::filesystem::path& file) {
    std::ifstream in(file);
    std::string text;
    if (!std::getline(in, text)) return std::nullopt;
    const auto open = text.find('(');
    const auto close = text.rfind(')');
    if (open == std::string::npos || close == std::string::npos) return std::nullopt;
    std::istringstream rest(text.substr(close + 2));
    std::vector<std::string> fields;
    std::string field;
    while (rest >> field)
        fields.push_back(field);
    // After "pid (comm)": state is field 3; utime and stime are fields 14 and 15.
    if (fields.size() < 13) return std::nullopt;
    const double ticks = std::stod(fields[11]) + std::stod(fields[12]);
    return ThreadCpu{text.substr(open + 1, close - open - 1), ticks / clock_ticks()};
}

// Seconds a task waited on a run queue, from its schedstat ("run_ns wait_ns slices").
double run_delay(const std::filesystem::path& file) {
    std::ifstream in(file);
    double run = 0, wait = 0;
    if (!(in >> run >> wait)) return 0;
    return wait / 1e9;
}

std::uint64_t status_kib(const std::string& status, std::string_view key) {
    const auto at = status.find(key);
    if (at == std::string::npos) return 0;
    return std::strtoull(status.c_str() + at + key.size(), nullptr, 10);
}

double seconds_of(clockid_t clock) {
    timespec t{};
    ::clock_gettime(clock, &t);
    return static_cast<double>(t.tv_sec) + static_cast<double>(t.tv_nsec) / 1e9;
}

}  // namespace

std::optional<ProcessSample> sample_process(pid_t pid) {
    const std::filesystem::path dir = "/proc/" + std::to_string(pid);
    auto total = read_stat(dir / "stat");
    if (!total) return std::nullopt;
    ProcessSample sample;
    sample.cpu_seconds = total->seconds;
    std::error_code ignored;
    for (const auto& task : std::filesystem::directory_iterator(dir / "task", ignored)) {
        if (auto cpu = read_stat(task.path() / "stat")) {
            cpu->waited = run_delay(task.path() / "schedstat");
            sample.waited_seconds += cpu->waited;
            sample.threads[std::stoi(task.path().filename().string())] = *cpu;
        }
    }
    std::ifstream status_file(dir / "status");
    const std::string status((std::istreambuf_iterator<char>(status_file)), {});
    sample.peak_rss_kib = status_kib(status, "VmHWM:");
    sample.rss_kib = status_kib(status, "VmRSS:");
    std::ifstream io(dir / "io");
    std::string line;
    while (std::getline(io, line)) {
        if (line.starts_with("write_bytes:"))
            sample.write_bytes = std::strtoull(line.c_str() + 12, nullptr, 10);
    }
    return sample;
}

std::string describe_cpu(const ProcessSample& before, const ProcessSample& after) {
    char text[96];
    std::snprintf(text, sizeof text, "%.2f s CPU", after.cpu_seconds - before.cpu_seconds);
    std::string out = text;
    if (after.threads.size() < 2) return out;
    std::string parts;
    for (const auto& [tid, thread] : after.threads) {
        const auto was = before.threads.find(tid);
        const bool known = was != before.threads.end();
        const double used = thread.seconds - (known ? was->second.seconds : 0);
        const double waited = thread.waited - (known ? was->second.waited : 0);
        if (used < 0.005) continue;
        std::snprintf(text, sizeof text, "%s%s %.2f +%.2f waiting", parts.empty() ? "" : ", ",
                      thread.name.c_str(), used, waited);
        parts += text;
    }
    return parts.empty() ? out : out + " (threads: " + parts + ")";
}

double thread_cpu_seconds() {
    return seconds_of(CLOCK_THREAD_CPUTIME_ID);
}

double process_cpu_seconds() {
    return seconds_of(CLOCK_PROCESS_CPUTIME_ID);
}

}  // namespace cardex::bench
