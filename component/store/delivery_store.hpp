// DeliveryStore: the cards on their way and their deliveries, behind the operations the service
// needs; SqliteDeliveryStore implements it. Each call runs inside the transaction the store
// worker has open (see store_worker.hpp), so a group of calls commits together, with those of
// the other stores (stores.hpp); a call that throws leaves nothing of itself behind.
//
// Written for more than one backend and more than one service process on one database: due
// work is claimed (claim_due) so that two claimers never get the same delivery within a lease,
// and every change of a delivery's state is guarded by the state it expects, so that a late
// writer can never overwrite a newer state (the first final state wins).
//
// Flow of one delivery (states as in the draft):
//   add_card         pending, next_attempt = now + lease (the first copy is on its way)
//   record_copies    sent, attempts + 1; next_attempt = the next timer resend for a capable
//                    recipient, else the expiry (a recipient without the protocol gets one copy)
//   claim_due         due deliveries: resend (lease again) or expire
//   bounce           a copy came back with an error: one that can heal -> pending with backoff
//                    (the reason kept for status); one that cannot -> rejected
//   ack              acked or rejected; the first final state wins
// A final delivery frees its card once no open delivery shares it, and is purged after the
// card lifetime.
#pragma once

#include <cstdint>
#include <limits>
#include <optional>
#include <random>
#include <string>
#include <vector>

#include "core/protocol/delivery.hpp"
#include "core/protocol/timestamp.hpp"

