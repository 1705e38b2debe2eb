// A card read from a photo, as proposed to the user before it is saved: the vCard, and for
// every field that went into it the value, how sure the reading is and whether it is doubtful
// (worth a second look before saving).
#pragma once

#include <string>
#include <vector>

#include "core/vcard/card.hpp"

namespace cardex::client::ocr {

// A field below this confidence (0..100) is doubtful.
inline constexpr double kDoubtfulBelow = 75.0;

struct ProposedField {
    std::string property;  // "FN", "TITLE", "ORG", "TEL", "EMAIL", "URL", "ADR"
    std::string type;      // TEL: "voice", "cell", "fax"; else empty
    std::string value;     // as it goes on the card (ADR: its components joined by ", ")
    double confidence = 0.0;
    bool doubtful = false;
};

struct CardProposal {
    vcard::Card card;
    std::vector<ProposedField> fields;
    std::string language;       // the Tesseract languages the text was read with: "deu+eng"
    double milliseconds = 0.0;  // how long reading the photo took

    // The fields with this property, in card order.
    std::vector<const ProposedField*> all(const std::string& property) const;
};

// `confidence` as a field's: doubtful when below kDoubtfulBelow.
ProposedField make_field(std::string property, std::string value, double confidence,
                         std::string type = {});

}  // namespace cardex::client::ocr
