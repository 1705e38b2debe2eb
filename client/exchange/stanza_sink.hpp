// Where the protocol engine's outgoing stanzas go: a Session for the console client,
// prof_send_stanza inside Profanity, a vector in tests.
#pragma once

#include "core/xml/element.hpp"

namespace cardex::client::exchange {

class StanzaSink {
  public:
    virtual ~StanzaSink() = default;
    // One stanza in the jabber:client namespace. Sending never blocks.
    virtual void send(const xml::Element& stanza) = 0;
};

}  // namespace cardex::client::exchange
