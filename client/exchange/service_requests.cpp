#include "client/exchange/service_requests.hpp"

#include "core/protocol/syntax.hpp"
#include "core/vcard/writer.hpp"
#include "core/xml/writer.hpp"
#include "core/xmpp/namespaces.hpp"

namespace cardex::client::exchange {
xmpp::Iq request_iq(xmpp::IqType type, const xmpp::Jid& to, xml::Element payload) {
    xmpp::Iq iq;
    iq.type = type;
    iq.to = to;
    iq.payload = std::move(payload);
    return iq;
}

xmpp::Iq submit_request(const xmpp::Jid& service, const vcard::Card& card,
                        const std::vector<xmpp::Jid>& recipients,
                        std::optional<std::string> submit_id, protocol::CardForm form) {
    protocol::Submit submit;
    submit.recipients = recipients;
    submit.card = card;
    submit.id = std::move(submit_id);
    submit.form = form;
    return request_iq(xmpp::IqType::set, service, protocol::serialize(submit));
}

xmpp::Iq submit_set_request(const xmpp::Jid& service, const std::string& set,
                            const std::vector<xmpp::Jid>& recipients,
                            std::optional<std::string> submit_id) {
    protocol::Submit submit;
    submit.recipients = recipients;
    submit.set = set;
    submit.id = std::move(submit_id);
    return request_iq(xmpp::IqType::set, service, protocol::serialize(submit));
}

xmpp::Iq status_request(const xmpp::Jid& service, const std::vector<std::string>& ids) {
    return request_iq(xmpp::IqType::get, service, protocol::serialize(protocol::StatusQuery{ids}));
}

// This client reads both forms of a card and asks for the text, which servers on the way handle
// as one element instead of a tree of them (a service that does not know the form ignores it).
xmpp::Iq sync_request(const xmpp::Jid& service) {
    return request_iq(xmpp::IqType::set, service,
                      protocol::serialize(protocol::Sync{protocol::CardForm::text}));
}

xmpp::Iq disco_info_request(const xmpp::Jid& entity) {
    return request_iq(xmpp::IqType::get, entity, xmpp::disco_info_query());
}

xmpp::Iq disco_items_request(const xmpp::Jid& entity) {
    return request_iq(xmpp::IqType::get, entity, xmpp::disco_items_query());
}

Result<ServiceReply<protocol::Submitted>> read_submitted(const xmpp::Iq& answer) {
    return decode_reply<protocol::Submitted>(answer, &protocol::parse_submitted);
}

Result<ServiceReply<protocol::StatusResult>> read_status(const xmpp::Iq& answer) {
    return decode_reply<protocol::StatusResult>(answer, &protocol::parse_status_result);
}

Result<ServiceReply<protocol::SyncResult>> read_sync(const xmpp::Iq& answer) {
    return decode_reply<protocol::SyncResult>(answer, &protocol::parse_sync_result);
}

Result<ServiceReply<xmpp::DiscoInfo>> read_disco_info(const xmpp::Iq& answer) {
    return decode_reply<xmpp::DiscoInfo>(answer, &xmpp::parse_disco_info);
}

Result<ServiceReply<std::vector<xmpp::DiscoItem>>> read_disco_items(const xmpp::Iq& answer) {
    return decode_reply<std::vector<xmpp::DiscoItem>>(answer, &xmpp::parse_disco_items);
}

std::size_t card_bytes(const vcard::Card& card) {
    return protocol::card_size(vcard::card_to_xml(card));
}

std::size_t stanza_bytes(const xmpp::Iq& request) {
    constexpr std::size_t kIdRoom = 64;  // an IQ id, and a from that a server may add
    return xml::to_string(xmpp::serialize(request, ns::kClient)).size() + kIdRoom;
}

}  // namespace cardex::client::exchange
