#include "client/ui/token_text.hpp"

#include "client/exchange/replies.hpp"
#include "client/ui/outcome_text.hpp"
#include "client/ui/text_width.hpp"

namespace cardex::client::ui {
namespace {

std::string plural(std::int64_t n, const char* unit) {
    return std::to_string(n) + " " + unit + (n == 1 ? "" : "s");
}

// What became of the owner's card in the book.
std::string kept_text(const book::Receiving& r) {
    const auto& rec = r.record;
    if (r.duplicate) return "was already in your address book from this QR code";
    if (rec.state == book::ReceivedState::inbox)
        return "kept in the inbox as " + std::to_string(rec.id) + " (`cardex accept " +
               std::to_string(rec.id) + "`)";
    if (!r.stored) return "was already in your address book in this version";
    switch (r.stored->outcome) {
        case book::StoreOutcome::created:
            return "saved as new contact " + std::to_string(r.stored->contact);
        case book::StoreOutcome::merged:
            return "merged into contact " + std::to_string(r.stored->contact);
        case book::StoreOutcome::updated:
            return "updated contact " + std::to_string(r.stored->contact);
        case book::StoreOutcome::unchanged:
            break;
    }
    return "already in your address book as contact " + std::to_string(r.stored->contact);
}

}  // namespace

std::string time_until(protocol::Timestamp when, protocol::Timestamp now) {
    using namespace std::chrono;
    const auto left = duration_cast<minutes>(when - now).count();
    if (left <= 0) return "now";
    if (left < 60) return "in " + plural(left, "minute");
    if (left < 24 * 60) {
        const auto h = left / 60;
        const auto m = left % 60;
        return "in " + plural(h, "hour") + (m != 0 ? " " + plural(m, "minute") : "");
    }
    const auto d = left / (24 * 60);
    const auto h = (left % (24 * 60)) / 60;
    return "in " + plural(d, "day") + (h != 0 ? " " + plural(h, "hour") : "");
}

std::string preview_text(const protocol::TokenPreview& preview, const xmpp::Jid& service) {
    std::string details;
    for (const auto* part : {&preview.card.org, &preview.card.title}) {
        if (*part) details += (details.empty() ? "" : ", ") + **part;
    }
    std::string text = preview.card.fn;
    if (!details.empty()) text += " (" + details + ")";
    text += ", " + preview.from.bare_str() + ", card set '" + preview.set + "' at " + service.str();
    return sanitize_for_terminal(text);
}

std::string token_refusal_text(const xmpp::StanzaError& error,
                               const std::optional<protocol::ProtocolError>& protocol_error,
                               protocol::Timestamp now, const std::string& set) {
    if (!protocol_error) return exchange::explain(error);
    switch (protocol_error->condition) {
        case protocol::ErrorCondition::invalid_token:
            return kInvalidTokenText;
        case protocol::ErrorCondition::rate_limited:
            if (protocol_error->retry_after) {
                return "too many attempts; try again " +
                       time_until(*protocol_error->retry_after, now) + " (at " +
                       protocol::format_timestamp_for_people(*protocol_error->retry_after) + ")";
            }
            return "too many attempts; try again in a few minutes";
        case protocol::ErrorCondition::unknown_set:
            if (!set.empty())
                return "you have no card set named '" + set + "' (`cardex set list` shows them)";
            break;
        default:
            break;
    }
    return exchange::explain(error);
}

std::string token_validity_text(const protocol::Token& token, protocol::Timestamp now) {
    return plural(static_cast<std::int64_t>(token.uses_left), "use") + " left, expires " +
           protocol::format_timestamp_for_people(token.expires) + " (" +
           time_until(token.expires, now) + ")";
}

std::string exchange_outcome_text(const exchange::ExchangeOutcome& outcome) {
    const auto& owner = outcome.owner;
    std::string text = sanitize_for_terminal(owner.card.formatted_name()) + " (" +
                       owner.from.bare_str() + ", set " + owner.set + ", version " +
                       std::to_string(owner.version) + ") " + kept_text(outcome.received);
    if (outcome.delivery) {
        text += "; your card is on its way to " + outcome.delivery->to.bare_str() + " (delivery " +
                outcome.delivery->id + ")";
    } else {
        text += "; you kept your card to yourself";
    }
    return text;
}

}  // namespace cardex::client::ui
