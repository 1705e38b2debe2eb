#include "core/xml/writer.hpp"

#include <array>
#include <cstdint>

namespace cardex::xml {
namespace {

constexpr std::string_view kReplacement = "\xEF\xBF\xBD";  // U+FFFD

bool allowed_in_xml(std::uint32_t cp) {
    if (cp < 0x20) return cp == 0x9 || cp == 0xA || cp == 0xD;
    if (cp >= 0xD800 && cp <= 0xDFFF) return false;
    return cp != 0xFFFE && cp != 0xFFFF && cp <= 0x10FFFF;
}

// Length of the valid UTF-8 sequence starting at text[i] and its code point; 0 if invalid.
std::size_t decode_utf8(std::string_view text, std::size_t i, std::uint32_t& cp) {
    const auto b0 = static_cast<unsigned char>(text[i]);
    std::size_t len = 0;
    if (b0 < 0x80) {
        cp = b0;
        return 1;
    } else if ((b0 & 0xE0) == 0xC0) {
        len = 2;
        cp = b0 & 0x1F;
    } else if ((b0 & 0xF0) == 0xE0) {
        len = 3;
        cp = b0 & 0x0F;
    } else if ((b0 & 0xF8) == 0xF0) {
        len = 4;
        cp = b0 & 0x07;
    } else {
        return 0;
    }
    if (i + len > text.size()) return 0;
    for (std::size_t k = 1; k < len; ++k) {
        const auto b = static_cast<unsigned char>(text[i + k]);
        if ((b & 0xC0) != 0x80) return 0;
        cp = (cp << 6) | (b & 0x3F);
    }
    static constexpr std::uint32_t kMinForLength[] = {0, 0, 0x80, 0x800, 0x10000};
    if (cp < kMinForLength[len]) return 0;  // overlong encoding
    return len;
}

// Where a writer puts what it writes: a string, or only a count of the bytes (the size of a
// serialisation without making it).
struct ByteCount {
    std::size_t bytes = 0;
    ByteCount& operator+=(std::string_view text) {
        bytes += text.size();
        return *this;
    }
    ByteCount& operator+=(char) {
        ++bytes;
        return *this;
    }
    void append(std::string_view text) { bytes += text.size(); }
};

bool is_layout_whitespace(std::string_view text) {
    return text.find_first_not_of(" \t\r\n") == std::string_view::npos;
}

// The bytes that are copied as they are: printable ASCII but the markup characters. A table,
// since every byte of every card written goes through it.
constexpr std::array<bool, 256> kPlainBytes = [] {
    std::array<bool, 256> plain{};
    for (int b = 0x20; b < 0x80; ++b)
        plain[static_cast<std::size_t>(b)] =
            b != '&' && b != '<' && b != '>' && b != '\'' && b != '"';
    return plain;
}();

bool plain_byte(char c) {
    return kPlainBytes[static_cast<unsigned char>(c)];
}

template <class Sink>
void escape_into(Sink& out, std::string_view text) {
    for (std::size_t i = 0; i < text.size();) {
        // Runs of plain ASCII (most of any card) are appended in one go.
        std::size_t run = i;
        while (run < text.size() && plain_byte(text[run]))
            ++run;
        if (run > i) {
            out.append(text.substr(i, run - i));
            i = run;
            continue;
        }
        std::uint32_t cp = 0;
        const std::size_t len = decode_utf8(text, i, cp);
        if (len == 0 || !allowed_in_xml(cp)) {
            out += kReplacement;
            i += len == 0 ? 1 : len;
            continue;
        }
        switch (cp) {
            case '&':
                out += "&amp;";
                break;
            case '<':
                out += "&lt;";
                break;
            case '>':
                out += "&gt;";
                break;
            case '\'':
                out += "&apos;";
                break;
            case '"':
                out += "&quot;";
                break;
            case '\r':
                out += "&#13;";
                break;  // keep CR through end-of-line normalisation
            default:
                out.append(text.substr(i, len));
        }
        i += len;
    }
}

template <class Sink>
void append_attribute(Sink& out, std::string_view name, std::string_view value) {
    out += ' ';
    out += name;
    out += "='";
    escape_into(out, value);
    out += '\'';
}

template <class Sink>
void write_element(Sink& out, const Element& e, std::string_view inherited_ns, Layout layout) {
    out += '<';
    out += e.name;
    if (e.ns != inherited_ns) append_attribute(out, "xmlns", e.ns);
    int prefix_count = 0;
    for (const auto& a : e.attributes) {
        if (!a.name.empty() && a.name.front() == '{') {
            // Clark notation {uri}local: declare a prefix for this attribute.
            const auto close = a.name.find('}');
            std::string prefix(1, 'a');
            prefix += std::to_string(prefix_count++);
            append_attribute(out, "xmlns:" + prefix, std::string_view(a.name).substr(1, close - 1));
            append_attribute(out, prefix + ":" + a.name.substr(close + 1), a.value);
        } else {
            append_attribute(out, a.name, a.value);
        }
    }
    const bool drop_text =
        layout == Layout::without && !e.children.empty() && is_layout_whitespace(e.text);
    const std::string_view text = drop_text ? std::string_view() : std::string_view(e.text);
    if (text.empty() && e.children.empty() && e.raw.empty()) {
        out += "/>";
        return;
    }
    out += '>';
    escape_into(out, text);
    for (const auto& c : e.children)
        write_element(out, c, e.ns, layout);
    out += e.raw;
    out += "</";
    out += e.name;
    out += '>';
}

}  // namespace

void append_escaped(std::string& out, std::string_view text) {
    escape_into(out, text);
}

std::string to_string(const Element& element, std::string_view inherited_ns, Layout layout) {
    std::string out;
    write_element(out, element, inherited_ns, layout);
    return out;
}

void append_to(std::string& out, const Element& element, std::string_view inherited_ns) {
    write_element(out, element, inherited_ns, Layout::as_is);
}

std::size_t serialized_size(const Element& element, std::string_view inherited_ns) {
    ByteCount count;
    write_element(count, element, inherited_ns, Layout::as_is);
    return count.bytes;
}

}  // namespace cardex::xml
