// RateLimiter: at most `limit` events per key within any `window`, in memory (limits are
// protection, not accounting; a restart forgets them). Keys idle for a window are forgotten.
#pragma once

#include <chrono>
#include <deque>
#include <optional>
#include <string>
#include <unordered_map>

#include "core/protocol/timestamp.hpp"

namespace cardex::component {

class RateLimiter {
  public:
    // limit 0: no limit.
    RateLimiter(std::uint64_t limit, std::chrono::milliseconds window)
        : limit_(limit), window_(window) {}

    // Records an event for `key` at `now` and returns nothing, or refuses it and returns when
    // the next one will be admitted.
    std::optional<protocol::Timestamp> admit(const std::string& key, protocol::Timestamp now);
    // Takes back an event admitted for `key` at `at`, which then no longer counts.
    void take_back(const std::string& key, protocol::Timestamp at);

  private:
    void forget_idle(protocol::Timestamp now);

    std::uint64_t limit_;
    std::chrono::milliseconds window_;
    std::unordered_map<std::string, std::deque<protocol::Timestamp>> events_;
    protocol::Timestamp last_sweep_{};
};

}  // namespace cardex::component
