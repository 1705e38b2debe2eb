// AddressBook's contacts as the front ends see them: adding, merging, editing, removing,
// history, undo and provenance. The rows behind them are in contact_rows.cpp.
#include <algorithm>

#include "client/book/book_store.hpp"

namespace cardex::client::book {
namespace {

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

HistoryEntry read_history(const sqlite::Statement& row) {
    HistoryEntry e;
    e.id = row.integer(0);
    e.contact = row.integer(1);
    e.at = from_millis(row.integer(2));
    e.action = row.text(3);
    e.source = row.text(4);
    e.before = optional_card(row.optional_text(5));
    e.added = split_lines(row.text(6));
    e.undone = row.integer(7) != 0;
    return e;
}

constexpr std::string_view kHistoryColumns =
    "id, contact, at, action, source, before, added, undone";

}  // namespace

PreparedCard AddressBook::prepare(vcard::Card card) const {
    MatchKeys keys = match_keys(card, impl_->phone_keys);
    // Only a card with nothing else to be recognised by needs its digest.
    std::string digest;
    if (keys.uids.empty() && keys.phones.empty() && keys.emails.empty()) digest = card_digest(card);
    return PreparedCard{std::move(card), std::move(keys), std::move(digest)};
}

Result<Stored> AddressBook::add(vcard::Card card, const Origin& origin) {
    return impl_->run_write<Stored>("adding a contact", [&] {
        MatchKeys keys = match_keys(card, impl_->phone_keys);
        return impl_->create(PreparedCard{std::move(card), std::move(keys), {}}, origin, false);
    });
}

Result<Stored> AddressBook::merge(vcard::Card card, const Origin& origin) {
    return merge(prepare(std::move(card)), origin);
}

Result<Stored> AddressBook::merge(PreparedCard card, const Origin& origin) {
    return impl_->run_write<Stored>("storing a card", [&] {
        return impl_->store_card(std::move(card), origin, MatchBy::any_key);
    });
}

Result<Stored> AddressBook::replace(ContactId id, vcard::Card card, const Origin& origin) {
    auto done = impl_->run_write<std::optional<Stored>>(
        "editing a contact", [&]() -> std::optional<Stored> {
            auto mine = impl_->load(id);
            if (!mine) return std::nullopt;
            set_uid(card, mine->contact.uid);
            if (card == mine->contact.card) return Stored{id, StoreOutcome::unchanged, {}, {}};
            const std::string text = card_text(card);
            impl_->update(id, card, text);
            impl_->rewrite_keys(id, card);
            impl_->add_history(id, "edited", origin.describe(), mine->text, {});
            return Stored{id, StoreOutcome::merged, {}, {}};
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
        impl_->add_history(id, "removed", origin.describe(), mine->text, {});
        return true;
    });
    if (!done) return done.error();
    if (!*done) return make_error("no contact number " + std::to_string(id));
    return Ok{};
}

Status AddressBook::keep_provenance(ContactId id, const std::vector<Provenance>& entries) {
    auto known = provenance(id);
    if (!known) return known.error();
    auto done = impl_->run_write<bool>("keeping where a contact came from", [&] {
        for (const auto& entry : entries) {
            const bool has = std::any_of(known->begin(), known->end(), [&](const Provenance& p) {
                return p.at == entry.at && p.origin.kind == entry.origin.kind &&
                       p.origin.detail == entry.origin.detail &&
                       p.origin.card_number == entry.origin.card_number &&
                       p.origin.sender == entry.origin.sender &&
                       p.origin.service == entry.origin.service &&
                       p.origin.delivery_id == entry.origin.delivery_id;
            });
            if (!has) impl_->add_provenance(id, entry.origin, entry.at);
        }
        return true;
    });
    if (!done) return done.error();
    return Ok{};
}

Result<std::int64_t> AddressBook::last_change() const {
    return impl_->run_read<std::int64_t>("reading the history", [&] {
        auto stmt = impl_->db.prepare("SELECT coalesce(max(id), 0) FROM history");
        stmt.step();
        return stmt.integer(0);
    });
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

Result<std::size_t> AddressBook::undo_source(const std::string& source_prefix) {
    std::size_t undone = 0;
    auto done = transaction([&]() -> Status {
        std::vector<ContactId> contacts;
        auto stmt = impl_->db.prepare(
            "SELECT h.contact FROM history h WHERE h.id = (SELECT MAX(id) FROM history WHERE "
            "contact = h.contact AND undone = 0 AND action <> 'undo') AND substr(h.source, 1, "
            "length(?1)) = ?1 ORDER BY h.contact");
        stmt.bind(1, source_prefix);
        while (stmt.step())
            contacts.push_back(stmt.integer(0));
        stmt.reset();
        for (const ContactId id : contacts) {
            if (auto reverted = undo(id); !reverted) return reverted.error();
            ++undone;
        }
        return Ok{};
    });
    if (!done) return done.error();
    return undone;
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
            const auto before = stmt.optional_text(5);
            const auto alias = stmt.optional_text(8);
            stmt.reset();
            const auto current = impl_->load(id);
            if (last.before && current) {
                impl_->update(id, *last.before, *before);
                impl_->rewrite_keys(id, *last.before);
            } else if (last.before) {
                vcard::Card restored = *last.before;
                std::string text;
                impl_->insert(restored, id, match_keys(restored, impl_->phone_keys), text);
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
            impl_->add_history(id, "undo", "undo of: " + last.action + ", " + last.source,
                               current ? std::optional(current->text) : std::nullopt, {});
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
