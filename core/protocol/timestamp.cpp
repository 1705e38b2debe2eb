#include "core/protocol/timestamp.hpp"

#include <cstdio>

namespace cardex::protocol {
namespace {

using namespace std::chrono;

constexpr std::string_view kShape = "CCYY-MM-DDThh:mm:ss[.sss]Z";

bool is_digit(char c) {
    return c >= '0' && c <= '9';
}

// The number in text[at, at + count), or -1 when those are not all digits.
int digits_at(std::string_view text, std::size_t at, std::size_t count) {
    int value = 0;
    for (std::size_t i = at; i < at + count; ++i) {
        if (!is_digit(text[i])) return -1;
        value = value * 10 + (text[i] - '0');
    }
    return value;
}

std::string quoted(std::string_view text) {
    return "'" + std::string(text) + "'";
}

Error malformed(std::string_view text, std::string_view why) {
    return make_error(quoted(text) + " is not an XEP-0082 DateTime (" + std::string(kShape) +
                      "): " + std::string(why));
}

// The fraction after the seconds, as milliseconds; `rest` starts after the seconds and ends
// before the 'Z'.
Result<milliseconds> read_fraction(std::string_view text, std::string_view rest) {
    if (rest.empty()) return milliseconds{0};
    if (rest.front() != '.')
        return malformed(text, "unexpected " + quoted(rest) + " after seconds");
    rest.remove_prefix(1);
    if (rest.empty() || rest.size() > 9) {
        return malformed(text, "the fraction of a second must have 1 to 9 digits");
    }
    int millis = 0;
    for (std::size_t i = 0; i < rest.size(); ++i) {
        if (!is_digit(rest[i])) return malformed(text, "the fraction of a second must be digits");
        if (i < 3) millis = millis * 10 + (rest[i] - '0');
    }
    for (std::size_t i = rest.size(); i < 3; ++i)
        millis *= 10;
    return milliseconds{millis};
}

Result<std::string_view> strip_utc_designator(std::string_view text) {
    if (text.ends_with('Z')) return text.substr(0, text.size() - 1);
    const auto zone = text.size() >= 6 ? text.substr(text.size() - 6) : std::string_view{};
    if (zone.size() == 6 && (zone[0] == '+' || zone[0] == '-') && zone[3] == ':') {
        return make_error(quoted(text) +
                          " is not in UTC: the protocol requires the time zone 'Z', got " +
                          quoted(zone));
    }
    return malformed(text, "it must end with 'Z' (UTC)");
}

}  // namespace

Result<Timestamp> parse_timestamp(std::string_view text) {
    auto body = strip_utc_designator(text);
    if (!body) return body.error();
    const std::string_view b = *body;
    if (b.size() < 19 || b[4] != '-' || b[7] != '-' || b[10] != 'T' || b[13] != ':' ||
        b[16] != ':') {
        return malformed(text, "wrong shape");
    }
    const int y = digits_at(b, 0, 4), mo = digits_at(b, 5, 2), d = digits_at(b, 8, 2);
    const int h = digits_at(b, 11, 2), mi = digits_at(b, 14, 2), s = digits_at(b, 17, 2);
    if (y < 0 || mo < 0 || d < 0 || h < 0 || mi < 0 || s < 0) {
        return malformed(text, "date and time fields must be digits");
    }
    const year_month_day date{year{y}, month{static_cast<unsigned>(mo)},
                              day{static_cast<unsigned>(d)}};
    if (y == 0 || !date.ok()) return malformed(text, "there is no such date");
    if (h > 23 || mi > 59 || s > 59) return malformed(text, "there is no such time of day");
    auto fraction = read_fraction(text, b.substr(19));
    if (!fraction) return fraction.error();
    return Timestamp{sys_days{date}} + hours{h} + minutes{mi} + seconds{s} + *fraction;
}

std::string format_timestamp(Timestamp stamp) {
    const auto day_start = floor<days>(stamp);
    const year_month_day date{day_start};
    const hh_mm_ss time{stamp - day_start};
    char buffer[40];
    std::snprintf(buffer, sizeof buffer, "%04d-%02u-%02uT%02d:%02d:%02d",
                  static_cast<int>(date.year()), static_cast<unsigned>(date.month()),
                  static_cast<unsigned>(date.day()), static_cast<int>(time.hours().count()),
                  static_cast<int>(time.minutes().count()),
                  static_cast<int>(time.seconds().count()));
    std::string out = buffer;
    if (const auto millis = time.subseconds().count(); millis != 0) {
        std::snprintf(buffer, sizeof buffer, ".%03d", static_cast<int>(millis));
        out += buffer;
    }
    return out + "Z";
}

std::string format_timestamp_for_people(Timestamp stamp) {
    const std::string full = format_timestamp(stamp);  // CCYY-MM-DDThh:mm:ss...
    return full.substr(0, 10) + " " + full.substr(11, 5) + " UTC";
}

}  // namespace cardex::protocol
