// AddressBook's sent deliveries and the card services it knows.
#include "client/book/book_store.hpp"

namespace cardex::client::book {
namespace {

// A stored state this program does not know means a database written by a newer one, or a
// corrupt one.
protocol::DeliveryState state_from(const std::string& text) {
    if (auto state = protocol::delivery_state_from(text)) return *state;
    throw sqlite::SqliteError("unknown state '" + text + "' of a sent card");
}

protocol::DeliveryState state_of(protocol::ReceiptStatus status) {
    switch (status) {
        case protocol::ReceiptStatus::saved:
            return protocol::DeliveryState::acked;
        case protocol::ReceiptStatus::rejected:
            return protocol::DeliveryState::rejected;
        case protocol::ReceiptStatus::expired:
            return protocol::DeliveryState::expired;
        case protocol::ReceiptStatus::refused:
            return protocol::DeliveryState::refused;
    }
    return protocol::DeliveryState::acked;
}

// Records what is known of a delivery: a new row, or the state of an existing one. A final
// state is never replaced by a state that is not (answers can arrive out of order).
void upsert(sqlite::Database& db, const SentCard& s) {
    db.cached(
          "INSERT INTO sent (service, delivery_id, recipient, contact_uid, contact_name, sent_at, "
          "state, attempts, updated, reason) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10) "
          "ON CONFLICT (service, delivery_id) DO UPDATE SET state = excluded.state, "
          "attempts = max(attempts, excluded.attempts), updated = excluded.updated, "
          "reason = excluded.reason "
          "WHERE state NOT IN ('acked', 'rejected', 'expired', 'refused') OR "
          "excluded.state IN ('acked', 'rejected', 'expired', 'refused')")
        .bind(1, s.service)
        .bind(2, s.delivery_id)
        .bind(3, s.recipient)
        .bind(4, s.contact_uid)
        .bind(5, s.contact_name)
        .bind(6, to_millis(s.sent_at))
        .bind(7, protocol::to_string(s.state))
        .bind(8, static_cast<std::int64_t>(s.attempts))
        .bind(9, to_millis(s.updated))
        .bind(10, s.reason)
        .run();
}

SentCard read_sent(const sqlite::Statement& row) {
    SentCard s;
    s.service = row.text(0);
    s.delivery_id = row.text(1);
    s.recipient = row.text(2);
    s.contact_uid = row.text(3);
    s.contact_name = row.text(4);
    s.sent_at = from_millis(row.integer(5));
    s.state = state_from(row.text(6));
    s.attempts = static_cast<std::uint64_t>(row.integer(7));
    s.updated = from_millis(row.integer(8));
    s.reason = row.optional_text(9);
    return s;
}

}  // namespace

Status AddressBook::record_sent(const std::vector<SentCard>& deliveries) {
    return impl_->run_write<Ok>("recording sent cards", [&] {
        for (const auto& s : deliveries)
            upsert(impl_->db, s);
        return Ok{};
    });
}

Status AddressBook::update_sent(const std::string& service, const protocol::DeliveryStatus& st) {
    return impl_->run_write<Ok>("recording a delivery's state", [&] {
        SentCard s;
        s.service = service;
        s.delivery_id = st.id;
        s.recipient = st.to.bare_str();
        s.sent_at = st.created;
        s.state = st.state;
        s.attempts = st.attempts;
        s.updated = st.updated;
        s.reason = st.reason;
        upsert(impl_->db, s);
        return Ok{};
    });
}

Status AddressBook::apply_receipt(const std::string& service, const protocol::Receipt& receipt) {
    return impl_->run_write<Ok>("recording a receipt", [&] {
        SentCard s;
        s.service = service;
        s.delivery_id = receipt.id;
        s.recipient = receipt.to.bare_str();
        s.sent_at = receipt.stamp;
        s.state = state_of(receipt.status);
        s.updated = receipt.stamp;
        s.reason = receipt.reason;
        upsert(impl_->db, s);
        return Ok{};
    });
}

Result<std::vector<SentCard>> AddressBook::sent(std::string_view id) const {
    return impl_->run_read<std::vector<SentCard>>("listing sent cards", [&] {
        auto stmt = impl_->db.prepare(
            "SELECT service, delivery_id, recipient, contact_uid, contact_name, sent_at, state, "
            "attempts, updated, reason FROM sent WHERE substr(delivery_id, 1, length(?1)) = ?1 "
            "ORDER BY sent_at DESC, delivery_id");
        stmt.bind(1, std::string(id));
        std::vector<SentCard> out;
        while (stmt.step())
            out.push_back(read_sent(stmt));
        return out;
    });
}

Status AddressBook::remember_service(const std::string& jid) {
    return impl_->run_write<Ok>("remembering a card service", [&] {
        impl_->db.cached("INSERT OR IGNORE INTO services (jid, first_seen) VALUES (?1, ?2)")
            .bind(1, jid)
            .bind(2, to_millis(impl_->now()))
            .run();
        return Ok{};
    });
}

Result<std::vector<std::string>> AddressBook::services() const {
    return impl_->run_read<std::vector<std::string>>("listing card services", [&] {
        auto stmt = impl_->db.prepare("SELECT jid FROM services ORDER BY first_seen, jid");
        std::vector<std::string> out;
        while (stmt.step())
            out.push_back(stmt.text(0));
        return out;
    });
}

Status AddressBook::set_home_service(const std::string& account, const std::string& jid) {
    return impl_->run_write<Ok>("remembering the home service", [&] {
        impl_->db.cached("UPDATE services SET home_of = NULL WHERE home_of = ?1")
            .bind(1, account)
            .run();
        impl_->db
            .cached(
                "INSERT INTO services (jid, home_of, first_seen) VALUES (?1, ?2, ?3) "
                "ON CONFLICT (jid) DO UPDATE SET home_of = excluded.home_of")
            .bind(1, jid)
            .bind(2, account)
            .bind(3, to_millis(impl_->now()))
            .run();
        return Ok{};
    });
}

Result<std::optional<std::string>> AddressBook::home_service(const std::string& account) const {
    return impl_->run_read<std::optional<std::string>>("reading the home service", [&] {
        auto stmt = impl_->db.prepare("SELECT jid FROM services WHERE home_of = ?1");
        stmt.bind(1, account);
        std::optional<std::string> jid;
        if (stmt.step()) jid = stmt.text(0);
        return jid;
    });
}

}  // namespace cardex::client::book
