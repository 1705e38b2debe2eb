// What an import did, in the words `cardex import` and the Profanity plugin's /card import
// both use: one line for each path that could not be imported, each file of a folder that
// was skipped, each card that failed and each card imported with a warning; then the
// summary. File names and reasons are sanitised for the terminal.
//
//   cannot import ~/contacts.vcf: it does not exist
//   skipped ~/cards/photo.jpg: not a vCard, xCard, jCard or contacts CSV file
//   failed: ~/cards/all.vcf, card 4: line 20: ...
//   warning: ~/cards/all.vcf, card 7 (imported): line 31: ...
//   Imported 3 files: 12 new, 3 merged, 1 failed (2 already known); 1 other file skipped.
//   Nothing imported from 1 file: 2 cards failed.
#pragma once

#include <string>
#include <vector>

#include "client/transfer/import.hpp"

namespace cardex::client::ui {

// Every line but the summary, in the order above.
std::vector<std::string> import_detail_lines(const transfer::ImportReport& report);
// The last line, with its full stop.
std::string import_summary(const transfer::ImportReport& report);

}  // namespace cardex::client::ui