namespace cardex::component::store {

using protocol::DeliveryState;
using protocol::Timestamp;
using Duration = std::chrono::milliseconds;

inline constexpr std::uint64_t kCountAll = std::numeric_limits<std::int64_t>::max();

struct RetryPolicy {
    Duration lease{10'000};            // a copy on its way is left alone this long
    Duration initial{60'000};          // first timer resend after a copy...
    Duration max{21'600'000};          // ...doubling up to this
    Duration lifetime{2'592'000'000};  // 30 days: then a delivery expires
    double jitter = 0.1;               // resend delays vary by up to this fraction either way
    Duration submit_ids{86'400'000};   // a day: how long a submit's id is remembered
};

// Where a card on its way came from, which its copies say: the version of a card set it is,
// whether it was given in an exchange by token (via="token"), and whether it is an update of
// a set for one of its followers.
struct CardOrigin {
    std::optional<std::string> set;
    std::optional<std::uint64_t> version;
    std::optional<protocol::Via> via;  // how it came: a token's exchange or its web page
    bool update = false;               // a new version for a follower (set and version given)

    friend bool operator==(const CardOrigin&, const CardOrigin&) = default;
};

struct NewDelivery {
    std::string id;
    std::string recipient;  // bare JID
    // How its copies carry the card: set by add_card to the form the recipient asked for.
    protocol::CardForm form = protocol::CardForm::xcard;
};

struct NewCard {
    std::string sender;  // bare JID
    Timestamp stamp{};
    std::string xml;  // the <vcard/> as received
    std::vector<NewDelivery> deliveries;
    std::optional<std::string> submit_id;  // the client's id for the submit, if it gave one
    std::string digest;                    // of recipients and card: a repeat has the same
    CardOrigin origin;
};

// A delivery that is not final, with its card: what a copy is made from.
struct OpenDelivery {
    std::string id;
    std::string sender;
    std::string recipient;
    Timestamp stamp{};
    std::string xml;
    std::uint64_t attempts = 0;
    CardOrigin origin;
    protocol::CardForm form = protocol::CardForm::xcard;  // as the recipient asked
};

// A delivery that has just become final: what a receipt is made from.
struct FinalDelivery {
    std::string id;
    std::string sender;
    std::string recipient;
    DeliveryState state = DeliveryState::acked;
    Timestamp stamp{};  // when the card was submitted
    Timestamp at{};     // when it became final
    std::optional<std::string> reason;
    CardOrigin origin;
};

struct Copy {
    std::string id;
    Timestamp at{};
};

struct SubmitOutcome {
    std::optional<std::string> over_quota;  // a recipient with max_pending open deliveries
    // The submit repeats an earlier one with the same id: that one's deliveries, nothing new.
    std::optional<std::vector<NewDelivery>> repeated;
    // The id was used before, within the window, for other recipients or another card.
    std::optional<Timestamp> id_used_at;
};

struct AckOutcome {
    enum class Kind { unknown, not_recipient, already_final, finalized };
    Kind kind = Kind::unknown;
    std::optional<FinalDelivery> final;  // set for finalized
};

// Where a page of open deliveries ended: they come in the order they were stored.
struct SyncCursor {
    std::int64_t seq = 0;
};

struct OpenPage {
    std::vector<OpenDelivery> deliveries;
    std::optional<SyncCursor> next;  // set when more may follow
};

struct DueWork {
    std::vector<OpenDelivery> resend;
    std::vector<FinalDelivery> expired;
};

class DeliveryStore {
  public:
    virtual ~DeliveryStore() = default;

    // Stores the card and its deliveries, and sets each delivery's `form` to the one its
    // recipient asked for (set_card_form), unless a recipient already has `max_pending` open
    // deliveries (then nothing is stored). Updates (origin.update) are not counted and not
    // limited; an update supersedes the open updates of the same set to the same recipient,
    // which expire without being reported (nobody gets a receipt for an update). A submit whose id
    // the sender used within the submit_ids window stores nothing either: a repeat gets the earlier
    // deliveries, an id used for something else is reported.
    virtual SubmitOutcome add_card(NewCard& card, std::uint64_t max_pending, Timestamp now) = 0;
    // The same for a card whose copies are not made from it afterwards.
    SubmitOutcome add_card(NewCard&& card, std::uint64_t max_pending, Timestamp now) {
        return add_card(card, max_pending, now);
    }
    // What add_card would answer a submit of `sender` with id `id` and digest `digest` that the
    // sender used within the submit_ids window (repeated or id_used_at), without storing
    // anything; nothing when the id is not remembered. A repeat is answered even when a limit
    // would refuse a new submit now.
    virtual std::optional<SubmitOutcome> earlier_submit(const std::string& sender,
                                                        const std::string& id,
                                                        const std::string& digest,
                                                        Timestamp now) = 0;
    // Copies handed to the server.
    virtual void record_copies(const std::vector<Copy>& copies) = 0;
    // Copies that could not be sent (the link is down): look at them again at `now`.
    virtual void release(const std::vector<std::string>& ids, Timestamp now) = 0;

    virtual AckOutcome ack(const protocol::Ack& ack, const std::string& requester,
                           Timestamp now) = 0;
    // The recipient of a delivery that is not final.
    virtual std::optional<std::string> open_recipient(const std::string& id) = 0;
    // A copy came back with an error (see service/bounce_policy.hpp). A retry puts the
    // delivery back to pending, due after the backoff; a reject makes it final. `reason` is
    // kept for status results. Returns the delivery if it became final.
    virtual std::optional<FinalDelivery> bounce(const std::string& id, bool retry,
                                                const std::string& reason, Timestamp now) = 0;

    // Marks `jid` as a recipient whose client speaks the protocol; true the first time. Its
    // sent deliveries then become due for timer resends.
    virtual bool make_capable(const std::string& jid, Timestamp now) = 0;
    // Makes `jid` capable and records the form its copies go in from now on (its <sync/> says).
    virtual void set_card_form(const std::string& jid, protocol::CardForm form, Timestamp now) = 0;
    // Open deliveries to `recipient` (updates included), counted up to `at_most` (kCountAll:
    // all of them).
    virtual std::uint64_t count_open(
        const std::string& recipient,
        std::uint64_t at_most = std::numeric_limits<std::int64_t>::max()) = 0;
    virtual OpenPage open_deliveries(const std::string& recipient,
                                     const std::optional<SyncCursor>& after, std::size_t limit) = 0;

    // Claims the deliveries whose next_attempt has come: those to resend (leased: no other
    // claim gets them until the lease is over) and those that have just expired.
    virtual DueWork claim_due(Timestamp now, std::size_t limit) = 0;

    // The sender's deliveries with these ids (unknown and other senders' ids are left out),
    // or, for no ids, the sender's 100 newest.
    virtual std::vector<protocol::DeliveryStatus> status(const std::string& sender,
                                                         const std::vector<std::string>& ids) = 0;

    // Forgets final deliveries older than the card lifetime and submit ids older than their
    // window; returns how many deliveries.
    virtual std::size_t purge(Timestamp now) = 0;
};

}  // namespace cardex::component::store
