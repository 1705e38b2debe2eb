#include "client/profanity/card_text.hpp"

#include "client/ui/card_view.hpp"
#include "client/ui/contact_table.hpp"
#include "client/ui/outcome_text.hpp"
#include "client/ui/text_width.hpp"

namespace cardex::profanity {
namespace {

std::vector<std::string> split_lines(const std::string& text) {
    std::vector<std::string> lines;
    std::size_t start = 0;
    while (start < text.size()) {
        const auto end = text.find('\n', start);
        lines.push_back(text.substr(start, end - start));
        if (end == std::string::npos) break;
        start = end + 1;
    }
    return lines;
}

std::string what_was_done(const client::book::ReceivedCard& r,
                          const std::optional<client::book::Stored>& stored) {
    if (r.state == client::book::ReceivedState::inbox)
        return "Kept in your inbox: /card accept " + std::to_string(r.id);
    if (!stored) return "You had this version already.";
    return client::ui::stored_text(*stored, r.card ? r.card->formatted_name() : "") + ".";
}

}  // namespace

std::vector<std::string> card_lines(const vcard::Card& card,
                                    const std::vector<std::string>& footer) {
    client::ui::CardViewOptions options;
    options.width = kCardWidth;
    options.footer = footer;
    return split_lines(client::ui::render_card(card, options));
}

std::vector<std::string> received_card_lines(const client::book::ReceivedCard& r,
                                             const std::optional<client::book::Stored>& stored) {
    if (!r.card) {
        return {"sent a business card that cannot be used: " +
                client::ui::sanitize_for_terminal(r.reason.value_or(""))};
    }
    if (r.update && stored && stored->outcome == client::book::StoreOutcome::updated) {
        return {"updated their business card (set " + r.set.value_or("") + ", version " +
                std::to_string(r.version.value_or(0)) + "): " + client::ui::changes_text(*stored)};
    }
    std::string first = "sent you a business card";
    if (r.from_web_page()) {
        first = "cardex: someone sent you a business card from the web page of your QR code at " +
                r.service;
    } else if (!r.verified) {
        first += " (unverified: " + r.service + " does not vouch for the sender)";
    }
    std::vector<std::string> lines{first + ":"};
    for (auto& line : card_lines(*r.card))
        lines.push_back(std::move(line));
    lines.push_back(what_was_done(r, stored));
    return lines;
}

std::vector<std::string> contact_list_lines(const std::vector<client::book::Contact>& contacts) {
    return split_lines(client::ui::contact_table(contacts).render(110));
}

}  // namespace cardex::profanity
