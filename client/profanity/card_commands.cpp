// The /card subcommands of CardPlugin.
#include <cctype>
#include <chrono>
#include <fstream>

#include "client/exchange/card_size.hpp"
#include "client/exchange/service_requests.hpp"
#include "client/exchange/shared_card.hpp"
#include "client/profanity/card_plugin.hpp"
#include "client/profanity/card_text.hpp"
#include "client/transfer/export.hpp"
#include "client/transfer/import.hpp"
#include "client/ui/import_text.hpp"
#include "client/ui/outcome_text.hpp"
#include "client/ui/text_width.hpp"

namespace cardex::profanity {
namespace {

std::string joined(const std::vector<std::string>& words) {
    std::string out;
    for (const auto& w : words)
        out += (out.empty() ? "" : " ") + w;
    return out;
}

std::string unquoted(std::string text) {
    if (text.size() >= 2 && text.front() == '"' && text.back() == '"')
        text = text.substr(1, text.size() - 2);
    return text;
}

// " (set work, version 4)" for a card of a set, else nothing.
std::string set_suffix(const client::book::ReceivedCard& r) {
    const std::string set = client::book::set_detail(r.set, r.version, std::nullopt);
    return set.empty() ? std::string() : " (" + set + ")";
}

protocol::Timestamp now() {
    return std::chrono::time_point_cast<std::chrono::milliseconds>(
        std::chrono::system_clock::now());
}

}  // namespace

std::optional<client::book::Contact> CardPlugin::contact_of(const std::string& what) {
    auto found = book_->resolve(unquoted(what));
    if (!found) {
        report(found.error().message);
        return std::nullopt;
    }
    if (found->contact) return std::move(found->contact);
    if (found->candidates.empty()) {
        report("no contact matches '" + what + "' (/card list shows them)");
        return std::nullopt;
    }
    std::vector<std::string> lines{"cardex: " + client::ui::ambiguity_text(what, *found) + ":"};
    for (const auto& line : contact_list_lines(found->candidates))
        lines.push_back(line);
    host_.show(lines);
    return std::nullopt;
}

void CardPlugin::own_card(const std::vector<std::string>& args) {
    if (!args.empty()) {
        auto contact = contact_of(joined(args));
        if (!contact) return;
        settings_.book.me = contact->uid;
        if (auto ok = profile_.save(settings_); !ok) return report(ok.error().message);
        host_.show({"cardex: contact " + std::to_string(contact->id) + " is your own card now."});
        return;
    }
    if (settings_.book.me.empty())
        return report("no card of your own yet: /card me <contact> chooses one");
    auto contact = contact_of(settings_.book.me);
    if (contact) host_.show(card_lines(contact->card, {"your own card"}));
}

void CardPlugin::list(const std::vector<std::string>& args) {
    auto contacts = book_->contacts({joined(args), {}});
    if (!contacts) return report(contacts.error().message);
    if (contacts->empty())
        return host_.show(
            {args.empty() ? "cardex: the address book is empty." : "cardex: no contact matches."});
    host_.show(contact_list_lines(*contacts));
}

void CardPlugin::show(const std::vector<std::string>& args) {
    if (args.empty()) return report("/card show <contact>");
    auto contact = contact_of(joined(args));
    if (!contact) return;
    std::vector<std::string> footer{"contact " + std::to_string(contact->id)};
    if (auto received = book_->received_for(contact->id)) {
        for (const auto& r : *received)
            footer.push_back("from " + r.sender + " via " + r.service + set_suffix(r));
    }
    host_.show(card_lines(contact->card, footer));
}

// The recipient: the JID given (or the JID of the roster entry of that name), else the
// current chat window's.
std::optional<std::string> CardPlugin::recipient_of(const std::vector<std::string>& args) {
    if (args.size() >= 2) {
        const std::string& given = args.back();
        if (given.find('@') != std::string::npos) return given;
        if (auto jid = host_.roster_jid(given)) return jid;
        report("'" + given + "' is neither an address nor a name in your roster");
        return std::nullopt;
    }
    if (auto current = host_.current_recipient()) return current;
    report("to whom? /card send <contact> <jid>, or /card send <contact> in a chat window");
    return std::nullopt;
}

void CardPlugin::send_card(const std::vector<std::string>& args) {
    if (args.empty()) return report("/card send <contact> [<jid>]");
    const auto to = recipient_of(args);
    if (!to) return;
    auto contact = contact_of(args.front());
    if (!contact) return;
    submit(*contact, *to);
}

void CardPlugin::submit(const client::book::Contact& contact, const std::string& to) {
    auto recipient = xmpp::Jid::parse(to);
    if (!recipient || recipient->local.empty() || !recipient->resource.empty())
        return report("'" + to + "' is not an address of the form user@domain");
    const vcard::Card card = exchange::shared_card(contact.card);
    with_home_service([this, contact, card,
                       jid = recipient->bare()](const exchange::CardService& home) {
        if (auto fits = exchange::check_submit_size(home.jid, home.info.limits, card, {jid}); !fits)
            return report(fits.error().message);
        sender_->send(
            home.jid, card, {jid},
            [this, contact, home](exchange::SendOutcome o) {
                if (auto failure = exchange::send_failure(o, home.jid); !failure.empty())
                    return report(failure);
                const auto& deliveries = o.reply->value->deliveries;
                const auto sent = exchange::sent_records(home.jid, deliveries, contact.uid,
                                                         contact.card.formatted_name(), now());
                for (const auto& d : deliveries) {
                    host_.show({"cardex: sent " +
                                client::ui::sanitize_for_terminal(contact.card.formatted_name()) +
                                " to " + d.to.bare_str() + " (delivery " + d.id + ")"});
                }
                if (auto ok = book_->record_sent(sent); !ok) report(ok.error().message);
            },
            exchange::submit_form(home));
    });
}

void CardPlugin::inbox() {
    auto inbox = book_->inbox();
    if (!inbox) return report(inbox.error().message);
    if (inbox->empty()) return host_.show({"cardex: the inbox is empty."});
    std::vector<std::string> lines{"cardex: cards waiting (/card accept <id>, /card reject <id>):"};
    for (const auto& r : *inbox) {
        lines.push_back("  " + std::to_string(r.id) + "  " +
                        client::ui::sanitize_for_terminal(r.card ? r.card->formatted_name() : "") +
                        "  from " + r.sender + (r.verified ? "" : " (unverified)"));
    }
    host_.show(lines);
}

void CardPlugin::accept(const std::vector<std::string>& args, bool take) {
    if (args.size() != 1) return report(take ? "/card accept <id>" : "/card reject <id>");
    auto received = book_->find_received(args.front());
    if (!received) return report(received.error().message);
    if (!take) {
        if (auto ok = book_->decline(received->id); !ok) return report(ok.error().message);
        return host_.show({"cardex: rejected the card from " + received->sender + "."});
    }
    auto stored = book_->accept(received->id);
    if (!stored) return report(stored.error().message);
    host_.show({"cardex: accepted; it is contact " + std::to_string(stored->contact) + "."});
    refresh_completions();
}

void CardPlugin::import(const std::vector<std::string>& args) {
    if (args.empty()) return report("/card import <file>");
    auto report_ = client::transfer::import_files(*book_, {unquoted(joined(args))});
    if (!report_) return report(report_.error().message);
    std::vector<std::string> lines;
    for (const auto& line : client::ui::import_detail_lines(*report_))
        lines.push_back("cardex: " + line);
    std::string summary = client::ui::import_summary(*report_);  // "Imported ...", "Nothing ..."
    summary.front() = static_cast<char>(std::tolower(static_cast<unsigned char>(summary.front())));
    lines.push_back("cardex: " + summary);
    host_.show(lines);
    refresh_completions();
}

void CardPlugin::export_to(const std::vector<std::string>& args) {
    if (args.empty()) return report("/card export <file>");
    const std::string path = unquoted(joined(args));
    auto contacts = book_->contacts();
    if (!contacts) return report(contacts.error().message);
    std::vector<vcard::Card> cards;
    for (auto& c : *contacts)
        cards.push_back(std::move(c.card));
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out << client::transfer::export_cards(cards, client::transfer::ExportFormat::vcard4);
    if (!out.flush()) return report("cannot write " + path);
    host_.show({"cardex: exported " + std::to_string(cards.size()) + " contacts to " + path + "."});
}

void CardPlugin::sync() {
    if (!agent_) return report("not connected");
    host_.show({"cardex: synchronising with your card services..."});
    start_sync();
}

}  // namespace cardex::profanity
