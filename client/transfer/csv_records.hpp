// CSV as RFC 4180 writes it and mail programs export it: records of fields separated by a
// delimiter (',' or, from some locales, ';' or a tab), fields in double quotes when they hold
// the delimiter, quotes ("" inside) or line breaks; CRLF or LF between records. A leading
// UTF-8 byte order mark is skipped.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace cardex::client::transfer {

struct CsvRecord {
    std::vector<std::string> fields;
    std::size_t line = 0;  // 1-based line the record starts on
    // Why the record is broken ("a quoted field is not closed ..."); empty when it is not.
    std::string problem;
};

// Every record of `text`, blank lines left out. A quote that opens a field and never closes
// makes the rest of the text that record's last field, and says so in its `problem`.
std::vector<CsvRecord> read_csv_records(std::string_view text, char delimiter);

// The first record of `text` with the delimiter given (the header of an export).
std::optional<CsvRecord> read_csv_header(std::string_view text, char delimiter);

}  // namespace cardex::client::transfer
