// Whether a card fits what a card service takes, checked wherever a client sends one (a submit,
// a set's card, a card given in an exchange), before it goes out: the card within the service's
// max-card-bytes, and the copy the service would make of it within its max-copy-bytes (a server
// with a 64 KiB stanza limit, such as jabberd2 by default, stalls the connection that brings it
// a larger stanza, with no error). The service checks again; checking here tells the user at
// once, in a sentence naming the size and the limit, instead of after a round trip.
#pragma once

#include <optional>
#include <vector>

#include "core/protocol/service_info.hpp"
#include "core/protocol/tokens.hpp"
#include "core/result.hpp"
#include "core/vcard/card.hpp"
#include "core/xmpp/jid.hpp"

namespace cardex::client::exchange {

// Room a set's card leaves for the message and fallback text of its copies, as the service
// counts it when the card is published (its recipients are not known then).
inline constexpr std::size_t kSetCopyRoom = 1536;

// A submit of `card` to `recipients` through `service`, whose advertised limits are `limits`
// (nullopt: it advertises none, and nothing is checked). The copy is measured as the submit
// that carries the card.
Status check_submit_size(const xmpp::Jid& service,
                         const std::optional<protocol::ServiceLimits>& limits,
                         const vcard::Card& card, const std::vector<xmpp::Jid>& recipients);
// The card of a set published at `service`.
Status check_set_size(const xmpp::Jid& service,
                      const std::optional<protocol::ServiceLimits>& limits,
                      const vcard::Card& card);
// A card given in an exchange through the service `token` names; the copy is measured as the
// exchange that carries the card.
Status check_exchange_size(const protocol::TokenUri& token,
                           const std::optional<protocol::ServiceLimits>& limits,
                           const vcard::Card& card);

}  // namespace cardex::client::exchange
