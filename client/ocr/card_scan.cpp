#include "client/ocr/card_scan.hpp"

#include <chrono>
#include <filesystem>
#include <fstream>
#include <iterator>

#include "client/ocr/extraction_parts.hpp"
#include "client/ocr/field_extraction.hpp"
#include "client/ocr/language_choice.hpp"
#include "client/ocr/photo_preparation.hpp"
#include "core/vcard/card_image.hpp"
#include "core/vcard/media.hpp"

namespace cardex::client::ocr {
namespace {

struct Reading {
    std::vector<OcrLine> lines;
    std::string languages;
};

std::size_t han_count(const std::string& text) {
    std::size_t n = 0;
    for (char32_t c : code_points(text))
        n += is_han(c) ? 1 : 0;
    return n;
}

// A Chinese reading's lines of Latin letters and digits (e-mail, web, numbers; one Han
// character among them is taken for a misread '+' or '@') read again in English, which reads
// them better (with the engine of the first pass, already loaded); kept when more sure.
void reread_latin_lines(TextRecognizer& recognizer, PIX* grey, std::vector<OcrLine>& lines) {
    lines = parts::split_at_gaps(lines);
    for (auto& line : lines) {
        if (han_count(line.text()) > 1) continue;
        auto latin = recognizer.read_line(grey, line.box, kLatinLanguages);
        if (!latin || latin->words.empty()) continue;
        if (parts::line_confidence(*latin) > parts::line_confidence(line)) line = std::move(*latin);
    }
}

Result<Reading> recognise(TextRecognizer& recognizer, PIX* grey, const std::string& languages) {
    if (!languages.empty()) {
        auto lines = recognizer.read(grey, languages);
        if (!lines) return lines.error();
        return Reading{std::move(lines).value(), languages};
    }
    auto latin = recognizer.read(grey, kLatinLanguages);
    if (!latin) return latin.error();
    if (!looks_like_other_script(*latin) || !recognizer.has_language(kHanLanguages))
        return Reading{std::move(latin).value(), kLatinLanguages};
    auto han = recognizer.read(grey, kHanLanguages);
    if (!han) return han.error();
    if (mostly_han(*han)) {
        reread_latin_lines(recognizer, grey, *han);
        return Reading{std::move(han).value(), kHanLanguages};
    }
    return Reading{std::move(latin).value(), kLatinLanguages};
}

}  // namespace

Result<CardProposal> scan_card(TextRecognizer& recognizer, std::string_view photo_bytes,
                               const ScanOptions& options) {
    const auto started = std::chrono::steady_clock::now();
    auto photo = read_picture(photo_bytes);
    if (!photo) return photo.error();
    const PreparedPhoto prepared = prepare_photo(photo->get());
    auto reading = recognise(recognizer, prepared.grey.get(), options.languages);
    if (!reading) return reading.error();
    CardProposal proposal = extract_fields(reading->lines, options.region);
    if (proposal.fields.empty()) return make_error("no text of a business card found in the photo");
    if (!proposal.card.first("FN"))
        proposal.card.properties.insert(proposal.card.properties.begin(),
                                        vcard::make_text("FN", proposal.card.formatted_name()));
    if (options.keep_photo) {
        auto jpeg = photo_for_card(photo->get());
        if (!jpeg) return jpeg.error();
        vcard::set_card_image(proposal.card,
                              {vcard::CardImageKind::scan,
                               {vcard::make_data_uri("image/jpeg", *jpeg), "image/jpeg"},
                               {}});
    }
    proposal.language = reading->languages;
    proposal.milliseconds =
        std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started)
            .count();
    return proposal;
}

Result<CardProposal> scan_card_file(TextRecognizer& recognizer, const std::string& path,
                                    const ScanOptions& options) {
    std::error_code ec;
    if (!std::filesystem::exists(path, ec)) return make_error("no such file: " + path);
    if (std::filesystem::is_directory(path, ec))
        return make_error(path + " is a folder, not a photo");
    std::ifstream in(path, std::ios::binary);
    if (!in) return make_error("cannot read " + path + ": permission denied or not a file");
    const std::string bytes{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
    if (in.bad()) return make_error("cannot read " + path);
    auto proposal = scan_card(recognizer, bytes, options);
    if (!proposal) return make_error(path + ": " + proposal.error().message);
    return proposal;
}

}  // namespace cardex::client::ocr
