#include "component/service/courier.hpp"

#include <algorithm>

#include "component/service/ids.hpp"
#include "component/service/updates.hpp"
#include "core/protocol/fallback.hpp"
#include "core/protocol/service_messages.hpp"
#include "core/protocol/syntax.hpp"
#include "core/vcard/reader.hpp"
#include "core/xml/parser.hpp"
#include "core/xml/writer.hpp"
#include "core/xmpp/namespaces.hpp"

namespace cardex::component {
namespace {

using std::chrono::milliseconds;

constexpr milliseconds kBacklogPoll{20};

protocol::ReceiptStatus receipt_status(protocol::DeliveryState state) {
    switch (state) {
        case protocol::DeliveryState::rejected:
            return protocol::ReceiptStatus::rejected;
        case protocol::DeliveryState::refused:
            return protocol::ReceiptStatus::refused;
        case protocol::DeliveryState::expired:
            return protocol::ReceiptStatus::expired;
        default:
            return protocol::ReceiptStatus::saved;
    }
}

}  // namespace

// A sync in progress: the recipient, where its copies go, and how far it has come.
struct Courier::Bulk {
    std::string recipient;
    xmpp::Jid to;
    std::optional<store::SyncCursor> after;
};

Courier::Courier(StanzaChannel& channel, store::StoreExecutor& store, Clock& clock,
                 CourierOptions options, std::shared_ptr<spdlog::logger> log)
    : channel_(channel),
      store_(store),
      clock_(clock),
      options_(std::move(options)),
      log_(std::move(log)) {
    purge_timer_ = clock_.after(options_.purge_interval, [this] { purge(); });
}

Courier::~Courier() {
    stop();
}

void Courier::link_up() {
    up_ = true;
    if (!scanning_) schedule_scan(milliseconds(0));
}

void Courier::link_down() {
    up_ = false;
}

void Courier::stop() {
    stopped_ = true;
    for (auto* timer : {&scan_timer_, &purge_timer_, &flush_timer_}) {
        if (*timer != 0) clock_.cancel(*timer);
        *timer = 0;
    }
    flush_copies();
}

std::string Courier::copy_body(const store::NewCard& card, const vcard::Card& model) {
    auto delivery = delivery_of({"", card.sender, card.stamp, card.origin});
    return delivery ? protocol::delivery_body(*delivery, model, "") : "";
}

void Courier::deliver(const store::NewCard& card, const vcard::Card& model) {
    deliver(card, copy_body(card, model));
}

void Courier::deliver(const store::NewCard& card, const std::string& body,
                      std::optional<TextForm> text) {
    auto delivery = delivery_of({"", card.sender, card.stamp, card.origin});
    // Unless given, made for the first who asks for text.
    for (const auto& d : card.deliveries) {
        auto to = xmpp::Jid::parse(d.recipient);
        std::string_view bytes = card.xml;
        if (delivery) {
            delivery->id = d.id;
            delivery->form = protocol::CardForm::xcard;
            if (d.form == protocol::CardForm::text) {
                if (!text) text = text_form(card.xml, nullptr);
                if (*text) {
                    delivery->form = protocol::CardForm::text;
                    bytes = **text;
                }
            }
        }
        note_copy(d.id, delivery && to ? send_copy(*delivery, body, bytes, *to)
                                       : CopyOutcome{CopyOutcome::Kind::link_down, {}});
    }
}

TextForm Courier::text_form(std::string_view xml, const vcard::Card* model,
                            std::string_view read_from) {
    std::optional<vcard::Card> read;
    if (model == nullptr) {
        auto card = protocol::card_from_vcard_text(xml);
        if (!card) return std::nullopt;
        read = std::move(card).value();
        model = &*read;
    }
    auto text = protocol::exact_card_text(*model, read_from);
    if (!text || text->size() > xml.size()) return std::nullopt;
    return text;
}

void Courier::resend_all(const std::string& recipient, const xmpp::Jid& to) {
    continue_sync(std::make_shared<Bulk>(Bulk{recipient, to, std::nullopt}));
}

void Courier::continue_sync(std::shared_ptr<Bulk> sync) {
    if (stopped_) return;
    store_.run<store::OpenPage>(
        [sync, limit = options_.page_size](store::Stores& s) {
            return s.deliveries.open_deliveries(sync->recipient, sync->after, limit);
        },
        [this, sync](Result<store::OpenPage> page) {
            if (!page) {
                log_->error("sync for {}: {}", sync->to.str(), page.error().message);
                return;
            }
            resend(page->deliveries, sync->to);
            if (!page->next) return;
            sync->after = page->next;
            when_backlog_small([this, sync] { continue_sync(sync); });
        });
}

void Courier::send_receipt(const store::FinalDelivery& final) {
    send_receipts({final});
}

// The receipts of one sender go together, at most kMaxReceiptsPerMessage in one message, with
// one line of fallback body each; senders keep the order in which their first delivery came.
void Courier::send_receipts(const std::vector<store::FinalDelivery>& finals) {
    std::vector<std::pair<xmpp::Jid, std::vector<const store::FinalDelivery*>>> by_sender;
    for (const auto& final : finals) {
        auto sender = xmpp::Jid::parse(final.sender);
        if (!sender || !xmpp::Jid::parse(final.recipient)) continue;
        if (*sender == options_.service) continue;  // a card from a web page: nobody to tell
        if (final.origin.update) continue;          // the owner of a set is not told of updates
        auto it = std::find_if(by_sender.begin(), by_sender.end(),
                               [&](const auto& group) { return group.first == *sender; });
        if (it == by_sender.end()) it = by_sender.insert(by_sender.end(), {*sender, {}});
        it->second.push_back(&final);
    }
    for (const auto& [sender, group] : by_sender) {
        for (std::size_t i = 0; i < group.size(); i += protocol::kMaxReceiptsPerMessage)
            send_receipt_message(
                sender, std::span(group).subspan(
                            i, std::min(protocol::kMaxReceiptsPerMessage, group.size() - i)));
    }
}

void Courier::send_receipt_message(const xmpp::Jid& sender,
                                   std::span<const store::FinalDelivery* const> finals) {
    protocol::ReceiptMessage message{{options_.service, sender, random_id(), "en", {}}, {}};
    for (const store::FinalDelivery* final : finals) {
        protocol::Receipt receipt{final->id, *xmpp::Jid::parse(final->recipient),
                                  receipt_status(final->state), final->at, final->reason};
        if (!message.envelope.body.empty()) message.envelope.body += "\n";
        message.envelope.body +=
            protocol::receipt_body(receipt, final->stamp, options_.card_lifetime);
        message.receipts.push_back(std::move(receipt));
    }
    if (!channel_.send(protocol::build_message(message, ns::kComponentAccept))) {
        log_->info(
            "{} receipt(s) to {} not sent, the first for {}: the link is down (the sender can "
            "ask with <status/>)",
            finals.size(), sender.str(), finals.front()->id);
    }
}

std::optional<protocol::CardDelivery> Courier::delivery_of(const CopyOf& of) {
    auto from = xmpp::Jid::parse(of.sender);
    if (!from) return std::nullopt;
    protocol::CardDelivery delivery;
    delivery.id = of.id;
    delivery.from = *from;
    delivery.stamp = of.stamp;
    delivery.set = of.origin.set;
    delivery.version = of.origin.version;
    delivery.via = of.origin.via;
    delivery.update = of.origin.update;
    return delivery;
}

// Measured only when it could be over: the card, the body escaped at worst and room for the
// rest (JIDs, ids, markup) stay below the limit for all but the largest cards.
bool Courier::copy_may_exceed(std::size_t card_bytes, std::size_t body_bytes, std::uint64_t max) {
    constexpr std::size_t kRoom = 32768;
    return max != 0 && card_bytes + 6 * body_bytes + kRoom > max;
}

std::size_t Courier::largest_copy(const store::NewCard& card, const std::string& body) const {
    auto delivery = delivery_of({"", card.sender, card.stamp, card.origin});
    if (!delivery) return 0;
    std::size_t largest = 0;
    for (const auto& d : card.deliveries) {
        auto to = xmpp::Jid::parse(d.recipient);
        if (!to) continue;
        delivery->id = d.id;
        largest =
            std::max(largest, xml::serialized_size(copy_stanza(*delivery, body, card.xml, *to)));
    }
    return largest;
}

xml::Element Courier::copy_stanza(protocol::CardDelivery delivery, const std::string& body,
                                  std::string_view vcard_bytes, const xmpp::Jid& to) const {
    const std::string message_id = copy_message_id(delivery.id);
    protocol::DeliveryMessage message{{options_.service, to, message_id, "en", body},
                                      std::move(delivery)};
    return protocol::build_message(message, ns::kComponentAccept, vcard_bytes);
}

std::optional<xmpp::StanzaError> Courier::copy_over_limit(const store::NewCard& card,
                                                          const std::string& body) const {
    const std::uint64_t max = options_.max_copy_bytes;
    if (!copy_may_exceed(card.xml.size(), body.size(), max)) return std::nullopt;
    const std::size_t bytes = largest_copy(card, body);
    if (bytes <= max) return std::nullopt;
    const std::size_t size = card.xml.size();
    const std::size_t around = bytes > size ? bytes - size : 0;
    return xmpp::StanzaError{
        xmpp::ErrorType::modify, "policy-violation",
        "the copy of this card would be " + std::to_string(bytes) + " bytes (the card's " +
            std::to_string(size) + " and " + std::to_string(around) +
            " of message and fallback text); this service sends no copy larger than " +
            std::to_string(max) +
            " bytes (max-copy-bytes), which servers with a 64 KiB stanza limit pass on; a card "
            "of at most " +
            std::to_string(max > around ? max - around : 0) + " bytes fits",
        std::nullopt};
}

Courier::CopyOutcome Courier::send_copy(protocol::CardDelivery delivery, const std::string& body,
                                        std::string_view vcard_bytes, const xmpp::Jid& to) {
    const std::string id = delivery.id;
    xml::Element stanza = copy_stanza(std::move(delivery), body, vcard_bytes, to);
    const std::uint64_t max = options_.max_copy_bytes;
    if (copy_may_exceed(vcard_bytes.size(), body.size(), max)) {
        if (const std::size_t bytes = xml::serialized_size(stanza); bytes > max) {
            // Requests whose copies would be larger are refused; this catches any other way in
            // (a set's card to a long address, a limit lowered since). Never sent, since a
            // server with a smaller stanza limit could stall the connection that carries it and
            // every stanza behind it: the delivery ends, and its sender is told why.
            log_->warn("delivery {}: its copy to {} is {} bytes, over max_copy_bytes ({}); refused",
                       id, to.str(), bytes, max);
            return {CopyOutcome::Kind::too_large,
                    "its copy would be " + std::to_string(bytes) +
                        " bytes, larger than this service sends (max-copy-bytes " +
                        std::to_string(max) +
                        "), since servers with a 64 KiB stanza limit stall on larger stanzas; it "
                        "was never sent"};
        }
    }
    return channel_.send(std::move(stanza)) ? CopyOutcome{CopyOutcome::Kind::sent, {}}
                                            : CopyOutcome{CopyOutcome::Kind::link_down, {}};
}

void Courier::resend(const std::vector<store::OpenDelivery>& deliveries,
                     const std::optional<xmpp::Jid>& to) {
    for (const auto& d : deliveries) {
        // The card is read for the fallback body only; the copy carries the stored bytes.
        auto card = protocol::card_from_vcard_text(d.xml);
        auto recipient = to ? Result<xmpp::Jid>(*to) : xmpp::Jid::parse(d.recipient);
        auto delivery = delivery_of({d.id, d.sender, d.stamp, d.origin});
        if (!card || !recipient || !delivery) {
            log_->error("delivery {}: its stored card cannot be read back: {}", d.id,
                        !card        ? card.error().message
                        : !recipient ? recipient.error().message
                                     : "the sender '" + d.sender + "' is not a JID");
            continue;
        }
        const std::string body = protocol::delivery_body(*delivery, *card, "");
        std::optional<std::string> text;
        if (d.form == protocol::CardForm::text) text = text_form(d.xml, &*card);
        if (text) delivery->form = protocol::CardForm::text;
        note_copy(d.id, send_copy(std::move(*delivery), body, text ? *text : d.xml, *recipient));
    }
}

void Courier::note_copy(const std::string& id, const CopyOutcome& outcome) {
    switch (outcome.kind) {
        case CopyOutcome::Kind::sent:
            copies_.push_back({id, clock_.now()});
            break;
        case CopyOutcome::Kind::link_down:
            unsent_.push_back(id);
            break;
        case CopyOutcome::Kind::too_large:
            too_large_.emplace_back(id, outcome.reason);
            break;
    }
    if (flush_timer_ == 0 && !stopped_) {
        flush_timer_ = clock_.after(milliseconds(0), [this] {
            flush_timer_ = 0;
            flush_copies();
        });
    }
}

void Courier::flush_copies() {
    if (copies_.empty() && unsent_.empty() && too_large_.empty()) return;
    store_.run<std::vector<store::FinalDelivery>>(
        [copies = std::move(copies_), unsent = std::move(unsent_),
         too_large = std::move(too_large_), now = clock_.now()](store::Stores& s) {
            s.deliveries.record_copies(copies);
            s.deliveries.release(unsent, now);
            // A copy that can never be sent ends its delivery as one a server refuses for good.
            std::vector<store::FinalDelivery> finals;
            for (const auto& [id, reason] : too_large) {
                if (auto final = s.deliveries.bounce(id, false, reason, now))
                    finals.push_back(std::move(*final));
            }
            return finals;
        },
        [this](Result<std::vector<store::FinalDelivery>> finals) {
            if (!finals) return log_->error("recording copies sent: {}", finals.error().message);
            send_receipts(*finals);
        });
    copies_.clear();
    unsent_.clear();
    too_large_.clear();
}

void Courier::schedule_scan(milliseconds delay) {
    if (stopped_) return;
    if (scan_timer_ != 0) clock_.cancel(scan_timer_);
    scan_timer_ = clock_.after(delay, [this] {
        scan_timer_ = 0;
        scan();
    });
}

void Courier::scan() {
    if (!up_ || stopped_) return schedule_scan(options_.scan_interval);
    scanning_ = true;
    store_.run<store::DueWork>(
        [now = clock_.now(), limit = options_.page_size](store::Stores& s) {
            auto due = s.deliveries.claim_due(now, limit);
            unfollow_expired(s, due.expired);
            return due;
        },
        [this](Result<store::DueWork> due) {
            scanning_ = false;
            if (!due) {
                log_->error("looking for due deliveries: {}", due.error().message);
                return schedule_scan(options_.scan_interval);
            }
            if (!due->resend.empty()) {
                log_->debug("resending {} due deliveries", due->resend.size());
            }
            resend(due->resend, std::nullopt);
            for (const auto& final : due->expired) {
                log_->info("delivery {} from {} to {} expired", final.id, final.sender,
                           final.recipient);
            }
            send_receipts(due->expired);
            const bool more = due->resend.size() + due->expired.size() >= options_.page_size;
            if (!more) return schedule_scan(options_.scan_interval);
            when_backlog_small([this] { schedule_scan(milliseconds(0)); });
        });
}

void Courier::when_backlog_small(std::function<void()> next) {
    if (stopped_) return;
    if (channel_.backlog_bytes() <= options_.max_backlog_bytes) return next();
    clock_.after(kBacklogPoll,
                 [this, next = std::move(next)]() mutable { when_backlog_small(std::move(next)); });
}

void Courier::purge() {
    purge_timer_ = clock_.after(options_.purge_interval, [this] { purge(); });
    store_.run<std::size_t>(
        [now = clock_.now()](store::Stores& s) {
            // Failed token attempts count for at most a day (the longest failure window).
            s.tokens.purge(now, now - std::chrono::hours(24));
            return s.deliveries.purge(now);
        },
        [this](Result<std::size_t> purged) {
            if (!purged) {
                log_->error("purging old deliveries: {}", purged.error().message);
            } else if (*purged > 0) {
                log_->info(
                    "forgot {} final deliveries older than the card "
                    "lifetime",
                    *purged);
            }
        });
}

}  // namespace cardex::component
