// CardAgent: the client's side of urn:xmpp:bizcard:0, without any I/O of its own.
//
// It is handed every stanza the client receives (handle) and writes what it sends to a
// StanzaSink. It
//   - stores every card a card service delivers in the address book, once per (service,
//     delivery id), and acknowledges it only after the book has committed it: "saved", or
//     "rejected" with the reason for a card that cannot be used (does not parse, no FN);
//     a duplicate is acknowledged again; a card the book could not store is not acknowledged
//     (it stays with the service) and counted (unsaved());
//   - keeps an ack until the service answers it: acks without an answer stay marked in the
//     book and are sent again by resend_unanswered_acks() (before every sync);
//   - with AgentOptions::ack_batch above 1, gathers the acks for each service and sends them
//     as one <acks/> when ack_batch are waiting or at flush_acks() (which the host calls
//     regularly and before every sync); a service that answers an <acks/> with an error that
//     is not temporary (one of an earlier revision of the draft) gets single acks from then on;
//   - records receipts for the user's sent cards;
//   - correlates the answers to its requests (request()) by IQ id and sender, and fails those
//     that get none in time (expire_requests());
//   - unwraps carbons and archive copies that come from the user's own account;
//   - answers disco#info (with urn:xmpp:bizcard:0), ping, and every other IQ get or set with
//     service-unavailable; inside a host client that answers its own IQs (Profanity), only
//     those in urn:xmpp:bizcard:0, which the host knows nothing of.
// A card is accepted only from a domain JID (a card service): a user cannot forge one.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "client/book/address_book.hpp"
#include "client/exchange/stanza_sink.hpp"
#include "core/protocol/delivery.hpp"
#include "core/result.hpp"
#include "core/xml/element.hpp"
#include "core/xmpp/jid.hpp"
#include "core/xmpp/stanza.hpp"

namespace cardex::client::exchange {

using SteadyTime = std::chrono::steady_clock::time_point;

struct AgentOptions {
    bool answer_iqs = true;  // false inside a client that answers its own IQs (see above)
    // Asked once for each card of a card set just stored (not for updates, which come because
    // the user follows): true acknowledges it with follow="true", so that the set's new
    // versions come as updates. Empty: never. A repeated ack (a copy of a card stored before,
    // an ack sent again) does not follow: at the service, an ack without follow changes
    // nothing.
    std::function<bool(const book::ReceivedCard& card)> follow;
    // Acks sent together in one <acks/> (at most protocol::kMaxBatchAcks); 1 sends each at once.
    std::size_t ack_batch = 1;
    std::chrono::milliseconds request_timeout{30'000};
    std::function<SteadyTime()> clock;  // empty: std::chrono::steady_clock
};

// What the host is told about. All are optional.
struct AgentEvents {
    // A card was handled: stored now, or a copy of one stored before (receiving.duplicate).
    std::function<void(const book::Receiving& receiving)> card;
    std::function<void(const std::string& service, const protocol::Receipt& receipt)> receipt;
    // A chat or normal message with a body that is not part of this protocol.
    std::function<void(const xmpp::Jid& from, const std::string& body)> message;
    // Something went wrong that the user should hear about (a card that could not be stored,
    // a service that refused an ack, a forged card).
    std::function<void(const std::string& what)> problem;
};

// How much a card service has sent during this run.
struct ServiceActivity {
    std::size_t copies = 0;  // card messages, duplicates included
    SteadyTime last_copy{};
};

class CardAgent {
  public:
    CardAgent(book::AddressBook& book, StanzaSink& sink, xmpp::Jid own, AgentOptions options = {});

    AgentEvents events;

    // True when the stanza was this protocol's (a card, a receipt, an answer to one of our
    // requests, an IQ the agent answered); false leaves it to the host.
    bool handle(const xml::Element& stanza);

    using Answer = std::function<void(Result<xmpp::Iq>)>;
    // Sends `iq` under a fresh id and returns it; `done` gets the result or error stanza, or an
    // Error when none came within `timeout` (default: the request timeout of the options).
    std::string request(xmpp::Iq iq, Answer done,
                        std::optional<std::chrono::milliseconds> timeout = std::nullopt);
    void expire_requests();
    // Fails every request still waiting (the connection is gone): `done` gets `why`.
    void abandon_requests(const std::string& why);

    // Sends again every ack of `service` that has had no answer (the draft: an ack is kept
    // until it is answered, and retried at the latest with the next sync).
    void resend_unanswered_acks(const std::string& service);
    // Sends the acks gathered for `service` (all services: without argument) now.
    void flush_acks();
    void flush_acks(const std::string& service);
    // Acks gathered or sent that have had no answer yet.
    std::size_t acks_in_flight() const { return acks_in_flight_.size(); }

    ServiceActivity activity(const std::string& service) const;
    // The card services that have sent a card during this run, also those the book could not
    // remember (a full disk): a sync asks them too.
    std::vector<std::string> services_seen() const;
    // Cards from `service` the book could not store (a full disk) and has not stored since:
    // they were not acked, so they wait at the service, which sends them again.
    std::size_t unsaved(const std::string& service) const;
    const xmpp::Jid& own_jid() const { return own_; }
    SteadyTime now() const;

  private:
    struct Pending {
        xmpp::Jid to;
        SteadyTime deadline;
        std::chrono::milliseconds timeout;
        Answer done;
    };

    bool handle_iq(const xml::Element& stanza);
    bool handle_answer(const xml::Element& stanza);
    void answer_request(const xml::Element& stanza);
    bool handle_message(const xml::Element& stanza);
    void handle_card(const xml::Element& card, const xmpp::Jid& service);
    void handle_receipt(const xml::Element& receipt, const xmpp::Jid& service);
    void store_invalid(const xml::Element& card, const std::string& service,
                       const std::string& reason);
    void after_stored(const Result<book::Receiving>& stored, const std::string& service,
                      const std::string& delivery_id, const std::string& sender);
    void send_ack(const std::string& service, const std::string& delivery_id,
                  protocol::AckStatus status, const std::optional<std::string>& reason,
                  bool follow = false);
    void send_one_ack(const std::string& service, protocol::Ack ack);
    void batch_answered(const std::string& service, const std::vector<protocol::Ack>& acks,
                        const Result<xmpp::Iq>& answer);
    void ack_answered(const std::string& service, const std::string& delivery_id,
                      const std::optional<xmpp::StanzaError>& refusal);
    void remember_service(const std::string& service, bool quietly);
    void problem(const std::string& what) const;

    book::AddressBook& book_;
    StanzaSink& sink_;
    xmpp::Jid own_;
    AgentOptions options_;
    std::uint64_t next_id_ = 0;
    std::string id_prefix_;
    std::map<std::string, Pending> pending_;
    std::set<std::pair<std::string, std::string>> acks_in_flight_;     // (service, delivery id)
    std::map<std::string, std::vector<protocol::Ack>> gathered_acks_;  // by service
    std::set<std::string> single_ack_services_;                        // refused an <acks/>
    std::map<std::string, ServiceActivity> activity_;
    std::map<std::string, std::set<std::string>> unsaved_;  // service -> delivery ids
    std::set<std::string> services_remembered_;
};

}  // namespace cardex::client::exchange
