// import, export.
#include <fstream>

#include "client/cli/commands.hpp"
#include "client/transfer/export.hpp"
#include "client/transfer/import.hpp"
#include "client/ui/import_text.hpp"

namespace cardex::cli {
namespace {

struct ExportOptions {
    std::string format = "vcard4";
    std::string out;
    client::book::ContactQuery query;
};

int run_import(Context& ctx, const std::vector<std::string>& paths) {
    auto* book = open_book(ctx);
    if (book == nullptr) return ctx.exit_code;
    std::vector<std::filesystem::path> files(paths.begin(), paths.end());
    auto report = client::transfer::import_files(*book, files);
    if (!report) return ctx.fail(report.error().message);
    for (const auto& line : client::ui::import_detail_lines(*report))
        ctx.out << line << "\n";
    ctx.out << client::ui::import_summary(*report) << "\n";
    switch (report->outcome()) {
        case client::transfer::ImportOutcome::all_imported:
            return kOk;
        case client::transfer::ImportOutcome::some_failed:
            return kPartly;
        case client::transfer::ImportOutcome::nothing_imported:
            break;
    }
    return kFailed;
}

int run_export(Context& ctx, const ExportOptions& o) {
    auto format = client::transfer::parse_export_format(o.format);
    if (!format) return ctx.fail(format.error().message, kUsage);
    auto* book = open_book(ctx);
    if (book == nullptr) return ctx.exit_code;
    auto contacts = book->contacts(o.query);
    if (!contacts) return ctx.fail(contacts.error().message);
    std::vector<vcard::Card> cards;
    for (auto& c : *contacts)
        cards.push_back(std::move(c.card));
    const std::string text = client::transfer::export_cards(cards, *format);
    if (o.out.empty() || o.out == "-") {
        ctx.out << text;
        return kOk;
    }
    std::ofstream file(o.out, std::ios::binary | std::ios::trunc);
    if (!(file << text) || !file.flush()) return ctx.fail("cannot write " + o.out);
    ctx.err << "Exported " << cards.size() << (cards.size() == 1 ? " contact" : " contacts")
            << " to " << o.out << ".\n";
    return kOk;
}

}  // namespace

void add_transfer_commands(CLI::App& app, Context& ctx) {
    auto paths = std::make_shared<std::vector<std::string>>();
    auto* importing = app.add_subcommand(
        "import",
        "Import .vcf (vCard 2.1, 3.0, 4.0), xCard, jCard or contacts CSV files (as Google "
        "Contacts, Outlook and Thunderbird export them), or folders of them; cards that match a "
        "contact (UID, phone, e-mail) are merged into it");
    importing->add_option("FILE", *paths, "Files or folders")->required();
    importing->callback([&ctx, paths] { ctx.exit_code = run_import(ctx, *paths); });

    auto options = std::make_shared<ExportOptions>();
    auto* exp = app.add_subcommand("export", "Export contacts (all, or those matching QUERY)");
    exp->add_option("--format", options->format, "vcard4, vcard3, xcard or jcard")
        ->default_val("vcard4");
    exp->add_option("--out", options->out, "File to write (default: standard output)");
    exp->add_option("--category", options->query.category, "Only contacts in this category");
    exp->add_option("QUERY", options->query.text, "As for `cardex list`");
    exp->callback([&ctx, options] { ctx.exit_code = run_export(ctx, *options); });
}

}  // namespace cardex::cli
