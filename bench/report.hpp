// Formatting shared by the component benchmark's parts: grouped numbers, sizes, targets.
#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <string>
#include <string_view>

#include "core/result.hpp"

namespace cardex::bench {

// 12345.6 -> "12,346".
std::string grouped(double value);
// Bytes as "2.41 GB" (10^9) or "312.5 MB".
std::string megabytes(std::uint64_t bytes);
std::string kib_as_mib(std::uint64_t kib);  // "41.2 MiB"
// "PASS" or "MISS".
std::string_view verdict(bool met);

// The system's load average, to read figures measured on a shared machine.
std::string load_average();
std::string cpu_model();  // from /proc/cpuinfo
std::string utc_now();    // "2026-11-22 07:30 UTC"

// Date, machine, build and load, as the first lines of a report.
void print_machine(std::string_view title, std::string_view build_type);

// The median wall time of `runs` calls of `work`; `reset` (if any) runs untimed before each.
double median_seconds(int runs, const std::function<void()>& work,
                      const std::function<void()>& reset = {});

// A fresh directory under `parent` (which is created if needed), named after `prefix`.
Result<std::filesystem::path> make_work_dir(const std::filesystem::path& parent,
                                            std::string_view prefix);

}  // namespace cardex::bench
