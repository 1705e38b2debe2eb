// Contacts from the CSV files mail programs export (Google Contacts, Outlook, Thunderbird): a
// header row naming the columns, then one contact per row. The header's names say what each
// column holds (csv_columns.hpp); a file is taken for a contacts CSV when its header has at
// least one name column. Text is UTF-8, with or without a byte order mark; a file that is not
// valid UTF-8 is read as Windows-1252, which older Outlook versions write.
//
// Each row becomes a vCard 4.0 card: FN (the name column, else built from its parts), N, ORG
// with the department, TITLE, NICKNAME, TEL, EMAIL, ADR and URL with their TYPEs (a label
// that is no TYPE, such as Google's custom "Büro direkt", as an X-ABLabel in the value's
// group, as Google's and Apple's vCards carry it), BDAY, CATEGORIES and NOTE.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "client/transfer/csv_columns.hpp"
#include "core/result.hpp"
#include "core/vcard/reader.hpp"

namespace cardex::client::transfer {

struct CsvLayout {
    char delimiter = ',';
    std::vector<CsvColumn> columns;
};

// The layout of `text` when its first row is a header with a name column; nullopt otherwise.
std::optional<CsvLayout> contacts_csv_layout(std::string_view text);

// Why `text`, given as a CSV file, is not one cardex can read: what its header lacks and
// what it has.
Error csv_header_not_understood(std::string_view text);

// One card per row after the header. Rows are numbered from 1 (a blank row keeps its number
// and gives no card); errors name the row as its card number and the line it starts on.
vcard::ReadResult read_contacts_csv(std::string_view text, const CsvLayout& layout);

// `bytes` as UTF-8: unchanged when they are, else read as Windows-1252.
std::string csv_text_as_utf8(std::string_view bytes);

}  // namespace cardex::client::transfer
