// SqliteDeliveryStore: the DeliveryStore in the service's SQLite database (schema.cpp).
//
// Flow of one delivery (states as in the draft, stored by name):
//   add_card         pending, next_attempt = now + lease (the first copy is on its way)
//   record_copies    sent, attempts + 1; next_attempt = the next timer resend for a capable
//                    recipient, else the expiry (a recipient without the protocol gets one copy)
//   claim_due        due deliveries: resend (leased again) or expire
//   bounce           a copy came back with an error: one that can heal -> pending with backoff
//                    (the reason kept for status); one that cannot -> refused
//   ack              acked or rejected; the first final state wins
// A final delivery frees its card once no open delivery shares it, and is purged after the
// card lifetime.
#pragma once

#include <random>

#include "component/store/card_compressor.hpp"
#include "component/store/delivery_store.hpp"
#include "component/store/sqlite.hpp"

namespace cardex::component::store {

class SqliteDeliveryStore final : public DeliveryStore {
  public:
    SqliteDeliveryStore(Database& db, RetryPolicy policy);

    using DeliveryStore::add_card;
    SubmitOutcome add_card(NewCard& card, std::uint64_t max_pending, Timestamp now) override;
    std::optional<SubmitOutcome> earlier_submit(const std::string& sender, const std::string& id,
                                                const std::string& digest, Timestamp now) override;
    void record_copies(const std::vector<Copy>& copies) override;
    void release(const std::vector<std::string>& ids, Timestamp now) override;
    AckOutcome ack(const protocol::Ack& ack, const std::string& requester, Timestamp now) override;
    std::optional<std::string> open_recipient(const std::string& id) override;
    std::optional<FinalDelivery> bounce(const std::string& id, bool retry,
                                        const std::string& reason, Timestamp now) override;
    bool make_capable(const std::string& jid, Timestamp now) override;
    void set_card_form(const std::string& jid, protocol::CardForm form, Timestamp now) override;
    std::uint64_t count_open(const std::string& recipient, std::uint64_t at_most) override;
    OpenPage open_deliveries(const std::string& recipient, const std::optional<SyncCursor>& after,
                             std::size_t limit) override;
    DueWork claim_due(Timestamp now, std::size_t limit) override;
    std::vector<protocol::DeliveryStatus> status(const std::string& sender,
                                                 const std::vector<std::string>& ids) override;
    std::size_t purge(Timestamp now) override;

  private:
    struct Row;
    std::optional<Row> find(const std::string& id);
    std::optional<FinalDelivery> finalize(const Row& row, DeliveryState state, Timestamp now,
                                          const std::optional<std::string>& reason);
    bool is_capable(const std::string& jid);
    // The form a capable recipient's copies go in; nothing for one that is not capable.
    std::optional<protocol::CardForm> card_form_of(const std::string& jid);
    Timestamp next_resend(Timestamp after, std::uint64_t attempts);
    Timestamp expiry(const Row& row) const;
    void remember_submit(const NewCard& card, Timestamp now);
    // The delivery with its card, whose copies go in `form` (its recipient's, looked up once by
    // the caller).
    OpenDelivery with_card(const Row& row, protocol::CardForm form);
    // Open deliveries to `recipient`, updates only if `updates` (they do not count for quotas).
    std::uint64_t count_open(const std::string& recipient, std::uint64_t at_most, bool updates);
    // Expires the open updates of card's set from its sender to `recipient`.
    void supersede_updates(const NewCard& card, const std::string& recipient, Timestamp now);

    Database& db_;
    RetryPolicy policy_;
    std::mt19937_64 random_;
    CardCompressor compressor_;
};

}  // namespace cardex::component::store
