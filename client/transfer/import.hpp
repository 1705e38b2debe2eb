// Importing cards from files: every format the core reads (vCard 2.1/3.0/4.0, xCard, jCard;
// detected from the content), several cards per file, the CSV files mail programs export
// (csv_contacts.hpp), and folders (every file in them, also in subfolders, whose name ends in
// .vcf, .vcard, .vcs, .xml, .json or .csv, or whose content starts as a vCard or a contacts
// CSV does; the other files are skipped, and listed). Each card is matched and merged into the
// address book by the book's rules, all in one transaction. A card or a file that cannot be
// read is reported with its reason and the rest goes on.
#pragma once

#include <cstddef>
#include <filesystem>
#include <string>
#include <vector>

#include "client/book/address_book.hpp"
#include "core/result.hpp"
#include "core/vcard/limits.hpp"

namespace cardex::client::transfer {

struct ImportFailure {
    std::string file;
    std::size_t card_number = 0;  // 0: the whole file
    std::string reason;
};

enum class ImportOutcome {
    all_imported,      // every card of every file (there may be warnings and skipped files)
    some_failed,       // some cards or files could not be imported, others were
    nothing_imported,  // not one card
};

struct ImportReport {
    std::size_t files = 0;                  // files read as cards (vCard, xCard, jCard, CSV)
    std::size_t created = 0;                // new contacts
    std::size_t merged = 0;                 // cards that matched a contact (merged into it)
    std::size_t unchanged = 0;              // of those, cards that brought nothing new
    std::vector<ImportFailure> failures;    // cards not imported (one entry per reason)
    std::vector<ImportFailure> notes;       // cards imported with a warning, or files (card 0)
    std::vector<ImportFailure> unreadable;  // paths not imported at all: missing, not cards...
    std::vector<ImportFailure> skipped;     // files in folders that are not card files

    // Cards not imported (a card with several reasons counts once).
    std::size_t failed_cards() const;
    // "12 new, 3 merged, 1 failed"
    std::string summary() const;
    ImportOutcome outcome() const;
};

// An Error only when the book cannot be written (then nothing is imported).
Result<ImportReport> import_files(book::AddressBook& book,
                                  const std::vector<std::filesystem::path>& paths,
                                  const vcard::Limits& limits = {});

}  // namespace cardex::client::transfer
