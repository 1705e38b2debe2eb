// AddressBook: the user's contacts and everything the client remembers about cards it has
// received and sent, in one SQLite file (schema.hpp).
//
// Every operation is one transaction and returns once it is committed (synchronous=FULL), so a
// caller that acknowledges a card after receive() returned has the card on disk. Bulk work
// (an import) runs inside transaction(), which makes its operations one commit. Storage
// failures come back as Error values naming what could not be done and why (a full disk, a
// damaged file: book_file.hpp); nothing is half-written.
//
// Matching and merging follow merge.hpp; a merge or an edit keeps the previous card in the
// history, and undo() restores it.
#pragma once

#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "client/book/match_keys.hpp"
#include "client/book/phone.hpp"
#include "client/book/records.hpp"
#include "core/protocol/delivery.hpp"
#include "core/result.hpp"

namespace cardex::client::book {

struct BookOptions {
    std::string region;                // for PhoneNormalizer
    bool inbox = false;                // received cards wait in the inbox until accepted
    std::function<Timestamp()> clock;  // empty: the system clock
};

// What `list` and `export` select: contacts whose text contains `text` (name, organisation,
// title, e-mail, telephone number in any spelling, category, note; case-insensitive for
// ASCII), and that are in `category` when one is given.
struct ContactQuery {
    std::string text;
    std::string category;
};

// The contacts a CONTACT argument designates: exactly one in `contact`, or the candidates
// when it is ambiguous, or neither when nothing matches.
struct Resolution {
    std::optional<Contact> contact;
    std::vector<Contact> candidates;  // the first ones, when several fit
    bool more_candidates = false;     // more fit than `candidates` holds
};

// A card with what matching it needs, computed once: AddressBook::prepare() is pure and may
// run on other threads (an import prepares its cards in parallel, then stores them in order).
struct PreparedCard {
    vcard::Card card;
    MatchKeys keys;
    std::string digest;  // of the card as it came, when it has no UID, phone or e-mail
};

// What receive() did with a delivery.
struct Receiving {
    ReceivedCard record;           // as stored now (or earlier, for a duplicate)
    bool duplicate = false;        // the delivery was known: nothing was stored now
    std::optional<Stored> stored;  // the card was merged into the contacts now
};

class AddressBook {
  public:
    // Opens the book, creating it only where no file is (book_file.hpp): an existing file
    // that is empty, damaged or not an address book is an Error that says how to recover, and
    // is left as it is. ":memory:" for a private in-memory book.
    static Result<std::unique_ptr<AddressBook>> open(const std::filesystem::path& path,
                                                     BookOptions options);
    ~AddressBook();
    AddressBook(const AddressBook&) = delete;
    AddressBook& operator=(const AddressBook&) = delete;

    const PhoneNormalizer& phones() const;
    bool inbox_mode() const;

    // ---- contacts
    Result<std::vector<Contact>> contacts(const ContactQuery& query = {}) const;
    // Every contact's formatted name in the order contacts() lists them, without reading the
    // cards: what tab completion offers.
    Result<std::vector<std::string>> names() const;
    Result<std::size_t> count() const;
    // A number that grows with every change to a contact (its history): what an automatic
    // backup compares with the one it last made.
    Result<std::int64_t> last_change() const;
    Result<Contact> contact(ContactId id) const;
    // CONTACT as people type it: the number `list` shows, a UID, an e-mail address, a
    // telephone number (any spelling), a name (exactly, else a unique part of it).
    Result<Resolution> resolve(std::string_view what) const;
    // A new contact, without matching (`cardex add`). A card without UID gets one.
    Result<Stored> add(vcard::Card card, const Origin& origin);
    // Matches the card (UID, then phone, then e-mail) and merges it, or adds it.
    Result<Stored> merge(vcard::Card card, const Origin& origin);
    Result<Stored> merge(PreparedCard card, const Origin& origin);
    // Thread-safe: touches nothing but the card and the (immutable) phone normalizer.
    PreparedCard prepare(vcard::Card card) const;
    // Replaces a contact's card (`cardex edit`); the UID stays.
    Result<Stored> replace(ContactId id, vcard::Card card, const Origin& origin);
    Status remove(ContactId id, const Origin& origin);
    Result<std::vector<HistoryEntry>> history(ContactId id) const;
    // Reverts the latest change to the contact that is not undone yet, also a removal.
    Result<HistoryEntry> undo(ContactId id);
    // Reverts, in one transaction, the latest change of every contact whose latest change came
    // from a source starting with `source_prefix` (a restore: "import of backup ID,"); a contact
    // changed again since keeps its change. How many were reverted.
    Result<std::size_t> undo_source(const std::string& source_prefix);
    Result<std::vector<Provenance>> provenance(ContactId id) const;
    // Adds to the contact's provenance the entries it does not have yet (a restore brings back
    // where the cards came from).
    Status keep_provenance(ContactId id, const std::vector<Provenance>& entries);

    // Runs `work` in one transaction: committed when it returns Ok, rolled back otherwise.
    // Operations called inside join it instead of committing on their own.
    Status transaction(const std::function<Status()>& work);

    // ---- received deliveries
    // Stores a card delivered by `service` once: a known (service, delivery id) is a
    // duplicate and changes nothing. A new card goes to the inbox in inbox mode, otherwise it
    // is merged (update="true" only into the contact with its UID, and not when the book
    // already has this or a later version of the set).
    Result<Receiving> receive(const protocol::CardDelivery& delivery, const std::string& service);
    // Records a delivery whose card cannot be used, so that it is acked as rejected (once
    // stored, every further copy is a duplicate).
    Result<Receiving> receive_invalid(const std::string& service, const std::string& delivery_id,
                                      const std::string& sender, const std::string& reason);
    Status mark_ack_answered(const std::string& service, const std::string& delivery_id);
    // Deliveries of `service` whose ack has had no answer yet.
    Result<std::vector<ReceivedCard>> unanswered_acks(const std::string& service) const;
    Result<std::vector<ReceivedCard>> inbox() const;
    // An inbox entry by the number `inbox` shows, or by (a unique prefix of) its delivery id.
    Result<ReceivedCard> find_received(std::string_view what) const;
    // The card sets the contact's received cards came from (what `cardex unfollow` ends).
    Result<std::vector<SetSource>> set_sources(ContactId contact) const;
    Result<Stored> accept(std::int64_t received_id);
    Status decline(std::int64_t received_id);
    Result<std::vector<ReceivedCard>> received_for(ContactId id) const;

    // ---- sent deliveries
    Status record_sent(const std::vector<SentCard>& deliveries);
    // From a status result or a receipt; unknown deliveries (sent by another client of the
    // same account) are added.
    Status update_sent(const std::string& service, const protocol::DeliveryStatus& status);
    Status apply_receipt(const std::string& service, const protocol::Receipt& receipt);
    // Newest first; with `id`, the deliveries whose id starts with it.
    Result<std::vector<SentCard>> sent(std::string_view id = {}) const;

    // ---- card services
    Status remember_service(const std::string& jid);
    Result<std::vector<std::string>> services() const;
    Status set_home_service(const std::string& account, const std::string& jid);
    Result<std::optional<std::string>> home_service(const std::string& account) const;

  private:
    struct Impl;
    explicit AddressBook(std::unique_ptr<Impl> impl);
    std::unique_ptr<Impl> impl_;
};

}  // namespace cardex::client::book
