#include "bench/component_load.hpp"

#include <algorithm>
#include <charconv>

#include "bench/proc_stats.hpp"

namespace cardex::bench {
namespace {

using Clock = std::chrono::steady_clock;
constexpr std::chrono::milliseconds kPollSlice{5};
constexpr std::size_t kMaxQueuedBytes = 4 * 1024 * 1024;  // stop writing ahead of the socket

class Generator {
  public:
    Generator(ComponentServer& server, const SubmitStanzas& stanzas, const LoadPlan& plan)
        : server_(server), stanzas_(stanzas), plan_(plan), sent_at_(plan.cards) {}

    LoadResult run() {
        const double cpu_before = thread_cpu_seconds();
        start_ = Clock::now();
        last_arrival_ = start_;
        last_answer_ = start_;
        while (answered() < plan_.cards && result_.problem.empty()) {
            send_what_the_window_allows();
            pump(kPollSlice);
            if (Clock::now() - last_arrival_ > plan_.stall_limit)
                result_.problem =
                    "nothing arrived for " + std::to_string(plan_.stall_limit.count()) + " s";
        }
        result_.seconds = std::chrono::duration<double>(last_answer_ - start_).count();
        drain();
        result_.generator_cpu_seconds = thread_cpu_seconds() - cpu_before;
        std::sort(result_.latencies.begin(), result_.latencies.end());
        return std::move(result_);
    }

  private:
    std::size_t answered() const { return result_.results + result_.error_count(); }

    void send_what_the_window_allows() {
        std::string id;
        while (result_.sent < plan_.cards && result_.sent - answered() < plan_.window &&
               server_.queued_bytes() < kMaxQueuedBytes) {
            const std::size_t k = result_.sent++;
            id = "b" + std::to_string(k);
            const std::string from =
                "user" + std::to_string(k % plan_.senders) + "@" + plan_.domain + "/r";
            const std::string to =
                "rcpt" + std::to_string(k % plan_.recipients) + "@" + plan_.domain;
            stanzas_.append(out_, k, id, from, to);
            sent_at_[k] = Clock::now();
        }
        if (!out_.empty()) {
            server_.send(out_);
            out_.clear();
        }
    }

    void pump(std::chrono::milliseconds timeout) {
        auto pumped = server_.pump(timeout, [this](const StanzaHead& s) { on_stanza(s); });
        if (!pumped && result_.problem.empty()) result_.problem = pumped.error().message;
    }

    void on_stanza(const StanzaHead& stanza) {
        const auto now = Clock::now();
        last_arrival_ = now;
        if (stanza.name == "message") {
            ++result_.deliveries;
            result_.delivery_bytes += stanza.bytes;
            return;
        }
        std::size_t k = 0;
        const bool ours =
            stanza.name == "iq" && stanza.id.size() > 1 && stanza.id[0] == 'b' &&
            std::from_chars(stanza.id.data() + 1, stanza.id.data() + stanza.id.size(), k).ec ==
                std::errc{} &&
            k < result_.sent;
        if (!ours) {
            ++result_.other_stanzas;
            return;
        }
        if (stanza.type == "result") {
            ++result_.results;
            result_.latencies.push_back(
                std::chrono::duration<float, std::milli>(now - sent_at_[k]).count());
        } else {
            ++result_.errors[stanza.error_condition.empty() ? stanza.type : stanza.error_condition];
        }
        last_answer_ = now;
        if (plan_.progress && plan_.progress_every > 0 && answered() % plan_.progress_every == 0)
            plan_.progress(answered());
    }

    // Reads delivery messages still on their way: until one per result has arrived, nothing
    // has arrived for a while, or the drain time is up.
    void drain() {
        const auto deadline = Clock::now() + plan_.drain;
        while (result_.problem.empty() && result_.deliveries < result_.results &&
               Clock::now() < deadline)
            pump(kPollSlice);
    }

    ComponentServer& server_;
    const SubmitStanzas& stanzas_;
    const LoadPlan& plan_;
    std::vector<Clock::time_point> sent_at_;
    std::string out_;
    LoadResult result_;
    Clock::time_point start_, last_answer_, last_arrival_;
};

}  // namespace

std::size_t LoadResult::error_count() const {
    std::size_t n = 0;
    for (const auto& [condition, count] : errors)
        n += count;
    return n;
}

double LoadResult::latency_percentile(double p) const {
    if (latencies.empty()) return 0;
    const auto rank = static_cast<std::size_t>(p / 100.0 * static_cast<double>(latencies.size()));
    return latencies[std::min(rank, latencies.size() - 1)];
}

LoadResult run_load(ComponentServer& server, const SubmitStanzas& stanzas, const LoadPlan& plan) {
    return Generator(server, stanzas, plan).run();
}

}  // namespace cardex::bench
