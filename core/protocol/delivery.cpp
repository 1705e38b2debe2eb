#include "core/protocol/delivery.hpp"

#include <array>
#include <set>

#include "core/protocol/errors.hpp"
#include "core/protocol/fields.hpp"
#include "core/protocol/syntax.hpp"
#include "core/xmpp/namespaces.hpp"

namespace cardex::protocol {
namespace {

using detail::FieldReader;

constexpr std::array<std::string_view, 2> kAckStatuses = {"saved", "rejected"};
constexpr std::array<std::string_view, 4> kReceiptStatuses = {"saved", "rejected", "expired",
                                                              "refused"};
constexpr std::array<std::string_view, 6> kDeliveryStates = {"pending",  "sent",    "acked",
                                                             "rejected", "expired", "refused"};
constexpr std::array<std::string_view, 2> kVia = {"token", "web"};
constexpr std::array<std::string_view, 2> kCardForms = {"xcard", "text"};

void check_status_count(FieldReader& f, std::size_t count) {
    if (count > kMaxStatusDeliveries) {
        f.fail("holds " + std::to_string(count) + " <delivery/> elements; at most " +
               std::to_string(kMaxStatusDeliveries) + " are allowed");
    }
}

// 'set' and 'version' come together, and update="true" needs them.
void check_set_fields(FieldReader& f, const CardDelivery& d) {
    if (!f.ok()) return;
    if (d.set.has_value() != d.version.has_value()) {
        f.fail(d.set ? "has 'set' without 'version'; a card from a set carries both"
                     : "has 'version' without 'set'; a card from a set carries both");
    } else if (d.update && !d.set) {
        f.fail("update='true' needs the 'set' and 'version' of the card set it updates");
    }
}

DeliveryStatus read_delivery_status(FieldReader& r) {
    DeliveryStatus s;
    s.id = r.opaque_id("id");
    s.to = r.user_jid("to");
    s.state = r.choice<DeliveryState>("state", kDeliveryStates);
    s.attempts = r.number("attempts", 0);
    s.created = r.timestamp("created");
    s.updated = r.timestamp("updated");
    r.allow_children({"reason"});
    s.reason = r.reason();
    return s;
}

}  // namespace

std::string_view to_string(AckStatus status) {
    return kAckStatuses[static_cast<int>(status)];
}
std::string_view to_string(ReceiptStatus status) {
    return kReceiptStatuses[static_cast<int>(status)];
}
std::string_view to_string(DeliveryState state) {
    return kDeliveryStates[static_cast<int>(state)];
}

std::string_view to_string(CardForm form) {
    return kCardForms[static_cast<int>(form)];
}

std::optional<DeliveryState> delivery_state_from(std::string_view name) {
    for (std::size_t i = 0; i < kDeliveryStates.size(); ++i) {
        if (kDeliveryStates[i] == name) return static_cast<DeliveryState>(i);
    }
    return std::nullopt;
}

Result<Submit> parse_submit(const xml::Element& e) {
    if (auto ok = detail::expect_element(e, "submit"); !ok) return ok.error();
    FieldReader f(e);
    f.allow_children({"recipient", "card"});
    Submit submit;
    submit.set = f.optional_set_name("set");
    submit.id = f.optional_opaque_id("id");
    const auto recipients = f.children("recipient");
    if (recipients.empty()) f.fail("needs at least one <recipient/>");
    for (std::size_t i = 0; i < recipients.size() && f.ok(); ++i) {
        FieldReader r(*recipients[i], detail::nested(f, "recipient", i));
        submit.recipients.push_back(r.user_jid("jid"));
        f.take(r);
    }
    if (const xml::Element* c = f.optional_child("card"); c != nullptr) {
        if (auto card = parse_card_in_either_form(*c, submit.form); card) {
            submit.card = std::move(card).value();
        } else {
            f.take(card.error());
        }
    }
    if (f.ok() && submit.card.has_value() == submit.set.has_value()) {
        f.fail(submit.set ? "names a 'set' and also holds a <card/>; it must do one or the other"
                          : "needs a <card/> or the 'set' attribute naming a card set");
    }
    if (!f.ok()) return f.error();
    return submit;
}

xml::Element serialize(const Submit& submit) {
    xml::Element e = detail::element("submit");
    if (submit.id) e.set_attr("id", *submit.id);
    if (submit.set) e.set_attr("set", *submit.set);
    for (const auto& r : submit.recipients) {
        e.add_child(detail::element("recipient")).set_attr("jid", r.bare_str());
    }
    if (submit.card && submit.form == CardForm::text) {
        e.add_child(detail::element("card"))
            .add_text_child("vcard-text", std::string(ns::kBizcard), card_text(*submit.card));
    } else if (submit.card) {
        e.add_child(card_element(*submit.card));
    }
    return e;
}

Result<DeliveryRef> parse_delivery_ref(const xml::Element& e) {
    if (auto ok = detail::expect_element(e, "delivery"); !ok) return ok.error();
    FieldReader f(e);
    f.allow_children({});
    DeliveryRef ref{f.opaque_id("id"), f.user_jid("to")};
    if (!f.ok()) return f.error();
    return ref;
}

xml::Element serialize(const DeliveryRef& ref) {
    xml::Element e = detail::element("delivery");
    e.set_attr("id", ref.id).set_attr("to", ref.to.bare_str());
    return e;
}

Result<Submitted> parse_submitted(const xml::Element& e) {
    if (auto ok = detail::expect_element(e, "submitted"); !ok) return ok.error();
    FieldReader f(e);
    f.allow_children({"delivery"});
    Submitted submitted;
    const auto deliveries = f.children("delivery");
    if (f.ok() && deliveries.empty()) f.fail("needs at least one <delivery/>");
    for (std::size_t i = 0; i < deliveries.size() && f.ok(); ++i) {
        auto ref = parse_delivery_ref(*deliveries[i]);
        if (!ref) f.fail(ref.error().message);
        if (ref) submitted.deliveries.push_back(std::move(ref).value());
    }
    if (!f.ok()) return f.error();
    return submitted;
}

xml::Element serialize(const Submitted& submitted) {
    xml::Element e = detail::element("submitted");
    for (const auto& d : submitted.deliveries)
        e.add_child(serialize(d));
    return e;
}

Result<CardDelivery> parse_card_delivery(const xml::Element& e) {
    if (auto ok = detail::expect_element(e, "card"); !ok) return ok.error();
    FieldReader f(e);
    CardDelivery d;
    d.id = f.opaque_id("id");
    if (f.ok() && e.attr("via")) d.via = f.choice<Via>("via", kVia);
    // A card from a token's web page comes from the service itself, every other from a user.
    d.from = d.via == Via::web ? f.domain_jid("from") : f.user_jid("from");
    d.stamp = f.timestamp("stamp");
    d.set = f.optional_set_name("set");
    d.version = f.optional_number("version", 1);
    d.update = f.optional_boolean("update", false);
    check_set_fields(f, d);
    if (!f.ok()) return f.error();
    auto card = parse_card_in_either_form(e, d.form);
    if (!card) return card.error();
    d.card = std::move(card).value();
    return d;
}

namespace {

void set_delivery_attributes(xml::Element& e, const CardDelivery& d) {
    e.set_attr("id", d.id).set_attr("from", d.from.bare_str());
    detail::set_timestamp(e, "stamp", d.stamp);
    if (d.set) e.set_attr("set", *d.set);
    if (d.version) detail::set_number(e, "version", *d.version);
    if (d.update) e.set_attr("update", detail::boolean_text(true));
    if (d.via) e.set_attr("via", kVia[static_cast<int>(*d.via)]);
}

}  // namespace

xml::Element serialize(const CardDelivery& d) {
    if (d.form == CardForm::text) return serialize(d, card_text(d.card));
    xml::Element e = card_element(d.card);
    set_delivery_attributes(e, d);
    return e;
}

xml::Element serialize(const CardDelivery& d, std::string_view card_bytes) {
    xml::Element e("card", std::string(ns::kBizcard));
    if (d.form == CardForm::text) {
        e.add_text_child("vcard-text", std::string(ns::kBizcard), std::string(card_bytes));
    } else {
        e.raw = std::string(card_bytes);
    }
    set_delivery_attributes(e, d);
    return e;
}

Result<Ack> parse_ack(const xml::Element& e) {
    if (auto ok = detail::expect_element(e, "ack"); !ok) return ok.error();
    FieldReader f(e);
    f.allow_children({"reason"});
    Ack ack;
    ack.id = f.opaque_id("id");
    ack.status = f.choice<AckStatus>("status", kAckStatuses);
    ack.follow = f.optional_boolean("follow", false);
    ack.reason = f.reason();
    if (!f.ok()) return f.error();
    return ack;
}

xml::Element serialize(const Ack& ack) {
    xml::Element e = detail::element("ack");
    e.set_attr("id", ack.id).set_attr("status", to_string(ack.status));
    if (ack.follow) e.set_attr("follow", detail::boolean_text(true));
    detail::add_reason(e, ack.reason);
    return e;
}

Result<AckBatch> parse_ack_batch(const xml::Element& e) {
    if (auto ok = detail::expect_element(e, "acks"); !ok) return ok.error();
    FieldReader f(e);
    f.allow_children({"ack"});
    const auto acks = f.children("ack");
    if (acks.empty()) f.fail("holds no <ack/>; at least one is needed");
    if (acks.size() > kMaxBatchAcks) {
        f.fail("holds " + std::to_string(acks.size()) + " <ack/> elements; at most " +
               std::to_string(kMaxBatchAcks) + " are allowed");
    }
    AckBatch batch;
    std::set<std::string_view> ids;
    for (std::size_t i = 0; i < acks.size() && f.ok(); ++i) {
        auto ack = parse_ack(*acks[i]);
        if (!ack) {
            f.fail("#" + std::to_string(i + 1) + " " + ack.error().message);
            break;
        }
        batch.acks.push_back(std::move(*ack));
        if (!ids.insert(batch.acks.back().id).second)
            f.fail("acknowledges delivery '" + batch.acks.back().id + "' twice");
    }
    if (!f.ok()) return f.error();
    return batch;
}

xml::Element serialize(const AckBatch& batch) {
    xml::Element e = detail::element("acks");
    for (const auto& ack : batch.acks)
        e.add_child(serialize(ack));
    return e;
}

Result<AckBatchResult> parse_ack_batch_result(const xml::Element& e) {
    if (auto ok = detail::expect_element(e, "acks"); !ok) return ok.error();
    FieldReader f(e);
    f.allow_children({"failed"});
    const auto failed = f.children("failed");
    if (failed.size() > kMaxBatchAcks) {
        f.fail("holds " + std::to_string(failed.size()) + " <failed/> elements; at most " +
               std::to_string(kMaxBatchAcks) + " are allowed");
    }
    AckBatchResult result;
    for (std::size_t i = 0; i < failed.size() && f.ok(); ++i) {
        FieldReader r(*failed[i], detail::nested(f, "failed", i));
        r.allow_children({});
        AckFailure failure{r.opaque_id("id"), r.text_attr("condition")};
        if (r.ok() && !condition_from_name(failure.condition))
            r.fail("names '" + failure.condition +
                   "', which is no error condition of this protocol");
        result.failed.push_back(std::move(failure));
        f.take(r);
    }
    if (!f.ok()) return f.error();
    return result;
}

xml::Element serialize(const AckBatchResult& result) {
    xml::Element e = detail::element("acks");
    for (const auto& failure : result.failed)
        e.add_child(detail::element("failed"))
            .set_attr("id", failure.id)
            .set_attr("condition", failure.condition);
    return e;
}

Result<Receipt> parse_receipt(const xml::Element& e) {
    if (auto ok = detail::expect_element(e, "receipt"); !ok) return ok.error();
    FieldReader f(e);
    f.allow_children({"reason"});
    Receipt receipt;
    receipt.id = f.opaque_id("id");
    receipt.to = f.user_jid("to");
    receipt.status = f.choice<ReceiptStatus>("status", kReceiptStatuses);
    receipt.stamp = f.timestamp("stamp");
    receipt.reason = f.reason();
    if (!f.ok()) return f.error();
    return receipt;
}

xml::Element serialize(const Receipt& receipt) {
    xml::Element e = detail::element("receipt");
    e.set_attr("id", receipt.id).set_attr("to", receipt.to.bare_str());
    e.set_attr("status", to_string(receipt.status));
    detail::set_timestamp(e, "stamp", receipt.stamp);
    detail::add_reason(e, receipt.reason);
    return e;
}

Result<StatusQuery> parse_status_query(const xml::Element& e) {
    if (auto ok = detail::expect_element(e, "status"); !ok) return ok.error();
    FieldReader f(e);
    f.allow_children({"delivery"});
    const auto deliveries = f.children("delivery");
    check_status_count(f, deliveries.size());
    StatusQuery query;
    for (std::size_t i = 0; i < deliveries.size() && f.ok(); ++i) {
        FieldReader r(*deliveries[i], detail::nested(f, "delivery", i));
        query.ids.push_back(r.opaque_id("id"));
        f.take(r);
    }
    if (!f.ok()) return f.error();
    return query;
}

xml::Element serialize(const StatusQuery& query) {
    xml::Element e = detail::element("status");
    for (const auto& id : query.ids)
        e.add_child(detail::element("delivery")).set_attr("id", id);
    return e;
}

Result<StatusResult> parse_status_result(const xml::Element& e) {
    if (auto ok = detail::expect_element(e, "status"); !ok) return ok.error();
    FieldReader f(e);
    f.allow_children({"delivery"});
    const auto deliveries = f.children("delivery");
    check_status_count(f, deliveries.size());
    StatusResult result;
    for (std::size_t i = 0; i < deliveries.size() && f.ok(); ++i) {
        FieldReader r(*deliveries[i], detail::nested(f, "delivery", i));
        result.deliveries.push_back(read_delivery_status(r));
        f.take(r);
    }
    if (!f.ok()) return f.error();
    return result;
}

xml::Element serialize(const StatusResult& result) {
    xml::Element e = detail::element("status");
    for (const auto& d : result.deliveries) {
        auto& c = e.add_child(detail::element("delivery"));
        c.set_attr("id", d.id)
            .set_attr("to", d.to.bare_str())
            .set_attr("state", to_string(d.state));
        detail::set_number(c, "attempts", d.attempts);
        detail::set_timestamp(c, "created", d.created);
        detail::set_timestamp(c, "updated", d.updated);
        detail::add_reason(c, d.reason);
    }
    return e;
}

Result<Sync> parse_sync(const xml::Element& e) {
    if (auto ok = detail::expect_element(e, "sync"); !ok) return ok.error();
    FieldReader f(e);
    f.allow_children({});
    Sync sync;
    if (f.ok() && e.attr("form")) sync.form = f.choice<CardForm>("form", kCardForms);
    if (!f.ok()) return f.error();
    return sync;
}

xml::Element serialize(const Sync& sync) {
    xml::Element e = detail::element("sync");
    if (sync.form != CardForm::xcard) e.set_attr("form", to_string(sync.form));
    return e;
}

Result<SyncResult> parse_sync_result(const xml::Element& e) {
    if (auto ok = detail::expect_element(e, "sync"); !ok) return ok.error();
    FieldReader f(e);
    f.allow_children({});
    SyncResult result{f.number("pending", 0)};
    if (!f.ok()) return f.error();
    return result;
}

xml::Element serialize(const SyncResult& result) {
    xml::Element e = detail::element("sync");
    detail::set_number(e, "pending", result.pending);
    return e;
}

}  // namespace cardex::protocol
