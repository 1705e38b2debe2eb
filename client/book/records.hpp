// What the address book holds, as plain values. The storage behind them is address_book.hpp.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/protocol/delivery.hpp"
#include "core/protocol/timestamp.hpp"
#include "core/vcard/card.hpp"

namespace cardex::client::book {

using protocol::Timestamp;
using ContactId = std::int64_t;

struct Contact {
    ContactId id = 0;  // the number people type (`cardex show 12`)
    std::string uid;   // the card's UID (one is made when a card has none)
    vcard::Card card;
    Timestamp created{};
    Timestamp updated{};
};

// Where a card that enters the book comes from.
struct Origin {
    enum class Kind { user, imported, received };
    Kind kind = Kind::user;
    std::string detail;           // imported: the file; user: the command ("add", "edit")
    std::size_t card_number = 0;  // imported: 1-based position of the card in its file
    std::string sender;           // received: the sender's bare JID
    std::string service;          // received: the card service that delivered it
    std::string delivery_id;      // received

    static Origin user(std::string command) {
        return {Kind::user, std::move(command), 0, {}, {}, {}};
    }
    static Origin file(std::string path, std::size_t number) {
        return {Kind::imported, std::move(path), number, {}, {}, {}};
    }
    // `detail`: which of the sender's card sets it was, when it was one ("set work, version 4",
    // see set_detail()).
    static Origin delivery(std::string sender, std::string service, std::string id,
                           std::string detail = {}) {
        return {Kind::received,    std::move(detail),  0,
                std::move(sender), std::move(service), std::move(id)};
    }
    // "card from alice@a.test (cards.a.test, delivery h6l2kD8n)", "card from alice@a.test
    // (cards.a.test, set work, version 4, by QR code, delivery h6l2kD8n)", "import of a.vcf,
    // card 3", "cardex add".
    std::string describe() const;
};

// "set work, version 4", with ", by QR code" for a card that came through a token's exchange
// and ", from the web page of a QR code" for one typed into a token's web page; empty for a
// card that is neither of a set nor through a token.
std::string set_detail(const std::optional<std::string>& set,
                       const std::optional<std::uint64_t>& version,
                       std::optional<protocol::Via> via);

// A provenance record of a contact: one per card that went into it.
struct Provenance {
    Origin origin;
    Timestamp at{};
};

// What storing a card did.
enum class StoreOutcome { created, merged, updated, unchanged };  // updated: by a new version
struct Stored {
    ContactId contact = 0;
    StoreOutcome outcome = StoreOutcome::created;
    std::vector<std::string> added;    // merged: what was added ("TEL +49 170 7654321")
    std::vector<std::string> removed;  // updated: what the new version took out, written alike
};

// One change to a contact, as `cardex history` shows it and `cardex undo` reverts it. The card
// after a change is the `before` of the next change, or the contact's card after the last one.
struct HistoryEntry {
    std::int64_t id = 0;
    ContactId contact = 0;
    Timestamp at{};
    std::string action;                 // "created", "merged", "edited", "accepted", "undo"
    std::string source;                 // Origin::describe() of what caused it
    std::optional<vcard::Card> before;  // nullopt: the change created the contact
    std::vector<std::string> added;
    bool undone = false;
};

// What became of a delivery this client received.
enum class ReceivedState {
    saved,     // merged into the address book
    inbox,     // kept apart until the user accepts or rejects it
    accepted,  // was in the inbox, then merged
    declined,  // was in the inbox, then rejected by the user
    invalid,   // could not be used; acked as rejected with `reason`
};
std::string_view to_string(ReceivedState state);

struct ReceivedCard {
    std::int64_t id = 0;  // the number `cardex inbox` shows and `accept` takes
    std::string service;
    std::string delivery_id;
    std::string sender;     // bare JID, as the service asserts it
    bool verified = false;  // the service is a subdomain of the sender's domain
    Timestamp stamp{};      // when it was submitted
    Timestamp received_at{};
    ReceivedState state = ReceivedState::saved;
    std::optional<std::string> reason;  // invalid: why
    std::optional<ContactId> contact;   // saved, accepted: the contact it went into
    std::optional<vcard::Card> card;    // nullopt for invalid cards
    std::optional<std::string> set;
    std::optional<std::uint64_t> version;
    bool update = false;
    bool ack_answered = false;  // the service has answered our ack

    // A card someone typed into the web page of one of the user's QR codes (via="web"): the
    // service itself is its 'from', since no XMPP account sent it; it is never shown as the
    // sender.
    bool from_web_page() const { return sender == service; }

    protocol::AckStatus ack_status() const {
        return state == ReceivedState::invalid ? protocol::AckStatus::rejected
                                               : protocol::AckStatus::saved;
    }
};

// A card set a contact's cards came from: its owner, the service that delivered them, its name.
struct SetSource {
    std::string sender;
    std::string service;
    std::string set;

    friend bool operator==(const SetSource&, const SetSource&) = default;
};

// A delivery this user submitted, with the last state known for it.
struct SentCard {
    std::string service;
    std::string delivery_id;
    std::string recipient;
    std::string contact_uid;
    std::string contact_name;
    Timestamp sent_at{};
    protocol::DeliveryState state = protocol::DeliveryState::pending;
    std::uint64_t attempts = 0;
    Timestamp updated{};
    std::optional<std::string> reason;
};

}  // namespace cardex::client::book
