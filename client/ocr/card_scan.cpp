#include "client/ocr/card_scan.hpp"

#include <chrono>
#include <filesystem>
#include <fstream>
#include <iterator>

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
    if (mostly_han(*han)) return Reading{std::move(han).value(), kHanLanguages};
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
