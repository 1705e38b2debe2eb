// Typed IQ stanzas and stanza errors (RFC 6120 sections 8.2.3 and 8.3).
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "core/result.hpp"
#include "core/xml/element.hpp"
#include "core/xmpp/jid.hpp"

namespace cardex::xmpp {

enum class IqType { get, set, result, error };
std::string_view to_string(IqType type);

enum class ErrorType { cancel, continue_, modify, auth, wait };
std::string_view to_string(ErrorType type);

struct StanzaError {
    ErrorType type = ErrorType::cancel;
    std::string condition;  // RFC 6120 defined condition, e.g. "service-unavailable"
    std::string text;       // for a person; may be empty
    std::optional<xml::Element> application;  // application-specific condition

    friend bool operator==(const StanzaError&, const StanzaError&) = default;
};

struct Iq {
    IqType type = IqType::get;
    std::string id;
    std::optional<Jid> from;
    std::optional<Jid> to;
    std::optional<xml::Element> payload;  // the child of get/set/result
    std::optional<StanzaError> error;     // set for type error

    friend bool operator==(const Iq&, const Iq&) = default;
};

// Reads an <iq/> element. A get or set must carry exactly one payload child (RFC 6120 8.2.3).
Result<Iq> parse_iq(const xml::Element& stanza);
// The same, taking the payload out of `stanza` instead of copying it (a card's tree is most of
// a submit); `stanza` is left as it was when the result is an error.
Result<Iq> parse_iq(xml::Element&& stanza);
// `stanza_ns` is the stream's content namespace ("jabber:client" or "jabber:component:accept").
xml::Element serialize(const Iq& iq, std::string_view stanza_ns);

Result<StanzaError> parse_stanza_error(const xml::Element& error_element);
xml::Element serialize(const StanzaError& error, std::string_view stanza_ns);

// The result / error answering `request`: addresses swapped, same id.
Iq result_reply(const Iq& request, std::optional<xml::Element> payload = std::nullopt);
Iq error_reply(const Iq& request, StanzaError error);

}  // namespace cardex::xmpp
