// Submit requests as a load generator sends them: a pool of distinct generated cards, each
// padded to the same size as xCard, and for each a stanza template that only needs an id, a
// sender and a recipient filled in. Building a stanza is then a few appends, so the generator
// spends its time on the socket, not on XML.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/protocol/card_form.hpp"
#include "core/vcard/card.hpp"
#include "core/xml/element.hpp"

namespace cardex::bench {

// `count` distinct cards (bench/card_generator.hpp), each with a NOTE added so that its
// <vcard xmlns='urn:ietf:params:xml:ns:vcard-4.0'> element is `card_bytes` long (cards that are
// already longer are left out).
std::vector<vcard::Card> cards_of_size(std::size_t count, std::size_t card_bytes,
                                       std::uint64_t seed);

// <iq type='set' id from to><submit xmlns='urn:xmpp:bizcard:0'><recipient jid/><card>...</card>
// </submit></iq> for `card`; an empty `from` is left out (a client's server stamps it). With
// CardForm::text the card goes as text, as cardex sends it to a service that takes that.
xml::Element submit_iq(const vcard::Card& card, std::string_view id, std::string_view from,
                       std::string_view service, std::string_view recipient,
                       std::string_view stanza_ns,
                       protocol::CardForm form = protocol::CardForm::xcard);

class SubmitStanzas {
  public:
    // Templates for every card, written for a stream whose content namespace is `stanza_ns`.
    SubmitStanzas(const std::vector<vcard::Card>& cards, std::string_view service,
                  std::string_view stanza_ns);

    // Appends the stanza of request number `index` (its card is index % pool size).
    void append(std::string& out, std::size_t index, std::string_view id, std::string_view from,
                std::string_view recipient) const;
    std::size_t average_bytes() const { return average_bytes_; }

  private:
    enum class Slot { none, id, from, recipient };
    struct Piece {
        std::string literal;
        Slot slot = Slot::none;  // what follows the literal
    };
    std::vector<std::vector<Piece>> templates_;
    std::size_t average_bytes_ = 0;
};

}  // namespace cardex::bench
