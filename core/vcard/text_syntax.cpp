#include "core/vcard/text_syntax.hpp"

#include "core/text/excerpt.hpp"
#include "core/vcard/text_codecs.hpp"

namespace cardex::vcard {
namespace {

constexpr auto npos = std::string_view::npos;

// Position of the ':' ending the header. Quotes count only in parameter values (after the
// first ';'); when a quote is never closed, quotes are ignored so the line still splits.
std::size_t find_header_end(std::string_view line) {
    bool in_params = false;
    bool in_quotes = false;
    for (std::size_t i = 0; i < line.size(); ++i) {
        const char c = line[i];
        if (c == ';') in_params = true;
        if (c == '"' && in_params) in_quotes = !in_quotes;
        if (c == ':' && !in_quotes) return i;
    }
    return in_quotes ? line.find(':') : npos;
}

// Splits at `separator` outside double quotes.
std::vector<std::string_view> split_outside_quotes(std::string_view text, char separator) {
    std::vector<std::string_view> pieces;
    bool in_quotes = false;
    std::size_t start = 0;
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text[i] == '"') in_quotes = !in_quotes;
        if (text[i] == separator && !in_quotes) {
            pieces.push_back(text.substr(start, i - start));
            start = i + 1;
        }
    }
    pieces.push_back(text.substr(start));
    return pieces;
}

RawParameter split_parameter(std::string_view piece) {
    const auto equals = piece.find('=');
    if (equals == npos) return RawParameter{{}, std::string(trim_blanks(piece)), true};
    return RawParameter{upper_ascii(trim_blanks(piece.substr(0, equals))),
                        std::string(piece.substr(equals + 1)), false};
}

}  // namespace

ContentLine split_content_line(std::string_view line) {
    ContentLine result;
    const std::size_t header_end = find_header_end(line);
    result.has_colon = header_end != npos;
    const std::string_view header = result.has_colon ? line.substr(0, header_end) : line;
    if (result.has_colon) result.value = std::string(line.substr(header_end + 1));

    const auto pieces = split_outside_quotes(header, ';');
    std::string_view name = trim_blanks(pieces.front());
    const auto dot = name.rfind('.');
    if (dot != npos) {
        result.group = std::string(name.substr(0, dot));
        name.remove_prefix(dot + 1);
    }
    result.name = std::string(name);
    for (std::size_t i = 1; i < pieces.size(); ++i) {
        result.params.push_back(split_parameter(pieces[i]));
    }
    return result;
}

TransferEncoding declared_encoding(std::string_view header) {
    const auto pieces = split_outside_quotes(header, ';');
    for (std::size_t i = 1; i < pieces.size(); ++i) {  // pieces[0] is the name
        const std::string_view piece = pieces[i];
        std::string word = upper_ascii(trim_blanks(piece));
        if (word.starts_with("ENCODING=")) word.erase(0, 9);
        if (word == "QUOTED-PRINTABLE") return TransferEncoding::quoted_printable;
        if (word == "BASE64" || word == "B") return TransferEncoding::base64;
    }
    return TransferEncoding::none;
}

bool is_begin_line(std::string_view line) {
    return equals_ignoring_case(trim_blanks(line), "BEGIN:VCARD");
}

bool is_end_line(std::string_view line) {
    return equals_ignoring_case(trim_blanks(line), "END:VCARD");
}

bool is_card_delimiter(std::string_view line) {
    return is_begin_line(line) || is_end_line(line);
}

std::string_view trim_blanks(std::string_view text) {
    const auto first = text.find_first_not_of(" \t");
    if (first == npos) return {};
    const auto last = text.find_last_not_of(" \t");
    return text.substr(first, last - first + 1);
}

std::string quoted(std::string_view text) {
    return quoted_excerpt(undeclared_text_to_utf8(text));
}

}  // namespace cardex::vcard
