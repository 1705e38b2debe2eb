// CardService: the card service's stanza handling. It sees typed stanzas only; the link below
// it carries them, and tests drive it through an in-memory StanzaChannel.
//
// So far it answers XEP-0030 disco#info (identity and the protocol's feature), XEP-0199 ping
// and XEP-0092 version, and refuses every other request with service-unavailable.
#pragma once

#include <spdlog/logger.h>

#include <memory>
#include <string>

#include "component/link/stanza_channel.hpp"
#include "component/service/iq_router.hpp"
#include "core/xmpp/disco.hpp"

namespace cardex::component {

struct ServiceIdentity {
    std::string jid;                           // the component's own address
    std::string name = "Cardex card service";  // shown by clients that list services
    std::string version;
};

class CardService {
  public:
    CardService(StanzaChannel& channel, ServiceIdentity identity,
                std::shared_ptr<spdlog::logger> log);

    // Handles one stanza received from the server.
    void handle(const xml::Element& stanza);

    xmpp::DiscoInfo disco_info() const;

  private:
    void handle_iq(const xml::Element& stanza);
    void send_iq(const xmpp::Iq& iq);

    StanzaChannel& channel_;
    ServiceIdentity identity_;
    std::shared_ptr<spdlog::logger> log_;
    IqRouter router_;
};

}  // namespace cardex::component
