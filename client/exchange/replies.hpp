// The answer of a card service to one request: the typed payload, or the stanza error with the
// draft's application condition when it carries one.
#pragma once

#include <optional>
#include <string>

#include "core/protocol/errors.hpp"
#include "core/result.hpp"
#include "core/xmpp/stanza.hpp"

namespace cardex::client::exchange {

template <class T>
struct ServiceReply {
    std::optional<T> value;
    std::optional<xmpp::StanzaError> error;
    std::optional<protocol::ProtocolError> protocol_error;

    bool ok() const { return value.has_value(); }
    bool failed_with(protocol::ErrorCondition condition) const {
        return protocol_error && protocol_error->condition == condition;
    }
};

// "result", or the error's type, condition, application condition and text:
// "error type 'modify' <not-acceptable/> <card-too-large/>: the card has 70000 bytes..."
std::string describe(const std::optional<xmpp::StanzaError>& error);
// What a person reads: the error's text when it has one, else its conditions.
std::string explain(const xmpp::StanzaError& error);

// An error answer as a ServiceReply.
template <class T>
ServiceReply<T> failed_reply(const xmpp::Iq& iq) {
    ServiceReply<T> reply;
    reply.error = iq.error.value_or(xmpp::StanzaError{});
    if (auto protocol_error = protocol::parse_protocol_error(*reply.error))
        reply.protocol_error = std::move(protocol_error).value();
    return reply;
}

// The answer `iq` decoded with `parse`; an Error when a result's payload is missing or does not
// parse (a service that does that is broken, which is not the same as refusing).
template <class T, class Parse>
Result<ServiceReply<T>> decode_reply(const xmpp::Iq& iq, Parse parse) {
    if (iq.type == xmpp::IqType::error) return failed_reply<T>(iq);
    if (!iq.payload) return make_error("the result carries no payload");
    auto value = parse(*iq.payload);
    if (!value) return make_error("the result's payload: " + value.error().message);
    ServiceReply<T> reply;
    reply.value = std::move(value).value();
    return reply;
}

// An answer that must be an empty result (an ack's).
Result<ServiceReply<Ok>> decode_empty_reply(const xmpp::Iq& iq);

}  // namespace cardex::client::exchange
