// Durations as people write them on a command line: 45s, 30m, 12h, 7d.
#pragma once

#include <chrono>
#include <string_view>

#include "core/result.hpp"

namespace cardex::client::ui {

// A whole positive number followed by s, m, h or d; an Error that says what is expected.
Result<std::chrono::seconds> parse_duration(std::string_view text);

}  // namespace cardex::client::ui
