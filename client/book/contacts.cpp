// AddressBook's contacts: storing, matching, merging, editing, removing, history and undo.
#include <algorithm>
#include <array>

#include "client/book/book_store.hpp"
#include "client/book/merge.hpp"

namespace cardex::client::book {
namespace {

std::string joined_lines(const std::vector<std::string>& lines) {
    std::string out;
    for (const auto& line : lines)
        out += (out.empty() ? "" : "\n") + line;
    return out;
}

std::vector<std::string> split_lines(const std::string& text) {
    std::vector<std::string> lines;
    std::size_t start = 0;
    while (start < text.size()) {
        const std::size_t end = std::min(text.find('\n', start), text.size());
        lines.push_back(text.substr(start, end - start));
        start = end + 1;
    }
    return lines;
}

// Gives the card the UID `uid`: the first UID property takes it (others are dropped), or a new
// one is added at the end.
void set_uid(vcard::Card& card, const std::string& uid) {
    vcard::Property p = vcard::make_text("UID", uid);
    if (uid.find(':') == std::string::npos) p.value_type = "text";  // a free-text UID
    auto& props = card.properties;
    auto first =
        std::find_if(props.begin(), props.end(), [](const auto& q) { return q.name == "UID"; });
    if (first == props.end()) return card.add(std::move(p));
    if (first->first_value() != uid) *first = std::move(p);
    props.erase(std::remove_if(std::next(first), props.end(),
                               [](const auto& q) { return q.name == "UID"; }),
                props.end());
}

std::optional<std::string> optional_text(const std::optional<vcard::Card>& card) {
    if (!card) return std::nullopt;
    return card_text(*card);
}

HistoryEntry read_history(const sqlite::Statement& row) {
    HistoryEntry e;
    e.id = row.integer(0);
    e.contact = row.integer(1);
    e.at = from_millis(row.integer(2));
    e.action = row.text(3);
    e.source = row.text(4);
    e.before = optional_card(row.optional_text(5));
    e.after = optional_card(row.optional_text(6));
    e.added = split_lines(row.text(7));
    e.undone = row.integer(8) != 0;
    return e;
}

constexpr std::string_view kHistoryColumns =
    "id, contact, at, action, source, before, after, added, undone";

}  // namespace

std::optional<Contact> AddressBook::Impl::load(ContactId id) {
    auto& stmt = db.cached("SELECT uid, vcard, created, updated FROM contacts WHERE id = ?1");
    stmt.bind(1, id);
    if (!stmt.step()) return std::nullopt;
    Contact c{id, stmt.text(0), card_from_text(stmt.text(1)), from_millis(stmt.integer(2)),
              from_millis(stmt.integer(3))};
    stmt.reset();
    return c;
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
    return first("digest", {digest});
}

ContactId AddressBook::Impl::insert(vcard::Card& card, std::optional<ContactId> id) {
    std::string uid = card.uid();
    auto& taken = db.cached("SELECT 1 FROM contacts WHERE uid = ?1");
    taken.bind(1, uid);
    const bool uid_taken = !uid.empty() && taken.step();
    taken.reset();
    if (uid.empty() || uid_taken) {
        uid = new_uid();
        set_uid(card, uid);
    }
    const auto t = to_millis(now());
    auto& stmt = db.cached(
        "INSERT INTO contacts (id, uid, fn, search, vcard, created, updated) "
        "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?6)");
    if (id) {
        stmt.bind(1, *id);
    } else {
        stmt.bind(1, std::nullopt);
    }
    stmt.bind(2, uid).bind(3, card.formatted_name()).bind(4, search_text(card));
    stmt.bind(5, card_text(card)).bind(6, t).run();
    const ContactId new_id = sqlite3_last_insert_rowid(db.handle());
    add_key(new_id, "uid", uid);
    write_keys(new_id, card);
    return new_id;
}

void AddressBook::Impl::update(ContactId id, const vcard::Card& card) {
    db.cached("UPDATE contacts SET fn = ?2, search = ?3, vcard = ?4, updated = ?5 WHERE id = ?1")
        .bind(1, id)
        .bind(2, card.formatted_name())
        .bind(3, search_text(card))
        .bind(4, card_text(card))
        .bind(5, to_millis(now()))
        .run();
    write_keys(id, card);
}

void AddressBook::Impl::erase(ContactId id) {
    db.cached("DELETE FROM contacts WHERE id = ?1").bind(1, id).run();
    db.cached("DELETE FROM contact_keys WHERE contact = ?1").bind(1, id).run();
}

// Phone, e-mail and category keys follow the card; UID and digest keys (of the cards merged
// into it) stay.
void AddressBook::Impl::write_keys(ContactId id, const vcard::Card& card) {
    db.cached(
          "DELETE FROM contact_keys WHERE contact = ?1 AND kind IN ('tel', 'email', "
          "'category')")
        .bind(1, id)
        .run();
    auto& insert =
        db.cached("INSERT OR IGNORE INTO contact_keys (kind, value, contact) VALUES (?1, ?2, ?3)");
    auto add = [&](std::string_view kind, const std::string& value) {
        insert.bind(1, kind).bind(2, value).bind(3, id).run();
    };
    const MatchKeys keys = match_keys(card, phone_keys);
    for (const auto& k : keys.phones)
        add("tel", k);
    for (const auto& k : keys.emails)
        add("email", k);
    for (const auto& category : card.categories())
        add("category", lower_ascii(category));
}

void AddressBook::Impl::add_key(ContactId id, std::string_view kind, const std::string& value) {
    db.cached("INSERT OR IGNORE INTO contact_keys (kind, value, contact) VALUES (?1, ?2, ?3)")
        .bind(1, kind)
        .bind(2, value)
        .bind(3, id)
        .run();
}

void AddressBook::Impl::add_history(const HistoryEntry& e,
                                    const std::optional<std::string>& alias) {
    db.cached(
          "INSERT INTO history (contact, at, action, source, before, after, added, alias) "
          "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)")
        .bind(1, e.contact)
        .bind(2, to_millis(e.at))
        .bind(3, e.action)
        .bind(4, e.source)
        .bind(5, optional_text(e.before))
        .bind(6, optional_text(e.after))
        .bind(7, joined_lines(e.added))
        .bind(8, alias)
        .run();
}

void AddressBook::Impl::add_provenance(ContactId id, const Origin& o) {
    static constexpr std::array<std::string_view, 3> kKinds = {"user", "imported", "received"};
    db.cached(
          "INSERT INTO provenance (contact, at, kind, detail, card_number, sender, service, "
          "delivery_id) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)")
        .bind(1, id)
        .bind(2, to_millis(now()))
        .bind(3, kKinds[static_cast<std::size_t>(o.kind)])
        .bind(4, o.detail)
        .bind(5, static_cast<std::int64_t>(o.card_number))
        .bind(6, o.sender)
        .bind(7, o.service)
        .bind(8, o.delivery_id)
        .run();
}

Stored AddressBook::Impl::create(vcard::Card card, const Origin& origin,
                                 const std::string& digest) {
    const ContactId id = insert(card, std::nullopt);
    if (!digest.empty()) add_key(id, "digest", digest);
    add_history({0, id, now(), "created", origin.describe(), std::nullopt, card, {}, false},
                std::nullopt);
    add_provenance(id, origin);
    return Stored{id, StoreOutcome::created, {}};
}

Stored AddressBook::Impl::store_card(vcard::Card card, const Origin& origin, MatchBy by) {
    const std::string digest = card_digest(card);
    const auto id = match(match_keys(card, phone_keys), digest, by);
    if (!id) return create(std::move(card), origin, digest);
    Contact mine = *load(*id);
    MergeResult merged = merge_cards(mine.card, card, phone_keys);
    std::optional<std::string> alias;
    const std::string their_uid = card.uid();
    if (!their_uid.empty() && their_uid != mine.uid) {
        auto& known = db.cached("SELECT 1 FROM contact_keys WHERE kind = 'uid' AND value = ?1");
        known.bind(1, their_uid);
        if (!known.step()) alias = their_uid;
        known.reset();
    }
    add_provenance(*id, origin);
    add_key(*id, "digest", digest);
    if (!merged.changed() && !alias) return Stored{*id, StoreOutcome::unchanged, {}};
    if (alias) add_key(*id, "uid", *alias);
    update(*id, merged.card);
    add_history(
        {0, *id, now(), "merged", origin.describe(), mine.card, merged.card, merged.added, false},
        alias);
    return Stored{*id, StoreOutcome::merged, std::move(merged.added)};
}

Result<Stored> AddressBook::add(vcard::Card card, const Origin& origin) {
    return impl_->run_write<Stored>("adding a contact",
                                    [&] { return impl_->create(std::move(card), origin, {}); });
}

Result<Stored> AddressBook::merge(vcard::Card card, const Origin& origin) {
    return impl_->run_write<Stored>("storing a card", [&] {
        return impl_->store_card(std::move(card), origin, MatchBy::any_key);
    });
}

Result<Stored> AddressBook::replace(ContactId id, vcard::Card card, const Origin& origin) {
    auto done = impl_->run_write<std::optional<Stored>>(
        "editing a contact", [&]() -> std::optional<Stored> {
            auto mine = impl_->load(id);
            if (!mine) return std::nullopt;
            set_uid(card, mine->uid);
            if (card == mine->card) return Stored{id, StoreOutcome::unchanged, {}};
            impl_->update(id, card);
            impl_->add_history(
                {0, id, impl_->now(), "edited", origin.describe(), mine->card, card, {}, false},
                std::nullopt);
            return Stored{id, StoreOutcome::merged, {}};
        });
    if (!done) return done.error();
    if (!*done) return make_error("no contact number " + std::to_string(id));
    return **done;
}

Status AddressBook::remove(ContactId id, const Origin& origin) {
    auto done = impl_->run_write<bool>("removing a contact", [&] {
        auto mine = impl_->load(id);
        if (!mine) return false;
        impl_->erase(id);
        impl_->add_history({0,
                            id,
                            impl_->now(),
                            "removed",
                            origin.describe(),
                            mine->card,
                            std::nullopt,
                            {},
                            false},
                           std::nullopt);
        return true;
    });
    if (!done) return done.error();
    if (!*done) return make_error("no contact number " + std::to_string(id));
    return Ok{};
}

Result<std::vector<HistoryEntry>> AddressBook::history(ContactId id) const {
    return impl_->run_read<std::vector<HistoryEntry>>("reading the history", [&] {
        auto stmt = impl_->db.prepare("SELECT " + std::string(kHistoryColumns) +
                                      " FROM history WHERE contact = ?1 ORDER BY id");
        stmt.bind(1, id);
        std::vector<HistoryEntry> out;
        while (stmt.step())
            out.push_back(read_history(stmt));
        return out;
    });
}

Result<HistoryEntry> AddressBook::undo(ContactId id) {
    auto done = impl_->run_write<std::optional<HistoryEntry>>(
        "undoing a change", [&]() -> std::optional<HistoryEntry> {
            auto stmt = impl_->db.prepare(
                "SELECT " + std::string(kHistoryColumns) +
                ", alias FROM history WHERE contact = ?1 AND undone = 0 AND action <> 'undo' ORDER "
                "BY id DESC LIMIT 1");
            stmt.bind(1, id);
            if (!stmt.step()) return std::nullopt;
            HistoryEntry last = read_history(stmt);
            const auto alias = stmt.optional_text(9);
            stmt.reset();
            const auto current = impl_->load(id);
            if (last.before && current) {
                impl_->update(id, *last.before);
            } else if (last.before) {
                vcard::Card restored = *last.before;
                impl_->insert(restored, id);
            } else if (current) {
                impl_->erase(id);
            }
            if (alias) {
                impl_->db
                    .cached(
                        "DELETE FROM contact_keys WHERE kind = 'uid' AND value = ?1 AND "
                        "contact = ?2")
                    .bind(1, *alias)
                    .bind(2, id)
                    .run();
            }
            impl_->db.cached("UPDATE history SET undone = 1 WHERE id = ?1").bind(1, last.id).run();
            impl_->add_history({0,
                                id,
                                impl_->now(),
                                "undo",
                                "undo of: " + last.action + ", " + last.source,
                                current ? std::optional(current->card) : std::nullopt,
                                last.before,
                                {},
                                false},
                               std::nullopt);
            return last;
        });
    if (!done) return done.error();
    if (!*done) return make_error("nothing to undo for contact number " + std::to_string(id));
    return std::move(**done);
}

Result<std::vector<Provenance>> AddressBook::provenance(ContactId id) const {
    return impl_->run_read<std::vector<Provenance>>("reading where a contact came from", [&] {
        auto stmt = impl_->db.prepare(
            "SELECT kind, detail, card_number, sender, service, delivery_id, at FROM provenance "
            "WHERE contact = ?1 ORDER BY id");
        stmt.bind(1, id);
        std::vector<Provenance> out;
        while (stmt.step()) {
            const std::string kind = stmt.text(0);
            Origin o;
            o.kind = kind == "imported"   ? Origin::Kind::imported
                     : kind == "received" ? Origin::Kind::received
                                          : Origin::Kind::user;
            o.detail = stmt.text(1);
            o.card_number = static_cast<std::size_t>(stmt.integer(2));
            o.sender = stmt.text(3);
            o.service = stmt.text(4);
            o.delivery_id = stmt.text(5);
            out.push_back(Provenance{std::move(o), from_millis(stmt.integer(6))});
        }
        return out;
    });
}

}  // namespace cardex::client::book
