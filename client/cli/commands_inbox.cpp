// inbox, accept, reject: received cards kept apart until the user decides (inbox mode).
#include <nlohmann/json.hpp>

#include "client/cli/commands.hpp"
#include "client/cli/output.hpp"
#include "client/ui/outcome_text.hpp"
#include "client/ui/table.hpp"
#include "client/ui/text_width.hpp"

namespace cardex::cli {
namespace {

int run_inbox(Context& ctx, bool json) {
    auto* book = open_book(ctx);
    if (book == nullptr) return ctx.exit_code;
    auto inbox = book->inbox();
    if (!inbox) return ctx.fail(inbox.error().message);
    if (json) {
        nlohmann::json list = nlohmann::json::array();
        for (const auto& r : *inbox)
            list.push_back(received_json(r));
        ctx.out << list.dump(2) << "\n";
        return kOk;
    }
    if (inbox->empty()) {
        ctx.out << "The inbox is empty."
                << (book->inbox_mode() ? ""
                                       : " (Received cards are merged at once; "
                                         "`cardex config --inbox on` keeps them here.)")
                << "\n";
        return kOk;
    }
    client::ui::Table table;
    table.add_column("#", client::ui::Align::right);
    table.add_column("name");
    table.add_column("from");
    table.add_column("received");
    for (const auto& r : *inbox) {
        table.add_row({std::to_string(r.id), r.card ? r.card->formatted_name() : "",
                       r.sender + (r.verified ? "" : " (unverified)"), when(r.received_at)});
    }
    ctx.out << table.render(120);
    return kOk;
}

int run_accept(Context& ctx, const std::string& what) {
    auto* book = open_book(ctx);
    if (book == nullptr) return ctx.exit_code;
    auto received = book->find_received(what);
    if (!received) return ctx.fail(received.error().message, kNoSuchContact);
    auto stored = book->accept(received->id);
    if (!stored) return ctx.fail(stored.error().message);
    const std::string name = received->card ? received->card->formatted_name() : std::string();
    ctx.out << "Accepted. " << client::ui::stored_text(*stored, name) << ".\n";
    return kOk;
}

int run_reject(Context& ctx, const std::string& what) {
    auto* book = open_book(ctx);
    if (book == nullptr) return ctx.exit_code;
    auto received = book->find_received(what);
    if (!received) return ctx.fail(received.error().message, kNoSuchContact);
    if (auto ok = book->decline(received->id); !ok) return ctx.fail(ok.error().message);
    ctx.out << "Rejected the card from " << received->sender << "; it is not in your contacts.\n";
    return kOk;
}

}  // namespace

void add_inbox_commands(CLI::App& app, Context& ctx) {
    auto json = std::make_shared<bool>(false);
    auto* inbox = app.add_subcommand("inbox", "Received cards waiting to be accepted or rejected");
    inbox->add_flag("--json", *json, "Print JSON");
    inbox->callback([&ctx, json] { ctx.exit_code = run_inbox(ctx, *json); });

    auto id = std::make_shared<std::string>();
    auto* accept = app.add_subcommand("accept", "Merge a card from the inbox into your contacts");
    accept->add_option("ID", *id, "The number `cardex inbox` shows, or the delivery id");
    allow_dash_ids(*accept);
    accept->callback([&ctx, id, accept] {
        if (auto given = id_argument(ctx, *accept, *id, true))
            ctx.exit_code = run_accept(ctx, *given);
    });
    auto* reject = app.add_subcommand("reject", "Drop a card from the inbox");
    reject->add_option("ID", *id, "The number `cardex inbox` shows, or the delivery id");
    allow_dash_ids(*reject);
    reject->callback([&ctx, id, reject] {
        if (auto given = id_argument(ctx, *reject, *id, true))
            ctx.exit_code = run_reject(ctx, *given);
    });
}

}  // namespace cardex::cli
