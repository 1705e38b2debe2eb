// How well a card read from a photo matches the card that was printed: the fields printed on
// it (card_drawing.hpp), compared one by one with what was read. Phone numbers are
// compared in E.164 form, e-mail addresses and web addresses without regard to case, names,
// titles, organisations and addresses without regard to spacing.
#pragma once

#include <string>
#include <vector>

#include "client/ocr/card_proposal.hpp"
#include "tests/tools/card_drawing.hpp"

namespace cardex::tests {

struct FieldScore {
    std::string property;
    std::string expected;
    std::string read;  // empty when nothing matching was read
    bool right = false;
    bool doubtful = false;  // the field read was marked doubtful
};

struct PhotoScore {
    std::vector<FieldScore> fields;
    // Phone numbers and e-mail addresses read wrong without being marked doubtful: read but
    // matching nothing printed, or printed and read differently.
    std::vector<std::string> silently_wrong;
    // Phone numbers and e-mail addresses printed but not read at all.
    std::vector<std::string> missed;
};

PhotoScore score_reading(const std::vector<PrintedField>& printed,
                         const client::ocr::CardProposal& read, const std::string& region);

}  // namespace cardex::tests
