#include "core/vcard/jcard_datetime.hpp"

#include <algorithm>
#include <initializer_list>

namespace cardex::vcard::detail {
namespace {

enum class Direction { to_extended, to_basic };

// The shape of `text` with every digit replaced by 'd': "1430-0500" -> "dddd-dddd".
std::string shape(std::string_view text) {
    std::string out(text);
    for (char& c : out) {
        if (c >= '0' && c <= '9') c = 'd';
    }
    return out;
}

// `text` with `separator` inserted before each position in `at` (ascending).
std::string insert_at(std::string_view text, std::initializer_list<std::size_t> at,
                      char separator) {
    std::string out;
    std::size_t from = 0;
    for (std::size_t position : at) {
        out.append(text.substr(from, position - from));
        out += separator;
        from = position;
    }
    out.append(text.substr(from));
    return out;
}

std::string remove_all(std::string_view text, char separator, std::size_t from = 0) {
    std::string out(text.substr(0, from));
    for (char c : text.substr(from)) {
        if (c != separator) out += c;
    }
    return out;
}

// Dates: 19850412 <-> 1985-04-12, --0412 <-> --04-12; 1985-04, 1985, --04 and ---12 are the
// same in both forms.
std::string convert_date(std::string_view date, Direction direction) {
    const std::string s = shape(date);
    if (direction == Direction::to_extended) {
        if (s == "dddddddd") return insert_at(date, {4, 6}, '-');
        if (s == "--dddd") return insert_at(date, {4}, '-');
    } else {
        if (s == "dddd-dd-dd") return remove_all(date, '-');
        if (s == "--dd-dd") return remove_all(date, '-', 2);
    }
    return std::string(date);
}

// Zones: Z, +hh and -hh are the same in both forms; -0500 <-> -05:00.
std::string convert_zone(std::string_view zone, Direction direction) {
    const std::string s = shape(zone);
    const bool signed_zone = s.starts_with('+') || s.starts_with('-');
    if (!signed_zone) return std::string(zone);
    if (direction == Direction::to_extended && s.substr(1) == "dddd") {
        return insert_at(zone, {3}, ':');
    }
    if (direction == Direction::to_basic && s.substr(1) == "dd:dd") return remove_all(zone, ':');
    return std::string(zone);
}

// Times: 102200 <-> 10:22:00, 1022 <-> 10:22, -2200 <-> -22:00 (10, -22 and --00 are the same),
// each with an optional zone.
std::string convert_time(std::string_view time, Direction direction) {
    const auto first_digit = time.find_first_of("0123456789");
    if (first_digit == std::string_view::npos) return std::string(time);
    const auto zone_at = std::min(time.find_first_of("Z+-", first_digit), time.size());
    const std::string_view clock = time.substr(0, zone_at);
    const std::string s = shape(clock);
    std::string out(clock);
    if (direction == Direction::to_extended) {
        if (s == "dddddd") out = insert_at(clock, {2, 4}, ':');
        if (s == "dddd") out = insert_at(clock, {2}, ':');
        if (s == "-dddd") out = insert_at(clock, {3}, ':');
    } else if (s == "dd:dd:dd" || s == "dd:dd" || s == "-dd:dd") {
        out = remove_all(clock, ':');
    }
    return out + convert_zone(time.substr(zone_at), direction);
}

std::string convert_date_time(std::string_view value, Direction direction) {
    const auto t = value.find('T');
    if (t == std::string_view::npos) return convert_date(value, direction);
    return convert_date(value.substr(0, t), direction) + "T" +
           convert_time(value.substr(t + 1), direction);
}

std::string convert(std::string_view type, std::string_view value, Direction direction) {
    if (type == "date") return convert_date(value, direction);
    if (type == "time") return convert_time(value, direction);
    if (type == "date-time" || type == "timestamp" || type == "date-and-or-time") {
        return convert_date_time(value, direction);
    }
    if (type == "utc-offset") return convert_zone(value, direction);
    return std::string(value);
}

}  // namespace

std::string to_extended_format(std::string_view type, std::string_view value) {
    return convert(type, value, Direction::to_extended);
}

std::string to_basic_format(std::string_view type, std::string_view value) {
    return convert(type, value, Direction::to_basic);
}

}  // namespace cardex::vcard::detail
