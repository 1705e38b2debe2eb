// One synchronisation with card services (the draft's "Redelivery and Synchronisation"): first
// a round trip to the user's own server (a ping), whose answer comes after the cards the server
// kept in offline storage, each acked as the book stores it; then for each service the acks it
// has not answered are sent again, then a <sync/>. The acks so travel before the sync, and the
// service resends only the cards still pending: a card that waited in offline storage comes
// once, not a second time as the sync's resend. The service answers with the number of cards
// still pending for the user and resends them.
//
// A service is done when its answer has come and either as many cards as it announced have
// arrived since, or none has arrived for `quiet` (the user's other client may have acked some
// in the meantime, so fewer come). The run is done when every service is, and no ack is
// waiting for its answer.
#pragma once

#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "client/exchange/card_agent.hpp"

namespace cardex::client::exchange {

struct SyncOutcome {
    std::string service;
    std::optional<std::uint64_t> pending;  // what the service announced
    std::size_t copies = 0;                // card messages from it since the sync
    // Card messages from it earlier in this session: what the user's server kept while the
    // user was offline and handed over at login, before the sync.
    std::size_t before = 0;
    std::size_t unsaved = 0;  // cards the book could not store: not acked, they wait at it
    std::string error;        // why the sync failed; empty when it did not
    bool answered = false;
};

// The services a sync asks: the home service (when known), every service that ever delivered a
// card (remembered in the book) and every one that delivered a card in this session.
Result<std::vector<std::string>> services_to_sync(const book::AddressBook& book,
                                                  const CardAgent& agent,
                                                  const std::optional<xmpp::Jid>& home);

class SyncRun {
  public:
    SyncRun(CardAgent& agent, std::vector<std::string> services,
            std::chrono::milliseconds quiet = std::chrono::seconds(2));

    void start();
    // Whether the run is complete (see above); call it as stanzas are processed.
    bool done();
    std::vector<SyncOutcome> outcomes() const;

  private:
    struct Entry {
        SyncOutcome outcome;
        std::size_t copies_before = 0;
        SteadyTime answered_at{};
    };
    bool service_done(const Entry& entry) const;
    static void sync_each(CardAgent& agent, const std::shared_ptr<std::vector<Entry>>& entries);

    CardAgent& agent_;
    std::chrono::milliseconds quiet_;
    // Shared with the callbacks of the ping and sync requests, which may outlive the run.
    std::shared_ptr<std::vector<Entry>> entries_;
};

}  // namespace cardex::client::exchange
