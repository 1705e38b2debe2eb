// One end-to-end flow through a real server: a submitter and a recipient logged in over c2s
// TLS (client::Session, each on its own thread), the submitter sending items to the component
// with a bounded number in flight (sent and not yet received by the recipient), the recipient
// counting what arrives. Items are either plain chat messages (to the forwarding component) or
// cards (submits to cardexd, which the recipient acknowledges as they arrive).
#pragma once

#include <chrono>
#include <cstddef>
#include <string>
#include <vector>

#include "client/session/session.hpp"
#include "core/protocol/card_form.hpp"
#include "core/vcard/card.hpp"

namespace cardex::bench {

// plain: chat messages to the forwarding component; cards: submits to cardexd; shaped: the
// same submits to the forwarding component, which answers them and sends a card's copy.
enum class FlowKind { plain, cards, shaped };

// The bare JID (user@domain) of a full JID such as an account's: where stanzas to it go.
std::string bare_of(const std::string& jid);

// Cards are submitted as cardex submits them to a service that advertises
// urn:xmpp:bizcard:0#text (as cardexd does): as text.
inline constexpr protocol::CardForm kSubmitForm = protocol::CardForm::text;

struct FlowSetup {
    client::SessionConfig submitter;  // jid, password, server, CA
    client::SessionConfig recipient;
    std::string service;  // the component's JID
    std::size_t items = 10'000;
    std::size_t window = 200;
    std::size_t body_bytes = 2'500;  // plain messages
    const std::vector<vcard::Card>* cards = nullptr;
    std::chrono::seconds stall_limit{60};  // give up when nothing arrives for this long
};

struct FlowResult {
    std::size_t sent = 0;
    std::size_t received = 0;     // distinct items at the recipient
    std::size_t copies = 0;       // messages at the recipient, duplicates included
    std::size_t text_copies = 0;  // of those, cards carried as text (the draft, Cards as Text)
    std::size_t answered = 0;     // IQ results to the submitter (cards)
    std::size_t errors = 0;       // IQ errors to the submitter
    std::string first_error;
    double steady_rate = 0;  // items per second at the recipient, after the first tenth
    double seconds = 0;      // first item sent to last item received
    double submitter_cpu = 0;
    double recipient_cpu = 0;
    std::size_t stanza_bytes = 0;  // size of one item as the submitter sends it
    // Stanzas the two clients sent and received: each crossed the server once.
    std::size_t client_stanzas = 0;
    std::string problem;  // why the flow ended early
};

FlowResult run_flow(const FlowSetup& setup, FlowKind kind);

// Asks `service` for a ping until it answers (cardexd starting up); false after `timeout`.
bool wait_until_reachable(const client::SessionConfig& account, const std::string& service,
                          std::chrono::seconds timeout);

}  // namespace cardex::bench
