// AddressBook's memory of deliveries: cards received (de-duplicated by service and delivery
// id, with their ack state and the inbox), cards sent and their states, and card services.
#include <array>

#include "client/book/book_store.hpp"
#include "core/xmpp/jid.hpp"

namespace cardex::client::book {
namespace {

constexpr std::string_view kReceivedColumns =
    "id, service, delivery_id, sender, verified, stamp, received_at, state, reason, contact, "
    "vcard, card_set, version, is_update, ack_answered";

constexpr std::array<std::string_view, 5> kReceivedStates = {"saved", "inbox", "accepted",
                                                             "declined", "invalid"};

// A stored state this program does not know means a database written by a newer one, or a
// corrupt one.
ReceivedState received_state(const std::string& text) {
    for (std::size_t i = 0; i < kReceivedStates.size(); ++i) {
        if (kReceivedStates[i] == text) return static_cast<ReceivedState>(i);
    }
    throw sqlite::SqliteError("unknown state '" + text + "' of a received card");
}

ReceivedCard read_received(const sqlite::Statement& row) {
    ReceivedCard r;
    r.id = row.integer(0);
    r.service = row.text(1);
    r.delivery_id = row.text(2);
    r.sender = row.text(3);
    r.verified = row.integer(4) != 0;
    r.stamp = from_millis(row.integer(5));
    r.received_at = from_millis(row.integer(6));
    r.state = received_state(row.text(7));
    r.reason = row.optional_text(8);
    if (row.optional_text(9)) r.contact = row.integer(9);
    r.card = optional_card(row.optional_text(10));
    r.set = row.optional_text(11);
    if (row.optional_text(12)) r.version = static_cast<std::uint64_t>(row.integer(12));
    r.update = row.integer(13) != 0;
    r.ack_answered = row.integer(14) != 0;
    return r;
}

std::vector<ReceivedCard> read_all_received(sqlite::Statement& stmt) {
    std::vector<ReceivedCard> out;
    while (stmt.step())
        out.push_back(read_received(stmt));
    return out;
}

// The draft's rule for showing a sender as verified: the service is a subdomain of the
// sender's domain (cards.a.test for alice@a.test).
bool service_vouches_for(const std::string& service, const std::string& sender) {
    auto jid = xmpp::Jid::parse(sender);
    if (!jid) return false;
    const std::string suffix = "." + jid->domain;
    return service.size() > suffix.size() &&
           service.compare(service.size() - suffix.size(), suffix.size(), suffix) == 0;
}

// Every received card asks this, and stores with the two below: their statements are kept.
std::optional<ReceivedCard> find_by_key(sqlite::Database& db, const std::string& service,
                                        const std::string& delivery_id) {
    static const std::string sql = "SELECT " + std::string(kReceivedColumns) +
                                   " FROM received WHERE service = ?1 AND delivery_id = ?2";
    auto& stmt = db.cached(sql);
    stmt.bind(1, service).bind(2, delivery_id);
    std::optional<ReceivedCard> found;
    if (stmt.step()) found = read_received(stmt);
    stmt.reset();
    return found;
}

std::optional<ReceivedCard> find_by_id(sqlite::Database& db, std::int64_t id) {
    auto stmt =
        db.prepare("SELECT " + std::string(kReceivedColumns) + " FROM received WHERE id = ?1");
    stmt.bind(1, id);
    if (!stmt.step()) return std::nullopt;
    return read_received(stmt);
}

std::int64_t insert_received(sqlite::Database& db, const ReceivedCard& r) {
    auto& stmt = db.cached(
        "INSERT INTO received (service, delivery_id, sender, verified, stamp, received_at, state, "
        "reason, contact, vcard, card_set, version, is_update) VALUES (?1, ?2, ?3, ?4, ?5, ?6, "
        "?7, ?8, NULL, ?9, ?10, ?11, ?12)");
    stmt.bind(1, r.service).bind(2, r.delivery_id).bind(3, r.sender);
    stmt.bind(4, std::int64_t{r.verified}).bind(5, to_millis(r.stamp));
    stmt.bind(6, to_millis(r.received_at)).bind(7, to_string(r.state)).bind(8, r.reason);
    stmt.bind(9, r.card ? std::optional(card_text(*r.card)) : std::nullopt).bind(10, r.set);
    std::optional<std::int64_t> version;
    if (r.version) version = static_cast<std::int64_t>(*r.version);
    stmt.bind(11, version).bind(12, std::int64_t{r.update});
    stmt.run();
    return sqlite3_last_insert_rowid(db.handle());
}

void set_outcome(sqlite::Database& db, std::int64_t id, ReceivedState state,
                 std::optional<ContactId> contact) {
    db.cached("UPDATE received SET state = ?2, contact = ?3 WHERE id = ?1")
        .bind(1, id)
        .bind(2, to_string(state))
        .bind(3, contact)
        .run();
}

// Whether `service` is the home service of an account of this book (found by disco and
// remembered): a card it delivers from an exchange with one of the user's tokens carries a
// sender the service itself authenticated.
bool is_home_service(sqlite::Database& db, const std::string& service) {
    auto stmt = db.prepare("SELECT 1 FROM services WHERE jid = ?1 AND home_of IS NOT NULL");
    stmt.bind(1, service);
    return stmt.step();
}

// Whether the book already holds `version` or a later one of the sender's set.
bool has_version(sqlite::Database& db, const ReceivedCard& r) {
    if (!r.set || !r.version) return false;
    auto stmt = db.prepare(
        "SELECT 1 FROM received WHERE sender = ?1 AND service = ?2 AND card_set = ?3 AND "
        "version >= ?4 AND state IN ('saved', 'accepted', 'inbox')");
    stmt.bind(1, r.sender).bind(2, r.service).bind(3, *r.set);
    stmt.bind(4, static_cast<std::int64_t>(*r.version));
    return stmt.step();
}

// The newest earlier version of the set `r` is a version of, as it was received and saved: what
// an update is compared with (merge.hpp, apply_update).
std::optional<vcard::Card> earlier_version(sqlite::Database& db, const ReceivedCard& r) {
    if (!r.set || !r.version) return std::nullopt;
    auto stmt = db.prepare(
        "SELECT vcard FROM received WHERE sender = ?1 AND service = ?2 AND card_set = ?3 AND "
        "version < ?4 AND state IN ('saved', 'accepted') AND vcard IS NOT NULL "
        "ORDER BY version DESC LIMIT 1");
    stmt.bind(1, r.sender).bind(2, r.service).bind(3, *r.set);
    stmt.bind(4, static_cast<std::int64_t>(*r.version));
    if (!stmt.step()) return std::nullopt;
    return optional_card(stmt.optional_text(0));
}

}  // namespace

std::string_view to_string(ReceivedState state) {
    return kReceivedStates[static_cast<std::size_t>(state)];
}

Result<Receiving> AddressBook::receive(const protocol::CardDelivery& delivery,
                                       const std::string& service) {
    return impl_->run_write<Receiving>("storing a received card", [&] {
        if (auto known = find_by_key(impl_->db, service, delivery.id))
            return Receiving{std::move(*known), true, std::nullopt};
        ReceivedCard r;
        r.service = service;
        r.delivery_id = delivery.id;
        r.sender = delivery.from.bare_str();
        // The draft: verified when the service is a subdomain of the sender's domain, or, for a
        // card that came through one of the user's tokens, when it is the user's home service.
        r.verified = service_vouches_for(service, r.sender) ||
                     (delivery.via == protocol::Via::token && is_home_service(impl_->db, service));
        r.stamp = delivery.stamp;
        r.received_at = impl_->now();
        r.state = impl_->options.inbox ? ReceivedState::inbox : ReceivedState::saved;
        r.card = delivery.card;
        r.set = delivery.set;
        r.version = delivery.version;
        r.update = delivery.update;
        const bool outdated = has_version(impl_->db, r);
        r.id = insert_received(impl_->db, r);
        Receiving result{r, false, std::nullopt};
        if (r.state == ReceivedState::saved && !outdated) {
            const MatchBy by = delivery.update ? MatchBy::uid_only : MatchBy::any_key;
            const auto before =
                delivery.update ? earlier_version(impl_->db, r) : std::optional<vcard::Card>();
            result.stored =
                impl_->store_card(prepare(delivery.card),
                                  Origin::delivery(r.sender, service, delivery.id,
                                                   set_detail(r.set, r.version, delivery.via)),
                                  by, before);
            result.record.contact = result.stored->contact;
            set_outcome(impl_->db, r.id, r.state, result.stored->contact);
        }
        return result;
    });
}

Result<std::vector<SetSource>> AddressBook::set_sources(ContactId contact) const {
    return impl_->run_read<std::vector<SetSource>>("reading where a contact came from", [&] {
        auto stmt = impl_->db.prepare(
            "SELECT DISTINCT sender, service, card_set FROM received WHERE contact = ?1 AND "
            "card_set IS NOT NULL AND sender <> service ORDER BY sender, card_set");
        stmt.bind(1, contact);
        std::vector<SetSource> out;
        while (stmt.step())
            out.push_back({stmt.text(0), stmt.text(1), stmt.text(2)});
        return out;
    });
}

Result<Receiving> AddressBook::receive_invalid(const std::string& service,
                                               const std::string& delivery_id,
                                               const std::string& sender,
                                               const std::string& reason) {
    return impl_->run_write<Receiving>("recording a card that cannot be used", [&] {
        if (auto known = find_by_key(impl_->db, service, delivery_id))
            return Receiving{std::move(*known), true, std::nullopt};
        ReceivedCard r;
        r.service = service;
        r.delivery_id = delivery_id;
        r.sender = sender;
        r.received_at = impl_->now();
        r.state = ReceivedState::invalid;
        r.reason = reason;
        r.id = insert_received(impl_->db, r);
        return Receiving{std::move(r), false, std::nullopt};
    });
}

Status AddressBook::mark_ack_answered(const std::string& service, const std::string& delivery_id) {
    return impl_->run_write<Ok>("recording an answered ack", [&] {
        impl_->db
            .cached(
                "UPDATE received SET ack_answered = 1 WHERE service = ?1 AND "
                "delivery_id = ?2")
            .bind(1, service)
            .bind(2, delivery_id)
            .run();
        return Ok{};
    });
}

Result<std::vector<ReceivedCard>> AddressBook::unanswered_acks(const std::string& service) const {
    return impl_->run_read<std::vector<ReceivedCard>>("listing unanswered acks", [&] {
        auto stmt = impl_->db.prepare("SELECT " + std::string(kReceivedColumns) +
                                      " FROM received WHERE service = ?1 AND ack_answered = 0 "
                                      "ORDER BY id");
        stmt.bind(1, service);
        return read_all_received(stmt);
    });
}

Result<std::vector<ReceivedCard>> AddressBook::inbox() const {
    return impl_->run_read<std::vector<ReceivedCard>>("listing the inbox", [&] {
        auto stmt = impl_->db.prepare("SELECT " + std::string(kReceivedColumns) +
                                      " FROM received WHERE state = 'inbox' ORDER BY id");
        return read_all_received(stmt);
    });
}

Result<ReceivedCard> AddressBook::find_received(std::string_view what) const {
    auto found = impl_->run_read<std::vector<ReceivedCard>>("finding a received card", [&] {
        const std::string text(what);
        auto stmt =
            impl_->db.prepare("SELECT " + std::string(kReceivedColumns) +
                              " FROM received WHERE CAST(id AS TEXT) = ?1 OR (length(?1) >= 4 AND "
                              "substr(delivery_id, 1, length(?1)) = ?1) ORDER BY id LIMIT 2");
        stmt.bind(1, text);
        return read_all_received(stmt);
    });
    if (!found) return found.error();
    if (found->empty()) return make_error("no received card '" + std::string(what) + "'");
    if (found->size() > 1) {
        return make_error("'" + std::string(what) +
                          "' matches several received cards; give more of the delivery id");
    }
    return std::move(found->front());
}

Result<Stored> AddressBook::accept(std::int64_t received_id) {
    auto done = impl_->run_write<Result<Stored>>("accepting a card", [&]() -> Result<Stored> {
        auto r = find_by_id(impl_->db, received_id);
        if (!r || r->state != ReceivedState::inbox || !r->card)
            return make_error("card " + std::to_string(received_id) + " is not in the inbox");
        Origin origin = Origin::delivery(r->sender, r->service, r->delivery_id,
                                         set_detail(r->set, r->version, std::nullopt));
        const MatchBy by = r->update ? MatchBy::uid_only : MatchBy::any_key;
        Stored stored = impl_->store_card(prepare(*r->card), origin, by);
        set_outcome(impl_->db, received_id, ReceivedState::accepted, stored.contact);
        return stored;
    });
    if (!done) return done.error();
    return std::move(done).value();
}

Status AddressBook::decline(std::int64_t received_id) {
    auto done = impl_->run_write<Status>("rejecting a card", [&]() -> Status {
        auto r = find_by_id(impl_->db, received_id);
        if (!r || r->state != ReceivedState::inbox)
            return make_error("card " + std::to_string(received_id) + " is not in the inbox");
        set_outcome(impl_->db, received_id, ReceivedState::declined, std::nullopt);
        return Ok{};
    });
    if (!done) return done.error();
    return std::move(done).value();
}

Result<std::vector<ReceivedCard>> AddressBook::received_for(ContactId id) const {
    return impl_->run_read<std::vector<ReceivedCard>>("listing received cards", [&] {
        auto stmt = impl_->db.prepare("SELECT " + std::string(kReceivedColumns) +
                                      " FROM received WHERE contact = ?1 ORDER BY id");
        stmt.bind(1, id);
        return read_all_received(stmt);
    });
}

}  // namespace cardex::client::book
