#include "client/ui/text_width.hpp"

#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include <cstdint>

namespace cardex::client::ui {
namespace {

constexpr std::string_view kReplacement = "\xEF\xBF\xBD";  // U+FFFD
constexpr std::string_view kEllipsis = "\xE2\x80\xA6";     // U+2026
constexpr char kEscape = '\x1B';
constexpr char kBell = '\x07';

// One character of the text: its bytes and code point (U+FFFD when the bytes are ill-formed).
struct Character {
    std::string_view bytes;
    UChar32 code_point = 0;
    bool valid = true;
};

// The character starting at `offset`. U8_NEXT counts in int32_t, so it is only shown the four
// bytes a character can have, whatever the length of the text.
Character character_at(std::string_view text, std::size_t offset) {
    const std::string_view rest = text.substr(offset, 4);
    std::int32_t length = 0;
    UChar32 code_point = 0;
    U8_NEXT(rest.data(), length, static_cast<std::int32_t>(rest.size()), code_point);
    const auto used = static_cast<std::size_t>(length);
    if (code_point < 0) return {rest.substr(0, used), 0xFFFD, false};
    return {rest.substr(0, used), code_point, true};
}

bool is_control(UChar32 c) {
    return c < 0x20 || (c >= 0x7F && c < 0xA0);  // C0, DEL, C1
}

// Bidirectional embeddings, overrides and isolates: text from a card could use them to make
// what the terminal shows read differently from what it is (a number, an address).
bool is_bidi_control(UChar32 c) {
    return (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069);
}

// Hangul vowel and final jamo join the initial consonant before them into one syllable.
bool is_conjoining_jamo(UChar32 c) {
    const auto type = u_getIntPropertyValue(c, UCHAR_HANGUL_SYLLABLE_TYPE);
    return type == U_HST_VOWEL_JAMO || type == U_HST_TRAILING_JAMO;
}

bool is_zero_width(UChar32 c) {
    // Zero-width space, (non-)joiners, LRM, RLM: format characters in current Unicode, listed
    // so that they stay zero-width with any ICU.
    if (c >= 0x200B && c <= 0x200F) return true;
    const auto category = u_charType(c);
    if (category == U_NON_SPACING_MARK || category == U_ENCLOSING_MARK ||
        category == U_FORMAT_CHAR) {
        return true;
    }
    return is_conjoining_jamo(c);
}

std::size_t code_point_width(UChar32 c) {
    if (is_control(c) || is_zero_width(c)) return 0;
    const auto east_asian_width = u_getIntPropertyValue(c, UCHAR_EAST_ASIAN_WIDTH);
    if (east_asian_width == U_EA_WIDE || east_asian_width == U_EA_FULLWIDTH) return 2;
    // Emoji shown as pictures by default take two columns. Most are East Asian wide already;
    // some are not, such as the regional indicators that make up flags.
    if (u_hasBinaryProperty(c, UCHAR_EMOJI_PRESENTATION)) return 2;
    return 1;
}

std::size_t character_width(const Character& character) {
    return character.valid ? code_point_width(character.code_point) : 1;
}

std::string spaces(std::size_t count) {
    return std::string(count, ' ');
}

bool is_between(char c, char low, char high) {
    return c >= low && c <= high;
}

// ESC [ parameters intermediates final: the cursor, colour and erase commands.
std::size_t skip_csi(std::string_view text, std::size_t pos) {
    while (pos < text.size() && is_between(text[pos], 0x30, 0x3F))
        ++pos;
    while (pos < text.size() && is_between(text[pos], 0x20, 0x2F))
        ++pos;
    if (pos < text.size() && is_between(text[pos], 0x40, 0x7E)) ++pos;
    return pos;
}

// ESC ] (OSC: window title, hyperlinks, clipboard), ESC P (DCS) and the other control strings
// run to BEL or to ESC \. One without an end is taken as its introducer only, so that the
// text after it stays visible.
std::size_t skip_control_string(std::string_view text, std::size_t pos) {
    for (std::size_t i = pos; i < text.size(); ++i) {
        if (text[i] == kBell) return i + 1;
        if (text[i] == kEscape && i + 1 < text.size() && text[i + 1] == '\\') return i + 2;
    }
    return pos;
}

// Where the escape sequence whose ESC is just before `pos` ends (ECMA-48 forms).
std::size_t skip_escape_sequence(std::string_view text, std::size_t pos) {
    if (pos >= text.size()) return pos;
    const char introducer = text[pos];
    if (introducer == '[') return skip_csi(text, pos + 1);
    if (introducer == ']' || introducer == 'P' || introducer == 'X' || introducer == '^' ||
        introducer == '_') {
        return skip_control_string(text, pos + 1);
    }
    while (pos < text.size() && is_between(text[pos], 0x20, 0x2F))
        ++pos;  // intermediates, as in ESC ( B
    if (pos < text.size() && is_between(text[pos], 0x30, 0x7E)) ++pos;
    return pos;
}

// A piece of a paragraph that wrapping keeps together: a word, a run of spaces, or one wide
// character (CJK text has no spaces, so a line may break between any two wide characters).
// Zero-width characters stay with the character before them.
enum class SegmentKind { word, space, wide };

struct Segment {
    std::string_view text;
    std::size_t width = 0;
    SegmentKind kind = SegmentKind::word;
};

SegmentKind kind_of(const Character& character, std::size_t width) {
    if (character.code_point == ' ') return SegmentKind::space;
    return width == 2 ? SegmentKind::wide : SegmentKind::word;
}

bool joins_previous(const std::vector<Segment>& segments, SegmentKind kind, std::size_t width) {
    if (segments.empty()) return false;
    if (width == 0) return true;
    return kind != SegmentKind::wide && segments.back().kind == kind;
}

std::vector<Segment> segments_of(std::string_view paragraph) {
    std::vector<Segment> segments;
    for (std::size_t offset = 0; offset < paragraph.size();) {
        const Character character = character_at(paragraph, offset);
        const std::size_t width = character_width(character);
        const SegmentKind kind = kind_of(character, width);
        if (joins_previous(segments, kind, width)) {
            Segment& last = segments.back();
            last.text =
                std::string_view(last.text.data(), last.text.size() + character.bytes.size());
            last.width += width;
        } else {
            segments.push_back({character.bytes, width, kind});
        }
        offset += character.bytes.size();
    }
    return segments;
}

// Fills lines of at most `width` columns with the segments of one paragraph. Spaces where a
// line breaks are dropped; spaces at the start of the paragraph are kept.
class LineFiller {
  public:
    explicit LineFiller(std::size_t width) : width_(width) {}

