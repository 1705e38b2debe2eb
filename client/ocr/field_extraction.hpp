// The fields of a business card read out of recognised lines: telephone and fax numbers
// (libphonenumber), e-mail and web addresses, the postal address, and name, title and
// organisation from the layout. Pure: lines in, proposal out.
#pragma once

#include <string>
#include <vector>

#include "client/ocr/card_proposal.hpp"
#include "client/ocr/ocr_lines.hpp"

namespace cardex::client::ocr {

// The proposed card and its fields (language and time left empty). `region` is the ISO 3166
// region of numbers written without a country code ("DE"); empty when unknown. Lines come in
// reading order, top to bottom.
CardProposal extract_fields(const std::vector<OcrLine>& lines, const std::string& region);

}  // namespace cardex::client::ocr
