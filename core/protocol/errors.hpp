// The application-specific error conditions of urn:xmpp:bizcard:0 and their mapping to the
// defined conditions and types of RFC 6120 (section 8.3), as the draft's "Error Handling" table
// gives them.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/protocol/timestamp.hpp"
#include "core/result.hpp"
#include "core/xml/element.hpp"
#include "core/xmpp/stanza.hpp"

namespace cardex::protocol {

enum class ErrorCondition {
    card_too_large,       // not-acceptable, modify
    too_many_recipients,  // not-acceptable, modify
    invalid_card,         // bad-request, modify
    invalid_recipient,    // jid-malformed, modify
    recipient_quota,      // resource-constraint, wait
    rate_limited,         // policy-violation, wait
    not_local_user,       // forbidden, auth
    not_recipient,        // forbidden, auth
    unknown_delivery,     // item-not-found, cancel
    unknown_set,          // item-not-found, cancel
    unknown_backup,       // item-not-found, cancel
    invalid_token,        // item-not-found, cancel
    backup_too_large,     // policy-violation, modify
    too_many_sets,        // resource-constraint, cancel
    unknown_upload,       // item-not-found, cancel
    chunk_out_of_range,   // bad-request, modify
    chunk_too_large,      // policy-violation, modify
    chunk_conflict,       // conflict, cancel
    upload_incomplete,    // unexpected-request, modify
};
inline constexpr std::size_t kErrorConditionCount = 19;

struct ConditionMapping {
    std::string_view element;            // "card-too-large"
    std::string_view defined_condition;  // "not-acceptable"
    xmpp::ErrorType type = xmpp::ErrorType::cancel;
    bool has_max = false;          // may name a limit in 'max'
    bool has_retry_after = false;  // may say when to retry in 'retry-after'
    bool has_jid = false;          // may name a JID in 'jid'
};
const ConditionMapping& mapping(ErrorCondition condition);
std::string_view to_string(ErrorCondition condition);  // the element name
std::optional<ErrorCondition> condition_from_name(std::string_view element);

// One protocol error as the service reports it. Only the attributes the draft defines for the
// condition are written (see ConditionMapping); others are ignored by to_stanza_error.
struct ProtocolError {
    ErrorCondition condition = ErrorCondition::invalid_card;
    std::string text;  // for people: which limit, which field; empty writes no <text/>
    std::optional<std::uint64_t> max;
    std::optional<Timestamp> retry_after;
    // invalid-recipient: the recipient as given (any text, at most 1024 characters);
    // recipient-quota: the bare JID of the recipient.
    std::optional<std::string> jid;

    friend bool operator==(const ProtocolError&, const ProtocolError&) = default;
};

// The stanza error: defined condition, type, text and the application element.
xmpp::StanzaError to_stanza_error(const ProtocolError& error);
// Reads it back; fails when there is no application condition of this protocol, or when its
// defined condition or type is not the one the draft assigns to it.
Result<ProtocolError> parse_protocol_error(const xmpp::StanzaError& error);

// An English sentence naming the problem, for ProtocolError::text.
std::string default_text(const ProtocolError& error);

// The error answering a request whose payload failed to parse with `parse_error`: jid-malformed
// with <invalid-recipient/> for a bad recipient of a submit, bad-request with <invalid-card/>
// for a missing or malformed card, and a plain bad-request otherwise. The text is the parse
// error's message.
xmpp::StanzaError request_error(const xml::Element& payload, const Error& parse_error);

}  // namespace cardex::protocol
