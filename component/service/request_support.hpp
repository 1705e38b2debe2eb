// RequestSupport: what every request handler of the card service shares. Who may ask (a user's
// JID, and nobody while the service shuts down), who its users are (the local domains), and
// the ways a handler answers other than with its result: the draft's error for a refusal, and
// internal-server-error when the store could not keep the request.
#pragma once

#include <spdlog/logger.h>

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "component/service/iq_router.hpp"
#include "core/protocol/errors.hpp"
#include "core/result.hpp"
#include "core/vcard/card.hpp"
#include "core/xml/element.hpp"
#include "core/xmpp/jid.hpp"
#include "core/xmpp/stanza.hpp"

namespace cardex::component {

// A refusal with only a condition and its text (no limit, time or JID to name).
protocol::ProtocolError refusal(protocol::ErrorCondition condition, std::string text);
// The stanza error that answers a refusal; one without a text gets its condition's.
xmpp::StanzaError refusal_error(protocol::ProtocolError error);

class RequestSupport {
  public:
    using Reply = IqRouter::Reply;
    using Handler = IqRouter::Handler;

    RequestSupport(std::vector<std::string> local_domains, std::shared_ptr<spdlog::logger> log);

    // Wraps a handler so that it runs only for requests from a user's JID while the service
    // accepts requests; others are answered here.
    Handler admitting(Handler handler) const;
    // While not accepting (shutting down), every request gets a 'wait' error.
    void set_accepting(bool accepting) { accepting_ = accepting; }

    // Whether `jid` is a user of this service (on one of its local domains).
    bool is_local(const xmpp::Jid& jid) const;
    // For requests only a user of the service may make: answers not-local-user and returns
    // false for anybody else.
    bool require_local(const xmpp::Iq& request, const Reply& reply) const;

    void refuse(const xmpp::Iq& request, const Reply& reply, protocol::ProtocolError error) const;
    // The request's payload did not parse: the draft's error for the parse error.
    void malformed(const xmpp::Iq& request, const Reply& reply, const Error& error) const;
    void store_failed(const xmpp::Iq& request, const Reply& reply, const Error& error) const;
    const std::shared_ptr<spdlog::logger>& log() const { return log_; }

  private:
    std::vector<std::string> local_domains_;
    std::shared_ptr<spdlog::logger> log_;
    bool accepting_ = true;
};

// The <vcard/> inside `parent`'s <card/> in its canonical form (what a card's size is
// measured by, and what the service stores); empty when there is none.
std::string received_vcard(const xml::Element& parent);
// What makes a card unfit to be kept and delivered: its canonical size (`bytes`) over
// `max_bytes` (card-too-large), or no formatted name (invalid-card).
std::optional<protocol::ProtocolError> card_problem(const vcard::Card& card, std::size_t bytes,
                                                    std::uint64_t max_bytes);

// A 'wait' error with `condition` and `text`.
xmpp::StanzaError wait_error(std::string condition, std::string text);
// What an answer needs of a request: its type, id, addresses and its payload's name and
// namespace, without the payload's content. A request that waits for the store keeps only
// this, so a card in flight is held once (as the bytes to store), not also as its element tree.
xmpp::Iq request_head(const xmpp::Iq& request);

}  // namespace cardex::component
