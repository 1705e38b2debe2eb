#include "client/transfer/csv_columns.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <optional>

#include "core/text/ascii.hpp"

namespace cardex::client::transfer {
namespace {

struct Known {
    std::string_view header;
    CsvField field;
    std::vector<std::string> types = {};
    std::string label = {};
    bool preferred = false;
};

// Columns whose header says everything (Outlook, Thunderbird, and the simplest spreadsheets).
const std::vector<Known>& fixed_columns() {
    using F = CsvField;
    static const std::vector<Known> kColumns = {
        {"name", F::full_name},
        {"full name", F::full_name},
        {"display name", F::full_name},
        {"first name", F::given},
        {"given name", F::given},
        {"middle name", F::middle},
        {"additional name", F::middle},
        {"last name", F::family},
        {"family name", F::family},
        {"surname", F::family},
        {"name prefix", F::prefix},
        {"prefix", F::prefix},
        {"suffix", F::suffix},
        {"name suffix", F::suffix},
        {"nickname", F::nickname},
        {"company", F::org},
        {"company name", F::org},
        {"organization", F::org},
        {"organisation", F::org},
        {"organization name", F::org},
        {"department", F::department},
        {"organization department", F::department},
        {"job title", F::job_title},
        {"organization title", F::job_title},
        {"position", F::job_title},
        {"notes", F::note},
        {"note", F::note},
        {"birthday", F::birthday},
        {"birth year", F::birth_year},
        {"birth month", F::birth_month},
        {"birth day", F::birth_day},
        {"categories", F::categories},
        {"labels", F::categories},
        {"group membership", F::categories},
        {"e-mail", F::email},
        {"email", F::email},
        {"e-mail address", F::email},
        {"email address", F::email},
        {"e-mail 2 address", F::email},
        {"e-mail 3 address", F::email},
        {"primary email", F::email, {}, {}, true},
        {"secondary email", F::email},
        {"phone", F::phone},
        {"telephone", F::phone},
        {"primary phone", F::phone, {}, {}, true},
        {"home phone", F::phone, {"home"}},
        {"home phone 2", F::phone, {"home"}},
        {"mobile", F::phone, {"cell"}},
        {"mobile phone", F::phone, {"cell"}},
        {"mobile number", F::phone, {"cell"}},
        {"cell phone", F::phone, {"cell"}},
        {"business phone", F::phone, {"work"}},
        {"business phone 2", F::phone, {"work"}},
        {"work phone", F::phone, {"work"}},
        {"company main phone", F::phone, {"work"}, "main"},
        {"home fax", F::phone, {"home", "fax"}},
        {"business fax", F::phone, {"work", "fax"}},
        {"other fax", F::phone, {"fax"}},
        {"fax", F::phone, {"fax"}},
        {"fax number", F::phone, {"fax"}},
        {"pager", F::phone, {"pager"}},
        {"pager number", F::phone, {"pager"}},
        {"other phone", F::phone},
        {"assistant's phone", F::phone, {}, "assistant"},
        {"car phone", F::phone, {}, "car"},
        {"callback", F::phone, {}, "callback"},
        {"radio phone", F::phone, {}, "radio"},
        {"isdn", F::phone, {}, "ISDN"},
        {"telex", F::phone, {}, "telex"},
        {"tty/tdd phone", F::phone, {"textphone"}},
        {"web page", F::url},
        {"web page 1", F::url},
        {"web page 2", F::url},
        {"personal web page", F::url, {"home"}},
        {"website", F::url},
        {"web site", F::url},
    };
    return kColumns;
}

// "Home Street", "Business Postal Code", "Work ZipCode": an address's part, by the prefix
// naming the address (its slot) and the rest naming the part.
struct AddressPart {
    std::string_view suffix;
    CsvField field;
};
constexpr std::array<AddressPart, 14> kAddressParts = {{
    {"street", CsvField::street},
    {"street 2", CsvField::street},
    {"street 3", CsvField::street},
    {"address", CsvField::street},
    {"address 2", CsvField::street},
    {"address po box", CsvField::po_box},
    {"po box", CsvField::po_box},
    {"city", CsvField::city},
    {"state", CsvField::region},
    {"postal code", CsvField::postal_code},
    {"zipcode", CsvField::postal_code},
    {"zip code", CsvField::postal_code},
    {"country", CsvField::country},
    {"country/region", CsvField::country},
}};

std::optional<CsvColumn> address_column(std::string_view header) {
    for (const auto& [prefix, types] :
         {std::pair<std::string_view, std::vector<std::string>>{"home ", {"home"}},
          {"business ", {"work"}},
          {"work ", {"work"}},
          {"other ", {}}}) {
        if (!header.starts_with(prefix)) continue;
        const std::string_view rest = header.substr(prefix.size());
        for (const auto& part : kAddressParts) {
            if (rest == part.suffix)
                return CsvColumn{
                    part.field, std::string(prefix.substr(0, prefix.size() - 1)), types, {}, false};
        }
    }
    return std::nullopt;
}

// Google's numbered columns: "E-mail 1 - Value", "Phone 2 - Type", "Address 1 - City",
// "Organization 1 - Title", "Website 1 - Label".
std::optional<CsvColumn> google_column(std::string_view header) {
    const auto dash = header.find(" - ");
    if (dash == std::string_view::npos) return std::nullopt;
    const std::string_view slot = header.substr(0, dash);
    const std::string_view part = header.substr(dash + 3);
    const auto space = slot.rfind(' ');
    if (space == std::string_view::npos) return std::nullopt;
    const std::string_view kind = slot.substr(0, space);
    const std::string_view number = slot.substr(space + 1);
    if (number.empty() ||
        !std::all_of(number.begin(), number.end(), [](unsigned char c) { return std::isdigit(c); }))
        return std::nullopt;
    CsvColumn column{CsvField::ignored, std::string(slot), {}, {}, false};
    if (part == "type" || part == "label") {
        column.field = CsvField::kind;
    } else if (kind == "e-mail" || kind == "email") {
        if (part == "value") column.field = CsvField::email;
    } else if (kind == "phone") {
        if (part == "value") column.field = CsvField::phone;
    } else if (kind == "website") {
        if (part == "value") column.field = CsvField::url;
    } else if (kind == "organization" && number == "1") {
        if (part == "name") column.field = CsvField::org;
        if (part == "title") column.field = CsvField::job_title;
        if (part == "department") column.field = CsvField::department;
    } else if (kind == "address") {
        if (part == "formatted") column.field = CsvField::formatted_address;
        if (part == "extended address") column.field = CsvField::extended;
        for (const auto& p : kAddressParts)
            if (part == p.suffix) column.field = p.field;
    }
    if (column.field == CsvField::kind && kind != "e-mail" && kind != "email" && kind != "phone" &&
        kind != "website" && kind != "address")
        column.field = CsvField::ignored;
    return column;
}

// Lower case, blanks trimmed and single.
std::string normalized(std::string_view header) {
    std::string out;
    for (char c : lower_ascii(header)) {
        const bool blank = c == ' ' || c == '\t' || c == '\r' || c == '\n';
        if (blank) {
            if (!out.empty() && out.back() != ' ') out += ' ';
        } else {
            out += c;
        }
    }
    if (!out.empty() && out.back() == ' ') out.pop_back();
    return out;
}

CsvColumn column_of(const std::string& header, bool has_job_title) {
    const std::string name = normalized(header);
    // Outlook's "Title" is the courtesy title (Mr., Dr.) beside its "Job Title"; elsewhere a
    // lone "Title" is the job.
    if (name == "title")
        return CsvColumn{has_job_title ? CsvField::prefix : CsvField::job_title, {}, {}, {}, false};
    for (const auto& known : fixed_columns()) {
        if (name == known.header) {
            return CsvColumn{known.field, {}, known.types, known.label, known.preferred};
        }
    }
    if (auto column = address_column(name)) return *column;
    if (auto column = google_column(name)) return *column;
    return {};
}

}  // namespace

std::vector<CsvColumn> csv_columns(const std::vector<std::string>& header) {
    const bool has_job_title = std::any_of(
        header.begin(), header.end(), [](const auto& h) { return normalized(h) == "job title"; });
    std::vector<CsvColumn> columns;
    for (const auto& h : header)
        columns.push_back(column_of(h, has_job_title));
    return columns;
}

bool is_name_column(const CsvColumn& column) {
    switch (column.field) {
        case CsvField::full_name:
        case CsvField::given:
        case CsvField::middle:
        case CsvField::family:
            return true;
        default:
            return false;
    }
}

std::string known_name_columns() {
    return "Name, First Name, Last Name, Given Name, Family Name, Middle Name, Display Name or "
           "Full Name";
}

void csv_kind(std::string_view text, std::vector<std::string>& types, std::string& label,
              bool& preferred) {
    while (!text.empty() && (text.front() == ' ' || text.front() == '*')) {
        if (text.front() == '*') preferred = true;
        text.remove_prefix(1);
    }
    while (!text.empty() && text.back() == ' ')
        text.remove_suffix(1);
    if (text.empty()) return;
    const std::string word = normalized(text);
    static const std::vector<std::pair<std::string_view, std::vector<std::string>>> kKinds = {
        {"home", {"home"}},
        {"work", {"work"}},
        {"business", {"work"}},
        {"mobile", {"cell"}},
        {"cell", {"cell"}},
        {"fax", {"fax"}},
        {"home fax", {"home", "fax"}},
        {"work fax", {"work", "fax"}},
        {"business fax", {"work", "fax"}},
        {"pager", {"pager"}},
        {"other", {}},
    };
    for (const auto& [name, kind_types] : kKinds) {
        if (word == name) {
            types.insert(types.end(), kind_types.begin(), kind_types.end());
            return;
        }
    }
    label = std::string(text);
}

}  // namespace cardex::client::transfer
