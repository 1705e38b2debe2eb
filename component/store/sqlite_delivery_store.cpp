#include "component/store/sqlite_delivery_store.hpp"

#include <algorithm>
#include <sstream>

#include "component/store/address_key.hpp"

namespace cardex::component::store {
namespace {

std::string_view state_name(DeliveryState s) {
    return protocol::to_string(s);
}
DeliveryState state_of(const std::string& name) {
    if (auto state = protocol::delivery_state_from(name)) return *state;
    throw SqliteError("a delivery has the unknown state '" + name + "'");
}
bool is_final(DeliveryState s) {
    return s >= DeliveryState::acked;
}

constexpr std::size_t kStatusMax = 100;
constexpr std::string_view kRowColumns =
    "id, card, sender, recipient, state, attempts, created, updated, next_attempt, reason, "
    "set_name, set_version, via, is_update, seq";

// The 'via' column: "token", "web" or NULL.
std::optional<protocol::Via> via_of(const std::optional<std::string>& text) {
    if (text == "token") return protocol::Via::token;
    if (text == "web") return protocol::Via::web;
    return std::nullopt;
}
std::optional<std::string> via_text(const std::optional<protocol::Via>& via) {
    if (!via) return std::nullopt;
    return std::string(*via == protocol::Via::web ? "web" : "token");
}

}  // namespace

struct SqliteDeliveryStore::Row {
    std::string id;
    std::int64_t card = 0;
    std::string sender;
    std::string recipient;
    DeliveryState state = DeliveryState::pending;
    std::uint64_t attempts = 0;
    Timestamp created{};
    Timestamp updated{};
    Timestamp next_attempt{};
    std::optional<std::string> reason;
    CardOrigin origin;
    std::int64_t seq = 0;  // the order rows were stored in

