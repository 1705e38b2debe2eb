#include <array>
#include <string>

#include "core/vcard/text_codecs.hpp"

namespace cardex::vcard {
namespace {

constexpr std::string_view kAlphabet =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
constexpr int kNotBase64 = -1;

constexpr std::array<int, 256> make_decode_table() {
    std::array<int, 256> table{};
    for (auto& entry : table)
        entry = kNotBase64;
    for (std::size_t i = 0; i < kAlphabet.size(); ++i) {
        table[static_cast<unsigned char>(kAlphabet[i])] = static_cast<int>(i);
    }
    return table;
}
constexpr std::array<int, 256> kDecodeTable = make_decode_table();

bool is_space(char c) {
    return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

std::string describe_byte(char c) {
    const auto byte = static_cast<unsigned char>(c);
    if (byte >= 0x21 && byte < 0x7F) return std::string("'") + c + "'";
    static constexpr char kHex[] = "0123456789ABCDEF";
    return std::string("byte 0x") + kHex[byte >> 4] + kHex[byte & 0xF];
}

}  // namespace

std::size_t base64_decoded_size_bound(std::string_view text) {
    return text.size() / 4 * 3 + 3;
}

Result<std::string> decode_base64(std::string_view text) {
    std::string out;
    out.reserve(base64_decoded_size_bound(text));
    unsigned int buffer = 0;
    std::size_t symbols = 0;  // alphabet characters seen
    std::size_t padding = 0;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (is_space(c)) continue;
        if (c == '=') {
            ++padding;
            continue;
        }
        const int value = kDecodeTable[static_cast<unsigned char>(c)];
        if (value == kNotBase64 || padding > 0) {
            return make_error("invalid base64: " + describe_byte(c) + " at offset " +
                              std::to_string(i));
        }
        buffer = (buffer << 6) | static_cast<unsigned int>(value);
        if (++symbols % 4 == 0) {
            out.push_back(static_cast<char>((buffer >> 16) & 0xFF));
            out.push_back(static_cast<char>((buffer >> 8) & 0xFF));
            out.push_back(static_cast<char>(buffer & 0xFF));
            buffer = 0;
        }
    }
    const std::size_t tail = symbols % 4;
    if (tail == 1 || padding > 2) {
        return make_error("invalid base64: the text ends in the middle of a byte (" +
                          std::to_string(symbols) + " symbols)");
    }
    if (tail == 2) out.push_back(static_cast<char>((buffer >> 4) & 0xFF));
    if (tail == 3) {
        out.push_back(static_cast<char>((buffer >> 10) & 0xFF));
        out.push_back(static_cast<char>((buffer >> 2) & 0xFF));
    }
    return out;
}

std::string encode_base64(std::string_view bytes) {
    std::string out;
    out.reserve((bytes.size() + 2) / 3 * 4);
    std::size_t i = 0;
    for (; i + 3 <= bytes.size(); i += 3) {
        const unsigned int chunk = (static_cast<unsigned char>(bytes[i]) << 16) |
                                   (static_cast<unsigned char>(bytes[i + 1]) << 8) |
                                   static_cast<unsigned char>(bytes[i + 2]);
        out.push_back(kAlphabet[(chunk >> 18) & 0x3F]);
        out.push_back(kAlphabet[(chunk >> 12) & 0x3F]);
        out.push_back(kAlphabet[(chunk >> 6) & 0x3F]);
        out.push_back(kAlphabet[chunk & 0x3F]);
    }
    const std::size_t rest = bytes.size() - i;
    if (rest == 0) return out;
    unsigned int chunk = static_cast<unsigned char>(bytes[i]) << 16;
    if (rest == 2) chunk |= static_cast<unsigned char>(bytes[i + 1]) << 8;
    out.push_back(kAlphabet[(chunk >> 18) & 0x3F]);
    out.push_back(kAlphabet[(chunk >> 12) & 0x3F]);
    out.push_back(rest == 2 ? kAlphabet[(chunk >> 6) & 0x3F] : '=');
    out.push_back('=');
    return out;
}

}  // namespace cardex::vcard
