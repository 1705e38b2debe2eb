// Jid: an XMPP address (RFC 7622), validated and normalised.
//
// Normalisation covers what matters for comparing addresses on this network: domains and
// localparts are lower-cased (ASCII), a trailing dot on the domain is dropped. Full PRECIS
// profiles (Unicode case folding, width mapping) are not applied.
#pragma once

#include <string>
#include <string_view>

#include "core/result.hpp"

namespace cardex::xmpp {

struct Jid {
    std::string local;     // may be empty (server or component address)
    std::string domain;    // never empty in a parsed Jid
    std::string resource;  // may be empty (bare JID)

    static Result<Jid> parse(std::string_view text);

    Jid bare() const { return Jid{local, domain, {}}; }
    bool is_bare() const { return resource.empty(); }
    std::string str() const;       // local@domain/resource
    std::string bare_str() const;  // local@domain

    friend bool operator==(const Jid&, const Jid&) = default;
};

}  // namespace cardex::xmpp
