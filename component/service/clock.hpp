// Clock: the service's time and timers. The daemon uses the wall clock and the event loop's
// timers (LoopClock); tests use a fake clock that they advance by hand, so that redelivery
// and expiry are tested without sleeping.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>

#include "component/net/event_loop.hpp"
#include "core/protocol/timestamp.hpp"

namespace cardex::component {

class Clock {
  public:
    using TimerId = std::uint64_t;
    virtual ~Clock() = default;
    virtual protocol::Timestamp now() const = 0;
    // Calls `callback` once, `delay` from now, on the service's thread.
    virtual TimerId after(std::chrono::milliseconds delay, std::function<void()> callback) = 0;
    virtual void cancel(TimerId id) = 0;
};

class LoopClock final : public Clock {
  public:
    explicit LoopClock(EventLoop& loop) : loop_(loop) {}
    protocol::Timestamp now() const override {
        return std::chrono::time_point_cast<std::chrono::milliseconds>(
            std::chrono::system_clock::now());
    }
    TimerId after(std::chrono::milliseconds delay, std::function<void()> callback) override {
        return loop_.add_timer(delay, std::move(callback));
    }
    void cancel(TimerId id) override { loop_.cancel_timer(id); }

  private:
    EventLoop& loop_;
};

}  // namespace cardex::component
