// The requests a client makes, as IQ stanzas, and the typed reading of their answers.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "client/exchange/replies.hpp"
#include "core/protocol/delivery.hpp"
#include "core/protocol/service_info.hpp"
#include "core/vcard/card.hpp"
#include "core/xmpp/disco.hpp"
#include "core/xmpp/jid.hpp"
#include "core/xmpp/stanza.hpp"

namespace cardex::client::exchange {

// An IQ of `type` to `to` carrying `payload` (its id is given when it is sent).
xmpp::Iq request_iq(xmpp::IqType type, const xmpp::Jid& to, xml::Element payload);

// With a `submit_id`, a repeat of the request is safe (see card_sender.hpp).
// `form`: how the card goes (text only to a service that takes it, see submit_form()).
xmpp::Iq submit_request(const xmpp::Jid& service, const vcard::Card& card,
                        const std::vector<xmpp::Jid>& recipients,
                        std::optional<std::string> submit_id = std::nullopt,
                        protocol::CardForm form = protocol::CardForm::xcard);
// A submit that names one of the user's card sets instead of carrying a card: the service sends
// the set's current card, with its name and version.
xmpp::Iq submit_set_request(const xmpp::Jid& service, const std::string& set,
                            const std::vector<xmpp::Jid>& recipients,
                            std::optional<std::string> submit_id = std::nullopt);
xmpp::Iq status_request(const xmpp::Jid& service, const std::vector<std::string>& ids);
xmpp::Iq sync_request(const xmpp::Jid& service);
xmpp::Iq disco_info_request(const xmpp::Jid& entity);
xmpp::Iq disco_items_request(const xmpp::Jid& entity);

Result<ServiceReply<protocol::Submitted>> read_submitted(const xmpp::Iq& answer);
Result<ServiceReply<protocol::StatusResult>> read_status(const xmpp::Iq& answer);
Result<ServiceReply<protocol::SyncResult>> read_sync(const xmpp::Iq& answer);
Result<ServiceReply<xmpp::DiscoInfo>> read_disco_info(const xmpp::Iq& answer);
Result<ServiceReply<std::vector<xmpp::DiscoItem>>> read_disco_items(const xmpp::Iq& answer);

// The size a service measures a card by (protocol::card_size of its <vcard/>).
std::size_t card_bytes(const vcard::Card& card);
// The size of `request` as a stanza on the wire, with room for the id it gets when it is sent
// (compared with max-copy-bytes: a server with a 64 KiB stanza limit, such as jabberd2,
// stalls the connection that brings it a larger stanza, with no error).
std::size_t stanza_bytes(const xmpp::Iq& request);

}  // namespace cardex::client::exchange
