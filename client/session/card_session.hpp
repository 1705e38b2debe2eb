// CardSession: a logged-in Session with a CardAgent on it, for front ends that work in steps
// (the console client, the integration tests): every received stanza goes to the agent, and
// the calls below drive the connection until what they wait for has happened.
#pragma once

#include <chrono>
#include <functional>
#include <memory>
#include <vector>

#include "client/book/address_book.hpp"
#include "client/exchange/card_agent.hpp"
#include "client/exchange/card_sender.hpp"
#include "client/session/session.hpp"

namespace cardex::client {

// How long the calls below drive the connection at a time between the agent's chores: acks
// gathered for an <acks/> go out at the latest after this long, and requests are expired.
inline constexpr std::chrono::milliseconds kAgentSlice{50};

class CardSession : private exchange::StanzaSink {
  public:
    CardSession(SessionConfig config, book::AddressBook& book, exchange::AgentOptions options = {});

    // Logs in; the agent exists from then on. With `presence`, also announce()s.
    Status connect(bool presence);
    // Sends initial presence (with the client's capabilities), which makes the server deliver
    // what it stored while the user was offline, and returns once the server has processed it
    // (it answers a ping sent after it), so that the stored messages have arrived.
    Status announce();
    bool connected() const { return session_.connected(); }
    const std::string& last_error() const { return session_.last_error(); }
    const xmpp::Jid& jid() const { return session_.bound_jid(); }
    exchange::CardAgent& agent() { return *agent_; }

    // Sends `iq` through the agent and waits for its answer (an Error when none came).
    Result<xmpp::Iq> call(xmpp::Iq iq);
    // Submits a card through the sender, repeating it as card_sender.hpp says, and waits for
    // the outcome (an Error when the connection was lost first).
    Result<exchange::SendOutcome> send_card(const xmpp::Jid& service, const vcard::Card& card,
                                            const std::vector<xmpp::Jid>& recipients,
                                            protocol::CardForm form = protocol::CardForm::xcard);
    // The same for the current card of one of the user's sets.
    Result<exchange::SendOutcome> send_set(const xmpp::Jid& service, const std::string& set,
                                           const std::vector<xmpp::Jid>& recipients);
    // Processes stanzas until `done()` or `timeout`; returns done().
    bool run_until(const std::function<bool()>& done, std::chrono::milliseconds timeout);
    void run_for(std::chrono::milliseconds duration);
    // Waits (at most `timeout`) for the answers to the acks in flight, then logs out.
    void close(std::chrono::milliseconds timeout = std::chrono::seconds(10));

  private:
    void send(const xml::Element& stanza) override;
    Result<exchange::SendOutcome> wait_for_send(
        const xmpp::Jid& service, const std::function<void(exchange::CardSender::Done)>& start);

    Session session_;
    std::unique_ptr<exchange::CardAgent> agent_;
    std::unique_ptr<exchange::CardSender> sender_;  // after agent_: it goes first
    book::AddressBook& book_;
    exchange::AgentOptions options_;
};

}  // namespace cardex::client
