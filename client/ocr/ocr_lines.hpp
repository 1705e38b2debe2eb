// What the text recogniser saw on a photo: lines of words, each with where it is on the
// picture, how tall its text is and how sure the recogniser was. Field extraction reads only
// these values, so it can be tested on lines made up by hand.
#pragma once

#include <string>
#include <vector>

namespace cardex::client::ocr {

struct Box {
    int x = 0, y = 0, width = 0, height = 0;  // pixels, from the top left corner
};

struct OcrWord {
    std::string text;         // UTF-8
    double confidence = 0.0;  // 0..100, as Tesseract gives it
    Box box;
};

struct OcrLine {
    std::vector<OcrWord> words;
    Box box;
    int text_height = 0;  // pixels: the height of the line's capitals or Han characters

    // The words joined by one space, except next to a Han word (Chinese has no spaces).
    std::string text() const;
    // Where each word starts in text() (npos for an empty word).
    std::vector<std::size_t> word_starts() const;
};

// Whether a UTF-8 code point is a Han (CJK ideograph) character.
bool is_han(char32_t code_point);
// The code points of a UTF-8 string (bad bytes become U+FFFD).
std::u32string code_points(const std::string& utf8);
// The share of letters among `text`'s characters that are Han, 0..1 (0 for no letters).
double han_share(const std::string& text);

}  // namespace cardex::client::ocr
