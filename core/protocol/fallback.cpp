#include "core/protocol/fallback.hpp"

#include <algorithm>
#include <array>
#include <vector>

#include "core/text/join.hpp"
#include "core/vcard/card_image.hpp"

namespace cardex::protocol {
namespace {

constexpr std::string_view kSeparator = " \xC2\xB7 ";  // " · "

bool is_fax_only(const vcard::Phone& phone) {
    return std::find(phone.types.begin(), phone.types.end(), "fax") != phone.types.end() &&
           std::find(phone.types.begin(), phone.types.end(), "voice") == phone.types.end();
}

// Lowest PREF first (absent PREF counts as 101), voice before fax, then card order.
std::string preferred_phone(const vcard::Card& card) {
    const auto phones = card.phones();
    const vcard::Phone* best = nullptr;
    auto rank = [](const vcard::Phone& p) {
        return std::pair{is_fax_only(p), p.pref.value_or(101)};
    };
    for (const auto& p : phones) {
        if (p.number.empty()) continue;
        if (best == nullptr || rank(p) < rank(*best)) best = &p;
    }
    if (best == nullptr) return {};
    std::string shown = best->number;
    std::replace(shown.begin(), shown.end(), '-', ' ');
    return shown;
}

std::string title_and_organisation(const vcard::Card& card) {
    const std::string title = card.title();
    const auto org = card.organization();
    const std::string organisation = org.empty() ? std::string{} : org.front();
    if (title.empty() || organisation.empty()) return title + organisation;
    return title + ", " + organisation;
}

std::string first_email(const vcard::Card& card) {
    for (const auto& e : card.emails()) {
        if (!e.address.empty()) return e.address;
    }
    return {};
}

std::string sender(const CardDelivery& d, std::string_view name) {
    if (name.empty()) return d.from.bare_str();
    return std::string(name) + " (" + d.from.bare_str() + ")";
}

std::string duration_for_people(std::chrono::seconds span) {
    struct Unit {
        std::int64_t seconds;
        std::string_view name;
    };
    constexpr std::array<Unit, 4> kUnits = {
        {{86400, "day"}, {3600, "hour"}, {60, "minute"}, {1, "second"}}};
    const std::int64_t total = span.count();
    for (const Unit& u : kUnits) {
        if (total % u.seconds != 0) continue;
        const std::int64_t n = total / u.seconds;
        return std::to_string(n) + " " + std::string(u.name) + (n == 1 ? "" : "s");
    }
    return std::to_string(total) + " seconds";
}

// A line about the card's picture of itself (its design image): a web address a client without
// this protocol can open, or a note that a client with it shows the embedded picture.
std::string picture_line(const vcard::Card& card) {
    const auto image = vcard::card_image(card, vcard::CardImageKind::design);
    if (!image || image->media.uri.empty()) return {};
    if (image->media.uri.starts_with("https://")) return "Picture of the card: " + image->media.uri;
    return "A picture of the card comes with it.";
}

}  // namespace

std::string card_summary(const vcard::Card& card) {
    const std::vector<std::string> fields = {card.formatted_name(), title_and_organisation(card),
                                             preferred_phone(card), first_email(card)};
    return join_non_empty(fields, kSeparator);
}

std::string delivery_body(const CardDelivery& delivery, std::string_view sender_name) {
    return delivery_body(delivery, delivery.card, sender_name);
}

std::string delivery_body(const CardDelivery& delivery, const vcard::Card& card,
                          std::string_view sender_name) {
    std::string out = sender(delivery, sender_name);
    if (delivery.via == Via::web) {
        out = "Someone opened your QR code in a web browser and sent you a business card:";
    } else if (delivery.via == Via::token) {
        out += " scanned your QR code and shared a business card:";
    } else if (delivery.update) {
        out += " updated their business card:";
    } else {
        out += " sent you a business card:";
    }
    if (const std::string summary = card_summary(card); !summary.empty()) {
        out += "\n" + summary;
    }
    if (const std::string picture = picture_line(card); !picture.empty()) {
        out += "\n" + picture;
    }
    out += "\nOpen this message in a client that supports business cards to save it.";
    if (delivery.via == Via::web) return out + " To reply, use the details on the card.";
    return out + " To reply, write to " + delivery.from.bare_str() + ".";
}

std::string receipt_body(const Receipt& receipt, Timestamp sent,
                         std::chrono::seconds card_lifetime) {
    const std::string when = "(sent " + format_timestamp_for_people(sent) + ")";
    const std::string who = receipt.to.bare_str();
    switch (receipt.status) {
        case ReceiptStatus::saved:
            return who + " saved your business card " + when + ".";
        case ReceiptStatus::expired:
            return who + " did not collect your business card within " +
                   duration_for_people(card_lifetime) + " " + when + ".";
        case ReceiptStatus::refused:
            return "The server of " + who + " refused your business card " + when +
                   (receipt.reason ? ": " + *receipt.reason : std::string("."));
        case ReceiptStatus::rejected:
            break;
    }
    const std::string reason = receipt.reason.value_or(std::string{});
    return who + " rejected your business card " + when + (reason.empty() ? "." : ": " + reason);
}

}  // namespace cardex::protocol
