// The core of urn:xmpp:bizcard:0: submit, deliver, acknowledge, receipt, status and sync.
//
// One plain struct per element and context, and for each a pure parse function (which checks
// the element's name and namespace, required attributes, enumerations, JIDs, ids and
// timestamps, and says precisely what is wrong) and a serialize function. Service limits
// (sizes, rates, recipients) are not enforced here; only the draft's structural bounds are.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/protocol/card_form.hpp"
#include "core/protocol/timestamp.hpp"
#include "core/result.hpp"
#include "core/vcard/card.hpp"
#include "core/xml/element.hpp"
#include "core/xmpp/jid.hpp"

namespace cardex::protocol {

// <submit/> (IQ set): a card, inline or named by its set, to one or more bare JIDs.
// Exactly one of `card` and `set` is present. With an `id`, the client can send the same
// submit again when it got no answer: the service answers a repeat with the deliveries of
// the first and creates nothing.
struct Submit {
    std::vector<xmpp::Jid> recipients;  // bare user JIDs, normalised; duplicates are kept
    std::optional<std::string> set;
    std::optional<vcard::Card> card;
    std::optional<std::string> id;    // chosen by the client: 128 random bits, as delivery ids
    CardForm form = CardForm::xcard;  // how the <card/> carries `card`

    friend bool operator==(const Submit&, const Submit&) = default;
};

// <delivery id to/> in <submitted/> and in an <exchange/> result.
struct DeliveryRef {
    std::string id;
    xmpp::Jid to;

    friend bool operator==(const DeliveryRef&, const DeliveryRef&) = default;
};

// <submitted/> (IQ result): one delivery per distinct recipient.
struct Submitted {
    std::vector<DeliveryRef> deliveries;  // at least one

    friend bool operator==(const Submitted&, const Submitted&) = default;
};

// How a card came to be sent: through a token's exchange, or its web page (where 'from' is the
// service itself: no XMPP account sent the card).
enum class Via { token, web };

// <card/> of a deliver message. 'set' and 'version' come together; update="true" needs them.
struct CardDelivery {
    std::string id;     // delivery id
    xmpp::Jid from;     // the sender's bare JID
    Timestamp stamp{};  // when the card was submitted
    std::optional<std::string> set;
    std::optional<std::uint64_t> version;
    bool update = false;
    std::optional<Via> via;
    vcard::Card card;
    CardForm form = CardForm::xcard;  // how the element carries `card`

    friend bool operator==(const CardDelivery&, const CardDelivery&) = default;
};

enum class AckStatus { saved, rejected };

// <ack/> (IQ set): the recipient saved or rejected the card of a delivery.
struct Ack {
    std::string id;
    AckStatus status = AckStatus::saved;
    bool follow = false;
    std::optional<std::string> reason;  // at most 1024 characters

    friend bool operator==(const Ack&, const Ack&) = default;
};

// <acks/> (IQ set): several acks to one service in one request, at most kMaxBatchAcks, each
// with its own delivery id (no id twice).
struct AckBatch {
    std::vector<Ack> acks;

    friend bool operator==(const AckBatch&, const AckBatch&) = default;
};

// <failed id condition/> in the result of an <acks/>: an ack the service did not apply
// ("unknown-delivery" or "not-recipient", the names of the error conditions).
struct AckFailure {
    std::string id;
    std::string condition;

    friend bool operator==(const AckFailure&, const AckFailure&) = default;
};

// <acks/> (IQ result): the acks not applied; the others were (repeats included). A service
// that applied every ack may answer with an empty result instead.
struct AckBatchResult {
    std::vector<AckFailure> failed;

    friend bool operator==(const AckBatchResult&, const AckBatchResult&) = default;
};

// refused: the recipient's server refused the card (no such account...), not the recipient.
enum class ReceiptStatus { saved, rejected, expired, refused };

// <receipt/> of a receipt message: the final state of a delivery, for its sender.
struct Receipt {
    std::string id;
    xmpp::Jid to;  // the recipient
    ReceiptStatus status = ReceiptStatus::saved;
    Timestamp stamp{};  // when the delivery became final
    std::optional<std::string> reason;

    friend bool operator==(const Receipt&, const Receipt&) = default;
};

// <status/> (IQ get): the deliveries asked about; empty asks for the most recent ones.
struct StatusQuery {
    std::vector<std::string> ids;  // at most 100

    friend bool operator==(const StatusQuery&, const StatusQuery&) = default;
};

enum class DeliveryState { pending, sent, acked, rejected, expired, refused };

struct DeliveryStatus {
    std::string id;
    xmpp::Jid to;
    DeliveryState state = DeliveryState::pending;
    std::uint64_t attempts = 0;
    Timestamp created{};
    Timestamp updated{};
    // Why it was rejected, or what became of its last copy (a server could not be reached...).
    std::optional<std::string> reason;

    friend bool operator==(const DeliveryStatus&, const DeliveryStatus&) = default;
};

// <status/> (IQ result).
struct StatusResult {
    std::vector<DeliveryStatus> deliveries;  // at most 100

    friend bool operator==(const StatusResult&, const StatusResult&) = default;
};

// <sync/> (IQ set, empty): with form='text', the requester's copies come as text from now on
// (until a sync without it).
struct Sync {
    CardForm form = CardForm::xcard;

    friend bool operator==(const Sync&, const Sync&) = default;
};

// <sync pending/> (IQ result).
struct SyncResult {
    std::uint64_t pending = 0;

    friend bool operator==(const SyncResult&, const SyncResult&) = default;
};

std::string_view to_string(AckStatus status);
std::string_view to_string(ReceiptStatus status);
std::string_view to_string(DeliveryState state);
std::string_view to_string(CardForm form);
// The state to_string() names `name`; nullopt for a name it never gives.
std::optional<DeliveryState> delivery_state_from(std::string_view name);

Result<Submit> parse_submit(const xml::Element& e);
Result<DeliveryRef> parse_delivery_ref(const xml::Element& e);
Result<Submitted> parse_submitted(const xml::Element& e);
Result<CardDelivery> parse_card_delivery(const xml::Element& e);
Result<Ack> parse_ack(const xml::Element& e);
Result<AckBatch> parse_ack_batch(const xml::Element& e);
Result<AckBatchResult> parse_ack_batch_result(const xml::Element& e);
Result<Receipt> parse_receipt(const xml::Element& e);
Result<StatusQuery> parse_status_query(const xml::Element& e);
Result<StatusResult> parse_status_result(const xml::Element& e);
Result<Sync> parse_sync(const xml::Element& e);
Result<SyncResult> parse_sync_result(const xml::Element& e);

xml::Element serialize(const Submit& submit);
xml::Element serialize(const DeliveryRef& ref);
xml::Element serialize(const Submitted& submitted);
xml::Element serialize(const CardDelivery& delivery);
// The same with the card given as bytes (`delivery.card` is not read): for CardForm::xcard the
// bytes of its <vcard/> in canonical form, for CardForm::text its card_text().
xml::Element serialize(const CardDelivery& delivery, std::string_view card_bytes);
xml::Element serialize(const Ack& ack);
xml::Element serialize(const AckBatch& batch);
xml::Element serialize(const AckBatchResult& result);
xml::Element serialize(const Receipt& receipt);
xml::Element serialize(const StatusQuery& query);
xml::Element serialize(const StatusResult& result);
xml::Element serialize(const Sync& sync);
xml::Element serialize(const SyncResult& result);

}  // namespace cardex::protocol
