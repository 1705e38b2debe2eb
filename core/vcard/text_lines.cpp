#include "core/vcard/text_lines.hpp"

#include <algorithm>
#include <cstring>

#include "core/vcard/text_syntax.hpp"

namespace cardex::vcard {
namespace {

// Where the first CR or LF at or after `pos` is (npos: none). memchr over windows of 256
// bytes instead of string_view::find_first_of, which tests every byte against the set with a
// call of its own; the window keeps a file with only CRs (or only LFs) from being scanned to
// its end for the other one on every line.
std::size_t find_line_break(std::string_view text, std::size_t pos) {
    constexpr std::size_t kWindow = 256;
    for (std::size_t at = pos; at < text.size(); at += kWindow) {
        const char* const window = text.data() + at;
        const std::size_t length = std::min(kWindow, text.size() - at);
        const auto* lf = static_cast<const char*>(std::memchr(window, '\n', length));
        const std::size_t before_lf =
            lf != nullptr ? static_cast<std::size_t>(lf - window) : length;
        if (const auto* cr = static_cast<const char*>(std::memchr(window, '\r', before_lf)))
            return at + static_cast<std::size_t>(cr - window);
        if (lf != nullptr) return at + before_lf;
    }
    return std::string_view::npos;
}

bool starts_with_blank(std::string_view text) {
    return !text.empty() && (text.front() == ' ' || text.front() == '\t');
}

bool is_base64_char(char c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '+' ||
           c == '/' || c == '=' || c == ' ' || c == '\t';
}

bool is_base64_block_line(std::string_view text) {
    if (text.empty() || starts_with_blank(text)) return false;
    for (const char c : text) {
        if (!is_base64_char(c)) return false;
    }
    return true;
}

bool ends_with_soft_break(std::string_view text) {
    const auto last = text.find_last_not_of(" \t");
    return last != std::string_view::npos && text[last] == '=';
}

bool ends_with_single_backslash(std::string_view text) {
    std::size_t count = 0;
    while (count < text.size() && text[text.size() - 1 - count] == '\\')
        ++count;
    return count % 2 == 1;
}

// Incrementally finds the end of the header (name and parameters) and what it declares.
class HeaderScan {
  public:
    // True once the ':' that ends the header has been seen.
    bool update(std::string_view text) {
        for (; !done_ && pos_ < text.size(); ++pos_) {
            const char c = text[pos_];
            if (c == ';') in_params_ = true;
            if (c == '"' && in_params_) {
                in_quotes_ = !in_quotes_;
            } else if (c == ':' && !in_quotes_) {
                done_ = true;
                encoding_ = declared_encoding(text.substr(0, pos_));
            }
        }
        return done_;
    }
    TransferEncoding encoding() const { return encoding_; }

