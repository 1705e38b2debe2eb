// Identifiers the service makes: random ids (128 random bits, URL-safe Base64 without padding,
// as the draft requires), delivery ids (the same, after a prefix that grows with time) and the
// ids of the messages that carry copies. A message id
// is "<delivery id>.<nonce>", fresh for every copy, so that an error bounced by the
// recipient's server leads back to its delivery without a lookup table.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace cardex::component {

std::string random_id(std::size_t bytes = 16);
// A delivery id: 11 characters that grow with time (microseconds since 1970, counted on where
// two ids fall into the same microsecond) in the URL-safe alphabet sorted as bytes, then
// random_id(). New deliveries so go to the end of the deliveries' primary key instead of a
// random page of it: the store writes fewer pages per card and does not slow down as it grows.
std::string delivery_id();
// SHA-256 of `bytes`, URL-safe Base64: tells a repeated request from a different one.
std::string content_digest(std::string_view bytes);
std::string copy_message_id(std::string_view delivery_id);
// The delivery id inside a copy's message id, if it is one.
std::optional<std::string> delivery_of_message_id(std::string_view message_id);

}  // namespace cardex::component
