// Text recognition with Tesseract's C++ API: a prepared photo in, lines of words with their
// boxes, heights and confidences out. One engine per language set is loaded once and kept.
#pragma once

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "client/ocr/ocr_lines.hpp"
#include "client/ocr/pix.hpp"
#include "core/result.hpp"

namespace tesseract {
class TessBaseAPI;
}

namespace cardex::client::ocr {

class TextRecognizer {
  public:
    // `tessdata`: the folder of the *.traineddata files; empty: $TESSDATA_PREFIX, else the
    // Debian one. Tesseract's own threads are limited to one (OMP_THREAD_LIMIT=1, unless the
    // user set it): a card is small, and threads cost more than they give.
    explicit TextRecognizer(std::string tessdata = {});
    ~TextRecognizer();
    TextRecognizer(const TextRecognizer&) = delete;
    TextRecognizer& operator=(const TextRecognizer&) = delete;

    // The lines Tesseract reads in `grey` with `languages` ("deu+eng", "chi_sim"); an Error
    // when a language is not installed.
    Result<std::vector<OcrLine>> read(PIX* grey, const std::string& languages);

    // The words in one line's `box` of `grey`, read again with `languages` (a line of Latin
    // letters and digits on a Chinese card reads better with the Latin languages); the box is
    // widened a little.
    Result<OcrLine> read_line(PIX* grey, const Box& box, const std::string& languages);

    // Whether a language's trained data is installed ("deu").
    bool has_language(const std::string& language) const;

  private:
    Result<tesseract::TessBaseAPI*> engine(const std::string& languages);

    std::string tessdata_;
    std::map<std::string, std::unique_ptr<tesseract::TessBaseAPI>> engines_;
};

}  // namespace cardex::client::ocr
