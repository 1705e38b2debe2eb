// The one-step exchange (the draft's "Exchanging Cards in One Step") from the scanner's side:
// the <exchange/> goes to the service the token's URI names, with the scanner's card or
// without; the owner's card that comes back is merged into the address book like any card a
// service delivers (with its set and version in the provenance), and the delivery of the
// scanner's card is recorded as a sent card, so that its receipt finds it.
#pragma once

#include <functional>
#include <optional>
#include <string>

#include "client/book/address_book.hpp"
#include "client/exchange/card_agent.hpp"
#include "client/exchange/replies.hpp"
#include "core/protocol/tokens.hpp"
#include "core/vcard/card.hpp"

namespace cardex::client::exchange {

// The card the scanner gives, and what it is to the user.
struct SharedCard {
    vcard::Card card;
    std::string label;  // "set work", "your own card"
};

struct ExchangeOutcome {
    protocol::OwnerCard owner;
    book::Receiving received;                       // the owner's card, as the book took it
    std::optional<protocol::DeliveryRef> delivery;  // of the shared card
};

// The delivery id under which the book keeps the owner's card of an exchange: the token and
// the card's version, so that the same exchange repeated is recognised as a copy.
std::string exchange_delivery_id(const protocol::TokenUri& token, std::uint64_t version);

// Stores the owner's card of an exchange result as a received card. There is no delivery to
// acknowledge, so it is marked as answered (no ack is ever sent for it).
Result<book::Receiving> keep_owner_card(book::AddressBook& book, const protocol::TokenUri& token,
                                        const protocol::OwnerCard& owner);

using ExchangeDone = std::function<void(Result<ServiceReply<ExchangeOutcome>>)>;

// Sends the exchange; `done` gets the outcome, the service's refusal (invalid token, rate
// limited...) or an Error (no answer, a broken answer, a card the book could not store).
// With `follow`, the owner's new versions of the set come as updates.
void exchange_cards(CardAgent& agent, book::AddressBook& book, const protocol::TokenUri& token,
                    const std::optional<SharedCard>& shared, ExchangeDone done,
                    bool follow = false);

}  // namespace cardex::client::exchange
