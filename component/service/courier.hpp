// Courier: the outbound half of the delivery engine. It makes the copies of cards and the
// receipts the service sends, records every copy handed to the server, and looks for due
// work: timer resends, retries after temporary errors, expiries.
//
//   deliver()      first copy of each delivery of a card just stored, to the bare JID
//   resend_all()   every open delivery of a recipient, to the full JID that synced, a page at
//                  a time and only while the link's backlog is small
//   scan           every scan_interval while the link is up (and at once when it comes up):
//                  DeliveryStore::claim_due, then resends and expiry receipts
// Copies that the link refuses (it is down) are released for the next scan. Copies sent are
// recorded in one store request per event-loop turn.
#pragma once

#include <spdlog/logger.h>

#include <chrono>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "component/link/stanza_channel.hpp"
#include "component/service/clock.hpp"
#include "component/store/store_worker.hpp"
#include "core/vcard/card.hpp"
#include "core/xml/element.hpp"
#include "core/xmpp/jid.hpp"
#include "core/xmpp/stanza.hpp"

namespace cardex::component {

struct CourierOptions {
    xmpp::Jid service;  // the component's JID, the 'from' of everything sent
    std::chrono::seconds card_lifetime{2592000};
    std::chrono::milliseconds scan_interval{1000};
    std::size_t page_size = 256;              // deliveries fetched per store request
    std::size_t max_backlog_bytes = 4 << 20;  // bulk sending pauses above this
    std::chrono::milliseconds purge_interval{3'600'000};
    std::uint64_t max_copy_bytes = 0;  // larger copies are never sent (0: no limit)
};

// A card as text for the copies that ask for that form (Courier::text_form), or nothing when
// they carry its xCard.
using TextForm = std::optional<std::string>;

class Courier {
  public:
    Courier(StanzaChannel& channel, store::StoreExecutor& store, Clock& clock,
            CourierOptions options, std::shared_ptr<spdlog::logger> log);
    ~Courier();
    Courier(const Courier&) = delete;
    Courier& operator=(const Courier&) = delete;

    void link_up();
    void link_down();
    // Stops timers and bulk sending (for shutdown).
    void stop();

    void deliver(const store::NewCard& card, const vcard::Card& model);
    // The same with the fallback body made before (copy_body), so that a card waiting for the
    // store is held as its bytes only, not also as its model; and with its text_form(), if
    // that was made before too (a submit as text), instead of from the stored xCard.
    void deliver(const store::NewCard& card, const std::string& body,
                 std::optional<TextForm> text = std::nullopt);
    static std::string copy_body(const store::NewCard& card, const vcard::Card& model);
    // The size in bytes of the largest of the card's copies (one per delivery) as this service
    // writes it; servers on the way write it in as many bytes or fewer, since every character
    // that XML lets one escape is escaped here.
    std::size_t largest_copy(const store::NewCard& card, const std::string& body) const;
    // Whether a copy of a card of `card_bytes` with a body of `body_bytes` could be over `max`
    // (0: no limit); only then is its size worth measuring.
    static bool copy_may_exceed(std::size_t card_bytes, std::size_t body_bytes, std::uint64_t max);
    // The policy-violation that refuses the request bringing `card` when one of its copies
    // would be over max_copy_bytes, naming the size and the limit; nothing when all fit. It
    // reads only the options, so a store job may call it once the recipients are known.
    std::optional<xmpp::StanzaError> copy_over_limit(const store::NewCard& card,
                                                     const std::string& body) const;
    // The card as text, for a recipient who asked for that form: only where the text carries
    // the card exactly and in no more bytes than its stored xCard (`xml`), so that the choice
    // never loses part of a card nor makes a copy too large to send. `model` is `xml` read, if
    // the caller has it; `read_from`, the text `model` was read from, if it was (a submit as
    // text), which spares reading the text again when it is written the same.
    static TextForm text_form(std::string_view xml, const vcard::Card* model,
                              std::string_view read_from = {});
    void resend_all(const std::string& recipient, const xmpp::Jid& to);
    void send_receipt(const store::FinalDelivery& final);
    // The receipts of deliveries that became final together: one message per sender.
    void send_receipts(const std::vector<store::FinalDelivery>& finals);
    // Hands the copies sent so far to the store now (normally once per event-loop turn). Call
    // it before storing anything that must come after them, such as a bounce of a copy.
    void flush_copies();

  private:
    struct Bulk;
    // What a copy says of its delivery besides the card.
    struct CopyOf {
        std::string id;
        std::string sender;
        protocol::Timestamp stamp{};
        store::CardOrigin origin;
    };
    // A copy carries the card as it was stored (`vcard_bytes`) and a fallback body made once
    // per card, whatever the number of recipients.
    static std::optional<protocol::CardDelivery> delivery_of(const CopyOf& of);
    xml::Element copy_stanza(protocol::CardDelivery delivery, const std::string& body,
                             std::string_view vcard_bytes, const xmpp::Jid& to) const;
    // What became of a copy: handed to the server; not, since the link is down (it goes again
    // later); or never, since it is over max_copy_bytes (`reason` says so).
    struct CopyOutcome {
        enum class Kind { sent, link_down, too_large };
        Kind kind = Kind::link_down;
        std::string reason;
    };
    CopyOutcome send_copy(protocol::CardDelivery delivery, const std::string& body,
                          std::string_view vcard_bytes, const xmpp::Jid& to);
    void resend(const std::vector<store::OpenDelivery>& deliveries,
                const std::optional<xmpp::Jid>& to);
    void note_copy(const std::string& id, const CopyOutcome& outcome);
    void send_receipt_message(const xmpp::Jid& sender,
                              std::span<const store::FinalDelivery* const> finals);
    void scan();
    void schedule_scan(std::chrono::milliseconds delay);
    void continue_sync(std::shared_ptr<Bulk> sync);
    void when_backlog_small(std::function<void()> next);
    void purge();

    StanzaChannel& channel_;
    store::StoreExecutor& store_;
    Clock& clock_;
    CourierOptions options_;
    std::shared_ptr<spdlog::logger> log_;

    bool up_ = false;
    bool stopped_ = false;
    bool scanning_ = false;
    Clock::TimerId scan_timer_ = 0;
    Clock::TimerId purge_timer_ = 0;
    Clock::TimerId flush_timer_ = 0;
    std::vector<store::Copy> copies_;
    std::vector<std::string> unsent_;
    std::vector<std::pair<std::string, std::string>> too_large_;  // delivery id, reason
};

}  // namespace cardex::component
