// The delivery message cardexd sends for a card, built by the same code as cardexd's courier
// (with ids as long as its ids), for a recipient who asked for cards as text, as cardex does:
// the card goes as text where the courier would send it so. The benchmark sizes its plain
// references by it and sends it as the copy of its card-shaped reference.
#pragma once

#include <string_view>

#include "core/vcard/card.hpp"
#include "core/xml/element.hpp"
#include "core/xmpp/jid.hpp"

namespace cardex::bench {

xml::Element card_copy(const vcard::Card& card, const xmpp::Jid& service,
                       const xmpp::Jid& submitter, const xmpp::Jid& recipient,
                       std::string_view stanza_ns);

}  // namespace cardex::bench
