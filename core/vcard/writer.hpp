// Writers: cards in, standard bytes out. Text output uses CRLF and folds lines at 75 octets
// without splitting a UTF-8 sequence.
#pragma once

#include <string>
#include <vector>

#include "core/vcard/card.hpp"
#include "core/xml/element.hpp"

namespace cardex::vcard {

// vCard 4.0 (canonical) or 3.0 (for old address books). Version::v21 is not written.
std::string write_vcard_text(const Card& card, Version version = Version::v40);
std::string write_vcard_text(const std::vector<Card>& cards, Version version = Version::v40);
// vCard 4.0 with the card's properties and nothing else: no FN is made up for a card without
// one, so that reading it back gives the same card (the text form of a protocol stanza).
std::string write_vcard_text_as_is(const Card& card);

// xCard: a <vcards> document.
std::string write_xcard(const std::vector<Card>& cards);
// One <vcard xmlns='urn:ietf:params:xml:ns:vcard-4.0'> element, as carried in stanzas.
xml::Element card_to_xml(const Card& card);

// jCard: one card as ["vcard", [...]]; several as an array of those.
std::string write_jcard(const Card& card);
std::string write_jcard(const std::vector<Card>& cards);

}  // namespace cardex::vcard
