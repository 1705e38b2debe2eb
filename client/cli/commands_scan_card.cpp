// scan-card: a contact from a photo of a paper business card (client/ocr/card_scan.hpp). The
// proposed card is shown, doubtful fields marked, and saved, edited first or dropped as the
// user says; a saved card merges into a contact with the same phone or e-mail like any other.
#include <unistd.h>

#include <cmath>
#include <iostream>
#include <nlohmann/json.hpp>

#include "client/cli/card_editing.hpp"
#include "client/cli/commands.hpp"
#include "client/cli/output.hpp"
#include "client/ocr/card_scan.hpp"
#include "client/ui/outcome_text.hpp"
#include "client/ui/proposal_text.hpp"
#include "client/ui/text_width.hpp"
#include "core/vcard/card_image.hpp"
#include "core/vcard/writer.hpp"

namespace cardex::cli {
namespace {

struct ScanCardOptions {
    std::string photo;
    std::string lang;
    bool json = false;
    bool yes = false;
};

std::string region_of(Context& ctx) {
    auto settings = ctx.settings();
    return client::profile::effective_region(
        settings ? (*settings)->book : client::profile::BookSettings{},
        client::profile::process_environment());
}

nlohmann::json proposal_json(const client::ocr::CardProposal& proposal) {
    nlohmann::json fields = nlohmann::json::array();
    for (const auto& f : proposal.fields) {
        nlohmann::json field = {{"property", f.property},
                                {"value", f.value},
                                {"confidence", std::round(f.confidence * 10) / 10},
                                {"doubtful", f.doubtful}};
        if (!f.type.empty()) field["type"] = f.type;
        fields.push_back(std::move(field));
    }
    vcard::Card without_photo = proposal.card;
    vcard::remove_card_images(without_photo, vcard::CardImageKind::scan);
    const auto photo = vcard::card_image(proposal.card, vcard::CardImageKind::scan);
    return {{"fields", fields},
            {"vcard", vcard::write_vcard_text(without_photo)},
            {"photo_in_card", photo.has_value()},
            {"language", proposal.language},
            {"milliseconds", std::lround(proposal.milliseconds)}};
}

enum class Choice { save, edit, cancel };

Choice ask(Context& ctx) {
    ctx.out << "Save, edit or cancel? [S/e/c] ";
    ctx.out.flush();
    std::string line;
    if (!std::getline(std::cin, line)) return Choice::cancel;
    const auto first = line.find_first_not_of(" \t");
    if (first == std::string::npos) return Choice::save;
    switch (line[first]) {
        case 's':
        case 'S':
        case 'y':
        case 'Y':
            return Choice::save;
        case 'e':
        case 'E':
            return Choice::edit;
        default:
            return Choice::cancel;
    }
}

int save(Context& ctx, vcard::Card card, const std::string& photo) {
    auto* book = open_book(ctx);
    if (book == nullptr) return ctx.exit_code;
    auto stored = book->merge(std::move(card), client::book::Origin::user("scan-card " + photo));
    if (!stored) return ctx.fail(stored.error().message);
    // Named as the book has it: a card that joined a contact keeps that contact's name.
    auto contact = book->contact(stored->contact);
    if (!contact) return ctx.fail(contact.error().message);
    ctx.out << client::ui::stored_text(*stored, contact->card.formatted_name());
    if (stored->outcome != client::book::StoreOutcome::unchanged)
        ctx.out << " (`cardex undo " << stored->contact << "` reverts it)";
    ctx.out << ".\n";
    return kOk;
}

int run_scan_card(Context& ctx, const ScanCardOptions& o) {
    client::ocr::TextRecognizer recognizer;
    client::ocr::ScanOptions options;
    options.languages = o.lang;
    options.region = region_of(ctx);
    auto proposal = client::ocr::scan_card_file(recognizer, o.photo, options);
    if (!proposal) return ctx.fail(proposal.error().message);
    if (o.json) {
        ctx.out << proposal_json(*proposal).dump(2) << "\n";
        return kOk;
    }
    ctx.out << "Read from " << client::ui::sanitize_for_terminal(o.photo) << " ("
            << proposal->language << ", " << std::lround(proposal->milliseconds) << " ms):\n";
    for (const auto& line : client::ui::proposal_lines(*proposal))
        ctx.out << "  " << line << "\n";
    if (const auto doubtful = client::ui::doubtful_text(*proposal); !doubtful.empty())
        ctx.out << doubtful << ".\n";
    if (o.yes) return save(ctx, std::move(proposal->card), o.photo);
    switch (ask(ctx)) {
        case Choice::save:
            return save(ctx, std::move(proposal->card), o.photo);
        case Choice::edit: {
            auto edited = edit_in_editor(proposal->card);
            if (!edited) return ctx.fail(edited.error().message);
            return save(ctx, std::move(edited).value(), o.photo);
        }
        case Choice::cancel:
            break;
    }
    ctx.out << "Nothing saved.\n";
    return kOk;
}

}  // namespace

void add_scan_card_command(CLI::App& app, Context& ctx) {
    auto o = std::make_shared<ScanCardOptions>();
    auto* scan =
        app.add_subcommand("scan-card", "Add a contact from a photo of a paper business card");
    scan->add_option("PHOTO", o->photo, "The photo (JPEG or PNG)")->required();
    scan->add_option("--lang", o->lang,
                     "Language of the card's text: eng, deu, chi_sim (several: eng+deu); "
                     "default: chosen from the text")
        ->type_name("LANG");
    scan->add_flag("--json", o->json,
                   "Print the proposed card, each field's confidence and whether it is doubtful, "
                   "the language and the time taken; save nothing");
    scan->add_flag("-y,--yes", o->yes, "Save without asking");
    scan->callback([&ctx, o] { ctx.exit_code = run_scan_card(ctx, *o); });
}

}  // namespace cardex::cli
