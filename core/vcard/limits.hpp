// Every size limit of the vCard readers and writers, in one place. Exceeding one is an error
// for that card (named in the message), never a crash or a silent truncation.
#pragma once

#include <cstddef>

namespace cardex::vcard {

struct Limits {
    std::size_t max_input_bytes = 64u << 20;  // one file or buffer handed to a reader
    std::size_t max_card_bytes = 2u << 20;    // one card, as written in its source format
    std::size_t max_properties = 2000;        // properties in one card
    std::size_t max_line_bytes = 1u << 20;    // one unfolded content line (text formats)
    std::size_t max_media_bytes = 1u << 20;   // decoded bytes of one PHOTO, LOGO, SOUND or KEY
    std::size_t max_depth = 32;               // nesting in xCard and jCard
};

}  // namespace cardex::vcard
