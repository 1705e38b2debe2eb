#include "bench/report.hpp"

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <fstream>
#include <thread>
#include <vector>

namespace cardex::bench {

std::string load_average() {
    std::ifstream in("/proc/loadavg");
    double one = 0, five = 0, fifteen = 0;
    in >> one >> five >> fifteen;
    char text[96];
    std::snprintf(text, sizeof text, "%.2f %.2f %.2f (1, 5, 15 min; other processes count too)",
                  one, five, fifteen);
    return text;
}

std::string grouped(double value) {
    const bool negative = value < 0;
    std::string digits = std::to_string(static_cast<long long>(std::llround(std::fabs(value))));
    for (int i = static_cast<int>(digits.size()) - 3; i > 0; i -= 3)
        digits.insert(static_cast<std::size_t>(i), ",");
    return negative ? "-" + digits : digits;
}

std::string megabytes(std::uint64_t bytes) {
    char text[32];
    if (bytes >= 1'000'000'000) {
        std::snprintf(text, sizeof text, "%.2f GB", static_cast<double>(bytes) / 1e9);
    } else {
        std::snprintf(text, sizeof text, "%.1f MB", static_cast<double>(bytes) / 1e6);
    }
    return text;
}

std::string kib_as_mib(std::uint64_t kib) {
    char text[32];
    std::snprintf(text, sizeof text, "%.1f MiB", static_cast<double>(kib) / 1024.0);
    return text;
}

std::string_view verdict(bool met) {
    return met ? "PASS" : "MISS";
}

std::string cpu_model() {
    std::ifstream cpuinfo("/proc/cpuinfo");
    std::string line;
    while (std::getline(cpuinfo, line)) {
        if (line.starts_with("model name")) {
            const auto colon = line.find(':');
            if (colon != std::string::npos) return line.substr(colon + 2);
        }
    }
    return "unknown CPU";
}

std::string utc_now() {
    const std::time_t now = std::time(nullptr);
    std::tm tm{};
    gmtime_r(&now, &tm);
    char text[32];
    std::strftime(text, sizeof text, "%Y-%m-%d %H:%M UTC", &tm);
    return text;
}

double median_seconds(int runs, const std::function<void()>& work,
                      const std::function<void()>& reset) {
    std::vector<double> times;
    for (int i = 0; i < runs; ++i) {
        if (reset) reset();
        const auto start = std::chrono::steady_clock::now();
        work();
        times.push_back(
            std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());
    }
    std::sort(times.begin(), times.end());
    const std::size_t n = times.size();
    return n % 2 ? times[n / 2] : (times[n / 2 - 1] + times[n / 2]) / 2;
}

void print_machine(std::string_view title, std::string_view build_type) {
    const std::string date = utc_now();
    std::printf("%.*s\n  date     %s\n  machine  %u cores, %s\n", static_cast<int>(title.size()),
                title.data(), date.c_str(), std::thread::hardware_concurrency(),
                cpu_model().c_str());
    std::printf("  build    g++ %s, %.*s\n", __VERSION__, static_cast<int>(build_type.size()),
                build_type.data());
    std::printf("  load     %s\n\n", load_average().c_str());
}

Result<std::filesystem::path> make_work_dir(const std::filesystem::path& parent,
                                            std::string_view prefix) {
    std::error_code error;
    std::filesystem::create_directories(parent, error);
    if (error) return make_error("cannot create " + parent.string() + ": " + error.message());
    std::string pattern = (parent / (std::string(prefix) + "-XXXXXX")).string();
    if (::mkdtemp(pattern.data()) == nullptr)
        return make_error("cannot create a directory in " + parent.string() + ": " +
                          std::strerror(errno));
    return std::filesystem::path(pattern);
}

}  // namespace cardex::bench
