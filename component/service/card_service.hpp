// CardService: the card service's stanza handling, on the thread that owns the link. It sees
// typed stanzas only; the link below it carries them, and tests drive it through an
// in-memory StanzaChannel, an inline store and a fake clock.
//
// Requests (IQ): XEP-0030 disco#info (identity, the features of its modules and the limits
// form), XEP-0199 ping, XEP-0092 version, and those of the protocol's feature modules
// (deliveries.hpp: submit, ack, sync, status; card_sets.hpp: publish, sets, set, retract;
// tokens.hpp: create-token, tokens, revoke-token; exchange.hpp: exchange; backups.hpp:
// backup-begin, backup-chunk, backup-upload, backup-commit, backups, restore, delete-backup).
// Messages: errors returned for copies of cards, retried or ending the delivery as
// bounce_policy.hpp says; anything else is ignored. Stanzas the link skipped (over its size
// or depth limit) are answered with policy-violation when they are requests. Every other request
// gets service-unavailable, a known protocol element in the wrong IQ type bad-request.
#pragma once

#include <spdlog/logger.h>

#include <memory>
#include <string>

#include "component/link/stanza_channel.hpp"
#include "component/service/backups.hpp"
#include "component/service/card_sets.hpp"
#include "component/service/clock.hpp"
#include "component/service/courier.hpp"
#include "component/service/deliveries.hpp"
#include "component/service/exchange.hpp"
#include "component/service/iq_router.hpp"
#include "component/service/request_support.hpp"
#include "component/service/tokens.hpp"
#include "component/service/updates.hpp"
#include "component/store/store_worker.hpp"
#include "component/web/web_site.hpp"
#include "core/xml/parser.hpp"

namespace cardex::component {

struct ServiceIdentity {
    std::string jid;                           // the component's own address
    std::string name = "Cardex card service";  // shown by clients that list services
    std::string version;
};

// What the requests may ask and who may ask it.
struct RequestPolicy {
    protocol::ServiceLimits limits;
    std::vector<std::string> local_domains;  // whose users may submit, publish, make tokens
    std::chrono::seconds min_sync_interval{60};
    std::size_t max_queue = 4096;  // store requests waiting before submits get 'wait'
};

struct ServiceSettings {
    ServiceIdentity identity;
    RequestPolicy requests;
    CourierOptions courier;  // its 'service' is set from identity.jid
    SetsPolicy sets;         // its max_card_bytes is set from requests.limits
    TokenPolicy tokens;      // its service and card limits are set from identity and requests
    UpdatesPolicy updates;   // needs sets
    BackupPolicy backups;
};

class CardService {
  public:
    CardService(StanzaChannel& channel, store::StoreExecutor& store, Clock& clock,
                ServiceSettings settings, std::shared_ptr<spdlog::logger> log);

    // Handles one stanza received from the server.
    void handle(xml::Element stanza);
    // A stanza the link skipped because it was over the size or depth limit.
    void handle_skipped(const xml::StanzaSkipped& skipped);

    void link_up() { courier_.link_up(); }
    void link_down() { courier_.link_down(); }
    // Shutting down: requests get a 'wait' error from now on, timers stop.
    void stop_accepting();

    // The disco#info <query/>.
    xml::Element disco_info() const;

    // The service's side of the tokens' web pages; `post` hands work to the service's thread.
    std::unique_ptr<web::TokenPages> token_pages(std::function<void(std::function<void()>)> post);

  private:
    void handle_iq(xml::Element&& stanza);
    void handle_message(const xml::Element& stanza);
    void answer_malformed_iq(const xml::Element& stanza, const Error& error);
    void reply_error(const xml::Element& head, const xmpp::StanzaError& error);
    void record_bounce(const std::string& id, const xmpp::Jid& from,
                       const xmpp::StanzaError& error);
    void register_basics();
    void send_iq(const xmpp::Iq& iq);

    StanzaChannel& channel_;
    store::StoreExecutor& store_;
    Clock& clock_;
    ServiceSettings settings_;
    std::shared_ptr<spdlog::logger> log_;
    Courier courier_;
    RequestSupport support_;
    Deliveries deliveries_;
    CardSets sets_;
    Tokens tokens_;
    CardExchange exchange_;
    Updates updates_;
    Backups backups_;
    std::vector<Feature*> features_;  // the modules above, for disco and the router
    IqRouter router_;
};

}  // namespace cardex::component
