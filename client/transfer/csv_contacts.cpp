#include "client/transfer/csv_contacts.hpp"

#include <algorithm>
#include <cctype>
#include <map>

#include "client/transfer/csv_records.hpp"
#include "core/text/join.hpp"
#include "core/vcard/text_codecs.hpp"

namespace cardex::client::transfer {
namespace {

using vcard::Property;

constexpr char kDelimiters[] = {',', ';', '\t'};

std::string trimmed(std::string_view text) {
    const auto first = text.find_first_not_of(" \t\r\n");
    if (first == std::string_view::npos) return {};
    const auto last = text.find_last_not_of(" \t\r\n");
    return std::string(text.substr(first, last - first + 1));
}

// Google puts several values in one cell: "a@example.org ::: b@example.org".
std::vector<std::string> values_of(std::string_view cell, std::string_view separator = ":::") {
    std::vector<std::string> values;
    std::size_t start = 0;
    while (start <= cell.size()) {
        const auto end = std::min(cell.find(separator, start), cell.size());
        if (std::string value = trimmed(cell.substr(start, end - start)); !value.empty())
            values.push_back(std::move(value));
        start = end + separator.size();
    }
    return values;
}

bool is_digits(std::string_view text) {
    return !text.empty() &&
           std::all_of(text.begin(), text.end(), [](unsigned char c) { return std::isdigit(c); });
}

std::string two_digits(std::string_view number) {
    return number.size() == 1 ? "0" + std::string(number) : std::string(number);
}

// A birthday as RFC 6350 writes a date ("19850412", "--0412"): from ISO ("1985-04-12",
// "--04-12"), Outlook's month/day/year ("4/12/1985"; 0/0/00 means none) or day.month.year;
// nullopt when it is none of them.
std::optional<std::string> rfc_date(const std::string& text) {
    if (text.size() == 10 && text[4] == '-' && text[7] == '-' && is_digits(text.substr(0, 4)) &&
        is_digits(text.substr(5, 2)) && is_digits(text.substr(8, 2)))
        return text.substr(0, 4) + text.substr(5, 2) + text.substr(8, 2);
    if (text.size() == 7 && text.starts_with("--") && text[4] == '-')
        return "--" + text.substr(2, 2) + text.substr(5, 2);
    for (const char separator : {'/', '.'}) {
        const auto parts = values_of(text, std::string_view(&separator, 1));
        if (parts.size() != 3 || !std::all_of(parts.begin(), parts.end(), is_digits)) continue;
        if (parts[2] == "00" || parts[2] == "0000" || parts[0] == "0") return std::string();
        const std::string& month = separator == '/' ? parts[0] : parts[1];
        const std::string& day = separator == '/' ? parts[1] : parts[0];
        if (parts[2].size() != 4 || month.size() > 2 || day.size() > 2) continue;
        return parts[2] + two_digits(month) + two_digits(day);
    }
    return std::nullopt;
}

struct Kind {
    std::vector<std::string> types;
    std::string label;
    bool preferred = false;
};

struct AddressParts {
    std::map<CsvField, std::string> parts;  // street, city, ... as the row gives them
    std::vector<std::string> types;
};

bool is_address_part(CsvField field) {
    switch (field) {
        case CsvField::po_box:
        case CsvField::extended:
        case CsvField::street:
        case CsvField::city:
        case CsvField::region:
        case CsvField::postal_code:
        case CsvField::country:
        case CsvField::formatted_address:
            return true;
        default:
            return false;
    }
}

// A second value for one field goes on a line of its own (Outlook's "Business Street 2",
// a second notes column); a second name or title is left out.
void add_text(std::string& text, const std::string& value, bool more_lines) {
    if (text.empty()) {
        text = value;
    } else if (more_lines) {
        text += "\n" + value;
    }
}

// One row's values, gathered by what they are, then written as properties in a fixed order.
class RowCard {
  public:
    RowCard(const CsvLayout& layout, const CsvRecord& record) {
        const std::size_t n = std::min(layout.columns.size(), record.fields.size());
        for (std::size_t i = 0; i < n; ++i) {
            const CsvColumn& column = layout.columns[i];
            if (column.field != CsvField::kind) continue;
            Kind& kind = kinds_[column.slot];
            csv_kind(record.fields[i], kind.types, kind.label, kind.preferred);
        }
        for (std::size_t i = 0; i < n; ++i)
            take(layout.columns[i], trimmed(record.fields[i]));
    }

