#include "bench/card_copy.hpp"

#include <chrono>
#include <string>

#include "component/service/courier.hpp"
#include "core/protocol/delivery.hpp"
#include "core/protocol/fallback.hpp"
#include "core/protocol/service_messages.hpp"
#include "core/protocol/syntax.hpp"
#include "core/vcard/writer.hpp"

namespace cardex::bench {

xml::Element card_copy(const vcard::Card& card, const xmpp::Jid& service,
                       const xmpp::Jid& submitter, const xmpp::Jid& recipient,
                       std::string_view stanza_ns) {
    protocol::CardDelivery delivery;
    delivery.id = std::string(33, 'A');  // delivery_id(): a time prefix of 11, then 22
    delivery.from = submitter;
    delivery.stamp =
        std::chrono::floor<std::chrono::milliseconds>(std::chrono::system_clock::now());
    delivery.card = card;
    const std::string xcard = protocol::canonical_form(vcard::card_to_xml(card));
    const auto text = component::Courier::text_form(xcard, nullptr);  // as cardexd reads it
    if (text) delivery.form = protocol::CardForm::text;
    protocol::DeliveryMessage message{{service, recipient, delivery.id + "." + std::string(11, 'A'),
                                       "en", protocol::delivery_body(delivery, "")},
                                      delivery};
    return protocol::build_message(message, stanza_ns, text ? *text : xcard);
}

}  // namespace cardex::bench
