#include "core/protocol/service_messages.hpp"

#include <vector>

#include "core/protocol/fields.hpp"
#include "core/protocol/syntax.hpp"
#include "core/xmpp/namespaces.hpp"

namespace cardex::protocol {
namespace {

constexpr std::string_view kWhere = "<message/>: ";

// How a message travels: a card or receipt as a chat message that the recipient's server keeps
// while the recipient is offline (<store/>); an update as a headline, which servers deliver to
// online resources only and never store (<no-store/>): an offline follower gets the newest
// version at its next sync, once, instead of every version from its offline storage.
enum class Travel { stored, live_only };

xml::Element envelope_element(const ServiceMessage& m, std::string_view stanza_ns,
                              std::vector<xml::Element> payloads, Travel travel = Travel::stored) {
    const std::string sns(stanza_ns);
    const bool live = travel == Travel::live_only;
    xml::Element e("message", sns);
    e.set_attr("from", m.from.str()).set_attr("to", m.to.str());
    e.set_attr("type", live ? "headline" : "chat").set_attr("id", m.id);
    if (!m.lang.empty()) e.set_attr("xml:lang", m.lang);
    e.add_text_child("body", sns, m.body);
    for (auto& payload : payloads)
        e.add_child(std::move(payload));
    e.add_child("fallback", std::string(ns::kFallback)).set_attr("for", ns::kBizcard);
    e.add_child("origin-id", std::string(ns::kStanzaIds)).set_attr("id", m.id);
    e.add_child(live ? "no-store" : "store", std::string(ns::kHints));
    return e;
}

Error problem(std::string_view why) {
    return make_error(std::string(kWhere) + std::string(why));
}

Result<xmpp::Jid> read_address(const xml::Element& e, std::string_view attr) {
    const auto text = e.attr(attr);
    if (!text) return problem("missing the '" + std::string(attr) + "' attribute");
    auto jid = xmpp::Jid::parse(*text);
    if (!jid) return problem("attribute '" + std::string(attr) + "': " + jid.error().message);
    return jid;
}

Status check_extensions(const xml::Element& e, Travel travel) {
    const xml::Element* fallback = e.child("fallback", ns::kFallback);
    if (fallback == nullptr || fallback->attr_or_empty("for") != ns::kBizcard) {
        return problem("missing <fallback xmlns='" + std::string(ns::kFallback) + "' for='" +
                       std::string(ns::kBizcard) + "'/>, which marks the body as a fallback");
    }
    const char* hint = travel == Travel::live_only ? "no-store" : "store";
    if (e.child(hint, ns::kHints) == nullptr) {
        return problem("missing the <" + std::string(hint) + " xmlns='" + std::string(ns::kHints) +
                       "'/> hint");
    }
    return Ok{};
}

// The envelope of a service message, and its payloads: one to `at_most` elements named
// `payload_name` and nothing else of the protocol; `travel` tells how it came (a headline only
// for updates: the caller checks).
Result<ServiceMessage> read_envelope(const xml::Element& e, std::string_view payload_name,
                                     std::size_t at_most,
                                     std::vector<const xml::Element*>& payloads, Travel& travel) {
    if (e.name != "message") return make_error("expected <message/>, got <" + e.name + "/>");
    if (e.ns != ns::kClient && e.ns != ns::kComponentAccept) {
        return problem("in namespace '" + e.ns + "', which is not a stanza namespace");
    }
    const auto type = e.attr_or_empty("type");
    if (type != "chat" && !(type == "headline" && payload_name == "card")) {
        return problem("type must be 'chat' (or 'headline' for an update), got '" +
                       std::string(type) + "'");
    }
    travel = type == "headline" ? Travel::live_only : Travel::stored;
    ServiceMessage m;
    auto from = read_address(e, "from");
    if (!from) return from.error();
    if (!from->local.empty() || !from->is_bare()) {
        return problem("'from' must be the domain JID of a card service, got '" + from->str() +
                       "'");
    }
    m.from = std::move(from).value();
    auto to = read_address(e, "to");
    if (!to) return to.error();
    m.to = std::move(to).value();
    m.lang = std::string(e.attr_or_empty("xml:lang"));
    const auto body = e.child_text("body", e.ns);
    if (!body) return problem("missing the <body/> with the fallback text");
    m.body = std::string(*body);
    const xml::Element* origin = e.child("origin-id", ns::kStanzaIds);
    if (origin == nullptr || origin->attr_or_empty("id").empty()) {
        return problem("missing <origin-id xmlns='" + std::string(ns::kStanzaIds) + "' id=.../>");
    }
    m.id = std::string(origin->attr_or_empty("id"));
    if (auto ok = check_extensions(e, travel); !ok) return ok.error();
    std::vector<const xml::Element*> found;
    bool others = false;
    for (const auto& c : e.children) {
        if (c.ns != ns::kBizcard) continue;
        found.push_back(&c);
        others = others || c.name != payload_name;
    }
    if (at_most == 1 && (found.size() != 1 || others)) {
        return problem("must hold exactly one payload of '" + std::string(ns::kBizcard) + "', a " +
                       detail::tag(payload_name) + "; found " + std::to_string(found.size()) +
                       " elements of that namespace");
    }
    if (found.empty() || found.size() > at_most || others) {
        return problem("must hold 1 to " + std::to_string(at_most) + " " +
                       detail::tag(payload_name) + " and no other element of '" +
                       std::string(ns::kBizcard) + "'; found " + std::to_string(found.size()) +
                       " elements of that namespace");
    }
    payloads = std::move(found);
    return m;
}

std::vector<xml::Element> one(xml::Element payload) {
    std::vector<xml::Element> payloads;
    payloads.push_back(std::move(payload));
    return payloads;
}

}  // namespace

xml::Element build_message(const DeliveryMessage& message, std::string_view stanza_ns) {
    return envelope_element(message.envelope, stanza_ns, one(serialize(message.delivery)),
                            message.delivery.update ? Travel::live_only : Travel::stored);
}

xml::Element build_message(const DeliveryMessage& message, std::string_view stanza_ns,
                           std::string_view vcard_bytes) {
    return envelope_element(message.envelope, stanza_ns,
                            one(serialize(message.delivery, vcard_bytes)),
                            message.delivery.update ? Travel::live_only : Travel::stored);
}

xml::Element build_message(const ReceiptMessage& message, std::string_view stanza_ns) {
    std::vector<xml::Element> payloads;
    for (const auto& receipt : message.receipts)
        payloads.push_back(serialize(receipt));
    return envelope_element(message.envelope, stanza_ns, std::move(payloads));
}

std::vector<ReceiptOf> each_receipt(const ReceiptMessage& message) {
    std::vector<ReceiptOf> out;
    for (const auto& receipt : message.receipts)
        out.push_back({message.envelope, receipt});
    return out;
}

Result<DeliveryMessage> parse_delivery_message(const xml::Element& message) {
    std::vector<const xml::Element*> payloads;
    Travel travel = Travel::stored;
    auto envelope = read_envelope(message, "card", 1, payloads, travel);
    if (!envelope) return envelope.error();
    auto delivery = parse_card_delivery(*payloads.front());
    if (!delivery) return problem(delivery.error().message);
    if ((travel == Travel::live_only) != delivery->update) {
        return problem(delivery->update
                           ? "an update travels as a headline with <no-store/>, got type 'chat'"
                           : "only an update travels as a headline; this card is none");
    }
    return DeliveryMessage{std::move(envelope).value(), std::move(delivery).value()};
}

Result<ReceiptMessage> parse_receipt_message(const xml::Element& message) {
    std::vector<const xml::Element*> payloads;
    Travel travel = Travel::stored;
    auto envelope = read_envelope(message, "receipt", kMaxReceiptsPerMessage, payloads, travel);
    if (!envelope) return envelope.error();
    ReceiptMessage out{std::move(envelope).value(), {}};
    for (const xml::Element* payload : payloads) {
        auto receipt = parse_receipt(*payload);
        if (!receipt) return problem(receipt.error().message);
        out.receipts.push_back(std::move(receipt).value());
    }
    return out;
}

}  // namespace cardex::protocol
