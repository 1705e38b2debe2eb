#include "client/transfer/csv_records.hpp"

namespace cardex::client::transfer {
namespace {

class CsvScanner {
  public:
    CsvScanner(std::string_view text, char delimiter) : text_(text), delimiter_(delimiter) {
        if (text_.starts_with("\xEF\xBB\xBF")) text_.remove_prefix(3);
    }

    // The next record, or nullopt at the end of the text; blank lines are skipped.
    std::optional<CsvRecord> next() {
        while (at_ < text_.size()) {
            CsvRecord record;
            record.line = line_;
            if (read_record(record)) return record;
        }
        return std::nullopt;
    }

  private:
    // False for a blank line (nothing to return).
    bool read_record(CsvRecord& record) {
        std::string field;
        bool any = false;
        while (at_ < text_.size()) {
            const char c = text_[at_];
            if (c == '"' && field.empty()) {
                ++at_;
                read_quoted(field, record);
                any = true;
            } else if (c == delimiter_) {
                ++at_;
                record.fields.push_back(std::move(field));
                field.clear();
                any = true;
            } else if (c == '\r' || c == '\n') {
                end_of_line();
                break;
            } else {
                field += c;
                ++at_;
                any = true;
            }
        }
        if (!any) return false;
        record.fields.push_back(std::move(field));
        return true;
    }

    // After the opening quote: up to the closing one, "" as one quote; what follows the
    // closing quote up to the delimiter is kept as written (lenient, as spreadsheets are).
    void read_quoted(std::string& field, CsvRecord& record) {
        while (at_ < text_.size()) {
            const char c = text_[at_++];
            if (c == '"') {
                if (at_ < text_.size() && text_[at_] == '"') {
                    field += '"';
                    ++at_;
                    continue;
                }
                return;
            }
            if (c == '\r' && at_ < text_.size() && text_[at_] == '\n') continue;  // CRLF as LF
            if (c == '\n') ++line_;
            field += c;
        }
        record.problem = "the quoted field that starts on line " + std::to_string(record.line) +
                         " is not closed before the end of the file";
    }

    void end_of_line() {
        if (text_[at_] == '\r') ++at_;
        if (at_ < text_.size() && text_[at_] == '\n') ++at_;
        ++line_;
    }

    std::string_view text_;
    char delimiter_;
    std::size_t at_ = 0;
    std::size_t line_ = 1;
};

}  // namespace

std::vector<CsvRecord> read_csv_records(std::string_view text, char delimiter) {
    std::vector<CsvRecord> records;
    CsvScanner scanner(text, delimiter);
    while (auto record = scanner.next())
        records.push_back(std::move(*record));
    return records;
}

std::optional<CsvRecord> read_csv_header(std::string_view text, char delimiter) {
    return CsvScanner(text, delimiter).next();
}

}  // namespace cardex::client::transfer
