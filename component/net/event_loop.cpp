#include "component/net/event_loop.hpp"

#include <poll.h>
#include <sys/eventfd.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <stdexcept>
#include <string>

namespace cardex::component {

EventLoop::EventLoop() : wake_fd_(::eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC)) {
    if (wake_fd_ < 0) throw std::runtime_error(std::string("eventfd: ") + std::strerror(errno));
    watch(wake_fd_, POLLIN, [this](short) {
        std::uint64_t count = 0;
        while (::read(wake_fd_, &count, sizeof count) > 0) {
        }
        run_posted();
    });
}

EventLoop::~EventLoop() {
    ::close(wake_fd_);
}

void EventLoop::watch(int fd, short events, FdCallback callback) {
    watches_[fd] = Watch{events, std::move(callback)};
}

void EventLoop::set_events(int fd, short events) {
    if (auto it = watches_.find(fd); it != watches_.end()) it->second.events = events;
}

void EventLoop::unwatch(int fd) {
    watches_.erase(fd);
}

EventLoop::TimerId EventLoop::add_timer(std::chrono::milliseconds delay, Callback callback) {
    const TimerId id = next_timer_id_++;
    const auto deadline = Clock::now() + delay;
    timers_.emplace(std::make_pair(deadline, id), std::move(callback));
    timer_deadlines_.emplace(id, deadline);
    return id;
}

void EventLoop::cancel_timer(TimerId id) {
    const auto it = timer_deadlines_.find(id);
    if (it == timer_deadlines_.end()) return;
    timers_.erase({it->second, id});
    timer_deadlines_.erase(it);
}

void EventLoop::post(Callback callback) {
    {
        std::lock_guard lock(posted_mutex_);
        posted_.push_back(std::move(callback));
    }
    const std::uint64_t one = 1;
    [[maybe_unused]] const auto n = ::write(wake_fd_, &one, sizeof one);
}

void EventLoop::stop() {
    stopping_ = true;
}

int EventLoop::poll_timeout_ms() const {
    if (timers_.empty()) return -1;
    const auto wait = timers_.begin()->first.first - Clock::now();
    const auto ms = std::chrono::ceil<std::chrono::milliseconds>(wait).count();
    return ms < 0 ? 0 : static_cast<int>(std::min<std::int64_t>(ms, 60'000));
}

void EventLoop::run_due_timers() {
    const auto now = Clock::now();
    while (!timers_.empty() && timers_.begin()->first.first <= now && !stopping_) {
        auto node = timers_.extract(timers_.begin());
        timer_deadlines_.erase(node.key().second);
        node.mapped()();
    }
}

void EventLoop::run_posted() {
    std::vector<Callback> batch;
    {
        std::lock_guard lock(posted_mutex_);
        batch.swap(posted_);
    }
    for (auto& callback : batch)
        callback();
}

void EventLoop::run() {
    stopping_ = false;
    std::vector<pollfd> fds;
    while (!stopping_) {
        fds.clear();
        for (const auto& [fd, w] : watches_)
            fds.push_back(pollfd{fd, w.events, 0});
        const int n = ::poll(fds.data(), fds.size(), poll_timeout_ms());
        if (n < 0 && errno != EINTR)
            throw std::runtime_error(std::string("poll: ") + std::strerror(errno));
        for (const auto& p : fds) {
            if (p.revents == 0 || stopping_) continue;
            // A callback may have removed this watch (or every watch) meanwhile.
            const auto it = watches_.find(p.fd);
            if (it == watches_.end()) continue;
            FdCallback callback = it->second.callback;
            callback(p.revents);
        }
        run_due_timers();
    }
}

}  // namespace cardex::component
