// XML namespaces used by the project. The protocol's own namespace is defined by the XEP draft
// in xep-draft/.
#pragma once

#include <string_view>

namespace cardex::ns {

inline constexpr std::string_view kBizcard = "urn:xmpp:bizcard:0";

inline constexpr std::string_view kClient = "jabber:client";
inline constexpr std::string_view kComponentAccept = "jabber:component:accept";
inline constexpr std::string_view kStreams = "http://etherx.jabber.org/streams";
inline constexpr std::string_view kStanzas = "urn:ietf:params:xml:ns:xmpp-stanzas";
inline constexpr std::string_view kStreamErrors = "urn:ietf:params:xml:ns:xmpp-streams";
inline constexpr std::string_view kDiscoInfo = "http://jabber.org/protocol/disco#info";
inline constexpr std::string_view kDiscoItems = "http://jabber.org/protocol/disco#items";
inline constexpr std::string_view kPing = "urn:xmpp:ping";
inline constexpr std::string_view kVersion = "jabber:iq:version";
inline constexpr std::string_view kDataForms = "jabber:x:data";                  // XEP-0004
inline constexpr std::string_view kVcard4 = "urn:ietf:params:xml:ns:vcard-4.0";  // RFC 6351
inline constexpr std::string_view kFallback = "urn:xmpp:fallback:0";             // XEP-0428
inline constexpr std::string_view kStanzaIds = "urn:xmpp:sid:0";                 // XEP-0359
inline constexpr std::string_view kHints = "urn:xmpp:hints";                     // XEP-0334
inline constexpr std::string_view kCaps = "http://jabber.org/protocol/caps";     // XEP-0115
inline constexpr std::string_view kDelay = "urn:xmpp:delay";                     // XEP-0203
inline constexpr std::string_view kCarbons = "urn:xmpp:carbons:2";               // XEP-0280
inline constexpr std::string_view kForward = "urn:xmpp:forward:0";               // XEP-0297
inline constexpr std::string_view kMam = "urn:xmpp:mam:2";                       // XEP-0313

}  // namespace cardex::ns
