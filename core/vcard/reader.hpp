// Readers: bytes in, cards out. One malformed card never loses the others: it is reported
// with its position and reason, and reading goes on with the next card.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.hpp"
#include "core/vcard/card.hpp"
#include "core/vcard/limits.hpp"
#include "core/xml/element.hpp"

namespace cardex::vcard {

enum class Format { vcard_text, xcard, jcard };

struct CardError {
    std::size_t card_number = 0;  // 1-based position of the card in the input
    std::size_t line = 0;         // 1-based line where the problem is (0 if not applicable)
    std::string message;          // "card 3, line 41: <reason>"
    std::string reason;           // the message without the position: "<reason>"
};

// An error worded as the readers word one about a card or line: "card 3, line 41: <reason>",
// "card 3: <reason>", "line 7: <reason>", or "input: <reason>" without either.
CardError card_error(std::size_t card, std::size_t line, std::string reason);

struct ReadResult {
    std::vector<Card> cards;
    std::vector<CardError> errors;  // a card with errors may still be read (they say so)
    // The 1-based position in the input of each card in `cards`, counting the cards that
    // could not be read, so that the n-th card of a file keeps its number.
    std::vector<std::size_t> card_numbers;
};

// vCard 2.1, 3.0 and 4.0 text (several cards per input, any mix of versions).
ReadResult read_vcard_text(std::string_view bytes, const Limits& limits = {});
// xCard (RFC 6351): <vcards> with one or more <vcard>, or a single <vcard>.
ReadResult read_xcard(std::string_view bytes, const Limits& limits = {});
// jCard (RFC 7095): one ["vcard", [...]] or an array of them.
ReadResult read_jcard(std::string_view bytes, const Limits& limits = {});

// Which format `bytes` is in, from their content (leading whitespace and a UTF-8 BOM ignored).
Result<Format> detect_format(std::string_view bytes);
// Detects the format and reads it.
ReadResult read_any(std::string_view bytes, const Limits& limits = {});

// One <vcard xmlns='urn:ietf:params:xml:ns:vcard-4.0'> element, as carried in stanzas.
Result<Card> card_from_xml(const xml::Element& vcard, const Limits& limits = {});

}  // namespace cardex::vcard
