// The whole <message/> stanzas a card service sends: a card to its recipient and a receipt to
// its sender. Both are of type "chat" with a fallback <body/>, the payload, a XEP-0428
// <fallback for='urn:xmpp:bizcard:0'/> that marks the whole body, a XEP-0359 <origin-id/>
// equal to the message 'id' (fresh for every copy), and a XEP-0334 <store/> hint, so that
// servers keep them in offline storage and clients without support can read them.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/protocol/delivery.hpp"
#include "core/result.hpp"
#include "core/xml/element.hpp"
#include "core/xmpp/jid.hpp"

namespace cardex::protocol {

struct ServiceMessage {
    xmpp::Jid from;           // the card service: a domain JID
    xmpp::Jid to;             // a bare JID, or the full JID whose sync asked for a resend
    std::string id;           // the message 'id' and its <origin-id/>
    std::string lang = "en";  // xml:lang of the body; empty writes none
    std::string body;         // delivery_body() or receipt_body()

    friend bool operator==(const ServiceMessage&, const ServiceMessage&) = default;
};

struct DeliveryMessage {
    ServiceMessage envelope;
    CardDelivery delivery;

    friend bool operator==(const DeliveryMessage&, const DeliveryMessage&) = default;
};

// One message tells a sender of one or more deliveries that became final (at most
// kMaxReceiptsPerMessage): a service puts those that became final together in one message.
struct ReceiptMessage {
    ServiceMessage envelope;
    std::vector<Receipt> receipts;  // at least one

    friend bool operator==(const ReceiptMessage&, const ReceiptMessage&) = default;
};

// One receipt of a receipt message, with the envelope that carried it.
struct ReceiptOf {
    ServiceMessage envelope;
    Receipt receipt;
};
std::vector<ReceiptOf> each_receipt(const ReceiptMessage& message);

// `stanza_ns` is the stream's content namespace: "jabber:client" or "jabber:component:accept".
xml::Element build_message(const DeliveryMessage& message, std::string_view stanza_ns);
xml::Element build_message(const ReceiptMessage& message, std::string_view stanza_ns);
// A delivery message whose card is given as the bytes of its <vcard/> in canonical form (as a
// service stores it) instead of `message.delivery.card`, which is not read: what a service
// sends a copy of many times is not parsed and written again for every copy.
xml::Element build_message(const DeliveryMessage& message, std::string_view stanza_ns,
                           std::string_view vcard_bytes);

// Read a message built as above (in either stanza namespace). They check everything the draft
// requires of it: type "chat", a domain JID as sender, a body, the fallback indication, the
// origin-id, the store hint and exactly one payload (one to kMaxReceiptsPerMessage <receipt/>
// elements in a receipt message). Elements servers add (delay, stanza-id)
// are ignored. The envelope's id is the origin-id.
Result<DeliveryMessage> parse_delivery_message(const xml::Element& message);
Result<ReceiptMessage> parse_receipt_message(const xml::Element& message);

}  // namespace cardex::protocol