  private:
    std::size_t pos_ = 0;
    bool in_params_ = false;
    bool in_quotes_ = false;
    bool done_ = false;
    TransferEncoding encoding_ = TransferEncoding::none;
};

}  // namespace

LogicalLineReader::LogicalLineReader(std::string_view input, std::size_t max_line_bytes)
    : input_(input), max_line_bytes_(max_line_bytes) {}

LogicalLineReader::Physical LogicalLineReader::peek() const {
    return line_at(pos_);
}

LogicalLineReader::Physical LogicalLineReader::line_at(std::size_t pos) const {
    Physical line;
    line.number = line_number_ + 1;
    if (pos >= input_.size()) return line;
    const auto end = find_line_break(input_, pos);
    if (end == std::string_view::npos) {
        line.text = input_.substr(pos);
        return line;
    }
    line.text = input_.substr(pos, end - pos);
    // CRLF, bare LF, bare CR, and CR CR LF (written by some iOS versions) each end one line.
    if (input_[end] == '\n') {
        line.break_length = 1;
    } else if (input_.substr(end, 2) == "\r\n") {
        line.break_length = 2;
    } else if (input_.substr(end, 3) == "\r\r\n") {
        line.break_length = 3;
    } else {
        line.break_length = 1;
    }
    return line;
}

// A line that can continue a value after a trailing backslash: text that is not a property,
// a fold, a comment or blank. A property's ':' may be on a fold of its line (a writer folds a
// long header at 75 octets like any other), so the folds after the line count too.
bool LogicalLineReader::is_bare_continuation(const Physical& line) const {
    const std::string_view text = line.text;
    if (text.empty() || starts_with_blank(text) || text.front() == '#') return false;
    std::size_t pos = static_cast<std::size_t>(text.data() - input_.data());
    for (Physical part = line;;) {
        if (part.text.find(':') != std::string_view::npos) return false;
        pos += part.text.size() + part.break_length;
        if (part.break_length == 0 || pos >= input_.size()) return true;
        part = line_at(pos);
        if (!starts_with_blank(part.text)) return true;
    }
}

LogicalLineReader::Physical LogicalLineReader::take() {
    const Physical line = peek();
    pos_ += line.text.size() + line.break_length;
    ++line_number_;
    return line;
}

// A line followed by a folded continuation starts a content line of its own.
bool LogicalLineReader::is_folded(const Physical& line) const {
    const Physical after = line_at(pos_ + line.text.size() + line.break_length);
    return starts_with_blank(after.text);
}

void LogicalLineReader::append(LogicalLine& out, std::string_view piece, std::size_t consumed) {
    out.source_bytes += consumed;
    out.length += piece.size();
    if (out.over_limit) return;
    if (out.length > max_line_bytes_) {
        out.over_limit = true;
        out.text = std::string();
        return;
    }
    out.text.append(piece);
}

bool LogicalLineReader::next(LogicalLine& out) {
    out = LogicalLine{};
    if (!has_line()) return false;
    Physical first = take();
    out.line = first.number;
    append(out, first.text, first.text.size() + first.break_length);
    std::string_view last = first.text;  // the piece appended last
    HeaderScan header;
    while (has_line()) {
        const bool header_done = !out.over_limit ? header.update(out.text) : header.update({});
        const Physical following = peek();
        std::string_view piece;
        if (header_done && header.encoding() == TransferEncoding::quoted_printable &&
            ends_with_soft_break(last) && !is_card_delimiter(following.text)) {
            if (!out.over_limit) out.text.erase(out.text.find_last_of('='));
            piece = following.text;  // kept as it is, leading spaces included
        } else if (starts_with_blank(following.text)) {
            piece = following.text.substr(1);
        } else if (bare_base64_blocks_ && header_done &&
                   header.encoding() == TransferEncoding::base64 &&
                   is_base64_block_line(following.text) && !is_folded(following)) {
            piece = following.text;
        } else if (header_done && !out.over_limit && ends_with_single_backslash(last) &&
                   is_bare_continuation(following)) {
            out.text.back() = '\n';
            out.notes.push_back("value continued on line " + std::to_string(following.number) +
                                " after a trailing backslash instead of folding; joined the lines");
            piece = following.text;
        } else {
            break;
        }
        take();
        append(out, piece, following.text.size() + following.break_length);
        last = piece;
    }
    track_version(out.text);
    return true;
}

// Base64 blocks continued on unindented lines are a vCard 2.1 form only; once a card says it
// is 3.0 or 4.0, a line of base64-looking characters is a content line of its own.
void LogicalLineReader::track_version(std::string_view line) {
    if (line.size() > 8 && equals_ignoring_case(line.substr(0, 8), "VERSION:")) {
        bare_base64_blocks_ = trim_blanks(line.substr(8)) == "2.1";
    } else if (equals_ignoring_case(trim_blanks(line), "BEGIN:VCARD")) {
        bare_base64_blocks_ = true;  // version not known yet
    }
}

}  // namespace cardex::vcard
