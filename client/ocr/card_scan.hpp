// A business card read from a photo of a paper card: the picture is read (Leptonica), made
// ready, recognised in the right language (Tesseract), its fields extracted, and the photo kept
// in the card (X-CARDEX-IMAGE, TYPE=scan).
#pragma once

#include <string>
#include <string_view>

#include "client/ocr/card_proposal.hpp"
#include "client/ocr/text_recognition.hpp"
#include "core/result.hpp"

namespace cardex::client::ocr {

struct ScanOptions {
    std::string languages;   // Tesseract's ("deu", "deu+eng", "chi_sim"); empty: chosen
    std::string region;      // for numbers without a country code ("DE"); empty: unknown
    bool keep_photo = true;  // put the (smaller) photo into the card
};

// The proposed card, or an Error: not a picture, no text found, a language not installed.
Result<CardProposal> scan_card(TextRecognizer& recognizer, std::string_view photo_bytes,
                               const ScanOptions& options);

// The same for a file; the Error names the file.
Result<CardProposal> scan_card_file(TextRecognizer& recognizer, const std::string& path,
                                    const ScanOptions& options);

}  // namespace cardex::client::ocr
