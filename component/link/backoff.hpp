// Backoff: capped exponential delays between reconnection attempts.
#pragma once

#include <algorithm>
#include <chrono>

namespace cardex::component {

class Backoff {
  public:
    Backoff(std::chrono::milliseconds initial, std::chrono::milliseconds max)
        : initial_(initial), max_(max), next_(initial) {}

    // The delay before the next attempt; each call doubles the following one, up to the cap.
    std::chrono::milliseconds next() {
        const auto current = next_;
        next_ = std::min(max_, next_ * 2);
        return current;
    }
    // After a success the next failure starts from the initial delay again.
    void reset() { next_ = initial_; }

  private:
    std::chrono::milliseconds initial_;
    std::chrono::milliseconds max_;
    std::chrono::milliseconds next_;
};

}  // namespace cardex::component
