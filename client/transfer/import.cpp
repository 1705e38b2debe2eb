#include "client/transfer/import.hpp"

#include <algorithm>
#include <fstream>
#include <set>
#include <system_error>

#include "client/transfer/csv_contacts.hpp"
#include "client/transfer/parallel_reader.hpp"
#include "core/text/ascii.hpp"
#include "core/vcard/reader.hpp"

namespace cardex::client::transfer {
namespace {

namespace fs = std::filesystem;

constexpr std::string_view kNotCards = "not a vCard, xCard, jCard or contacts CSV file";
constexpr std::size_t kSniffBytes = 64 * 1024;

bool has_card_extension(const fs::path& path) {
    const std::string ext = lower_ascii(path.extension().string());
    return ext == ".vcf" || ext == ".vcard" || ext == ".vcs" || ext == ".xml" || ext == ".json" ||
           ext == ".csv";
}

std::string_view after_bom_and_blanks(std::string_view bytes) {
    if (bytes.starts_with("\xEF\xBB\xBF")) bytes.remove_prefix(3);
    const auto first = bytes.find_first_not_of(" \t\r\n");
    return first == std::string_view::npos ? std::string_view{} : bytes.substr(first);
}

// A file in a folder whose name does not say: its start read as a vCard or a contacts CSV.
bool starts_like_cards(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::string head(kSniffBytes, '\0');
    in.read(head.data(), static_cast<std::streamsize>(head.size()));
    head.resize(static_cast<std::size_t>(in.gcount()));
    return starts_with_ignoring_case(after_bom_and_blanks(head), "BEGIN:VCARD") ||
           contacts_csv_layout(head).has_value();
}

// The card files inside a folder, sorted; the other files are reported as skipped.
void expand_folder(const fs::path& folder, std::vector<fs::path>& files, ImportReport& report) {
    std::vector<fs::path> found;
    std::vector<fs::path> others;
    std::error_code ec;
    for (auto it = fs::recursive_directory_iterator(folder, ec);
         !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
        if (!it->is_regular_file(ec)) continue;
        const fs::path& path = it->path();
        (has_card_extension(path) || starts_like_cards(path) ? found : others).push_back(path);
    }
    if (ec) report.unreadable.push_back({folder.string(), 0, "cannot read it: " + ec.message()});
    std::sort(found.begin(), found.end());
    std::sort(others.begin(), others.end());
    files.insert(files.end(), found.begin(), found.end());
    for (const auto& path : others)
        report.skipped.push_back({path.string(), 0, std::string(kNotCards)});
}

// The files to read: each path given, and the card files inside each folder.
std::vector<fs::path> expand(const std::vector<fs::path>& paths, ImportReport& report) {
    std::vector<fs::path> files;
    for (const auto& path : paths) {
        std::error_code ec;
        const fs::file_status status = fs::status(path, ec);
        if (status.type() == fs::file_type::not_found) {
            report.unreadable.push_back({path.string(), 0, "it does not exist"});
        } else if (ec) {
            report.unreadable.push_back({path.string(), 0, "cannot read it: " + ec.message()});
        } else if (fs::is_directory(status)) {
            expand_folder(path, files, report);
        } else {
            files.push_back(path);
        }
    }
    return files;
}

Result<std::string> read_file(const fs::path& path, std::size_t max_bytes) {
    std::error_code ec;
    const auto size = fs::file_size(path, ec);
    if (ec) return make_error("cannot read it: " + ec.message());
    if (size > max_bytes) {
        return make_error("it has " + std::to_string(size) + " bytes, over the limit of " +
                          std::to_string(max_bytes));
    }
    std::ifstream in(path, std::ios::binary);
    if (!in) return make_error("cannot open it");
    // One read of the size file_size() gave (a file that grows meanwhile is read up to it).
    std::string bytes(static_cast<std::size_t>(size), '\0');
    in.read(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    if (in.bad()) return make_error("cannot read it");
    bytes.resize(static_cast<std::size_t>(in.gcount()));
    return bytes;
}

// The report names the card on its own; the reason keeps the line, when there is one.
std::string reason_of(const vcard::CardError& e) {
    if (e.line == 0) return e.reason;
    return "line " + std::to_string(e.line) + ": " + e.reason;
}

Status store_part(book::AddressBook& book, const fs::path& path, ReadPart part,
                  ImportReport& report) {
    for (const auto& e : part.errors) {
        const bool imported = std::find(part.numbers.begin(), part.numbers.end(), e.card_number) !=
                              part.numbers.end();
        (imported || e.card_number == 0 ? report.notes : report.failures)
            .push_back({path.string(), e.card_number, reason_of(e)});
    }
    for (std::size_t i = 0; i < part.cards.size(); ++i) {
        const std::size_t number = part.numbers[i];
        if (part.cards[i].card.formatted_name().empty()) {
            report.failures.push_back(
                {path.string(), number, "the card has no name, organisation, e-mail or phone"});
            continue;
        }
        auto stored =
            book.merge(std::move(part.cards[i]), book::Origin::file(path.string(), number));
        if (!stored) return stored.error();
        if (stored->outcome == book::StoreOutcome::created) {
            ++report.created;
        } else {
            ++report.merged;
            if (stored->outcome == book::StoreOutcome::unchanged) ++report.unchanged;
        }
    }
    return Ok{};
}

Status import_csv(book::AddressBook& book, const fs::path& path, const std::string& bytes,
                  const CsvLayout& layout, ImportReport& report) {
    vcard::ReadResult read = read_contacts_csv(csv_text_as_utf8(bytes), layout);
    ReadPart part;
    part.numbers = std::move(read.card_numbers);
    part.errors = std::move(read.errors);
    for (auto& card : read.cards)
        part.cards.push_back(book.prepare(std::move(card)));
    return store_part(book, path, std::move(part), report);
}

// Why a file is no card file: what was looked for, and for a .csv what its header lacks.
std::string not_cards_reason(const fs::path& path, const std::string& bytes) {
    if (after_bom_and_blanks(bytes).empty()) return "the file is empty";
    if (lower_ascii(path.extension().string()) == ".csv")
        return csv_header_not_understood(bytes).message;
    return std::string(kNotCards) +
           " (no BEGIN:VCARD, '<' or '[' at its start, nor a CSV header row naming a name column)";
}

// A file whose errors are about the whole file (card 0) and that gave no card was not
// imported at all: those errors say why.
void file_without_cards(const fs::path& path, std::size_t notes_before, ImportReport& report) {
    auto first = report.notes.begin() + static_cast<std::ptrdiff_t>(notes_before);
    for (auto it = first; it != report.notes.end(); ++it)
        report.unreadable.push_back({it->file, 0, it->reason});
    report.notes.erase(first, report.notes.end());
    if (report.unreadable.empty() || report.unreadable.back().file != path.string())
        report.unreadable.push_back({path.string(), 0, "the file holds no card"});
}

Status import_file(book::AddressBook& book, const fs::path& path, const vcard::Limits& limits,
                   ImportReport& report) {
    auto bytes = read_file(path, limits.max_input_bytes);
    if (!bytes) {
        report.unreadable.push_back({path.string(), 0, bytes.error().message});
        return Ok{};
    }
    const auto csv = contacts_csv_layout(*bytes);
    if (!csv && !vcard::detect_format(*bytes)) {
        report.unreadable.push_back({path.string(), 0, not_cards_reason(path, *bytes)});
        return Ok{};
    }
    ++report.files;
    const std::size_t cards_before = report.created + report.merged + report.failures.size();
    const std::size_t notes_before = report.notes.size();
    if (csv) {
        if (auto ok = import_csv(book, path, *bytes, *csv, report); !ok) return ok;
    } else {
        ParallelReader reader(book, *bytes, limits);
        while (auto part = reader.next()) {
            if (auto ok = store_part(book, path, std::move(*part), report); !ok) return ok;
        }
    }
    if (report.created + report.merged + report.failures.size() == cards_before) {
        --report.files;
        file_without_cards(path, notes_before, report);
    }
    return Ok{};
}

}  // namespace

std::size_t ImportReport::failed_cards() const {
    std::set<std::pair<std::string, std::size_t>> cards;
    for (const auto& f : failures)
        cards.emplace(f.file, f.card_number);
    return cards.size();
}

std::string ImportReport::summary() const {
    return std::to_string(created) + " new, " + std::to_string(merged) + " merged, " +
           std::to_string(failed_cards()) + " failed";
}

ImportOutcome ImportReport::outcome() const {
    if (created + merged == 0) return ImportOutcome::nothing_imported;
    if (!failures.empty() || !unreadable.empty()) return ImportOutcome::some_failed;
    return ImportOutcome::all_imported;
}

Result<ImportReport> import_files(book::AddressBook& book, const std::vector<fs::path>& paths,
                                  const vcard::Limits& limits) {
    ImportReport report;
    const std::vector<fs::path> files = expand(paths, report);
    const Status done = book.transaction([&]() -> Status {
        for (const auto& file : files) {
            if (auto ok = import_file(book, file, limits, report); !ok) return ok;
        }
        return Ok{};
    });
    if (!done) return done.error();
    return report;
}

}  // namespace cardex::client::transfer
