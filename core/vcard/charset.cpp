#include <iconv.h>

#include <array>
#include <cerrno>
#include <cstdint>
#include <string>

#include "core/vcard/text_codecs.hpp"
#include "core/vcard/text_syntax.hpp"

namespace cardex::vcard {
namespace {

constexpr std::string_view kReplacement = "\xEF\xBF\xBD";  // U+FFFD

void append_utf8(std::string& out, std::uint32_t code_point) {
    if (code_point < 0x80) {
        out.push_back(static_cast<char>(code_point));
    } else if (code_point < 0x800) {
        out.push_back(static_cast<char>(0xC0 | (code_point >> 6)));
        out.push_back(static_cast<char>(0x80 | (code_point & 0x3F)));
    } else {
        out.push_back(static_cast<char>(0xE0 | (code_point >> 12)));
        out.push_back(static_cast<char>(0x80 | ((code_point >> 6) & 0x3F)));
        out.push_back(static_cast<char>(0x80 | (code_point & 0x3F)));
    }
}

// Length of the valid UTF-8 sequence starting at `i`, or 0 when the bytes there are not one
// (overlong forms, surrogates and code points above U+10FFFF are invalid).
std::size_t utf8_sequence_length(std::string_view bytes, std::size_t i) {
    const auto byte = [&](std::size_t k) { return static_cast<unsigned char>(bytes[k]); };
    const unsigned char lead = byte(i);
    if (lead < 0x80) return 1;
    std::size_t length = 0;
    unsigned char min_second = 0x80, max_second = 0xBF;
    if (lead >= 0xC2 && lead <= 0xDF) {
        length = 2;
    } else if (lead >= 0xE0 && lead <= 0xEF) {
        length = 3;
        if (lead == 0xE0) min_second = 0xA0;
        if (lead == 0xED) max_second = 0x9F;
    } else if (lead >= 0xF0 && lead <= 0xF4) {
        length = 4;
        if (lead == 0xF0) min_second = 0x90;
        if (lead == 0xF4) max_second = 0x8F;
    } else {
        return 0;
    }
    if (i + length > bytes.size()) return 0;
    if (byte(i + 1) < min_second || byte(i + 1) > max_second) return 0;
    for (std::size_t k = 2; k < length; ++k) {
        if ((byte(i + k) & 0xC0) != 0x80) return 0;
    }
    return length;
}

// Windows-1252 code points for 0x80..0x9F; the five unassigned bytes map to the C1 controls,
// as ISO-8859-1 does.
constexpr std::array<std::uint16_t, 32> kWindows1252High = {
    0x20AC, 0x0081, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160,
    0x2039, 0x0152, 0x008D, 0x017D, 0x008F, 0x0090, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022,
    0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x009D, 0x017E, 0x0178};

bool is_utf8_name(const std::string& name) {
    return name == "UTF-8" || name == "UTF8";
}

// ISO-8859-1 labels are read as Windows-1252, as browsers do: exporters that say Latin-1 often
// wrote Windows-1252 punctuation (curly quotes, the euro sign).
bool is_latin1_name(const std::string& name) {
    return name == "ISO-8859-1" || name == "ISO8859-1" || name == "LATIN1" ||
           name == "WINDOWS-1252" || name == "CP1252" || name == "US-ASCII" || name == "ASCII";
}

class IconvHandle {
  public:
    explicit IconvHandle(const std::string& from) : handle_(iconv_open("UTF-8", from.c_str())) {}
    ~IconvHandle() {
        if (ok()) iconv_close(handle_);
    }
    IconvHandle(const IconvHandle&) = delete;
    IconvHandle& operator=(const IconvHandle&) = delete;
    bool ok() const { return handle_ != reinterpret_cast<iconv_t>(-1); }
    iconv_t get() const { return handle_; }

  private:
    iconv_t handle_;
};

// Converts with iconv; an invalid or truncated sequence becomes U+FFFD and conversion resumes
// at the next byte.
std::string convert_with_iconv(const IconvHandle& converter, std::string_view bytes) {
    std::string out;
    std::array<char, 4096> buffer{};
    char* in = const_cast<char*>(bytes.data());  // iconv's signature; the input is not written
    std::size_t in_left = bytes.size();
    while (in_left > 0) {
        char* out_ptr = buffer.data();
        std::size_t out_left = buffer.size();
        const std::size_t rc = iconv(converter.get(), &in, &in_left, &out_ptr, &out_left);
        out.append(buffer.data(), buffer.size() - out_left);
        if (rc != static_cast<std::size_t>(-1) || errno == E2BIG) continue;
        out.append(kReplacement);  // EILSEQ or EINVAL: skip one byte and go on
        ++in;
        --in_left;
        iconv(converter.get(), nullptr, nullptr, nullptr, nullptr);  // reset shift state
    }
    return out;
}

}  // namespace

bool is_valid_utf8(std::string_view bytes) {
    for (std::size_t i = 0; i < bytes.size();) {
        if (static_cast<unsigned char>(bytes[i]) < 0x80) {  // ASCII, most of any card
            ++i;
            continue;
        }
        const std::size_t length = utf8_sequence_length(bytes, i);
        if (length == 0) return false;
        i += length;
    }
    return true;
}

std::string repair_utf8(std::string_view bytes) {
    std::string out;
    out.reserve(bytes.size());
    for (std::size_t i = 0; i < bytes.size();) {
        const std::size_t length = utf8_sequence_length(bytes, i);
        if (length == 0) {
            out.append(kReplacement);
            ++i;
        } else {
            out.append(bytes.substr(i, length));
            i += length;
        }
    }
    return out;
}

std::string windows1252_to_utf8(std::string_view bytes) {
    std::string out;
    out.reserve(bytes.size() + bytes.size() / 2);
    for (const char c : bytes) {
        const auto byte = static_cast<unsigned char>(c);
        if (byte >= 0x80 && byte <= 0x9F) {
            append_utf8(out, kWindows1252High[byte - 0x80]);
        } else {
            append_utf8(out, byte);
        }
    }
    return out;
}

Result<std::string> charset_to_utf8(std::string_view bytes, std::string_view charset) {
    const std::string name = upper_ascii(trim_blanks(charset));
    if (is_utf8_name(name)) return repair_utf8(bytes);
    if (is_latin1_name(name)) return windows1252_to_utf8(bytes);
    const IconvHandle converter(name);
    if (!converter.ok()) return make_error("unknown character set " + quoted(charset));
    return convert_with_iconv(converter, bytes);
}

std::string undeclared_text_to_utf8(std::string_view bytes) {
    if (is_valid_utf8(bytes)) return std::string(bytes);
    return windows1252_to_utf8(bytes);
}

}  // namespace cardex::vcard
