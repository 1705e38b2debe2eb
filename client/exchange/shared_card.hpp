// What of a contact is shared when it is sent as a card, written once for cardex and the
// Profanity plugin: the fields a person chose (cardex send --only, --without) and never,
// unless named, the photo of a paper card the person scanned (X-CARDEX-IMAGE;TYPE=scan): it
// may show what the card's owner did not put on the card (the draft's "A Picture of the Card").
#pragma once

#include <string>
#include <vector>

#include "core/vcard/card.hpp"

namespace cardex::client::exchange {

struct FieldChoice {
    std::vector<std::string> only;     // property names (any case); empty: every field
    std::vector<std::string> without;  // property names left out
};

// The card as shared: the name, UID, KIND and REV always; the rest as `choice` says.
vcard::Card shared_card(const vcard::Card& card, const FieldChoice& choice = {});

}  // namespace cardex::client::exchange
