// XEP-0082 DateTime in UTC, as every timestamp of the protocol is written:
//   CCYY-MM-DDThh:mm:ss[.sss]Z
// Parsing accepts one to nine fractional digits and keeps milliseconds (further digits are
// dropped); a time zone other than 'Z' is an error, since the draft requires UTC.
// Formatting writes whole seconds, or milliseconds when there are any.
#pragma once

#include <chrono>
#include <string>
#include <string_view>

#include "core/result.hpp"

namespace cardex::protocol {

using Timestamp = std::chrono::sys_time<std::chrono::milliseconds>;

Result<Timestamp> parse_timestamp(std::string_view text);
std::string format_timestamp(Timestamp stamp);

// "2026-11-20 09:30 UTC": the form fallback bodies show to people.
std::string format_timestamp_for_people(Timestamp stamp);

}  // namespace cardex::protocol
