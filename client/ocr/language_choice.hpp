// Which Tesseract languages a card is read with. Given one (--lang), that one. Otherwise a
// first pass reads Latin script (German and English together); when most of its words are
// unsure, the card may be in Han script, so it is read again with Simplified Chinese alone
// (Chinese read together with English misreads large Chinese names), and that reading is taken
// when most of its letters are Han.
#pragma once

#include <string>
#include <vector>

#include "client/ocr/ocr_lines.hpp"

namespace cardex::client::ocr {

// German first: with English first, umlauts are often read as plain letters (Geschaftsfuhrerin),
// while English text reads as well with German first.
inline constexpr const char* kLatinLanguages = "deu+eng";
inline constexpr const char* kHanLanguages = "chi_sim";

// Whether a first reading in Latin script looks like a card in another script: few words read
// with confidence.
bool looks_like_other_script(const std::vector<OcrLine>& latin);

// Whether a reading is mostly Han characters.
bool mostly_han(const std::vector<OcrLine>& lines);

}  // namespace cardex::client::ocr
