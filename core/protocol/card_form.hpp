// How a <card/> carries its vCard (the draft, Cards as Text).
#pragma once

namespace cardex::protocol {

// As xCard (one <vcard/> of RFC 6351), or as text (one vCard 4.0 of RFC 6350 in
// <vcard-text/>), which servers on the way handle as one element instead of a tree of them. A
// recipient's <sync/> says which its copies come in; a submit may use either at a service that
// advertises urn:xmpp:bizcard:0#text.
enum class CardForm { xcard, text };

}  // namespace cardex::protocol
