// Dates and times between the two ISO 8601 forms: vCard text and xCard use the basic format
// (19960415, --0203, 1430-0500) and the model keeps it; jCard uses the extended format
// (1996-04-15, --02-03, 14:30-05:00), RFC 7095 section 3.5.
//
// Only the forms RFC 6350 defines are converted; anything else passes through unchanged, so a
// malformed value is kept as it was written.
#pragma once

#include <string>
#include <string_view>

namespace cardex::vcard::detail {

// `type` is a value type: date, time, date-time, date-and-or-time, timestamp or utc-offset
// (any other type returns `value` unchanged).
std::string to_extended_format(std::string_view type, std::string_view value);
std::string to_basic_format(std::string_view type, std::string_view value);

}  // namespace cardex::vcard::detail
