// templates, render, and the --template of `me` (the design image of the own card) and of
// `add` (asking for the fields a design shows).
#include <unistd.h>

#include <algorithm>

#include "client/cli/card_editing.hpp"
#include "client/cli/commands.hpp"
#include "client/cli/output.hpp"
#include "client/exchange/service_requests.hpp"
#include "client/render/card_render.hpp"
#include "client/render/design_image.hpp"
#include "client/ui/table.hpp"
#include "client/ui/text_width.hpp"
#include "core/protocol/service_info.hpp"
#include "core/text/ascii.hpp"
#include "core/text/join.hpp"
#include "core/vcard/card_image.hpp"
#include "core/vcard/media.hpp"

namespace cardex::cli {
namespace {

namespace fs = std::filesystem;
namespace render = client::render;

// <profile dir>/templates: where the user's own designs are.
fs::path templates_dir(Context& ctx) {
    auto profile = ctx.profile();
    return profile ? (*profile)->dir() / "templates" : fs::path();
}

int run_templates(Context& ctx) {
    const fs::path dir = templates_dir(ctx);
    client::ui::Table table;
    table.add_column("NAME");
    table.add_column("FROM");
    table.add_column("FIELDS");
    table.add_column("DESCRIPTION");
    for (const auto& info : render::list_designs(dir)) {
        auto design = render::load_design(info.name, dir);
        const std::string fields = design ? join(render::design_fields(*design), ", ") : "";
        table.add_row({info.name, info.user ? "yours" : "shipped", fields,
                       design ? info.description : "cannot be read: " + info.description});
    }
    ctx.out << table.render(160);
    ctx.out << "Your own designs are the *.toml files in " << dir.string()
            << "; one named like a shipped design replaces it.\n";
    return kOk;
}

std::optional<render::ImageFormat> format_of(const fs::path& file) {
    const std::string extension = lower_ascii(file.extension().string());
    if (extension == ".png") return render::ImageFormat::png;
    if (extension == ".svg") return render::ImageFormat::svg;
    if (extension == ".pdf") return render::ImageFormat::pdf;
    return std::nullopt;
}

struct RenderRequest {
    std::string contact;  // empty: the own card
    std::string design;
    std::string out;
    std::string qr;  // "card", a text, or empty
    double dpi = 300;
};

bool uses_qr(const render::CardDesign& design) {
    const auto fields = render::design_fields(design);
    return std::find(fields.begin(), fields.end(), "qr") != fields.end();
}

int run_render(Context& ctx, const RenderRequest& request) {
    const auto format = format_of(request.out);
    if (!format) {
        return ctx.fail("render: cannot tell the format of " + request.out +
                            ": the file must end in .png, .svg or .pdf",
                        kUsage);
    }
    auto design = render::load_design(request.design, templates_dir(ctx));
    if (!design) return ctx.fail(design.error().message, kUsage);
    auto contact =
        request.contact.empty() ? own_contact(ctx) : resolve_contact(ctx, request.contact);
    if (!contact) return ctx.exit_code;
    render::RenderOptions options;
    options.format = *format;
    options.dpi = request.dpi;
    options.qr_text = request.qr == "card" ? render::compact_card_text(contact->card) : request.qr;
    if (!options.qr_text.empty() && !uses_qr(*design)) {
        ctx.err << "cardex: the design " << design->name
                << " has no place for a QR code; it is left out (scan-me has one)\n";
    }
    auto bytes = render::render_card(contact->card, *design, options);
    if (!bytes) return ctx.fail(bytes.error().message);
    if (auto written = write_file(request.out, *bytes); !written)
        return ctx.fail(written.error().message);
    ctx.out << "Wrote " << request.out << ": "
            << client::ui::sanitize_for_terminal(contact->card.formatted_name())
            << " in the design " << design->name << " (" << bytes->size() << " bytes).\n";
    return kOk;
}

struct FieldPrompt {
    std::string_view field;
    std::string_view label;
};

constexpr FieldPrompt kPrompts[] = {
    {"fn", "Name"},
    {"title", "Title"},
    {"org", "Organisation"},
    {"tel", "Phone"},
    {"tel.cell", "Mobile phone"},
    {"tel.work", "Work phone"},
    {"tel.home", "Home phone"},
    {"fax", "Fax"},
    {"email", "E-mail"},
    {"url", "Web address"},
    {"adr", "Address (street;place;postal code;country)"},
    {"note", "Note"},
    {"xmpp", "XMPP address"},
};

std::string_view prompt_label(std::string_view field) {
    for (const auto& prompt : kPrompts) {
        if (prompt.field == field) return prompt.label;
    }
    return {};
}

bool has_typed(const std::vector<std::string>& values, const std::string& type) {
    return std::any_of(values.begin(), values.end(), [&](const std::string& v) {
        return lower_ascii(v).rfind(type + "=", 0) == 0;
    });
}

// The phone type of tel.cell, tel.work, tel.home and fax; "" for tel.
std::string phone_type(std::string_view field) {
    if (field == "fax") return "fax";
    return field.rfind("tel.", 0) == 0 ? std::string(field.substr(4)) : std::string();
}

bool given(const CardFields& fields, std::string_view field) {
    if (field == "fn") return !fields.name.empty();
    if (field == "title") return !fields.title.empty();
    if (field == "org") return !fields.org.empty();
    if (field == "note") return !fields.note.empty();
    if (field == "email") return !fields.emails.empty();
    if (field == "url") return !fields.urls.empty();
    if (field == "adr") return !fields.addresses.empty();
    if (field == "xmpp") return !fields.xmpp.empty();
    if (field == "tel") return !fields.phones.empty();
    return has_typed(fields.phones, phone_type(field));
}

void take_answer(CardFields& fields, std::string_view field, const std::string& answer) {
    if (field == "fn") fields.name = answer;
    if (field == "title") fields.title = answer;
    if (field == "org") fields.org = answer;
    if (field == "note") fields.note = answer;
    if (field == "email") fields.emails.push_back(answer);
    if (field == "url") fields.urls.push_back(answer);
    if (field == "adr") fields.addresses.push_back(answer);
    if (field == "xmpp") fields.xmpp.push_back(answer);
    if (field == "tel" || field == "fax" || field.rfind("tel.", 0) == 0) {
        const std::string type = phone_type(field);
        fields.phones.push_back(type.empty() ? answer : type + "=" + answer);
    }
}

// Asks on the terminal, one line per field, for each text field of the design not given as an
// option; an empty answer leaves the field out. Without a terminal nothing is asked.
void ask_for_fields(Context& ctx, const render::CardDesign& design, CardFields& fields) {
    if (::isatty(STDIN_FILENO) == 0) return;
    for (const auto& field : render::design_fields(design)) {
        const std::string_view label = prompt_label(field);
        if (label.empty() || given(fields, field)) continue;
        ctx.out << label << ": " << std::flush;
        std::string answer;
        if (!std::getline(std::cin, answer)) break;
        while (!answer.empty() && (answer.back() == ' ' || answer.back() == '\r'))
            answer.pop_back();
        if (!answer.empty()) take_answer(fields, field, answer);
    }
}

}  // namespace

int add_with_design(Context& ctx, const std::string& design_name, CardFields fields) {
    auto design = render::load_design(design_name, templates_dir(ctx));
    if (!design) return ctx.fail(design.error().message, kUsage);
    ask_for_fields(ctx, *design, fields);
    return add_contact(ctx, fields);
}

int put_design_image(Context& ctx, const std::string& design_name) {
    auto design = render::load_design(design_name, templates_dir(ctx));
    if (!design) return ctx.fail(design.error().message, kUsage);
    auto contact = own_contact(ctx);
    if (!contact) return ctx.exit_code;
    vcard::Card card = contact->card;
    auto image = render::design_image(card, *design);
    if (!image) return ctx.fail(image.error().message);
    vcard::set_card_image(
        card, {vcard::CardImageKind::design,
               {vcard::make_data_uri(image->media_type, image->bytes), image->media_type},
               design->name});
    const std::size_t bytes = client::exchange::card_bytes(card);
    const std::size_t limit = protocol::ServiceLimits{}.max_card_bytes;
    if (bytes > limit) {
        return ctx.fail("with the design image your card would take " + std::to_string(bytes) +
                        " bytes, more than the " + std::to_string(limit) +
                        " a card service takes; a smaller photo or logo would make room");
    }
    auto stored =
        open_book(ctx)->replace(contact->id, std::move(card), client::book::Origin::user("me"));
    if (!stored) return ctx.fail(stored.error().message);
    ctx.out << "Put the design " << design->name << " on your card (contact " << contact->id
            << ") as its image: " << render::describe_design_image(*image) << "; the card takes "
            << bytes << " of the " << limit << " bytes a card service takes. `cardex undo "
            << contact->id << "` takes it off.\n";
    return kOk;
}

void add_render_commands(CLI::App& app, Context& ctx) {
    auto* templates = app.add_subcommand(
        "templates", "List the card designs: shipped ones and your own, with the fields each uses");
    templates->callback([&ctx] { ctx.exit_code = run_templates(ctx); });

    auto request = std::make_shared<RenderRequest>();
    auto* render = app.add_subcommand(
        "render", "Draw a contact's card (by default your own) from a design as PNG, SVG or PDF");
    render->add_option("CONTACT", request->contact,
                       "Number, name, UID, e-mail or phone number (default: your own card)");
    render->add_option("--template", request->design, "The design (`cardex templates`)")
        ->type_name("NAME")
        ->required();
    render->add_option("--out", request->out, "The file to write: its extension is the format")
        ->type_name("FILE.png|.svg|.pdf")
        ->required();
    render
        ->add_option("--qr", request->qr,
                     "Draw a QR code of the card itself (card) or of TEXT, e.g. a token's "
                     "address from `cardex qr`, where the design has one")
        ->type_name("card|TEXT");
    render->add_option("--dpi", request->dpi, "Pixels per inch of a PNG")
        ->type_name("N")
        ->default_val(300)
        ->check(CLI::Range(render::kMinDpi, render::kMaxDpi));
    render->callback([&ctx, request] { ctx.exit_code = run_render(ctx, *request); });
}

}  // namespace cardex::cli
