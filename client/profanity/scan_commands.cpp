// /card scan-card: a contact from a photo of a paper business card. The first step shows what
// was read (doubtful fields marked); `/card scan-card save` saves it, merged like any card, and
// `/card scan-card cancel` drops it. Only the last photo read waits to be saved.
#include "client/ocr/card_scan.hpp"
#include "client/profanity/card_plugin.hpp"
#include "client/ui/outcome_text.hpp"
#include "client/ui/proposal_text.hpp"

namespace cardex::profanity {

void CardPlugin::scan_card(const std::vector<std::string>& args) {
    std::string what;
    for (const auto& word : args)
        what += (what.empty() ? "" : " ") + word;
    if (what.size() >= 2 && what.front() == '"' && what.back() == '"')
        what = what.substr(1, what.size() - 2);
    if (what.empty()) return report("/card scan-card <file>, then /card scan-card save");
    if (what == "save" || what == "cancel") return finish_scan(what == "save");
    if (!recognizer_) recognizer_ = std::make_unique<client::ocr::TextRecognizer>();
    client::ocr::ScanOptions options;
    options.region =
        client::profile::effective_region(settings_.book, client::profile::process_environment());
    auto proposal = client::ocr::scan_card_file(*recognizer_, what, options);
    if (!proposal) return report(proposal.error().message);
    std::vector<std::string> lines{"cardex: read from " + what + ":"};
    for (const auto& line : client::ui::proposal_lines(*proposal))
        lines.push_back("  " + line);
    if (const auto doubtful = client::ui::doubtful_text(*proposal); !doubtful.empty())
        lines.push_back("cardex: " + doubtful + ".");
    lines.push_back("cardex: /card scan-card save saves it, /card scan-card cancel drops it.");
    scanned_ = Scanned{std::move(proposal->card), what};
    host_.show(lines);
}

void CardPlugin::finish_scan(bool save) {
    if (!scanned_) return report("no card read from a photo waits to be saved");
    Scanned scanned = std::move(*scanned_);
    scanned_.reset();
    if (!save) return host_.show({"cardex: dropped the card read from " + scanned.photo + "."});
    auto stored = book_->merge(std::move(scanned.card),
                               client::book::Origin::user("scan-card " + scanned.photo));
    if (!stored) return report(stored.error().message);
    // Named as the book has it: a card that joined a contact keeps that contact's name.
    auto contact = book_->contact(stored->contact);
    if (!contact) return report(contact.error().message);
    const std::string name = contact->card.formatted_name();
    const bool changed = stored->outcome != client::book::StoreOutcome::unchanged;
    host_.show(
        {"cardex: " + client::ui::stored_text(*stored, name) +
         (changed ? " (cardex undo " + std::to_string(stored->contact) + " reverts it)." : ".")});
    refresh_completions();
}

}  // namespace cardex::profanity
