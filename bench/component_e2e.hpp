// Parts of the component benchmark that run against the real servers of the local federation
// (scripts/federation): cards end to end next to plain messages over the same path, and the
// redelivery of cards that waited for a recipient to log in.
#pragma once

#include "bench/bench_options.hpp"

namespace cardex::bench {

// Cards/s through Prosody and ejabberd next to plain messages/s over the same path.
int run_e2e(const BenchOptions& options);

// Time until a recipient who logs in has every card sent while she was offline.
int run_redeliver(const BenchOptions& options);

}  // namespace cardex::bench
