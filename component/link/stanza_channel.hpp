// StanzaChannel: where the service sends stanzas. The component link implements it on the
// wire; tests use an in-memory channel.
#pragma once

#include <cstddef>

#include "core/xml/element.hpp"

namespace cardex::component {

class StanzaChannel {
  public:
    virtual ~StanzaChannel() = default;
    // Queues a stanza for sending. Returns false when the link is down and the stanza was
    // dropped: whoever needs it delivered keeps it and sends it again once the link is up.
    virtual bool send(const xml::Element& stanza) = 0;
    // Bytes queued and not yet written: senders of bulk traffic wait while it is large.
    virtual std::size_t backlog_bytes() const { return 0; }
};

}  // namespace cardex::component