    void add(const Segment& segment) {
        if (segment.kind == SegmentKind::space) {
            pending_space_ = segment;  // kept only if a word follows on the same line
            return;
        }
        add_word(segment);
    }

    std::vector<std::string> finish() {
        lines_.push_back(std::move(line_));
        return std::move(lines_);
    }

  private:
    void add_word(const Segment& word) {
        if (line_width_ + pending_space_.width + word.width <= width_) {
            append(pending_space_);
            append(word);
            pending_space_ = {};
            return;
        }
        pending_space_ = {};
        if (!line_.empty()) break_line();
        if (word.width <= width_) {
            append(word);
        } else {
            append_by_characters(word.text);
        }
    }

    // A word wider than a whole line: broken between characters. A character wider than the
    // line gets a line of its own.
    void append_by_characters(std::string_view word) {
        for (std::size_t offset = 0; offset < word.size();) {
            const Character character = character_at(word, offset);
            const std::size_t width = character_width(character);
            if (line_width_ + width > width_ && !line_.empty()) break_line();
            append({character.bytes, width, SegmentKind::word});
            offset += character.bytes.size();
        }
    }

    void append(const Segment& segment) {
        line_ += segment.text;
        line_width_ += segment.width;
    }

    void break_line() {
        lines_.push_back(std::move(line_));
        line_.clear();
        line_width_ = 0;
    }

    std::size_t width_;
    std::vector<std::string> lines_;
    std::string line_;
    std::size_t line_width_ = 0;
    Segment pending_space_;
};

std::vector<std::string> wrap_paragraph(std::string_view paragraph, std::size_t width) {
    if (!paragraph.empty() && paragraph.back() == '\r') paragraph.remove_suffix(1);
    LineFiller filler(width);
    for (const Segment& segment : segments_of(paragraph))
        filler.add(segment);
    return filler.finish();
}

}  // namespace

std::size_t display_width(std::string_view utf8) {
    std::size_t width = 0;
    for (std::size_t offset = 0; offset < utf8.size();) {
        const Character character = character_at(utf8, offset);
        width += character_width(character);
        offset += character.bytes.size();
    }
    return width;
}

std::string pad_right(std::string_view utf8, std::size_t width) {
    const std::size_t used = display_width(utf8);
    return std::string(utf8) + (used < width ? spaces(width - used) : std::string());
}

std::string pad_left(std::string_view utf8, std::size_t width) {
    const std::size_t used = display_width(utf8);
    return (used < width ? spaces(width - used) : std::string()) + std::string(utf8);
}

std::string truncate_to_width(std::string_view utf8, std::size_t width) {
    if (display_width(utf8) <= width) return std::string(utf8);
    if (width == 0) return {};
    const std::size_t room = width - 1;  // the ellipsis takes one column
    std::string out;
    std::size_t used = 0;
    for (std::size_t offset = 0; offset < utf8.size();) {
        const Character character = character_at(utf8, offset);
        const std::size_t character_columns = character_width(character);
        if (used + character_columns > room) break;
        out += character.bytes;
        used += character_columns;
        offset += character.bytes.size();
    }
    // "met at the…" reads better than "met at the …".
    out.erase(out.find_last_not_of(' ') + 1);
    return out + std::string(kEllipsis);
}

std::vector<std::string> wrap_to_width(std::string_view utf8, std::size_t width) {
    std::vector<std::string> lines;
    std::size_t start = 0;
    while (true) {
        const std::size_t newline = utf8.find('\n', start);
        auto paragraph_lines = wrap_paragraph(utf8.substr(start, newline - start), width);
        lines.insert(lines.end(), std::make_move_iterator(paragraph_lines.begin()),
                     std::make_move_iterator(paragraph_lines.end()));
        if (newline == std::string_view::npos) break;
        start = newline + 1;
    }
    return lines;
}

std::string sanitize_for_terminal(std::string_view utf8) {
    std::string out;
    out.reserve(utf8.size());
    for (std::size_t offset = 0; offset < utf8.size();) {
        const Character character = character_at(utf8, offset);
        offset += character.bytes.size();
        if (character.valid && character.code_point == kEscape) {
            offset = skip_escape_sequence(utf8, offset);
            out += kReplacement;
        } else if (!character.valid || is_control(character.code_point) ||
                   is_bidi_control(character.code_point)) {
            out += kReplacement;
        } else {
            out += character.bytes;
        }
    }
    return out;
}

}  // namespace cardex::client::ui
