// SignalWatch: delivers SIGTERM and SIGINT to the event loop (signalfd) instead of
// interrupting whatever runs, so shutdown happens between two pieces of work.
#pragma once

#include <functional>

#include "component/net/event_loop.hpp"

namespace cardex::component {

class SignalWatch {
  public:
    // Blocks SIGTERM and SIGINT for this thread and calls `on_signal(signo)` from the loop.
    SignalWatch(EventLoop& loop, std::function<void(int)> on_signal);
    ~SignalWatch();
    SignalWatch(const SignalWatch&) = delete;
    SignalWatch& operator=(const SignalWatch&) = delete;

  private:
    EventLoop& loop_;
    int fd_ = -1;
};

}  // namespace cardex::component
