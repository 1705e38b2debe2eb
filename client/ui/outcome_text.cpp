#include "client/ui/outcome_text.hpp"

#include "client/ui/text_width.hpp"
#include "core/protocol/timestamp.hpp"

namespace cardex::client::ui {
namespace {

std::string_view receipt_verb(protocol::ReceiptStatus status) {
    switch (status) {
        case protocol::ReceiptStatus::saved:
            return "saved";
        case protocol::ReceiptStatus::rejected:
            return "rejected";
        case protocol::ReceiptStatus::refused:
            return "refused";
        case protocol::ReceiptStatus::expired:
            break;
    }
    return "did not collect";
}

}  // namespace

std::string stored_text(const book::Stored& stored, std::string_view name) {
    const std::string which =
        std::to_string(stored.contact) + " (" + sanitize_for_terminal(name) + ")";
    switch (stored.outcome) {
        case book::StoreOutcome::created:
            return "Saved as new contact " + which;
        case book::StoreOutcome::unchanged:
            return "Contact " + which + " had all of it already";
        case book::StoreOutcome::updated:
            return "Contact " + which + " " + update_text(stored);
        case book::StoreOutcome::merged:
            break;
    }
    std::string text = "Merged into contact " + which;
    for (std::size_t i = 0; i < stored.added.size(); ++i)
        text += (i == 0 ? ": added " : ", ") + sanitize_for_terminal(stored.added[i]);
    return text;
}

std::string update_text(const book::Stored& stored) {
    return "updated: " + changes_text(stored);
}

std::string changes_text(const book::Stored& stored) {
    if (stored.added.empty() && stored.removed.empty()) return "nothing you see changed";
    std::string text;
    for (std::size_t i = 0; i < stored.added.size(); ++i)
        text += (i == 0 ? "" : ", ") + sanitize_for_terminal(stored.added[i]);
    for (std::size_t i = 0; i < stored.removed.size(); ++i) {
        text += (i == 0 ? (stored.added.empty() ? "no longer " : " (no longer ") : ", ") +
                sanitize_for_terminal(stored.removed[i]);
    }
    if (!stored.added.empty() && !stored.removed.empty()) text += ")";
    return text;
}

std::string ambiguity_text(std::string_view what, const book::Resolution& found) {
    const std::string count = std::to_string(found.candidates.size());
    const std::string quoted = "'" + sanitize_for_terminal(what) + "'";
    if (!found.more_candidates)
        return quoted + " matches " + count + " contacts; give one of their numbers";
    return quoted + " matches more than " + count + " contacts, the first " + count +
           " below; give one of their numbers or more of the name";
}

std::string delivery_outcome_text(const protocol::DeliveryStatus& status) {
    const std::string reason = status.reason ? sanitize_for_terminal(*status.reason) : "";
    const std::string because = reason.empty() ? "" : ": " + reason;
    std::string text = status.to.bare_str() + ": ";
    switch (status.state) {
        case protocol::DeliveryState::acked:
            return text + "saved by the recipient";
        case protocol::DeliveryState::rejected:
            return text + "rejected by the recipient" + because;
        case protocol::DeliveryState::refused:
            return text + "refused by the recipient's server" + because;
        case protocol::DeliveryState::expired:
            return text + "not collected within the card lifetime";
        case protocol::DeliveryState::pending:
        case protocol::DeliveryState::sent:
            break;
    }
    if (!reason.empty()) return text + "not delivered yet" + because;
    if (status.state == protocol::DeliveryState::pending) return text + "waiting to be sent";
    // A server may drop a message to an account it does not have without a word (RFC 6121,
    // 8.5.1): that no error came back is all there is to tell, and no proof that it exists.
    return text + "sent, not acknowledged yet; no error came back from " + status.to.domain +
           "'s server, which does not tell whether the account exists";
}

std::string sync_text(const exchange::SyncOutcome& o) {
    const std::size_t received = o.before + o.copies;
    const std::uint64_t waiting = o.pending.value_or(0);
    std::string text =
        std::to_string(received) + (received == 1 ? " card" : " cards") + " received";
    if (o.before > 0)
        text += " (" + std::to_string(o.before) + " kept by your server while you were offline)";
    return text + "; " + std::to_string(waiting) + (waiting == 1 ? " was" : " were") +
           " waiting at it";
}

std::string receipt_text(const protocol::Receipt& receipt) {
    const std::string what = " your business card (delivery " + receipt.id + ", " +
                             protocol::format_timestamp_for_people(receipt.stamp) + ")";
    // A refusal is the recipient's server's, not the recipient's decision.
    std::string text =
        receipt.status == protocol::ReceiptStatus::refused
            ? "the server of " + receipt.to.bare_str() + " refused" + what
            : receipt.to.bare_str() + " " + std::string(receipt_verb(receipt.status)) + what;
    if (receipt.reason) text += ": " + sanitize_for_terminal(*receipt.reason);
    return text;
}

std::string unsaved_text(std::string_view service, std::size_t count) {
    const bool one = count == 1;
    return std::to_string(count) + (one ? " card from " : " cards from ") + std::string(service) +
           " could not be saved and still " + (one ? "waits" : "wait") +
           " there (not acknowledged: the service sends " + (one ? "it" : "them") +
           " again at the next sync)";
}

}  // namespace cardex::client::ui