    vcard::Card card(std::vector<std::string>& problems) {
        add_names();
        add_organisation();
        for (auto& p : values_)
            card_.add(std::move(p));
        for (auto& [slot, address] : addresses_)
            add_address(address);
        add_birthday(problems);
        if (!categories_.empty()) {
            Property categories = vcard::make_text("CATEGORIES", "");
            categories.components = {categories_};
            card_.add(std::move(categories));
        }
        if (!text(CsvField::note).empty())
            card_.add(vcard::make_text("NOTE", text(CsvField::note)));
        if (!card_.first("FN")) {
            if (const std::string fn = card_.formatted_name(); !fn.empty())
                card_.properties.insert(card_.properties.begin(), vcard::make_text("FN", fn));
        }
        return std::move(card_);
    }

  private:
    const std::string& text(CsvField field) { return texts_[field]; }

    void take(const CsvColumn& column, const std::string& value) {
        if (value.empty()) return;
        switch (column.field) {
            case CsvField::categories:
                return add_categories(value);
            case CsvField::email:
                return add_values("EMAIL", column, value);
            case CsvField::phone:
                return add_values("TEL", column, value);
            case CsvField::url:
                return add_values("URL", column, value);
            case CsvField::kind:
            case CsvField::ignored:
                return;
            default:
                break;
        }
        if (is_address_part(column.field)) return add_address_part(column, value);
        add_text(texts_[column.field], value, column.field == CsvField::note);
    }

    void add_values(const char* name, const CsvColumn& column, const std::string& cell) {
        const Kind& kind = kinds_[column.slot];
        std::vector<std::string> types = column.types;
        types.insert(types.end(), kind.types.begin(), kind.types.end());
        const std::string label = column.label.empty() ? kind.label : column.label;
        for (const auto& value : values_of(cell)) {
            Property p = vcard::make_text(name, value);
            if (!types.empty()) p.params.push_back({"TYPE", types});
            if (column.preferred || kind.preferred) p.params.push_back({"PREF", {"1"}});
            if (label.empty()) {
                values_.push_back(std::move(p));
                continue;
            }
            p.group = "item" + std::to_string(++groups_);
            values_.push_back(std::move(p));
            values_.push_back(vcard::make_text("X-ABLABEL", label, values_.back().group));
        }
    }

    void add_address_part(const CsvColumn& column, const std::string& value) {
        AddressParts& a = addresses_[column.slot];
        if (a.parts.empty()) {
            const Kind& kind = kinds_[column.slot];
            a.types = column.types;
            a.types.insert(a.types.end(), kind.types.begin(), kind.types.end());
        }
        add_text(a.parts[column.field], value, /*more_lines=*/true);
    }

    void add_categories(const std::string& cell) {
        for (auto& item : values_of(cell, cell.find(":::") != std::string::npos ? ":::" : ";")) {
            if (item.starts_with("* ")) item = trimmed(item.substr(2));
            if (item.empty() || item == "myContacts") continue;  // Google's group of all
            if (std::find(categories_.begin(), categories_.end(), item) == categories_.end())
                categories_.push_back(item);
        }
    }

    void add_names() {
        using F = CsvField;
        const std::string built = join_non_empty(
            {text(F::prefix), text(F::given), text(F::middle), text(F::family), text(F::suffix)},
            " ");
        const std::string fn = !text(F::full_name).empty() ? text(F::full_name) : built;
        if (!fn.empty()) card_.add(vcard::make_text("FN", fn));
        if (!built.empty()) {
            Property n = vcard::make_text("N", "");
            n.components = {{text(F::family)},
                            {text(F::given)},
                            {text(F::middle)},
                            {text(F::prefix)},
                            {text(F::suffix)}};
            card_.add(std::move(n));
        }
        if (!text(F::nickname).empty()) card_.add(vcard::make_text("NICKNAME", text(F::nickname)));
    }

    void add_organisation() {
        const std::string& org = text(CsvField::org);
        const std::string& department = text(CsvField::department);
        if (!org.empty() || !department.empty()) {
            Property p = vcard::make_text("ORG", "");
            p.components = {{org}};
            if (!department.empty()) p.components.push_back({department});
            card_.add(std::move(p));
        }
        if (!text(CsvField::job_title).empty())
            card_.add(vcard::make_text("TITLE", text(CsvField::job_title)));
    }

