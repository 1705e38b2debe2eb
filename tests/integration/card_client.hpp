// CardClient: a user of the card protocol (urn:xmpp:bizcard:0) for end-to-end tests, over a
// real client::Session.
//
// As a sender it submits cards, asks for their status and acknowledges, one request at a time
// or pipelined (sent at once, answers collected by IQ id). As a recipient it reads every
// delivery message and receipt it is sent, keeps each card once per (service JID, delivery id)
// as the draft requires of receiving clients, counts every copy, and can acknowledge every
// copy as it arrives.
#pragma once

#include <chrono>
#include <cstddef>
#include <functional>
#include <initializer_list>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "client/exchange/replies.hpp"
#include "client/session/session.hpp"
#include "core/protocol/delivery.hpp"
#include "core/protocol/errors.hpp"
#include "core/protocol/service_messages.hpp"
#include "core/vcard/card.hpp"
#include "core/xmpp/stanza.hpp"

namespace cardex::testing {

inline constexpr std::chrono::seconds kRequestTimeout{30};

// The answer to one request, as the client library reads it (client/exchange/replies.hpp).
template <class T>
using Reply = client::exchange::ServiceReply<T>;
using client::exchange::describe;

using DeliveryKey = std::pair<std::string, std::string>;  // service JID, delivery id

// A card as the recipient keeps it: the first copy of its delivery, how many copies came, and
// how many of them a server had kept in offline storage (they carry a XEP-0203 <delay/>).
struct StoredCard {
    protocol::CardDelivery delivery;
    std::size_t copies = 0;
    std::size_t delayed_copies = 0;
};

class CardClient {
  public:
    // A session for a user of the federation: "ALICE", "CAROL" (a.test), "BOB", "DAVE" (b.test).
    explicit CardClient(const std::string& user);
    CardClient(const CardClient&) = delete;
    CardClient& operator=(const CardClient&) = delete;

    // Logs in; with `presence`, also sends initial presence, which starts the delivery of
    // messages the server stored while the user was offline, and returns once the server has
    // processed it.
    Status connect(bool presence = true);
    void send_presence() { session_.send_presence(); }
    void disconnect() { session_.disconnect(); }
    const xmpp::Jid& jid() const { return session_.bound_jid(); }
    const std::string& last_error() const { return session_.last_error(); }

    // Requests, each waiting for its answer; an Error only when none came.
    Result<Reply<protocol::Submitted>> submit(const std::string& service, const vcard::Card& card,
                                              const std::vector<std::string>& recipients);
    Result<Reply<Ok>> ack(const std::string& service, const std::string& delivery_id,
                          protocol::AckStatus status = protocol::AckStatus::saved,
                          std::optional<std::string> reason = std::nullopt);
    // <sync/>; with CardForm::text it asks for cards as text (the draft, Cards as Text).
    Result<Reply<protocol::SyncResult>> sync(const std::string& service,
                                             protocol::CardForm form = protocol::CardForm::xcard);
    Result<Reply<protocol::StatusResult>> status(const std::string& service,
                                                 const std::vector<std::string>& delivery_ids);

    // Any request, waiting for its answer (the result or error IQ).
    Result<xmpp::Iq> request(const std::string& service, xmpp::IqType type, xml::Element payload);

    // Pipelined submits: sent at once, without waiting; returns the IQ id under which the
    // answer is collected as it arrives. With a `submit_id`, sending it again is safe.
    std::string send_submit(const std::string& service, const vcard::Card& card,
                            const std::vector<std::string>& recipients,
                            std::optional<std::string> submit_id = std::nullopt);
    // The answer to a pipelined submit, once it came.
    std::optional<Reply<protocol::Submitted>> submit_reply(const std::string& iq_id) const;
    std::size_t submits_answered() const { return submit_answers_.size(); }

    // With auto-ack on, every copy of a card is acknowledged as saved when it arrives
    // (pipelined); ack answers are collected per delivery. A client must keep an ack until it
    // gets a result, so sync() first acknowledges again every card of that service whose ack
    // has not had one.
    void set_auto_ack(bool on) { auto_ack_ = on; }
    // Deliveries whose auto-ack got an empty result.
    const std::set<DeliveryKey>& acked() const { return acked_; }
    std::size_t ack_errors() const { return ack_errors_; }

    // What this user received: each card once, every copy counted, receipts in order, and
    // the delivery or receipt messages that did not parse (which the service must never send).
    const std::map<DeliveryKey, StoredCard>& cards() const { return cards_; }
    std::size_t raw_copies() const { return raw_copies_; }
    const std::vector<protocol::ReceiptOf>& receipts() const { return receipts_; }
    const std::vector<std::string>& malformed() const { return malformed_; }
    // Cards of `service` whose delivery id is in `ids`.
    std::size_t stored_of(const std::string& service, const std::set<std::string>& ids) const;
    std::size_t receipts_for(const std::string& delivery_id) const;

    // Processes incoming stanzas until `done()` is true or `timeout` passed; returns done().
    bool run_until(const std::function<bool()>& done, std::chrono::milliseconds timeout);
    void run_for(std::chrono::milliseconds duration) { session_.run_for(duration); }

  private:
    std::string send_request(const std::string& service, xmpp::IqType type, xml::Element payload);
    void handle(const xml::Element& stanza);
    void handle_answer(const xml::Element& stanza);
    void handle_message(const xml::Element& stanza);
    void store(const protocol::DeliveryMessage& message, bool delayed);
    void send_ack(const DeliveryKey& key);

    client::Session session_;
    std::uint64_t sent_ = 0;
    std::set<std::string> pending_submits_;
    std::map<std::string, xmpp::Iq> submit_answers_;
    std::map<std::string, DeliveryKey> pending_acks_;  // IQ id -> delivery
    bool auto_ack_ = false;
    std::set<DeliveryKey> acked_;
    std::size_t ack_errors_ = 0;
    std::map<DeliveryKey, StoredCard> cards_;
    std::size_t raw_copies_ = 0;
    std::vector<protocol::ReceiptOf> receipts_;
    std::vector<std::string> malformed_;
};

// Processes the clients in turn until `done()` is true or `timeout` passed; returns done().
bool run_all_until(std::initializer_list<CardClient*> clients, const std::function<bool()>& done,
                   std::chrono::milliseconds timeout);

// A complete card with the fields people use: FN, N, ORG, TITLE, TEL, EMAIL, ADR, NOTE and
// the given UID.
vcard::Card test_card(const std::string& name, const std::string& uid);

}  // namespace cardex::testing
