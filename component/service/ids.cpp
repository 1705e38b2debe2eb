#include "component/service/ids.hpp"

#include <openssl/rand.h>
#include <openssl/sha.h>

#include <stdexcept>
#include <vector>

namespace cardex::component {
namespace {

constexpr std::string_view kAlphabet =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

std::string base64url(const std::vector<unsigned char>& bytes) {
    std::string out;
    std::uint32_t buffer = 0;
    int bits = 0;
    for (unsigned char b : bytes) {
        buffer = (buffer << 8) | b;
        bits += 8;
        while (bits >= 6) {
            bits -= 6;
            out += kAlphabet[(buffer >> bits) & 0x3f];
        }
    }
    if (bits > 0) out += kAlphabet[(buffer << (6 - bits)) & 0x3f];
    return out;
}

bool is_id_text(std::string_view text) {
    return !text.empty() && text.size() <= 64 &&
           text.find_first_not_of(kAlphabet) == std::string_view::npos;
}

}  // namespace

std::string random_id(std::size_t bytes) {
    std::vector<unsigned char> random(bytes);
    if (RAND_bytes(random.data(), static_cast<int>(random.size())) != 1) {
        throw std::runtime_error("the system's random number generator failed");
    }
    return base64url(random);
}

std::string content_digest(std::string_view bytes) {
    std::vector<unsigned char> digest(SHA256_DIGEST_LENGTH);
    SHA256(reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size(), digest.data());
    return base64url(digest);
}

std::string copy_message_id(std::string_view delivery_id) {
    return std::string(delivery_id) + "." + random_id(8);
}

std::optional<std::string> delivery_of_message_id(std::string_view message_id) {
    const auto dot = message_id.rfind('.');
    if (dot == std::string_view::npos) return std::nullopt;
    const auto id = message_id.substr(0, dot);
    if (!is_id_text(id) || !is_id_text(message_id.substr(dot + 1))) return std::nullopt;
    return std::string(id);
}

}  // namespace cardex::component
