#include "core/vcard/text_values.hpp"

#include <array>
#include <optional>

namespace cardex::vcard {
namespace {

std::optional<char> unescape_pair(char escaped, Version version) {
    if (version == Version::v21) {
        if (escaped == ';' || escaped == '\\') return escaped;
        return std::nullopt;
    }
    switch (escaped) {
        case '\\':
        case ',':
        case ';':
        case ':':
            return escaped;
        case 'n':
        case 'N':
            return '\n';
        default:
            return std::nullopt;
    }
}

struct Splitting {
    bool components = false;  // ';' starts a new component
    bool items = false;       // ',' starts a new list item
};

Splitting splitting_for(const PropertyKind& kind, Version version) {
    switch (kind.shape) {
        case ValueShape::single:
            return {};
        case ValueShape::list:
            return {false, true};
        case ValueShape::structured:
            break;
    }
    return {true, kind.list_components && version != Version::v21};
}

// The bytes a value's reading or writing must look at: the escape, line ends and, where they
// separate, ';' and ','. Every other byte is copied as part of a run.
using ByteSet = std::array<bool, 256>;

constexpr ByteSet special_set(bool semicolon, bool comma) {
    ByteSet set{};
    set['\\'] = set['\r'] = set['\n'] = true;
    set[';'] = semicolon;
    set[','] = comma;
    return set;
}

constexpr std::array<ByteSet, 4> kSpecialBytes = {
    special_set(false, false), special_set(false, true), special_set(true, false),
    special_set(true, true)};

const ByteSet& special_bytes(bool semicolon, bool comma) {
    return kSpecialBytes[(semicolon ? 2 : 0) + (comma ? 1 : 0)];
}

// Where the next byte of `special` is at or after `from`, or the end of `text`.
std::size_t next_special(std::string_view text, std::size_t from, const ByteSet& special) {
    while (from < text.size() && !special[static_cast<unsigned char>(text[from])])
        ++from;
    return from;
}

// Splits and unescapes in one pass, so an escaped separator is never split on.
std::vector<Component> split_and_unescape(std::string_view text, Splitting splitting,
                                          Version version) {
    std::vector<Component> components(1, Component(1));
    const ByteSet& special = special_bytes(splitting.components, splitting.items);
    for (std::size_t i = 0; i < text.size(); ++i) {
        std::string& item = components.back().back();
        if (const std::size_t run = next_special(text, i, special); run > i) {
            item.append(text.substr(i, run - i));
            i = run;
            if (i == text.size()) break;
        }
        const char c = text[i];
        if (c == '\\' && i + 1 < text.size()) {
            if (const auto plain = unescape_pair(text[i + 1], version)) {
                item.push_back(*plain);
                ++i;
                continue;
            }
        }
        if (c == ';' && splitting.components) {
            components.emplace_back(1);
        } else if (c == ',' && splitting.items) {
            components.back().emplace_back();
        } else if (c == '\r') {
            item.push_back('\n');
            if (i + 1 < text.size() && text[i + 1] == '\n') ++i;
        } else {
            item.push_back(c);
        }
    }
    return components;
}

void append_escaped(std::string& out, std::string_view text, bool escape_separators) {
    const ByteSet& special = special_bytes(escape_separators, escape_separators);
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (const std::size_t run = next_special(text, i, special); run > i) {
            out.append(text.substr(i, run - i));
            i = run;
            if (i == text.size()) break;
        }
        const char c = text[i];
        if (c == '\\') {
            out += "\\\\";
        } else if (c == '\n') {
            out += "\\n";
        } else if (c == '\r') {
            out += "\\n";
            if (i + 1 < text.size() && text[i + 1] == '\n') ++i;
        } else {  // ',' or ';', escaped as separators
            out.push_back('\\');
            out.push_back(c);
        }
    }
}

template <class Append>
std::string join(const std::vector<Component>& components, Append append_item) {
    std::string out;
    for (std::size_t c = 0; c < components.size(); ++c) {
        if (c > 0) out.push_back(';');
        for (std::size_t i = 0; i < components[c].size(); ++i) {
            if (i > 0) out.push_back(',');
            append_item(out, components[c][i]);
        }
    }
    return out;
}

}  // namespace

std::vector<Component> decode_value(std::string_view text, const PropertyKind& kind,
                                    Version version) {
    return split_and_unescape(text, splitting_for(kind, version), version);
}

std::string unescape_text(std::string_view text) {
    return split_and_unescape(text, {}, Version::v30).front().front();
}

std::string encode_value(const std::vector<Component>& components, const PropertyKind& kind,
                         std::string_view value_type) {
    // Texts escape their separators; other single values (URIs, dates) only need '\' and line
    // breaks escaped, so data: URIs and tel:...;ext= keep their ',' and ';' as they are.
    const bool escape_separators = kind.shape != ValueShape::single || value_type == "text";
    return join(components, [&](std::string& out, const std::string& item) {
        append_escaped(out, item, escape_separators);
    });
}

std::string encode_verbatim(const std::vector<Component>& components) {
    return join(components,
                [](std::string& out, const std::string& item) { out += escape_line_breaks(item); });
}

std::string escape_text(std::string_view text) {
    std::string out;
    append_escaped(out, text, true);
    return out;
}

std::string escape_line_breaks(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text[i] == '\n') {
            out += "\\n";
        } else if (text[i] == '\r') {
            out += "\\n";
            if (i + 1 < text.size() && text[i + 1] == '\n') ++i;
        } else {
            out.push_back(text[i]);
        }
    }
    return out;
}

}  // namespace cardex::vcard
