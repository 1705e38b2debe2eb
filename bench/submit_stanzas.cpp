#include "bench/submit_stanzas.hpp"

#include <array>

#include "bench/card_generator.hpp"
#include "core/protocol/delivery.hpp"
#include "core/vcard/writer.hpp"
#include "core/xml/writer.hpp"
#include "core/xmpp/namespaces.hpp"

namespace cardex::bench {
namespace {

// Placeholders that are valid where they stand and occur nowhere else in a stanza.
constexpr std::string_view kIdMark = "x-id-placeholder-x";
constexpr std::string_view kFromMark = "x-from@placeholder.invalid/x";
constexpr std::string_view kRecipientMark = "x-recipient@placeholder.invalid";

constexpr std::array<std::string_view, 12> kWords = {
    "meeting", "invoice",    "project", "quarterly", "delivery", "schedule",
    "contact", "conference", "Berlin",  "follow-up", "partner",  "regards"};

std::size_t xml_size(const vcard::Card& card) {
    return xml::to_string(vcard::card_to_xml(card)).size();
}

// Words until `length` bytes.
std::string filler(std::size_t length, std::size_t salt) {
    std::string text;
    for (std::size_t i = salt; text.size() < length; ++i) {
        if (!text.empty()) text += ' ';
        text += kWords[(i * 7 + salt) % kWords.size()];
    }
    text.resize(length);
    return text;
}

}  // namespace

std::vector<vcard::Card> cards_of_size(std::size_t count, std::size_t card_bytes,
                                       std::uint64_t seed) {
    std::vector<vcard::Card> cards;
    std::uint64_t round = 0;
    while (cards.size() < count) {
        for (auto& card : generate_cards(count, seed + round++)) {
            const std::size_t size = xml_size(card);
            constexpr std::size_t kNoteOverhead = 24;  // <note><text></text></note>
            if (size + kNoteOverhead + 1 > card_bytes) continue;
            card.add(
                vcard::make_text("NOTE", filler(card_bytes - size - kNoteOverhead, cards.size())));
            // Escaping or a different overhead may leave it a few bytes off: trim or pad.
            const std::size_t got = xml_size(card);
            auto& note = card.properties.back().components[0][0];
            if (got > card_bytes) note.resize(note.size() - (got - card_bytes));
            if (got < card_bytes) note.append(card_bytes - got, '.');
            cards.push_back(std::move(card));
            if (cards.size() == count) break;
        }
    }
    return cards;
}

xml::Element submit_iq(const vcard::Card& card, std::string_view id, std::string_view from,
                       std::string_view service, std::string_view recipient,
                       std::string_view stanza_ns, protocol::CardForm form) {
    protocol::Submit submit;
    submit.recipients.push_back(*xmpp::Jid::parse(recipient));
    submit.card = card;
    submit.form = form;
    xml::Element iq("iq", std::string(stanza_ns));
    iq.set_attr("type", "set").set_attr("id", id);
    if (!from.empty()) iq.set_attr("from", from);
    iq.set_attr("to", service);
    iq.add_child(protocol::serialize(submit));
    return iq;
}

SubmitStanzas::SubmitStanzas(const std::vector<vcard::Card>& cards, std::string_view service,
                             std::string_view stanza_ns) {
    std::size_t total = 0;
    for (const auto& card : cards) {
        const std::string text = xml::to_string(
            submit_iq(card, kIdMark, kFromMark, service, kRecipientMark, stanza_ns), stanza_ns);
        total += text.size();
        std::vector<Piece> pieces;
        std::size_t at = 0;
        while (true) {
            std::size_t best = std::string::npos;
            Slot slot = Slot::none;
            std::size_t mark_length = 0;
            for (auto [mark, s] : {std::pair{kIdMark, Slot::id}, std::pair{kFromMark, Slot::from},
                                   std::pair{kRecipientMark, Slot::recipient}}) {
                const auto found = text.find(mark, at);
                if (found < best) {
                    best = found;
                    slot = s;
                    mark_length = mark.size();
                }
            }
            if (best == std::string::npos) {
                pieces.push_back({text.substr(at), Slot::none});
                break;
            }
            pieces.push_back({text.substr(at, best - at), slot});
            at = best + mark_length;
        }
        templates_.push_back(std::move(pieces));
    }
    average_bytes_ = cards.empty() ? 0 : total / cards.size();
}

void SubmitStanzas::append(std::string& out, std::size_t index, std::string_view id,
                           std::string_view from, std::string_view recipient) const {
    for (const Piece& piece : templates_[index % templates_.size()]) {
        out += piece.literal;
        if (piece.slot == Slot::id) out += id;
        if (piece.slot == Slot::from) out += from;
        if (piece.slot == Slot::recipient) out += recipient;
    }
}

}  // namespace cardex::bench
