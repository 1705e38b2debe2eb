// Content lines of vCard text: physical lines joined into logical ones. Private to core/vcard.
//
// Joining works on bytes, before any charset decoding, because folding may split a UTF-8
// sequence. A logical line is a physical line plus:
//   - folded continuation lines (starting with a space or TAB, which is removed);
//   - for QUOTED-PRINTABLE values, the line after a soft line break ('=' at the end), kept as
//     it is (a leading space there is part of the value);
//   - for base64 values, following lines made only of base64 characters (vCard 2.1 writers
//     did not indent them), unless a folded line follows, which makes it the start of a
//     content line; the blank line that ends such a block is left for the caller, which skips
//     blank lines;
//   - a line without ':' after a value that ends in a single backslash: some exporters
//     continued multi-line values that way. The backslash becomes a line break and a note
//     says so.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace cardex::vcard {

struct LogicalLine {
    std::string text;                // unfolded bytes; empty when over the length limit
    std::size_t line = 0;            // 1-based number of its first physical line
    std::size_t length = 0;          // unfolded length in bytes, counted past the limit too
    std::size_t source_bytes = 0;    // bytes consumed from the input, line breaks included
    bool over_limit = false;         // length > max_line_bytes; `text` was not kept
    std::vector<std::string> notes;  // irregularities that were repaired
};

class LogicalLineReader {
  public:
    LogicalLineReader(std::string_view input, std::size_t max_line_bytes);

    // The next logical line; false at the end of the input.
    bool next(LogicalLine& out);

  private:
    struct Physical {
        std::string_view text;
        std::size_t number = 0;
        std::size_t break_length = 0;
    };
    bool has_line() const { return pos_ < input_.size(); }
    Physical peek() const;
    Physical line_at(std::size_t pos) const;
    bool is_folded(const Physical& line) const;
    bool is_bare_continuation(const Physical& line) const;
    Physical take();
    void append(LogicalLine& out, std::string_view piece, std::size_t consumed);
    void track_version(std::string_view line);

    std::string_view input_;
    std::size_t max_line_bytes_;
    std::size_t pos_ = 0;
    std::size_t line_number_ = 0;
    bool bare_base64_blocks_ = true;
};

}  // namespace cardex::vcard
