// What /proc says about a process: CPU time per thread, peak and current resident memory,
// bytes written to storage. Differences of two samples show where time went during a run.
#pragma once

#include <sys/types.h>

#include <cstdint>
#include <map>
#include <optional>
#include <string>

namespace cardex::bench {

struct ThreadCpu {
    std::string name;  // the thread's comm, e.g. "cardexd"
    double seconds = 0;
    double waited = 0;  // runnable but waiting for a processor (schedstat run delay)
};

struct ProcessSample {
    double cpu_seconds = 0;                    // user + system, every thread
    double waited_seconds = 0;                 // runnable, waiting for a processor: live threads
    std::map<pid_t, ThreadCpu> threads;        // by thread id
    std::uint64_t peak_rss_kib = 0;            // VmHWM
    std::uint64_t rss_kib = 0;                 // VmRSS
    std::optional<std::uint64_t> write_bytes;  // /proc/PID/io, when readable
};

// Nullopt when the process is gone.
std::optional<ProcessSample> sample_process(pid_t pid);

// "4.21 s CPU (threads: cardexd 3.90 +0.20 waiting, cardexd 0.31 +0.01 waiting)": what
// happened between two samples; "waiting" is time the thread could have run but had no CPU.
std::string describe_cpu(const ProcessSample& before, const ProcessSample& after);

// CPU time of the calling thread and of this whole process.
double thread_cpu_seconds();
double process_cpu_seconds();

}  // namespace cardex::bench
