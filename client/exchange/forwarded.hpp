// Copies of messages that other entities forward to the user: XEP-0280 carbons (<received/>,
// <sent/>) and XEP-0313 archive results (<result/>), each carrying the original message in a
// XEP-0297 <forwarded/>. Only the user's own account may forward messages to the user; a
// "carbon" from anyone else is a forgery and is not unwrapped.
#pragma once

#include <optional>

#include "core/xml/element.hpp"
#include "core/xmpp/jid.hpp"

namespace cardex::client::exchange {

// The message inside `message` when it is a carbon or an archive result from `own` (compared
// as bare JIDs; a message without 'from' comes from the user's own account); nullopt when it is
// neither, or comes from someone else.
std::optional<xml::Element> forwarded_message(const xml::Element& message, const xmpp::Jid& own);

}  // namespace cardex::client::exchange
