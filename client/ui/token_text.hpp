// What people read about card sets, QR tokens and exchanges: the service's refusals in one
// sentence, a token's uses and expiry, and what an exchange did.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "client/exchange/card_exchange.hpp"
#include "core/protocol/errors.hpp"
#include "core/protocol/timestamp.hpp"
#include "core/protocol/tokens.hpp"
#include "core/xmpp/stanza.hpp"

namespace cardex::client::ui {

// The sentence every invalid-token error reads as: the service does not say which it was.
inline constexpr const char* kInvalidTokenText =
    "this QR code is not valid any more: it expired, was used up or revoked, or never existed";

// A refusal of a set, token or exchange request in one sentence: invalid-token as above,
// rate-limited with when to try again (relative to `now`), an unknown set named, else the
// service's own text.
std::string token_refusal_text(const xmpp::StanzaError& error,
                               const std::optional<protocol::ProtocolError>& protocol_error,
                               protocol::Timestamp now, const std::string& set = {});

// "in 6 days 23 hours", "in 12 minutes", "now": how far `when` is from `now`.
std::string time_until(protocol::Timestamp when, protocol::Timestamp now);

// "10 uses left, expires 2026-11-28 08:10 UTC (in 7 days)".
std::string token_validity_text(const protocol::Token& token, protocol::Timestamp now);

// Whose card a token leads to, from its preview: "Alice Example (Example Corp, CTO),
// alice@a.test, card set 'work' at cards.a.test", safe to print on a terminal.
std::string preview_text(const protocol::TokenPreview& preview, const xmpp::Jid& service);

// What an exchange did, in one sentence: "Alice Example (alice@a.test, set work, version 4)
// saved as new contact 12; your card is on its way to alice@a.test (delivery 3Oy2...)".
std::string exchange_outcome_text(const exchange::ExchangeOutcome& outcome);

}  // namespace cardex::client::ui
