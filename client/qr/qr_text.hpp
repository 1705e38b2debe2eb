// A QR code drawn in a terminal: each character covers two modules, one above the other, with
// the Unicode half blocks ▀ ▄ █ and a space. The blocks are the light modules (the terminal's
// text colour, light on the usual dark background; cardex sets these colours on a terminal) and
// the spaces the dark ones, inside a light quiet zone, so that the code shows dark on light and
// a phone can scan it off the screen.
#pragma once

#include <string>
#include <vector>

#include "client/qr/qr_code.hpp"

namespace cardex::client::qr {

std::vector<std::string> half_block_lines(const QrMatrix& code,
                                          std::size_t quiet_zone = kQuietZone);

// The modules the lines show (the quiet zone included), the inverse of half_block_lines: for
// tests and for reading a code back; an Error for a character that is not one of the four.
Result<QrMatrix> read_half_block_lines(const std::vector<std::string>& lines);

}  // namespace cardex::client::qr
