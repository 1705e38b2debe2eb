#include "client/book/revision.hpp"

#include "client/book/text_fold.hpp"

namespace cardex::client::book {
namespace {

using namespace std::chrono;

// Reads a timestamp from left to right.
class Scanner {
  public:
    explicit Scanner(std::string_view text) : rest_(text) {}

    bool at_end() const { return rest_.empty(); }
    bool next_is_digit() const {
        return !rest_.empty() && rest_.front() >= '0' && rest_.front() <= '9';
    }

    bool skip(char c) {
        if (rest_.empty() || rest_.front() != c) return false;
        rest_.remove_prefix(1);
        return true;
    }

    // Exactly `count` digits.
    bool number(std::size_t count, int& value) {
        value = 0;
        for (std::size_t i = 0; i < count; ++i) {
            if (!next_is_digit()) return false;
            value = value * 10 + (rest_.front() - '0');
            rest_.remove_prefix(1);
        }
        return true;
    }

    void skip_digits() {
        while (next_is_digit())
            rest_.remove_prefix(1);
    }

  private:
    std::string_view rest_;
};

std::optional<sys_days> read_date(Scanner& in) {
    int y = 0, m = 0, d = 0;
    if (!in.number(4, y)) return std::nullopt;
    const bool extended = in.skip('-');
    if (!in.number(2, m) || (extended && !in.skip('-')) || !in.number(2, d)) return std::nullopt;
    const year_month_day date{year{y}, month{static_cast<unsigned>(m)},
                              day{static_cast<unsigned>(d)}};
    if (!date.ok()) return std::nullopt;
    return sys_days{date};
}

// hh[[:]mm[[:]ss]][.fraction], after the 'T'.
std::optional<seconds> read_time(Scanner& in) {
    int h = 0, m = 0, s = 0;
    if (!in.number(2, h)) return std::nullopt;
    if ((in.skip(':') || in.next_is_digit()) && !in.number(2, m)) return std::nullopt;
    if ((in.skip(':') || in.next_is_digit()) && !in.number(2, s)) return std::nullopt;
    if (in.skip('.') || in.skip(',')) in.skip_digits();
    if (h > 23 || m > 59 || s > 60) return std::nullopt;  // 60: a leap second
    return hours{h} + minutes{m} + seconds{s};
}

// Z, +hh[[:]mm], -hh[[:]mm], or nothing (taken as UTC).
std::optional<seconds> read_utc_offset(Scanner& in) {
    if (in.at_end() || in.skip('Z') || in.skip('z')) return seconds{0};
    const int sign = in.skip('-') ? -1 : (in.skip('+') ? 1 : 0);
    int h = 0, m = 0;
    if (sign == 0 || !in.number(2, h)) return std::nullopt;
    if ((in.skip(':') || in.next_is_digit()) && !in.number(2, m)) return std::nullopt;
    if (h > 23 || m > 59) return std::nullopt;
    return sign * (hours{h} + minutes{m});
}

}  // namespace

std::optional<sys_seconds> parse_revision(std::string_view text) {
    Scanner in(trim_spaces(text));
    const auto date = read_date(in);
    if (!date) return std::nullopt;
    seconds time{0};
    if (in.skip('T') || in.skip('t')) {
        const auto read = read_time(in);
        if (!read) return std::nullopt;
        time = *read;
    }
    const auto offset = read_utc_offset(in);
    if (!offset || !in.at_end()) return std::nullopt;
    return sys_seconds{*date} + time - *offset;
}

}  // namespace cardex::client::book
