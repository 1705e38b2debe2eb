// The inside of AddressBook, shared by its source files: the connection, the transaction
// discipline and the row-level operations. Everything here throws sqlite::SqliteError; the
// public operations catch it at their boundary (run_write, run_read).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>

#include "client/book/address_book.hpp"
#include "client/book/match_keys.hpp"
#include "client/book/storage_error.hpp"
#include "client/book/text_fold.hpp"
#include "sqlite/database.hpp"
#include "sqlite/transaction.hpp"

namespace cardex::client::book {

// Card <-> stored text (vCard 4.0). A stored card that no longer parses is a corrupt database.
std::string card_text(const vcard::Card& card);
vcard::Card card_from_text(std::string_view text);
std::optional<vcard::Card> optional_card(const std::optional<std::string>& text);
// The lower-cased text `list` searches in.
std::string search_text(const vcard::Card& card);
// Gives the card the UID `uid`: the first UID property takes it (others are dropped), or a new
// one is added at the end.
void set_uid(vcard::Card& card, const std::string& uid);
// What identifies a card whose every property is the same: a hash (SHA-256, cut to 128 bits)
// of its vCard 4.0 text.
// Re-importing a file finds the contacts it made before, also those without UID, phone and
// e-mail.
std::string card_digest(const vcard::Card& card);
// "urn:uuid:" and a random (version 4) UUID.
std::string new_uid();
std::int64_t to_millis(Timestamp t);
Timestamp from_millis(std::int64_t ms);

enum class MatchBy { any_key, uid_only };

struct AddressBook::Impl {
    Impl(std::filesystem::path path, sqlite::Database db, BookOptions options);

    std::filesystem::path path;
    sqlite::Database db;
    sqlite::Transactions transactions{db};  // the outer one, then a savepoint per operation
    PhoneNormalizer phone_keys;
    BookOptions options;

    Timestamp now() const;

    // Runs `work` in a transaction (or a savepoint inside one) and turns a SqliteError into
    // an Error that says what could not be done, and why (storage_error).
    template <class T, class Work>
    Result<T> run_write(std::string_view what, Work&& work);
    template <class T, class Work>
    Result<T> run_read(std::string_view what, Work&& work);

    // ---- contacts (contact_rows.cpp)
    // A contact and its card's stored text.
    struct Loaded {
        Contact contact;
        std::string text;
    };
    std::optional<Loaded> load(ContactId id);
    std::optional<ContactId> match(const MatchKeys& keys, const std::string& digest, MatchBy by);
    // Inserts a contact (the card gets a UID when it has none or another contact has it, which
    // `uid_is_free` says is known not to be the case); returns its id, and the card's stored
    // text in `text`.
    ContactId insert(vcard::Card& card, std::optional<ContactId> id, const MatchKeys& keys,
                     std::string& text, bool uid_is_free = false);
    void update(ContactId id, const vcard::Card& card, const std::string& text);
    void erase(ContactId id);
    // The phone, e-mail and category keys of a card replace the contact's (an edit, an undo),
    // or join them (a merge, which never removes anything).
    void rewrite_keys(ContactId id, const vcard::Card& card);
    void add_keys(ContactId id, const MatchKeys& keys, const vcard::Card& card);
    void add_key(ContactId id, std::string_view kind, const std::string& value);
    void add_history(ContactId id, std::string_view action, const std::string& source,
                     const std::optional<std::string>& before,
                     const std::vector<std::string>& added,
                     const std::optional<std::string>& alias = std::nullopt);
    void add_provenance(ContactId id, const Origin& origin,
                        std::optional<Timestamp> at = std::nullopt);
    // With `before` (the earlier version of an update's set, as it was received), the card
    // that matched is updated by apply_update (merge.hpp), else merged by merge_cards.
    Stored store_card(PreparedCard card, const Origin& origin, MatchBy by,
                      const std::optional<vcard::Card>& before = std::nullopt);
    Stored create(PreparedCard card, const Origin& origin, bool uid_is_free);
};

template <class T, class Work>
Result<T> AddressBook::Impl::run_write(std::string_view what, Work&& work) {
    try {
        transactions.begin();
        try {
            T value = work();
            transactions.commit();
            return value;
        } catch (...) {
            transactions.rollback();
            throw;
        }
    } catch (const sqlite::SqliteError& e) {
        return make_error(storage_error(path, what, e));
    }
}

template <class T, class Work>
Result<T> AddressBook::Impl::run_read(std::string_view what, Work&& work) {
    try {
        return work();
    } catch (const sqlite::SqliteError& e) {
        return make_error(storage_error(path, what, e));
    }
}

}  // namespace cardex::client::book
