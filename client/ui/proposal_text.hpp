// A card read from a photo, as `cardex scan-card` and the Profanity plugin show it before it
// is saved: one line per field, doubtful fields marked with "?" and their confidence:
//   Name          Dr. Anna Schmidt
//   Phone (cell)  +49 170 7654321          ? 62%
// Text from the photo is sanitised for the terminal.
#pragma once

#include <string>
#include <vector>

#include "client/ocr/card_proposal.hpp"

namespace cardex::client::ui {

std::vector<std::string> proposal_lines(const ocr::CardProposal& proposal);

// "2 fields are doubtful (marked ?): check them before saving", or "" when none is.
std::string doubtful_text(const ocr::CardProposal& proposal);

}  // namespace cardex::client::ui
