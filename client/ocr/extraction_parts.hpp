// The pieces field extraction is made of (field_extraction.cpp puts them together): each finds
// one kind of field in the recognised lines, marks the lines it took and says how sure it is.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "client/ocr/card_proposal.hpp"
#include "client/ocr/ocr_lines.hpp"

namespace cardex::client::ocr::parts {

struct LineView {
    const OcrLine* line = nullptr;
    std::string text;   // line->text()
    bool used = false;  // taken by a field already
};

std::vector<LineView> views_of(const std::vector<OcrLine>& lines);
// Lines cut where their words stand far apart (more than twice the line's height): Tesseract
// sometimes joins a line of the left column with one of the right column.
std::vector<OcrLine> split_at_gaps(const std::vector<OcrLine>& lines);

// The lowest confidence of the words that bytes [begin, end) of line.text() touch; the line's
// lowest when the range touches none.
double span_confidence(const OcrLine& line, std::size_t begin, std::size_t end);
double line_confidence(const OcrLine& line);

std::string lower_ascii(std::string_view text);
// Lower-cased, with German umlauts and ß spelled without them ("Geschäftsführer" ->
// "geschaftsfuhrer"), as OCR often reads them: for comparing with keywords.
std::string folded(std::string_view text);
std::string trimmed(std::string_view text);
// Whether `text` (lower-cased ASCII, or UTF-8) contains `word` as a whole word (Han words
// anywhere).
bool has_word(std::string_view text, std::string_view word);

// contact_fields.cpp: TEL (with its type), EMAIL, URL.
void find_phones(std::vector<LineView>& lines, const std::string& region,
                 std::vector<ProposedField>& out);
void find_emails(std::vector<LineView>& lines, std::vector<ProposedField>& out);
void find_urls(std::vector<LineView>& lines, std::vector<ProposedField>& out);

// address_fields.cpp: the postal address block.
struct FoundAddress {
    std::string street, locality, region, postal_code, country;
    double confidence = 0.0;
};
std::optional<FoundAddress> find_address(std::vector<LineView>& lines);
std::string address_text(const FoundAddress& address);

// person_fields.cpp: name, title and organisation from the layout and keyword lists.
struct FoundPerson {
    std::optional<ProposedField> name, title, org;
};
FoundPerson find_person(std::vector<LineView>& lines);

}  // namespace cardex::client::ocr::parts
