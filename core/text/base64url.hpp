// URL-safe Base64 without padding (RFC 4648, section 5): the encoding of the protocol's ids.
#pragma once

#include <cstddef>
#include <string>

namespace cardex {

std::string base64url(const unsigned char* bytes, std::size_t size);

}  // namespace cardex
