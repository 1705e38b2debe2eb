#include "component/link/handshake.hpp"

#include <openssl/evp.h>

#include <array>

namespace cardex::component {

std::string handshake_digest(std::string_view stream_id, std::string_view secret) {
    const std::string input = std::string(stream_id) + std::string(secret);
    std::array<unsigned char, EVP_MAX_MD_SIZE> digest{};
    unsigned int length = 0;
    EVP_Digest(input.data(), input.size(), digest.data(), &length, EVP_sha1(), nullptr);
    static constexpr char kHex[] = "0123456789abcdef";
    std::string hex;
    for (unsigned int i = 0; i < length; ++i) {
        hex += kHex[digest[i] >> 4];
        hex += kHex[digest[i] & 0xF];
    }
    return hex;
}

}  // namespace cardex::component
