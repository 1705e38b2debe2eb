// The syntax of one vCard content line, `[group.]NAME[;param...]:value`, and small text
// helpers shared by the text reader and writer. Private to core/vcard.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/text/ascii.hpp"

namespace cardex::vcard {

enum class TransferEncoding { none, quoted_printable, base64 };

// One parameter as written, before any decoding.
struct RawParameter {
    std::string name;   // upper-cased; empty for a bare vCard 2.1 parameter ("HOME")
    std::string value;  // the text after '=' with its quotes, or the bare word
    bool bare = false;  // written without '=' ("HOME", or an empty piece)
};

struct ContentLine {
    std::string group;  // as written
    std::string name;   // as written (not yet checked or upper-cased)
    std::vector<RawParameter> params;
    std::string value;      // raw bytes after the ':'
    bool has_colon = true;  // false for lines such as "FN" with nothing after the name
};

// Splits a logical line at the first ':' outside a quoted parameter value, then the header at
// ';' outside quotes. Never fails: checking the pieces is the caller's job.
ContentLine split_content_line(std::string_view line);

// ENCODING=QUOTED-PRINTABLE, ENCODING=B / BASE64, or the bare 2.1 forms, in a header.
TransferEncoding declared_encoding(std::string_view header);

// BEGIN:VCARD or END:VCARD, in any case, with surrounding blanks.
bool is_card_delimiter(std::string_view line);
bool is_begin_line(std::string_view line);
bool is_end_line(std::string_view line);

std::string_view trim_blanks(std::string_view text);  // spaces and TABs at both ends

// Text from the input for an error message: in double quotes, as UTF-8, an excerpt when long
// (core/text/excerpt.hpp).
std::string quoted(std::string_view text);

}  // namespace cardex::vcard
