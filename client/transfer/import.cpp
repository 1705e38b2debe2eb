#include "client/transfer/import.hpp"

#include <algorithm>
#include <fstream>
#include <system_error>

#include "client/transfer/parallel_reader.hpp"
#include "core/text/ascii.hpp"
#include "core/vcard/reader.hpp"

namespace cardex::client::transfer {
namespace {

namespace fs = std::filesystem;

bool is_card_file(const fs::path& path) {
    const std::string ext = lower_ascii(path.extension().string());
    return ext == ".vcf" || ext == ".vcard" || ext == ".vcs" || ext == ".xml" || ext == ".json";
}

// The files to read: each path given, and the card files inside each folder, sorted.
std::vector<fs::path> expand(const std::vector<fs::path>& paths, ImportReport& report) {
    std::vector<fs::path> files;
    for (const auto& path : paths) {
        std::error_code ec;
        if (!fs::is_directory(path, ec)) {
            files.push_back(path);
            continue;
        }
        std::vector<fs::path> found;
        for (auto it = fs::recursive_directory_iterator(path, ec);
             !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
            if (it->is_regular_file(ec) && is_card_file(it->path())) found.push_back(it->path());
        }
        if (ec)
            report.failures.push_back(
                {path.string(), 0, "cannot read the folder: " + ec.message()});
        std::sort(found.begin(), found.end());
        files.insert(files.end(), found.begin(), found.end());
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
        (imported ? report.notes : report.failures)
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

Status import_file(book::AddressBook& book, const fs::path& path, const vcard::Limits& limits,
                   ImportReport& report) {
    ++report.files;
    auto bytes = read_file(path, limits.max_input_bytes);
    if (!bytes) {
        report.failures.push_back({path.string(), 0, bytes.error().message});
        return Ok{};
    }
    if (auto format = vcard::detect_format(*bytes); !format) {
        report.failures.push_back({path.string(), 0, format.error().message});
        return Ok{};
    }
    ParallelReader reader(book, *bytes, limits);
    while (auto part = reader.next()) {
        if (auto ok = store_part(book, path, std::move(*part), report); !ok) return ok;
    }
    return Ok{};
}

}  // namespace

std::string ImportReport::summary() const {
    return std::to_string(created) + " new, " + std::to_string(merged) + " merged, " +
           std::to_string(failures.size()) + " failed";
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
