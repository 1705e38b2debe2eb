// AddressBook's rows of contacts: loading, matching, inserting, updating, keys, history and
// provenance, and the merge of an incoming card. Each card is serialised and its keys are
// computed once per operation: an import runs this ten thousand times.
#include <array>

#include "client/book/book_store.hpp"
#include "client/book/merge.hpp"
#include "core/text/ascii.hpp"

namespace cardex::client::book {
namespace {

std::string joined_lines(const std::vector<std::string>& lines) {
    std::string out;
    for (const auto& line : lines)
        out += (out.empty() ? "" : "\n") + line;
    return out;
}

}  // namespace

std::optional<AddressBook::Impl::Loaded> AddressBook::Impl::load(ContactId id) {
    auto& stmt = db.cached("SELECT uid, vcard, created, updated FROM contacts WHERE id = ?1");
    stmt.bind(1, id);
    if (!stmt.step()) return std::nullopt;
    std::string text = stmt.text(1);
    Loaded loaded{Contact{id, stmt.text(0), card_from_text(text), from_millis(stmt.integer(2)),
                          from_millis(stmt.integer(3))},
                  std::move(text)};
    stmt.reset();
    return loaded;
}

std::optional<ContactId> AddressBook::Impl::match(const MatchKeys& keys, const std::string& digest,
                                                  MatchBy by) {
    auto& stmt = db.cached(
        "SELECT contact FROM contact_keys WHERE kind = ?1 AND value = ?2 ORDER BY contact "
        "LIMIT 1");
    auto first = [&](std::string_view kind,
                     const std::vector<std::string>& values) -> std::optional<ContactId> {
        for (const auto& value : values) {
            stmt.bind(1, kind).bind(2, value);
            const bool found = stmt.step();
            const ContactId id = found ? stmt.integer(0) : 0;
            stmt.reset();
            if (found) return id;
        }
        return std::nullopt;
    };
    if (auto id = first("uid", keys.uids)) return id;
    if (by == MatchBy::uid_only) return std::nullopt;
    if (auto id = first("tel", keys.phones)) return id;
    if (auto id = first("email", keys.emails)) return id;
    if (digest.empty()) return std::nullopt;
    return first("digest", {digest});
}

ContactId AddressBook::Impl::insert(vcard::Card& card, std::optional<ContactId> id,
                                    const MatchKeys& keys, std::string& text, bool uid_is_free) {
    std::string uid = card.uid();
    bool uid_taken = false;
    if (!uid.empty() && !uid_is_free) {
        auto& taken = db.cached("SELECT 1 FROM contact_keys WHERE kind = 'uid' AND value = ?1");
        taken.bind(1, uid);
        uid_taken = taken.step();
        taken.reset();
    }
    if (uid.empty() || uid_taken) {
        uid = new_uid();
        set_uid(card, uid);
    }
    text = card_text(card);
    auto& stmt = db.cached(
        "INSERT INTO contacts (id, uid, fn, search, vcard, created, updated) "
        "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?6)");
    stmt.bind(1, id).bind(2, uid).bind(3, card.formatted_name()).bind(4, search_text(card));
    stmt.bind(5, text).bind(6, to_millis(now())).run();
    const ContactId new_id = sqlite3_last_insert_rowid(db.handle());
    add_key(new_id, "uid", uid);
    add_keys(new_id, keys, card);
    return new_id;
}

void AddressBook::Impl::update(ContactId id, const vcard::Card& card, const std::string& text) {
    db.cached("UPDATE contacts SET fn = ?2, search = ?3, vcard = ?4, updated = ?5 WHERE id = ?1")
        .bind(1, id)
        .bind(2, card.formatted_name())
        .bind(3, search_text(card))
        .bind(4, text)
        .bind(5, to_millis(now()))
        .run();
}

void AddressBook::Impl::erase(ContactId id) {
    db.cached("DELETE FROM contacts WHERE id = ?1").bind(1, id).run();
    db.cached("DELETE FROM contact_keys WHERE contact = ?1").bind(1, id).run();
}

// UID and digest keys (of the cards stored into the contact) stay.
void AddressBook::Impl::rewrite_keys(ContactId id, const vcard::Card& card) {
    db.cached(
          "DELETE FROM contact_keys WHERE contact = ?1 AND kind IN ('tel', 'email', "
          "'category')")
        .bind(1, id)
        .run();
    add_keys(id, match_keys(card, phone_keys), card);
}

void AddressBook::Impl::add_keys(ContactId id, const MatchKeys& keys, const vcard::Card& card) {
    for (const auto& k : keys.phones)
        add_key(id, "tel", k);
    for (const auto& k : keys.emails)
        add_key(id, "email", k);
    for (const auto& category : card.categories())
        add_key(id, "category", lower_ascii(category));
}

void AddressBook::Impl::add_key(ContactId id, std::string_view kind, const std::string& value) {
    db.cached("INSERT OR IGNORE INTO contact_keys (kind, value, contact) VALUES (?1, ?2, ?3)")
        .bind(1, kind)
        .bind(2, value)
        .bind(3, id)
        .run();
}

void AddressBook::Impl::add_history(ContactId id, std::string_view action,
                                    const std::string& source,
                                    const std::optional<std::string>& before,
                                    const std::vector<std::string>& added,
                                    const std::optional<std::string>& alias) {
    db.cached(
          "INSERT INTO history (contact, at, action, source, before, added, alias) "
          "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)")
        .bind(1, id)
        .bind(2, to_millis(now()))
        .bind(3, action)
        .bind(4, source)
        .bind(5, before)
        .bind(6, joined_lines(added))
        .bind(7, alias)
        .run();
}

void AddressBook::Impl::add_provenance(ContactId id, const Origin& o, std::optional<Timestamp> at) {
    static constexpr std::array<std::string_view, 3> kKinds = {"user", "imported", "received"};
    db.cached(
          "INSERT INTO provenance (contact, at, kind, detail, card_number, sender, service, "
          "delivery_id) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)")
        .bind(1, id)
        .bind(2, to_millis(at.value_or(now())))
        .bind(3, kKinds[static_cast<std::size_t>(o.kind)])
        .bind(4, o.detail)
        .bind(5, static_cast<std::int64_t>(o.card_number))
        .bind(6, o.sender)
        .bind(7, o.service)
        .bind(8, o.delivery_id)
        .run();
}

Stored AddressBook::Impl::create(PreparedCard prepared, const Origin& origin, bool uid_is_free) {
    std::string text;
    const ContactId id = insert(prepared.card, std::nullopt, prepared.keys, text, uid_is_free);
    if (!prepared.digest.empty()) add_key(id, "digest", prepared.digest);
    add_history(id, "created", origin.describe(), std::nullopt, {});
    add_provenance(id, origin);
    return Stored{id, StoreOutcome::created, {}, {}};
}

Stored AddressBook::Impl::store_card(PreparedCard prepared, const Origin& origin, MatchBy by,
                                     const std::optional<vcard::Card>& before) {
    const auto id = match(prepared.keys, prepared.digest, by);
    // Every contact's UID is one of its keys: when none matched, the card's UID is free.
    if (!id) return create(std::move(prepared), origin, /*uid_is_free=*/true);
    const Loaded mine = *load(*id);
    MergeResult merged = before
                             ? apply_update(mine.contact.card, *before, prepared.card, phone_keys)
                             : merge_cards(mine.contact.card, prepared.card, phone_keys);
    std::optional<std::string> alias;
    const std::string their_uid = prepared.card.uid();
    if (!their_uid.empty() && their_uid != mine.contact.uid) {
        auto& known = db.cached("SELECT 1 FROM contact_keys WHERE kind = 'uid' AND value = ?1");
        known.bind(1, their_uid);
        if (!known.step()) alias = their_uid;
        known.reset();
    }
    add_provenance(*id, origin);
    if (!prepared.digest.empty()) add_key(*id, "digest", prepared.digest);
    if (!merged.changed() && !alias) return Stored{*id, StoreOutcome::unchanged, {}, {}};
    if (alias) add_key(*id, "uid", *alias);
    const std::string text = card_text(merged.card);
    update(*id, merged.card, text);
    if (before) {
        rewrite_keys(*id, merged.card);  // an update may also take values out
    } else {
        // A merge only adds: the contact's keys and the card's make the merged card's.
        add_keys(*id, prepared.keys, prepared.card);
    }
    std::vector<std::string> changes = merged.added;
    for (const auto& line : merged.removed)
        changes.push_back("-" + line);
    add_history(*id, before ? "updated" : "merged", origin.describe(), mine.text, changes, alias);
    return Stored{*id, before ? StoreOutcome::updated : StoreOutcome::merged,
                  std::move(merged.added), std::move(merged.removed)};
}

}  // namespace cardex::client::book
