// EventLoop: one thread's poll() loop with file descriptor watches, timers and a thread-safe
// post() for work handed over from other threads. The XMPP link and the service run on it.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <map>
#include <mutex>
#include <vector>

namespace cardex::component {

class EventLoop {
  public:
    using Clock = std::chrono::steady_clock;
    using Callback = std::function<void()>;
    using FdCallback = std::function<void(short revents)>;
    using TimerId = std::uint64_t;

    EventLoop();
    ~EventLoop();
    EventLoop(const EventLoop&) = delete;
    EventLoop& operator=(const EventLoop&) = delete;

    // Calls `callback` with poll() revents whenever `fd` is ready for `events` (POLLIN/POLLOUT).
    void watch(int fd, short events, FdCallback callback);
    void set_events(int fd, short events);
    void unwatch(int fd);

    TimerId add_timer(std::chrono::milliseconds delay, Callback callback);
    void cancel_timer(TimerId id);

    // Runs `callback` on the loop's thread soon. Safe to call from any thread.
    void post(Callback callback);

    // Runs until stop() is called.
    void run();
    void stop();

  private:
    void run_due_timers();
    void run_posted();
    int poll_timeout_ms() const;

    struct Watch {
        short events;
        FdCallback callback;
    };
    std::map<int, Watch> watches_;
    std::map<std::pair<Clock::time_point, TimerId>, Callback> timers_;
    std::map<TimerId, Clock::time_point> timer_deadlines_;
    TimerId next_timer_id_ = 1;
    bool stopping_ = false;

    int wake_fd_ = -1;  // eventfd written by post()
    std::mutex posted_mutex_;
    std::vector<Callback> posted_;
};

}  // namespace cardex::component
