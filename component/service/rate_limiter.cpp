#include "component/service/rate_limiter.hpp"

#include <algorithm>
#include <iterator>

namespace cardex::component {

std::optional<protocol::Timestamp> RateLimiter::admit(const std::string& key,
                                                      protocol::Timestamp now) {
    if (limit_ == 0) return std::nullopt;
    forget_idle(now);
    auto& events = events_[key];
    while (!events.empty() && events.front() + window_ <= now)
        events.pop_front();
    if (events.size() >= limit_) return events.front() + window_;
    events.push_back(now);
    return std::nullopt;
}

void RateLimiter::take_back(const std::string& key, protocol::Timestamp at) {
    auto found = events_.find(key);
    if (found == events_.end()) return;
    auto& events = found->second;
    auto event = std::find(events.rbegin(), events.rend(), at);
    if (event != events.rend()) events.erase(std::next(event).base());
}

void RateLimiter::forget_idle(protocol::Timestamp now) {
    if (now - last_sweep_ < window_) return;
    last_sweep_ = now;
    for (auto it = events_.begin(); it != events_.end();) {
        it = (it->second.empty() || it->second.back() + window_ <= now) ? events_.erase(it)
                                                                        : std::next(it);
    }
}

}  // namespace cardex::component
