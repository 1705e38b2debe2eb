// list, show, add, edit, rm, history, undo.
#include <algorithm>
#include <cctype>
#include <nlohmann/json.hpp>

#include "client/cli/card_editing.hpp"
#include "client/cli/commands.hpp"
#include "client/cli/output.hpp"
#include "client/ui/contact_table.hpp"
#include "client/ui/outcome_text.hpp"
#include "client/ui/text_width.hpp"
#include "core/vcard/card_image.hpp"
#include "core/vcard/media.hpp"

namespace cardex::cli {
namespace {

using client::book::Origin;

int run_list(Context& ctx, const client::book::ContactQuery& query, bool json) {
    auto* book = open_book(ctx);
    if (book == nullptr) return ctx.exit_code;
    auto contacts = book->contacts(query);
    if (!contacts) return ctx.fail(contacts.error().message);
    if (json) {
        nlohmann::json list = nlohmann::json::array();
        for (const auto& c : *contacts)
            list.push_back(contact_json(c, /*whole=*/false));
        ctx.out << list.dump(2) << "\n";
        return kOk;
    }
    const client::ui::Table table = client::ui::contact_table(*contacts);
    if (table.empty()) {
        ctx.out << (query.text.empty() && query.category.empty() ? "The address book is empty.\n"
                                                                 : "No contact matches.\n");
        return kOk;
    }
    ctx.out << table.render(120);
    return kOk;
}

// `cardex show CONTACT --image FILE`: the picture of the card (its design, else the photo of
// the paper card it was read from) written to FILE.
int write_card_image(Context& ctx, const client::book::Contact& contact, const std::string& file) {
    const auto images = vcard::card_images(contact.card);
    if (images.empty()) {
        return ctx.fail("contact " + std::to_string(contact.id) +
                        " has no picture of its card (`cardex me --template NAME` makes one for "
                        "your own card)");
    }
    auto bytes = vcard::data_uri_bytes(images.front().media.uri);
    if (!bytes) return ctx.fail("the picture of the card is " + bytes.error().message);
    if (auto written = write_file(file, *bytes); !written) return ctx.fail(written.error().message);
    ctx.out << "Wrote the "
            << (images.front().kind == vcard::CardImageKind::scan ? "photo of the paper card"
                                                                  : "picture of the card")
            << " (" << images.front().media.media_type << ", " << bytes->size() << " bytes) to "
            << file << ".\n";
    return kOk;
}

int run_show(Context& ctx, const std::string& what, bool json, const std::string& image_file) {
    auto contact = resolve_contact(ctx, what);
    if (!contact) return ctx.exit_code;
    if (!image_file.empty()) return write_card_image(ctx, *contact, image_file);
    if (json) {
        ctx.out << contact_json(*contact, /*whole=*/true).dump(2) << "\n";
        return kOk;
    }
    auto provenance = open_book(ctx)->provenance(contact->id);
    if (!provenance) return ctx.fail(provenance.error().message);
    ctx.out << contact_box(*contact, *provenance);
    return kOk;
}

int run_edit(Context& ctx, const std::string& what, const CardEdits& edits) {
    auto contact = resolve_contact(ctx, what);
    if (!contact) return ctx.exit_code;
    auto card = edits.empty() ? edit_in_editor(contact->card) : apply_edits(contact->card, edits);
    if (!card) return ctx.fail(card.error().message);
    auto stored =
        open_book(ctx)->replace(contact->id, std::move(card).value(), Origin::user("edit"));
    if (!stored) return ctx.fail(stored.error().message);
    if (stored->outcome == client::book::StoreOutcome::unchanged) {
        ctx.out << "Contact " << contact->id << " is unchanged.\n";
        return kOk;
    }
    auto updated = open_book(ctx)->contact(contact->id);
    if (!updated) return ctx.fail(updated.error().message);
    ctx.out << "Saved contact " << contact->id << " (`cardex undo " << contact->id
            << "` reverts it).\n"
            << contact_box(*updated, {});
    return kOk;
}

int run_rm(Context& ctx, const std::string& what) {
    auto contact = resolve_contact(ctx, what);
    if (!contact) return ctx.exit_code;
    if (auto ok = open_book(ctx)->remove(contact->id, Origin::user("rm")); !ok)
        return ctx.fail(ok.error().message);
    ctx.out << "Removed contact " << contact->id << " ("
            << client::ui::sanitize_for_terminal(contact->card.formatted_name())
            << "); `cardex undo " << contact->id << "` brings it back.\n";
    return kOk;
}

int run_history(Context& ctx, const std::string& what, bool json) {
    auto* book = open_book(ctx);
    if (book == nullptr) return ctx.exit_code;
    auto contact = resolve_contact(ctx, what);
    if (!contact) return ctx.exit_code;
    auto history = book->history(contact->id);
    if (!history) return ctx.fail(history.error().message);
    nlohmann::json list = nlohmann::json::array();
    for (const auto& h : *history) {
        if (json) {
            list.push_back({{"at", protocol::format_timestamp(h.at)},
                            {"action", h.action},
                            {"source", h.source},
                            {"added", h.added},
                            {"undone", h.undone}});
            continue;
        }
        ctx.out << when(h.at) << "  " << h.action << (h.undone ? " (undone)" : "") << "  "
                << client::ui::sanitize_for_terminal(h.source) << "\n";
        for (const auto& a : h.added)
            ctx.out << "    + " << client::ui::sanitize_for_terminal(a) << "\n";
    }
    if (json) ctx.out << list.dump(2) << "\n";
    return kOk;
}

int run_undo(Context& ctx, const std::string& what) {
    auto* book = open_book(ctx);
    if (book == nullptr) return ctx.exit_code;
    // A removed contact is no longer found by name: its number still works.
    client::book::ContactId id = 0;
    if (what.find_first_not_of("0123456789") == std::string::npos && !what.empty() &&
        what.size() <= 9) {
        id = std::stoll(what);
    } else {
        auto contact = resolve_contact(ctx, what);
        if (!contact) return ctx.exit_code;
        id = contact->id;
    }
    auto undone = book->undo(id);
    if (!undone) return ctx.fail(undone.error().message);
    ctx.out << "Undid the " << undone->action << " of contact " << id << " ("
            << client::ui::sanitize_for_terminal(undone->source) << ").\n";
    if (auto contact = book->contact(id)) ctx.out << contact_box(*contact, {});
    return kOk;
}

// Reverts what the restore of backup `id` did to every contact not changed since, as one step.
int run_undo_restore(Context& ctx, const std::string& id) {
    auto* book = open_book(ctx);
    if (book == nullptr) return ctx.exit_code;
    auto undone = book->undo_source("import of backup " + id + ",");
    if (!undone) return ctx.fail(undone.error().message);
    if (*undone == 0)
        return ctx.fail("the restore of backup " + id +
                        " changed no contact that is "
                        "as it left it");
    ctx.out << "Undid the restore of backup " << id << " in " << *undone << " contacts.\n";
    return kOk;
}

// Without CONTACT, shows the user's own card; with it, makes that contact the own card.
int run_me(Context& ctx, const std::string& what) {
    auto settings = ctx.settings();
    if (!settings) return ctx.fail(settings.error().message);
    auto& me = (*settings)->book.me;
    if (!what.empty()) {
        auto contact = resolve_contact(ctx, what);
        if (!contact) return ctx.exit_code;
        me = contact->uid;
        if (auto ok = (*ctx.profile())->save(**settings); !ok) return ctx.fail(ok.error().message);
        ctx.out << "Contact " << contact->id << " is your own card now.\n";
        return run_show(ctx, std::to_string(contact->id), false, {});
    }
    if (me.empty()) return ctx.fail("no card of your own yet: `cardex me CONTACT` chooses one");
    auto* book = open_book(ctx);
    if (book == nullptr) return ctx.exit_code;
    auto found = book->resolve(me);
    if (!found) return ctx.fail(found.error().message);
    if (!found->contact) return ctx.fail("your own card (" + me + ") is not in the address book");
    return run_show(ctx, std::to_string(found->contact->id), false, {});
}

}  // namespace

int add_contact(Context& ctx, const CardFields& fields) {
    auto* book = open_book(ctx);
    if (book == nullptr) return ctx.exit_code;
    auto card = card_from_fields(fields);
    if (!card) return ctx.fail(card.error().message, kUsage);
    auto stored = book->add(std::move(card).value(), client::book::Origin::user("add"));
    if (!stored) return ctx.fail(stored.error().message);
    auto contact = book->contact(stored->contact);
    if (!contact) return ctx.fail(contact.error().message);
    ctx.out << "Added contact " << contact->id << ".\n" << contact_box(*contact, {});
    return kOk;
}

void allow_dash_ids(CLI::App& command) {
    command.allow_extras();
    command.fallthrough(false);  // an unknown word stays here instead of going to `cardex`
}

std::optional<std::string> id_argument(Context& ctx, const CLI::App& command,
                                       const std::string& given, bool required) {
    const auto extras = command.remaining();
    const auto is_id = [](const std::string& word) {
        return word.size() >= 4 && word.size() <= 64 &&
               std::all_of(word.begin(), word.end(),
                           [](unsigned char c) { return std::isalnum(c) || c == '-' || c == '_'; });
    };
    if (!extras.empty() && (!given.empty() || extras.size() > 1 || !is_id(extras.front()))) {
        const std::string& odd = !is_id(extras.front()) ? extras.front() : extras.back();
        ctx.fail(command.get_name() + ": unexpected '" + odd +
                     "' (one ID; options of cardex itself go before the command)",
                 kUsage);
        return std::nullopt;
    }
    if (!given.empty()) return given;
    if (!extras.empty()) return extras.front();
    if (!required) return std::string();
    ctx.fail(command.get_name() + ": an ID is required (see --help)", kUsage);
    return std::nullopt;
}

client::book::AddressBook* open_book(Context& ctx) {
    auto book = ctx.book();
    if (!book) {
        ctx.fail(book.error().message);
        return nullptr;
    }
    return *book;
}

std::optional<client::book::Contact> resolve_contact(Context& ctx, const std::string& what) {
    auto* book = open_book(ctx);
    if (book == nullptr) return std::nullopt;
    auto found = book->resolve(what);
    if (!found) {
        ctx.fail(found.error().message);
        return std::nullopt;
    }
    if (found->contact) return std::move(found->contact);
    if (found->candidates.empty()) {
        ctx.fail("no contact matches '" + what + "' (try `cardex list`)", kNoSuchContact);
        return std::nullopt;
    }
    ctx.fail(client::ui::ambiguity_text(what, *found) + ":\n" +
                 client::ui::contact_table(found->candidates).render(120),
             kNoSuchContact);
    return std::nullopt;
}

void add_book_commands(CLI::App& app, Context& ctx) {
    auto query = std::make_shared<client::book::ContactQuery>();
    auto json = std::make_shared<bool>(false);
    auto* list = app.add_subcommand("list", "List contacts, or those matching QUERY");
    list->add_option("QUERY", query->text,
                     "Text in a name, organisation, title, e-mail, phone number (any spelling), "
                     "category or note");
    list->add_option("--category", query->category, "Only contacts in this category");
    list->add_flag("--json", *json, "Print JSON: each contact's fields, without photos");
    list->callback([&ctx, query, json] { ctx.exit_code = run_list(ctx, *query, *json); });

    auto what = std::make_shared<std::string>();
    auto* show = app.add_subcommand("show", "Show a contact as a card, and where it came from");
    show->add_option("CONTACT", *what, "Number, name, UID, e-mail or phone number")->required();
    show->add_flag("--json", *json, "Print JSON: the fields, the photo and the card as jCard");
    auto image_file = std::make_shared<std::string>();
    show->add_option("--image", *image_file,
                     "Write the picture of the card (its design, else the photo of the paper "
                     "card) to FILE")
        ->type_name("FILE");
    show->callback([&ctx, what, json, image_file] {
        ctx.exit_code = run_show(ctx, *what, *json, *image_file);
    });

    auto fields = std::make_shared<CardFields>();
    auto design = std::make_shared<std::string>();
    auto* add = app.add_subcommand("add", "Add a contact");
    add_field_options(*add, *fields);
    add->add_option("--template", *design,
                    "Ask (on a terminal) for each field this design shows that no option gives")
        ->type_name("NAME");
    add->callback([&ctx, fields, design] {
        ctx.exit_code =
            design->empty() ? add_contact(ctx, *fields) : add_with_design(ctx, *design, *fields);
    });

    auto edits = std::make_shared<CardEdits>();
    auto* edit = app.add_subcommand(
        "edit", "Change a contact: with options, those fields; without, in $VISUAL or $EDITOR");
    edit->add_option("CONTACT", *what, "Number, name, UID, e-mail or phone number")->required();
    add_edit_options(*edit, *edits);
    edit->callback([&ctx, what, edits] { ctx.exit_code = run_edit(ctx, *what, *edits); });

    auto* rm = app.add_subcommand("rm", "Remove a contact (`cardex undo NUMBER` restores it)");
    rm->add_option("CONTACT", *what, "Number, name, UID, e-mail or phone number")->required();
    rm->callback([&ctx, what] { ctx.exit_code = run_rm(ctx, *what); });

    auto* history = app.add_subcommand("history", "Every change to a contact, oldest first");
    history->add_option("CONTACT", *what, "Number, name, UID, e-mail or phone number")->required();
    history->add_flag("--json", *json, "Print JSON");
    history->callback([&ctx, what, json] { ctx.exit_code = run_history(ctx, *what, *json); });

    auto* me = app.add_subcommand("me", "Show your own card, or make CONTACT your own card");
    me->add_option("CONTACT", *what, "Number, name, UID, e-mail or phone number");
    me->add_option("--template", *design,
                   "Draw your card from this design and put the picture on it (after CONTACT "
                   "is made your own card, when given)")
        ->type_name("NAME");
    me->callback([&ctx, what, design] {
        if (!what->empty() || design->empty()) ctx.exit_code = run_me(ctx, *what);
        if (ctx.exit_code == kOk && !design->empty())
            ctx.exit_code = put_design_image(ctx, *design);
    });

    auto* undo = app.add_subcommand(
        "undo", "Revert the latest change to a contact (a merge, an edit, a removal)");
    auto restored = std::make_shared<std::string>();
    undo->add_option("CONTACT", *what, "Number, name, UID, e-mail or phone number");
    undo->add_option("--restore", *restored,
                     "Revert the restore of backup ID in every contact, as one step")
        ->type_name("ID");
    undo->callback([&ctx, what, restored] {
        if (what->empty() == restored->empty()) {
            ctx.exit_code = ctx.fail("undo: give CONTACT, or --restore ID (see --help)", kUsage);
            return;
        }
        ctx.exit_code = restored->empty() ? run_undo(ctx, *what) : run_undo_restore(ctx, *restored);
    });
}

}  // namespace cardex::cli
