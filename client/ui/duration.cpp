#include "client/ui/duration.hpp"

#include <charconv>
#include <string>

namespace cardex::client::ui {

Result<std::chrono::seconds> parse_duration(std::string_view text) {
    const auto wrong = [&] {
        return make_error("'" + std::string(text) +
                          "' is not a duration: give a number and a unit, s, m, h or d (30m, "
                          "12h, 7d)");
    };
    if (text.size() < 2) return wrong();
    std::uint64_t count = 0;
    const char* end = text.data() + text.size() - 1;
    const auto [stop, ec] = std::from_chars(text.data(), end, count);
    if (ec != std::errc() || stop != end || count == 0) return wrong();
    std::uint64_t unit = 0;
    switch (text.back()) {
        case 's':
            unit = 1;
            break;
        case 'm':
            unit = 60;
            break;
        case 'h':
            unit = 3600;
            break;
        case 'd':
            unit = 86400;
            break;
        default:
            return wrong();
    }
    constexpr std::uint64_t kLongest = 100ULL * 365 * 86400;  // far beyond any service's maximum
    if (count > kLongest / unit) {
        return make_error("'" + std::string(text) + "' is too long a duration");
    }
    return std::chrono::seconds(static_cast<std::int64_t>(count * unit));
}

}  // namespace cardex::client::ui
