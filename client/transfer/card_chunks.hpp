// Where a vCard text file can be cut so that its parts read exactly as the whole does: before
// a BEGIN:VCARD line that follows the END:VCARD of a top-level card (counting BEGIN and END
// lines; folded and quoted-printable continuation lines never look like either). The reader
// numbers the cards of each part from 1, so a part's first card is the whole file's card
// (cards before it + 1).
#pragma once

#include <cstddef>
#include <string_view>
#include <vector>

namespace cardex::client::transfer {

// At most `parts` parts of roughly equal size, in order, covering all of `text`; the whole
// text as one part when it cannot be cut.
std::vector<std::string_view> split_vcard_text(std::string_view text, std::size_t parts);

}  // namespace cardex::client::transfer
