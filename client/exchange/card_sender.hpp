// CardSender: submits cards so that each arrives once, although a request or its answer can
// be lost on the way (a connection that drops, a card service that restarts).
//
// Every submit carries an id of its own (the draft's submit id). When no answer comes within
// the answer timeout, or the servers on the way answer with a temporary error (type "wait",
// remote-server-timeout or remote-server-not-found, service-unavailable without a condition
// of this protocol: what servers say while a card service is not connected), the same submit
// goes again, with the same id, after a pause that doubles each time, until an answer comes
// or the attempts are used up. The service answers a repeat with the deliveries it created
// for the first, so a repeat never makes a second card. A refusal by the service itself (a
// limit, an invalid card) is final and returned at once.
#pragma once

#include <chrono>
#include <cstddef>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "client/exchange/card_agent.hpp"
#include "client/exchange/replies.hpp"
#include "core/protocol/delivery.hpp"
#include "core/vcard/card.hpp"
#include "core/xmpp/jid.hpp"

namespace cardex::client::exchange {

struct SendPolicy {
    int attempts = 5;                                  // in all
    std::chrono::milliseconds answer_timeout{10'000};  // per attempt
    std::chrono::milliseconds first_pause{1'000};      // before the second attempt; doubles
};

struct SendOutcome {
    Result<ServiceReply<protocol::Submitted>> reply;  // the answer, or why none came
    int attempts = 0;
    std::string submit_id;
};

// Why a send failed, in a sentence that names the service; empty when it succeeded.
std::string send_failure(const SendOutcome& outcome, const xmpp::Jid& service);

// What the book keeps of the deliveries of one submit or exchange: one SentCard per delivery,
// pending since `now`, of the card of contact `contact_uid` named `contact_name`.
std::vector<book::SentCard> sent_records(const xmpp::Jid& service,
                                         const std::vector<protocol::DeliveryRef>& deliveries,
                                         const std::string& contact_uid,
                                         const std::string& contact_name, protocol::Timestamp now);

// True for an answer (or the lack of one) after which the same submit is worth sending again.
bool worth_repeating(const Result<xmpp::Iq>& answer);

// A new submit id: 128 random bits, URL-safe Base64.
std::string new_submit_id();

class CardSender {
  public:
    using Done = std::function<void(SendOutcome outcome)>;

    explicit CardSender(CardAgent& agent, SendPolicy policy = {});
    CardSender(const CardSender&) = delete;
    CardSender& operator=(const CardSender&) = delete;

    // Starts sending `card` to `recipients` through `service`; `done` is called once.
    void send(const xmpp::Jid& service, const vcard::Card& card,
              const std::vector<xmpp::Jid>& recipients, Done done,
              protocol::CardForm form = protocol::CardForm::xcard);
    // The same for the current card of the user's set `set` (a submit with set=).
    void send_set(const xmpp::Jid& service, const std::string& set,
                  const std::vector<xmpp::Jid>& recipients, Done done);
    // Sends the repeats that are due. Call it regularly, as CardAgent::expire_requests().
    void tick();
    // Submits not finished yet.
    std::size_t in_progress() const { return in_progress_; }

  private:
    struct Submission;
    void start(xmpp::Iq request, std::string submit_id, Done done);
    void attempt(const std::shared_ptr<Submission>& s);
    void answered(const std::shared_ptr<Submission>& s, const Result<xmpp::Iq>& answer);

    CardAgent& agent_;
    SendPolicy policy_;
    std::vector<std::shared_ptr<Submission>> waiting_;  // repeats not due yet
    std::size_t in_progress_ = 0;
};

}  // namespace cardex::client::exchange
