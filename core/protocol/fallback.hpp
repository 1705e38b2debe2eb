// The <body/> of deliver and receipt messages: plain English text for people whose clients do
// not implement the protocol, in the draft's wording. Clients that implement it never show it.
#pragma once

#include <chrono>
#include <string>
#include <string_view>

#include "core/protocol/delivery.hpp"
#include "core/protocol/timestamp.hpp"
#include "core/vcard/card.hpp"

namespace cardex::protocol {

// The card's most useful fields on one line, joined by " · ": formatted name, "title,
// organisation", the preferred telephone number (lowest PREF, voice before fax, visual
// separators '-' shown as spaces) and the first e-mail address. Empty fields are left out.
std::string card_summary(const vcard::Card& card);

// Three lines: who sent the card (name and JID; the JID alone when `sender_name` is empty),
// the card summary, and a hint that a client supporting business cards can save it (with a
// line between the last two when the card carries a picture of itself: "Picture of the card:
// https://..." for a web address, else "A picture of the card comes with it."):
//   Alice Example (alice@a.test) sent you a business card:
//   Alice Example · Head of Sales, Example Widgets GmbH · +49 30 1234567 · alice@example.org
//   Open this message in a client that supports business cards to save it. To reply, ...
// Cards with via="token" say "scanned your QR code and shared a business card", updates
// "updated their business card".
std::string delivery_body(const CardDelivery& delivery, std::string_view sender_name);
// The same for a delivery whose card is given apart (`delivery.card` is not read).
std::string delivery_body(const CardDelivery& delivery, const vcard::Card& card,
                          std::string_view sender_name);

// One line naming the recipient, what happened and when the card was sent:
//   bob@b.test saved your business card (sent 2026-11-20 09:30 UTC).
//   dave@c.test did not collect your business card within 30 days (sent ...).
//   bob@b.test rejected your business card (sent ...): <reason>
// `card_lifetime` is the service's card-lifetime-seconds, named in expiry receipts.
std::string receipt_body(const Receipt& receipt, Timestamp sent,
                         std::chrono::seconds card_lifetime);

}  // namespace cardex::protocol
