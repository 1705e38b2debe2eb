// What the processor allows: the per-card work a component cannot avoid, measured alone on the
// same submit stanzas it receives. Expat with empty handlers is the floor of any XML parsing;
// our stream parser builds the element tree cardexd works on; the typed decode adds reading
// the IQ, the submit and the vCard; the delivery message is what cardexd writes per card.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/vcard/card.hpp"

namespace cardex::bench {

// What a ceiling measures, in the order measure_parsing gives them.
enum class ParseStage {
    expat,    // Expat alone, empty handlers
    tree,     // our stream parser, an element tree per stanza
    checked,  // the same and the typed decode: what cardexd reads and checks per submit
    written,  // the delivery message and the IQ result written
};

struct ParseCeiling {
    ParseStage stage = ParseStage::expat;
    std::string what;
    double stanzas_per_second = 0;
    double mb_per_second = 0;
    std::string problem;  // empty when every stanza went through
};

// `stanzas` are `count` submit stanzas written for a jabber:component:accept stream, which
// this puts them in, as cardexd receives them. Every figure is the median of `runs` runs.
std::vector<ParseCeiling> measure_parsing(std::string_view stanzas, std::size_t count,
                                          const std::vector<vcard::Card>& cards, int runs);

}  // namespace cardex::bench
