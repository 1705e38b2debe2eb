// REV, the time a card was last changed (RFC 6350 section 6.7.4), read so that two revisions
// can be compared. Private to client/book.
#pragma once

#include <chrono>
#include <optional>
#include <string_view>

namespace cardex::client::book {

// The instant a REV value names, in UTC. Accepts the basic form of vCard 4.0
// ("19951031T222710Z") and the extended one older exports write ("1995-10-31T22:27:10Z"),
// fractions of a second (dropped), a UTC offset ("+01:00", "-0500") and a date alone; a time
// without a zone is taken as UTC. nullopt for anything else.
std::optional<std::chrono::sys_seconds> parse_revision(std::string_view text);

}  // namespace cardex::client::book
