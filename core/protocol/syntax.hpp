// The value syntax of urn:xmpp:bizcard:0 (the simple types of the draft's schema) and the
// vCard content of <card/> and <backup/>, shared by every payload codec.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/protocol/card_form.hpp"
#include "core/result.hpp"
#include "core/vcard/card.hpp"
#include "core/xml/element.hpp"
#include "core/xmpp/jid.hpp"

namespace cardex::protocol {

// Structural bounds of the draft (not service limits, which are in ServiceLimits).
inline constexpr std::size_t kMaxTextCharacters = 1024;     // <reason/>, invalid-recipient 'jid'
inline constexpr std::size_t kMaxStatusDeliveries = 100;    // <delivery/> children of <status/>
inline constexpr std::size_t kMaxBatchAcks = 100;           // <ack/> children of <acks/>
inline constexpr std::size_t kMaxReceiptsPerMessage = 100;  // <receipt/> in one message
inline constexpr std::size_t kMaxBareJidBytes = 2047;

// Delivery ids, token values and backup ids: URL-safe Base64 without padding,
// [A-Za-z0-9_-]{22,64}.
bool is_opaque_id(std::string_view text);
// Card set names: [a-z0-9-]{1,64}.
bool is_set_name(std::string_view text);
// A bare JID of a user: localpart@domainpart, no resource. Returned normalised.
Result<xmpp::Jid> parse_user_jid(std::string_view text);
// Unicode characters in UTF-8 text (what the schema's maxLength counts).
std::size_t count_characters(std::string_view utf8);

// The vCard of a <card/>: exactly one <vcard xmlns='urn:ietf:params:xml:ns:vcard-4.0'/>.
// The element's own name and attributes are the caller's business.
Result<vcard::Card> parse_card_content(const xml::Element& card);
// <card xmlns='urn:xmpp:bizcard:0'><vcard .../></card>, without attributes.
xml::Element card_element(const vcard::Card& card);

// The text form of a card (the draft, Cards as Text): <vcard-text/> holding exactly one vCard
// 4.0 of RFC 6350, its lines ending in LF (XML turns a CRLF into LF anyway).
Result<vcard::Card> parse_card_text(const xml::Element& vcard_text);
// The card as that text: vCard 4.0, folded as RFC 6350 says, lines ending in LF, with the
// card's properties only (no FN is made up for a card without one).
std::string card_text(const vcard::Card& card);
// card_text() if reading it gives back `card` exactly, nothing otherwise: xCard can say what
// the text cannot (the value type of an extension property, <x-n><integer>...), and such a card
// goes as xCard to every recipient.
// `read_from`: the text `card` was read from, if it was (a submit as text); when card_text()
// writes those very bytes, they read as `card`, and are not read again to show it.
std::optional<std::string> exact_card_text(const vcard::Card& card,
                                           std::string_view read_from = {});
// Whether `card` (a <card/>) carries the text form.
const xml::Element* card_text_child(const xml::Element& card);
// The card of a <card/> in either form: one <vcard/>, or one <vcard-text/> and nothing else
// (`form` says which).
Result<vcard::Card> parse_card_in_either_form(const xml::Element& card, CardForm& form);

// The size of a <vcard/> or <vcards/> element as max-card-bytes and max-backup-bytes count it
// (the draft, Limits): the UTF-8 octets of its canonical form, which no serialisation on the
// way changes: namespaces declared as default namespaces where they change, attributes in
// single quotes, the five predefined entities for & < > ' ", empty elements as <name/>, and
// no whitespace-only character data in an element that has child elements.
std::string canonical_form(const xml::Element& vcard);
// The card of a <vcard/> kept as text (its canonical form, as a service stores it).
Result<vcard::Card> card_from_vcard_text(std::string_view text);
std::size_t card_size(const xml::Element& vcard);

// The cards of a <vcards xmlns='urn:ietf:params:xml:ns:vcard-4.0'/> (zero or more <vcard/>).
Result<std::vector<vcard::Card>> parse_vcards(const xml::Element& vcards);
xml::Element vcards_element(const std::vector<vcard::Card>& cards);

}  // namespace cardex::protocol
