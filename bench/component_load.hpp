// The load generator of the component benchmark: plays the XMPP server for one connected
// component (bench/component_server.hpp) and sends it submit requests from many local users to
// many recipients, keeping a bounded number outstanding. It reads everything the component
// sends: IQ results (their latency is measured from the moment the request was queued), IQ
// errors (counted by condition) and delivery messages (counted).
#pragma once

#include <chrono>
#include <cstddef>
#include <functional>
#include <map>
#include <string>
#include <vector>

#include "bench/component_server.hpp"
#include "bench/submit_stanzas.hpp"

namespace cardex::bench {

struct LoadPlan {
    std::size_t cards = 100'000;
    std::size_t window = 2'048;  // submits sent and not yet answered
    std::size_t senders = 1'000;
    std::size_t recipients = 10'000;
    std::string domain = "a.test";  // senders and recipients are userN@domain and rcptN@domain
    std::chrono::seconds stall_limit{60};  // give up when nothing arrives for this long
    // After the last result, how long to keep reading for delivery messages still on their way.
    std::chrono::milliseconds drain{2'000};
    std::function<void(std::size_t answered)> progress;  // called every `progress_every` answers
    std::size_t progress_every = 0;
};

struct LoadResult {
    std::size_t sent = 0;
    std::size_t results = 0;
    std::map<std::string, std::size_t> errors;  // by condition
    std::size_t deliveries = 0;                 // <message/> stanzas received
    std::size_t delivery_bytes = 0;
    std::size_t other_stanzas = 0;
    double seconds = 0;            // first submit queued to last answer
    std::vector<float> latencies;  // milliseconds, sorted, one per result
    double generator_cpu_seconds = 0;
    std::string problem;  // why the run ended early; empty when every submit was answered

    std::size_t error_count() const;
    double cards_per_second() const { return seconds > 0 ? results / seconds : 0; }
    double latency_percentile(double p) const;
};

LoadResult run_load(ComponentServer& server, const SubmitStanzas& stanzas, const LoadPlan& plan);

}  // namespace cardex::bench
