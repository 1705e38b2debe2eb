// What an error returned for a copy of a card means for its delivery (the draft's table
// "Errors for a copy of a card", under Business Rules).
//
// A copy goes from the service through its own server, over server-to-server links, to the
// recipient's server and on to the recipient's clients, and any of them can send it back with
// an error. A federation link that fails is the normal case on this network, not the end of a
// card: everything that can heal (the recipient's server unreachable, timing out, restarting
// or out of room, a client that could not take the card) is retried with backoff until the
// card lifetime ends. Only what cannot heal ends the delivery: the recipient's own server
// saying that the account does not exist or refuses cards from this service, an address
// that is not valid, a message that would be refused again as it is.
#pragma once

#include <optional>
#include <string>

#include "core/xmpp/jid.hpp"
#include "core/xmpp/stanza.hpp"

namespace cardex::component {

enum class BounceOutcome { retry, reject };

struct BounceVerdict {
    BounceOutcome outcome = BounceOutcome::retry;
    std::string reason;  // for status results and the receipt: what happened, in a sentence
};

// The verdict for `error`, returned from `from` for a copy to `recipient` (a bare JID).
// Nullopt when `from` is neither the recipient (bare or full JID) nor its domain: such an
// error says nothing about this delivery.
std::optional<BounceVerdict> classify_bounce(const xmpp::StanzaError& error, const xmpp::Jid& from,
                                             const xmpp::Jid& recipient);

}  // namespace cardex::component
