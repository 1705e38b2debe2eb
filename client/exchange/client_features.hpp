// What this client tells others about itself: its XEP-0030 identity and features (the
// receiving side of urn:xmpp:bizcard:0 among them) and the XEP-0115 capabilities hash that
// goes into its presence, so that contacts' clients learn it supports cards without asking.
#pragma once

#include <string>
#include <string_view>

#include "core/xml/element.hpp"
#include "core/xmpp/disco.hpp"

namespace cardex::client::exchange {

inline constexpr std::string_view kCapsNode = "urn:cardex:client";

// Identity client/console named "Cardex"; features disco#info, ping and urn:xmpp:bizcard:0.
xmpp::DiscoInfo client_disco_info();

// XEP-0115 section 5.1: the verification string of `info` (identities and features sorted)
// and its SHA-1 in base64.
std::string caps_verification_string(const xmpp::DiscoInfo& info);
std::string caps_ver(const xmpp::DiscoInfo& info);
// <c xmlns='http://jabber.org/protocol/caps' hash='sha-1' node='urn:cardex:client' ver=.../>
xml::Element caps_element(const xmpp::DiscoInfo& info);

}  // namespace cardex::client::exchange