    static Row read(const Statement& s) {
        Row row{s.text(0),
                s.integer(1),
                s.text(2),
                s.text(3),
                state_of(s.text(4)),
                static_cast<std::uint64_t>(s.integer(5)),
                at_ms(s.integer(6)),
                at_ms(s.integer(7)),
                at_ms(s.integer(8)),
                s.optional_text(9),
                {}};
        row.origin.set = s.optional_text(10);
        if (row.origin.set) row.origin.version = static_cast<std::uint64_t>(s.integer(11));
        row.origin.via = via_of(s.optional_text(12));
        row.origin.update = s.integer(13) != 0;
        row.seq = s.integer(14);
        return row;
    }
};

SqliteDeliveryStore::SqliteDeliveryStore(Database& db, RetryPolicy policy)
    : db_(db), policy_(policy), random_(std::random_device{}()) {}

SubmitOutcome SqliteDeliveryStore::add_card(NewCard& card, std::uint64_t max_pending,
                                            Timestamp now) {
    if (card.submit_id) {
        if (auto earlier = earlier_submit(card.sender, *card.submit_id, card.digest, now))
            return *earlier;
    }
    for (const auto& d : card.deliveries) {
        if (card.origin.update) {
            supersede_updates(card, d.recipient, now);
        } else if (count_open(d.recipient, max_pending, false) >= max_pending) {
            SubmitOutcome over;
            over.over_quota = d.recipient;
            return over;
        }
    }
    auto& insert_card = db_.cached("INSERT INTO cards (sender, stamp, xml) VALUES (?, ?, ?)");
    insert_card.bind(1, card.sender).bind(2, ms(card.stamp));
    insert_card.bind_blob(3, compressor_.compress(card.xml)).run();
    const std::int64_t card_id = sqlite3_last_insert_rowid(db_.handle());
    auto& insert = db_.cached(
        "INSERT INTO deliveries (id, card, sender, sender_key, recipient, recipient_key, state,"
        " attempts, created, updated, next_attempt, set_name, set_version, via, is_update)"
        " VALUES (?, ?, ?, ?, ?, ?, 'pending', 0, ?, ?, ?, ?, ?, ?, ?)");
    const auto& origin = card.origin;
    const std::optional<std::int64_t> version =
        origin.version ? std::optional<std::int64_t>(static_cast<std::int64_t>(*origin.version))
                       : std::nullopt;
    const std::optional<std::string> via = via_text(origin.via);
    const std::int64_t sender_key = address_key(card.sender);
    for (auto& d : card.deliveries) {
        d.form = card_form_of(d.recipient).value_or(protocol::CardForm::xcard);
        insert.bind(1, d.id).bind(2, card_id).bind(3, card.sender).bind(4, sender_key);
        insert.bind(5, d.recipient).bind(6, address_key(d.recipient));
        insert.bind(7, ms(card.stamp)).bind(8, ms(now)).bind(9, ms(now + policy_.lease));
        insert.bind(10, origin.set).bind(11, version).bind(12, via);
        insert.bind(13, static_cast<std::int64_t>(origin.update ? 1 : 0)).run();
    }
    remember_submit(card, now);
    return {};
}

// Deliveries are remembered as one "id recipient" line each, in the order of the result.
std::optional<SubmitOutcome> SqliteDeliveryStore::earlier_submit(const std::string& sender,
                                                                 const std::string& id,
                                                                 const std::string& digest,
                                                                 Timestamp now) {
    auto& select = db_.cached(
        "SELECT created, digest, deliveries FROM submits WHERE sender = ? AND id = ? AND "
        "created > ?");
    select.bind(1, sender).bind(2, id).bind(3, ms(now - policy_.submit_ids));
    std::optional<SubmitOutcome> found;
    if (select.step()) {
        found.emplace();
        if (select.text(1) != digest) {
            found->id_used_at = at_ms(select.integer(0));
        } else {
            found->repeated.emplace();
            std::istringstream lines(select.text(2));
            std::string delivery, recipient;
            while (lines >> delivery >> recipient)
                found->repeated->push_back({delivery, recipient});
        }
    }
    select.reset();
    return found;
}

void SqliteDeliveryStore::remember_submit(const NewCard& card, Timestamp now) {
    if (!card.submit_id) return;
    std::string deliveries;
    for (const auto& d : card.deliveries)
        deliveries += d.id + " " + d.recipient + "\n";
    // An entry older than the window may still be there until the next purge: replace it.
    auto& insert = db_.cached(
        "INSERT OR REPLACE INTO submits (sender, id, created, digest, deliveries)"
        " VALUES (?, ?, ?, ?, ?)");
    insert.bind(1, card.sender).bind(2, *card.submit_id).bind(3, ms(now)).bind(4, card.digest);
    insert.bind(5, deliveries).run();
}

void SqliteDeliveryStore::record_copies(const std::vector<Copy>& copies) {
    auto& update = db_.cached(
        "UPDATE deliveries SET state = 'sent', attempts = ?, updated = ?, next_attempt = ?"
        " WHERE id = ? AND is_open = 1");
    for (const auto& copy : copies) {
        auto row = find(copy.id);
        if (!row || is_final(row->state)) continue;
        const std::uint64_t attempts = row->attempts + 1;
        const Timestamp next =
            is_capable(row->recipient) ? next_resend(copy.at, attempts) : expiry(*row);
        update.bind(1, static_cast<std::int64_t>(attempts)).bind(2, ms(copy.at));
        update.bind(3, ms(std::min(next, expiry(*row)))).bind(4, copy.id).run();
    }
}

void SqliteDeliveryStore::release(const std::vector<std::string>& ids, Timestamp now) {
    auto& update =
        db_.cached("UPDATE deliveries SET next_attempt = ? WHERE id = ? AND is_open = 1");
    for (const auto& id : ids)
        update.bind(1, ms(now)).bind(2, id).run();
}

AckOutcome SqliteDeliveryStore::ack(const protocol::Ack& ack, const std::string& requester,
                                    Timestamp now) {
    auto row = find(ack.id);
    if (!row) return {AckOutcome::Kind::unknown, std::nullopt};
    if (row->recipient != requester) return {AckOutcome::Kind::not_recipient, std::nullopt};
    if (is_final(row->state)) return {AckOutcome::Kind::already_final, std::nullopt};
    const auto state =
        ack.status == protocol::AckStatus::saved ? DeliveryState::acked : DeliveryState::rejected;
    auto final = finalize(*row, state, now, ack.reason);
    if (!final) return {AckOutcome::Kind::already_final, std::nullopt};
    return {AckOutcome::Kind::finalized, std::move(final)};
}

std::optional<std::string> SqliteDeliveryStore::open_recipient(const std::string& id) {
    auto row = find(id);
    if (!row || is_final(row->state)) return std::nullopt;
    return row->recipient;
}

std::optional<FinalDelivery> SqliteDeliveryStore::bounce(const std::string& id, bool retry,
                                                         const std::string& reason, Timestamp now) {
    auto row = find(id);
    if (!row || is_final(row->state)) return std::nullopt;
    if (!retry) return finalize(*row, DeliveryState::refused, now, reason);
    auto& update = db_.cached(
        "UPDATE deliveries SET state = 'pending', updated = ?, next_attempt = ?, reason = ?"
        " WHERE id = ? AND is_open = 1");
    const Timestamp next =
        std::min(next_resend(now, std::max<std::uint64_t>(row->attempts, 1)), expiry(*row));
    update.bind(1, ms(now)).bind(2, ms(next)).bind(3, reason).bind(4, id).run();
    return std::nullopt;
}

bool SqliteDeliveryStore::make_capable(const std::string& jid, Timestamp now) {
    auto& insert = db_.cached("INSERT OR IGNORE INTO capable (jid, since) VALUES (?, ?)");
    insert.bind(1, jid).bind(2, ms(now)).run();
    if (db_.changes() == 0) return false;
    // Its sent cards were waiting for their expiry: give them their first timer resend.
    auto& update = db_.cached(
        "UPDATE deliveries SET next_attempt = min(next_attempt, ?)"
        " WHERE recipient_key = ? AND recipient = ? AND is_open = 1 AND state = 'sent'");
    update.bind(1, ms(now + policy_.initial)).bind(2, address_key(jid)).bind(3, jid).run();
    return true;
}

void SqliteDeliveryStore::set_card_form(const std::string& jid, protocol::CardForm form,
                                        Timestamp now) {
    make_capable(jid, now);
    auto& update = db_.cached("UPDATE capable SET card_form = ? WHERE jid = ?");
    update.bind(1, protocol::to_string(form)).bind(2, jid).run();
}

std::uint64_t SqliteDeliveryStore::count_open(const std::string& recipient, std::uint64_t at_most) {
    return count_open(recipient, at_most, true);
}

std::uint64_t SqliteDeliveryStore::count_open(const std::string& recipient, std::uint64_t at_most,
                                              bool updates) {
    // The counts the triggers of migration 11 keep (schema.cpp), by the address's key
    // (address_key.hpp), as the index of open deliveries by recipient is.
    auto& count =
        db_.cached("SELECT cards + ?2 * updates FROM open_counts WHERE recipient_key = ?1");
    count.bind(1, address_key(recipient)).bind(2, static_cast<std::int64_t>(updates ? 1 : 0));
    const bool found = count.step();
    const auto open = found ? static_cast<std::uint64_t>(count.integer(0)) : 0;
    // A statement left on its row keeps a read transaction open after COMMIT, and SQLite then
    // refuses every automatic checkpoint (SQLITE_LOCKED): the WAL would grow without end.
    count.reset();
    return std::min(open, at_most);
}

OpenPage SqliteDeliveryStore::open_deliveries(const std::string& recipient,
                                              const std::optional<SyncCursor>& after,
                                              std::size_t limit) {
    // The index by recipient keeps cards and updates apart, each in the order stored: one
    // ordered range of each, merged.
    const auto open_of_kind = [](std::string_view is_update) {
        return "SELECT * FROM (SELECT " + std::string(kRowColumns) +
               " FROM deliveries WHERE recipient_key = ?1 AND is_open = 1 AND is_update = " +
               std::string(is_update) + " AND seq > ?2 AND recipient = ?3 ORDER BY seq LIMIT ?4)";
    };
    auto& select = db_.cached(open_of_kind("0") + " UNION ALL " + open_of_kind("1") +
                              " ORDER BY seq LIMIT ?4");
    select.bind(1, address_key(recipient));
    select.bind(2, after ? after->seq : std::int64_t{0});
    select.bind(3, recipient);
    select.bind(4, static_cast<std::int64_t>(limit));
    std::vector<Row> rows;
    while (select.step())
        rows.push_back(Row::read(select));
    select.reset();
    OpenPage page;
    const auto form = card_form_of(recipient).value_or(protocol::CardForm::xcard);
    for (const auto& row : rows)
        page.deliveries.push_back(with_card(row, form));
    if (!rows.empty() && rows.size() == limit) page.next = SyncCursor{rows.back().seq};
    return page;
}

DueWork SqliteDeliveryStore::claim_due(Timestamp now, std::size_t limit) {
    auto& select = db_.cached("SELECT " + std::string(kRowColumns) +
                              " FROM deliveries WHERE is_open = 1"
                              " AND next_attempt <= ?"
                              " ORDER BY next_attempt LIMIT ?");
    select.bind(1, ms(now)).bind(2, static_cast<std::int64_t>(limit));
    std::vector<Row> rows;
    while (select.step())
        rows.push_back(Row::read(select));
    select.reset();

    // A claim moves next_attempt past now only where it is still due, so that of two claimers
    // (two service processes on one database) only one gets a delivery.
    auto& claim = db_.cached(
        "UPDATE deliveries SET next_attempt = ? WHERE id = ? AND next_attempt <= ?"
        " AND is_open = 1");
    const auto claimed = [&](const Row& row, Timestamp until) {
        claim.bind(1, ms(until)).bind(2, row.id).bind(3, ms(now)).run();
        return db_.changes() == 1;
    };
    DueWork work;
    for (const auto& row : rows) {
        if (expiry(row) <= now) {
            if (auto final = finalize(row, DeliveryState::expired, now, std::nullopt))
                work.expired.push_back(std::move(*final));
        } else if (const auto form = card_form_of(row.recipient);
                   row.state == DeliveryState::pending || form) {
            if (claimed(row, now + policy_.lease))
                work.resend.push_back(with_card(row, form.value_or(protocol::CardForm::xcard)));
        } else {
            // Sent once to a recipient without the protocol: nothing more until it expires.
            claimed(row, expiry(row));
        }
    }
    return work;
}

std::vector<protocol::DeliveryStatus> SqliteDeliveryStore::status(
    const std::string& sender, const std::vector<std::string>& ids) {
    std::vector<Row> rows;
    if (ids.empty()) {
        auto& newest = db_.cached("SELECT " + std::string(kRowColumns) +
                                  " FROM deliveries WHERE sender_key = ? AND sender = ?"
                                  " ORDER BY seq DESC LIMIT ?");
        newest.bind(1, address_key(sender)).bind(2, sender);
        newest.bind(3, static_cast<std::int64_t>(kStatusMax));
        while (newest.step())
            rows.push_back(Row::read(newest));
        newest.reset();
    } else {
        for (const auto& id : ids) {
            if (auto row = find(id); row && row->sender == sender) rows.push_back(*row);
        }
    }
    std::vector<protocol::DeliveryStatus> result;
    for (const auto& row : rows) {
        auto to = xmpp::Jid::parse(row.recipient);
        if (!to) continue;
        result.push_back(
            {row.id, *to, row.state, row.attempts, row.created, row.updated, row.reason});
    }
    return result;
}

std::size_t SqliteDeliveryStore::purge(Timestamp now) {
    auto& purge = db_.cached("DELETE FROM deliveries WHERE is_open = 0 AND updated <= ?");
    purge.bind(1, ms(now - policy_.lifetime)).run();
    const auto purged = static_cast<std::size_t>(db_.changes());
    auto& forget = db_.cached("DELETE FROM submits WHERE created <= ?");
    forget.bind(1, ms(now - policy_.submit_ids)).run();
    // A recipient with nothing open needs no count; kept, they would add up to every address
    // ever sent a card.
    db_.cached("DELETE FROM open_counts WHERE cards = 0 AND updates = 0").run();
    return purged;
}

std::optional<SqliteDeliveryStore::Row> SqliteDeliveryStore::find(const std::string& id) {
    auto& select =
        db_.cached("SELECT " + std::string(kRowColumns) + " FROM deliveries WHERE id = ?");
    select.bind(1, id);
    std::optional<Row> row;
    if (select.step()) row = Row::read(select);
    select.reset();
    return row;
}

std::optional<FinalDelivery> SqliteDeliveryStore::finalize(
    const Row& row, DeliveryState state, Timestamp now, const std::optional<std::string>& reason) {
    // The first final state wins: a writer that read the row open but comes second (another
    // service process on a shared database) ends nothing, so it sends no second receipt.
    auto& update = db_.cached(
        "UPDATE deliveries SET state = ?, is_open = 0, updated = ?, reason = ? WHERE id = ?"
        " AND is_open = 1");
    update.bind(1, state_name(state)).bind(2, ms(now)).bind(3, reason).bind(4, row.id).run();
    if (db_.changes() != 1) return std::nullopt;
    // The card is no longer needed once no open delivery shares it.
    auto& drop = db_.cached(
        "DELETE FROM cards WHERE card = ?1 AND NOT EXISTS"
        " (SELECT 1 FROM deliveries WHERE card = ?1 AND is_open = 1)");
    drop.bind(1, row.card).run();
    return FinalDelivery{row.id,      row.sender, row.recipient, state,
                         row.created, now,        reason,        row.origin};
}

void SqliteDeliveryStore::supersede_updates(const NewCard& card, const std::string& recipient,
                                            Timestamp now) {
    auto& select = db_.cached("SELECT " + std::string(kRowColumns) +
                              " FROM deliveries WHERE recipient = ? AND sender = ? AND"
                              " set_name = ? AND is_update = 1 AND is_open = 1");
    select.bind(1, recipient).bind(2, card.sender).bind(3, card.origin.set);
    std::vector<Row> older;
    while (select.step())
        older.push_back(Row::read(select));
    select.reset();
    for (const auto& row : older)
        finalize(row, DeliveryState::expired, now, std::string("superseded by a newer version"));
}

bool SqliteDeliveryStore::is_capable(const std::string& jid) {
    return card_form_of(jid).has_value();
}

std::optional<protocol::CardForm> SqliteDeliveryStore::card_form_of(const std::string& jid) {
    auto& select = db_.cached("SELECT card_form FROM capable WHERE jid = ?");
    select.bind(1, jid);
    std::optional<protocol::CardForm> form;
    if (select.step())
        form = select.text(0) == "text" ? protocol::CardForm::text : protocol::CardForm::xcard;
    select.reset();
    return form;
}

Timestamp SqliteDeliveryStore::next_resend(Timestamp after, std::uint64_t attempts) {
    // The n-th resend comes initial * 2^(n-1) after the previous copy, at most max later.
    std::int64_t base = policy_.initial.count();
    for (std::uint64_t i = 1; i < attempts && base < policy_.max.count(); ++i)
        base *= 2;
    base = std::min(base, policy_.max.count());
    double factor = 1.0;
    if (policy_.jitter > 0) {
        factor += std::uniform_real_distribution<double>(-policy_.jitter, policy_.jitter)(random_);
    }
    const auto delay = static_cast<std::int64_t>(static_cast<double>(base) * factor);
    return after + Duration(std::max<std::int64_t>(delay, 1));
}

Timestamp SqliteDeliveryStore::expiry(const Row& row) const {
    return row.created + policy_.lifetime;
}

OpenDelivery SqliteDeliveryStore::with_card(const Row& row, protocol::CardForm form) {
    auto& select = db_.cached("SELECT xml FROM cards WHERE card = ?");
    select.bind(1, row.card);
    std::string stored;
    bool compressed = false;  // cards stored before compression are TEXT
    if (select.step()) {
        compressed = select.is_blob(0);
        stored = select.blob(0);
    }
    select.reset();  // before a damaged frame throws
    std::string xml = compressed ? compressor_.decompress(stored) : std::move(stored);
    return {row.id,         row.sender,   row.recipient, row.created,
            std::move(xml), row.attempts, row.origin,    form};
}

}  // namespace cardex::component::store
