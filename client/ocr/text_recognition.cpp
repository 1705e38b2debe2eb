#include "client/ocr/text_recognition.hpp"

#include <tesseract/baseapi.h>
#include <tesseract/resultiterator.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>

namespace cardex::client::ocr {
namespace {

constexpr const char* kDebianTessdata = "/usr/share/tesseract-ocr/5/tessdata";

std::string tessdata_folder(std::string given) {
    if (!given.empty()) return given;
    if (const char* prefix = std::getenv("TESSDATA_PREFIX"); prefix && *prefix) return prefix;
    return kDebianTessdata;
}

std::string owned_text(char* text) {
    std::string out = text ? text : "";
    delete[] text;
    while (!out.empty() && (out.back() == '\n' || out.back() == ' '))
        out.pop_back();
    return out;
}

Box box_of(const tesseract::ResultIterator& it, tesseract::PageIteratorLevel level) {
    int left = 0, top = 0, right = 0, bottom = 0;
    it.BoundingBox(level, &left, &top, &right, &bottom);
    return Box{left, top, right - left, bottom - top};
}

// The words of the line the iterator is on; leaves it on the line's last word.
OcrLine line_at(tesseract::ResultIterator& it) {
    OcrLine line;
    line.box = box_of(it, tesseract::RIL_TEXTLINE);
    float row_height = 0, descenders = 0, ascenders = 0;
    it.RowAttributes(&row_height, &descenders, &ascenders);
    line.text_height = static_cast<int>(row_height + descenders);  // capitals, no descenders
    if (line.text_height <= 0) line.text_height = line.box.height;
    do {
        OcrWord word;
        word.text = owned_text(it.GetUTF8Text(tesseract::RIL_WORD));
        word.confidence = it.Confidence(tesseract::RIL_WORD);
        word.box = box_of(it, tesseract::RIL_WORD);
        if (!word.text.empty()) line.words.push_back(std::move(word));
        if (it.IsAtFinalElement(tesseract::RIL_TEXTLINE, tesseract::RIL_WORD)) break;
    } while (it.Next(tesseract::RIL_WORD));
    return line;
}

// The lines of what `tess` recognised last; empty when it recognised nothing.
std::vector<OcrLine> recognised_lines(tesseract::TessBaseAPI& tess) {
    std::vector<OcrLine> lines;
    std::unique_ptr<tesseract::ResultIterator> it(tess.GetIterator());
    if (!it) return lines;
    it->Begin();
    do {
        if (it->Empty(tesseract::RIL_WORD)) continue;
        OcrLine line = line_at(*it);
        if (!line.words.empty()) lines.push_back(std::move(line));
    } while (it->Next(tesseract::RIL_WORD));
    return lines;
}

// The Debian package that holds a language's data: chi_sim is in tesseract-ocr-chi-sim.
std::string package_of(std::string language) {
    std::replace(language.begin(), language.end(), '_', '-');
    return "tesseract-ocr-" + language;
}

}  // namespace

TextRecognizer::TextRecognizer(std::string tessdata)
    : tessdata_(tessdata_folder(std::move(tessdata))) {
    // Before the first Tesseract call: OpenMP reads it once.
    setenv("OMP_THREAD_LIMIT", "1", 0);
}

TextRecognizer::~TextRecognizer() {
    for (auto& [languages, api] : engines_)
        api->End();
}

bool TextRecognizer::has_language(const std::string& language) const {
    std::error_code ec;
    return std::filesystem::exists(std::filesystem::path(tessdata_) / (language + ".traineddata"),
                                   ec);
}

Result<tesseract::TessBaseAPI*> TextRecognizer::engine(const std::string& languages) {
    if (auto found = engines_.find(languages); found != engines_.end()) return found->second.get();
    for (std::size_t start = 0; start <= languages.size();) {
        const auto end = languages.find('+', start);
        const std::string one = languages.substr(start, end - start);
        if (one.empty() || !has_language(one))
            return make_error("no text recognition data for the language '" + one + "' in " +
                              tessdata_ + " (Debian's package " + package_of(one) + " has it)");
        if (end == std::string::npos) break;
        start = end + 1;
    }
    auto api = std::make_unique<tesseract::TessBaseAPI>();
    if (api->Init(tessdata_.c_str(), languages.c_str(), tesseract::OEM_LSTM_ONLY) != 0)
        return make_error("Tesseract cannot load the language data '" + languages + "' from " +
                          tessdata_);
    api->SetPageSegMode(tesseract::PSM_AUTO);
    api->SetVariable("debug_file", "/dev/null");
    auto* raw = api.get();
    engines_.emplace(languages, std::move(api));
    return raw;
}

Result<std::vector<OcrLine>> TextRecognizer::read(PIX* grey, const std::string& languages) {
    auto api = engine(languages);
    if (!api) return api.error();
    tesseract::TessBaseAPI& tess = **api;
    tess.SetImage(grey);
    tess.SetSourceResolution(300);
    if (tess.Recognize(nullptr) != 0) return make_error("Tesseract could not read the photo");
    auto lines = recognised_lines(tess);
    tess.Clear();
    return lines;
}

Result<OcrLine> TextRecognizer::read_line(PIX* grey, const Box& box, const std::string& languages) {
    auto api = engine(languages);
    if (!api) return api.error();
    tesseract::TessBaseAPI& tess = **api;
    const int margin = std::max(4, box.height / 3);
    const int left = std::max(0, box.x - margin), top = std::max(0, box.y - margin);
    const int right = std::min(static_cast<int>(pixGetWidth(grey)), box.x + box.width + margin);
    const int bottom = std::min(static_cast<int>(pixGetHeight(grey)), box.y + box.height + margin);
    OcrLine line;
    line.box = box;
    if (right <= left || bottom <= top) return line;
    tess.SetImage(grey);
    tess.SetSourceResolution(300);
    tess.SetRectangle(left, top, right - left, bottom - top);
    tess.SetPageSegMode(tesseract::PSM_SINGLE_LINE);
    const bool read = tess.Recognize(nullptr) == 0;
    if (read) {
        for (auto& part : recognised_lines(tess)) {
            line.text_height = std::max(line.text_height, part.text_height);
            for (auto& word : part.words)
                line.words.push_back(std::move(word));
        }
    }
    tess.SetPageSegMode(tesseract::PSM_AUTO);
    tess.Clear();
    if (!read) return make_error("Tesseract could not read a line of the photo");
    return line;
}

}  // namespace cardex::client::ocr