    void add_address(AddressParts& a) {
        using F = CsvField;
        if (a.parts.empty()) return;  // only parts with a value are kept
        Property adr = vcard::make_text("ADR", "");
        adr.components = {{a.parts[F::po_box]}, {a.parts[F::extended]}, {a.parts[F::street]},
                          {a.parts[F::city]},   {a.parts[F::region]},   {a.parts[F::postal_code]},
                          {a.parts[F::country]}};
        const std::string& formatted = a.parts[F::formatted_address];
        if (!a.types.empty()) adr.params.push_back({"TYPE", a.types});
        if (!formatted.empty()) adr.params.push_back({"LABEL", {formatted}});
        card_.add(std::move(adr));
    }

    void add_birthday(std::vector<std::string>& problems) {
        using F = CsvField;
        std::string date = text(F::birthday);
        if (date.empty() && !text(F::birth_month).empty() && !text(F::birth_day).empty()) {
            date = (text(F::birth_year).empty() ? "-" : text(F::birth_year)) + "-" +
                   two_digits(text(F::birth_month)) + "-" + two_digits(text(F::birth_day));
        }
        if (date.empty()) return;
        const auto rfc = rfc_date(date);
        if (!rfc) {
            problems.push_back("birthday '" + date +
                               "' is not a date written YYYY-MM-DD or M/D/YYYY; left out");
            return;
        }
        if (!rfc->empty()) card_.add(vcard::make_text("BDAY", *rfc));
    }

    std::map<CsvField, std::string> texts_;  // names, organisation, title, note, birthday
    std::map<std::string, Kind> kinds_;
    std::map<std::string, AddressParts> addresses_;
    std::vector<Property> values_;  // TEL, EMAIL, URL (and their labels) in column order
    std::vector<std::string> categories_;
    std::size_t groups_ = 0;
    vcard::Card card_;
};

bool is_blank(const CsvRecord& record) {
    return std::all_of(record.fields.begin(), record.fields.end(),
                       [](const std::string& f) { return trimmed(f).empty(); });
}

}  // namespace

std::optional<CsvLayout> contacts_csv_layout(std::string_view text) {
    for (const char delimiter : kDelimiters) {
        const auto header = read_csv_header(text, delimiter);
        if (!header || header->fields.size() < 2 || !header->problem.empty()) continue;
        CsvLayout layout{delimiter, csv_columns(header->fields)};
        if (std::any_of(layout.columns.begin(), layout.columns.end(), is_name_column))
            return layout;
    }
    return std::nullopt;
}

Error csv_header_not_understood(std::string_view text) {
    std::vector<std::string> found;
    if (auto header = read_csv_header(text, ',')) {
        for (const auto& field : header->fields)
            if (found.size() < 8) found.push_back("'" + trimmed(field) + "'");
    }
    std::string message = "a contacts CSV needs a header row that names a name column (" +
                          known_name_columns() +
                          "), as Google Contacts, Outlook and Thunderbird export them";
    if (!found.empty()) message += "; its first row is " + join(found, ", ");
    return make_error(message);
}

vcard::ReadResult read_contacts_csv(std::string_view text, const CsvLayout& layout) {
    vcard::ReadResult result;
    auto records = read_csv_records(text, layout.delimiter);
    for (std::size_t i = 1; i < records.size(); ++i) {
        const CsvRecord& record = records[i];
        if (!record.problem.empty()) {
            result.errors.push_back(vcard::card_error(i, record.line, record.problem));
            continue;
        }
        if (is_blank(record)) continue;
        std::vector<std::string> problems;
        if (record.fields.size() > layout.columns.size()) {
            problems.push_back("the row has " + std::to_string(record.fields.size()) +
                               " fields, the header " + std::to_string(layout.columns.size()) +
                               "; the ones without a header are left out");
        }
        result.cards.push_back(RowCard(layout, record).card(problems));
        result.card_numbers.push_back(i);
        for (const auto& problem : problems)
            result.errors.push_back(vcard::card_error(i, record.line, problem));
    }
    return result;
}

std::string csv_text_as_utf8(std::string_view bytes) {
    return vcard::undeclared_text_to_utf8(bytes);
}

}  // namespace cardex::client::transfer
