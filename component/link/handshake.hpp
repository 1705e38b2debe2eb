// The XEP-0114 handshake value: lower-case hex SHA-1 of the stream id followed by the secret.
#pragma once

#include <string>
#include <string_view>

namespace cardex::component {

std::string handshake_digest(std::string_view stream_id, std::string_view secret);

}  // namespace cardex::component
