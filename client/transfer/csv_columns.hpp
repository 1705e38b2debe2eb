// What the columns of a contacts CSV hold, from their header as Google Contacts, Outlook and
// Thunderbird write it ("First Name", "E-mail 2 Address", "Phone 1 - Value", "Home City",
// ...). Header names are compared without regard to ASCII case or repeated blanks.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace cardex::client::transfer {

enum class CsvField {
    ignored,
    full_name,
    given,
    middle,
    family,
    prefix,
    suffix,
    nickname,
    org,
    department,
    job_title,
    note,
    birthday,
    birth_year,
    birth_month,
    birth_day,
    categories,
    email,
    phone,
    url,
    kind,  // the type or label of the values of its slot ("E-mail 1 - Type": "* Work")
    po_box,
    extended,
    street,
    city,
    region,
    postal_code,
    country,
    formatted_address,
};

struct CsvColumn {
    CsvField field = CsvField::ignored;
    // Columns of one address, or a Google "Phone 1 - Value" with its "Phone 1 - Type", share a
    // slot ("home", "business", "phone 1"); empty for columns that stand alone.
    std::string slot;
    // vCard TYPE values the header gives ("Mobile Phone": cell; "Business Fax": work, fax).
    std::vector<std::string> types;
    std::string label;       // what the header says that no TYPE does ("Assistant's Phone")
    bool preferred = false;  // "Primary Phone", "Primary Email"
};

// The columns of a header row, in order.
std::vector<CsvColumn> csv_columns(const std::vector<std::string>& header);

// Whether a column gives (part of) the name: what a contacts CSV must have.
bool is_name_column(const CsvColumn& column);

// The name columns understood, for messages: "Name, First Name, Last Name, ...".
std::string known_name_columns();

// A type or label as Google writes it ("* Home", "Mobile", "Work Fax", "Büro direkt") as
// vCard TYPE values; `label` gets what is not a TYPE (kept as the exporter wrote it), and
// `preferred` whether it was marked with '*'.
void csv_kind(std::string_view text, std::vector<std::string>& types, std::string& label,
              bool& preferred);

}  // namespace cardex::client::transfer
