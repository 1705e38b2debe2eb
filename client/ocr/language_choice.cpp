#include "client/ocr/language_choice.hpp"

namespace cardex::client::ocr {

bool looks_like_other_script(const std::vector<OcrLine>& latin) {
    std::size_t words = 0, unsure = 0;
    for (const auto& line : latin) {
        for (const auto& word : line.words) {
            ++words;
            if (word.confidence < 60.0) ++unsure;
        }
    }
    return words == 0 || unsure * 4 >= words;  // a quarter or more unsure
}

bool mostly_han(const std::vector<OcrLine>& lines) {
    std::string all;
    for (const auto& line : lines)
        all += line.text();
    return han_share(all) >= 0.3;
}

}  // namespace cardex::client::ocr
