#include "client/cli/online.hpp"

#include <unistd.h>

#include <algorithm>
#include <iostream>
#include <memory>

#include "client/cli/output.hpp"
#include "client/cli/sync_report.hpp"
#include "client/exchange/sync_run.hpp"
#include "client/ui/outcome_text.hpp"
#include "client/ui/text_width.hpp"
#include "core/protocol/delivery.hpp"
#include "core/protocol/syntax.hpp"

namespace cardex::cli {
namespace {

using client::book::Receiving;
using client::ui::sanitize_for_terminal;

void print_card(Context& ctx, const Receiving& r) {
    if (r.duplicate) return;  // a copy of a card already stored: acked again, nothing to show
    const auto& rec = r.record;
    if (rec.update && r.stored) {  // only what changed
        ctx.out << sanitize_for_terminal(rec.sender) << " updated their card (set "
                << rec.set.value_or("") << ", version " << rec.version.value_or(0) << "). "
                << client::ui::stored_text(*r.stored, rec.card ? rec.card->formatted_name() : "")
                << ".\n";
        ctx.out.flush();
        return;
    }
    if (rec.state == client::book::ReceivedState::invalid) {
        ctx.out << "Rejected a card from " << sanitize_for_terminal(rec.sender) << " ("
                << rec.service << "): " << sanitize_for_terminal(rec.reason.value_or("")) << "\n";
        return;
    }
    ctx.out << received_box(rec);
    const std::string name = rec.card ? rec.card->formatted_name() : std::string();
    if (rec.state == client::book::ReceivedState::inbox) {
        ctx.out << "Kept in the inbox as " << rec.id << " (`cardex accept " << rec.id << "`).\n";
    } else if (r.stored) {
        ctx.out << client::ui::stored_text(*r.stored, name) << ".\n";
    } else {
        ctx.out << "Already had this version of the card.\n";
    }
    ctx.out.flush();
}

void print_receipt(Context& ctx, const protocol::Receipt& receipt) {
    ctx.out << "Receipt: " << client::ui::receipt_text(receipt) << ".\n";
    ctx.out.flush();
}

void wire_events(Context& ctx, client::exchange::CardAgent& agent) {
    agent.events.card = [&ctx](const Receiving& r) { print_card(ctx, r); };
    agent.events.receipt = [&ctx](const std::string&, const protocol::Receipt& receipt) {
        print_receipt(ctx, receipt);
    };
    agent.events.message = [&ctx](const xmpp::Jid& from, const std::string& body) {
        ctx.out << "Message from " << from.str() << " (not a card): " << sanitize_for_terminal(body)
                << "\n";
        ctx.out.flush();
    };
    agent.events.problem = [&ctx](const std::string& what) {
        ctx.err << "cardex: " << sanitize_for_terminal(what) << "\n";
    };
}

}  // namespace

bool want_to_follow(Context& ctx, const std::string& what) {
    auto settings = ctx.settings();
    const std::string choice = settings ? (*settings)->book.follow : std::string("on");
    if (choice != "ask") return choice == "on";
    if (::isatty(STDIN_FILENO) == 0) return false;
    ctx.out << "Follow " << sanitize_for_terminal(what)
            << ", so that its new versions come as updates? [Y/n] ";
    ctx.out.flush();
    std::string line;
    if (!std::getline(std::cin, line)) return false;
    const auto first = line.find_first_not_of(" \t");
    return first == std::string::npos || line[first] == 'y' || line[first] == 'Y';
}

std::unique_ptr<client::CardSession> go_online(Context& ctx, bool presence) {
    auto book = ctx.book();
    if (!book) {
        ctx.fail(book.error().message);
        return nullptr;
    }
    auto config = ctx.session_config();
    if (!config) {
        ctx.fail(config.error().message, kUsage);
        return nullptr;
    }
    client::exchange::AgentOptions options;
    options.request_timeout = std::chrono::seconds(ctx.options.timeout_s);
    options.ack_batch = protocol::kMaxBatchAcks;
    options.follow = [&ctx](const client::book::ReceivedCard& card) {
        return want_to_follow(ctx, card.sender + "'s card set " + card.set.value_or(""));
    };
    auto session = std::make_unique<client::CardSession>(*config, **book, options);
    if (auto ok = session->connect(false); !ok) {
        ctx.fail(ok.error().message, kCannotLogIn);
        return nullptr;
    }
    wire_events(ctx, session->agent());
    if (presence) {
        if (auto ok = session->announce(); !ok) {
            ctx.fail(ok.error().message, kCannotLogIn);
            return nullptr;
        }
    }
    return session;
}

// The home service as the library locates it (client/exchange/home_service.hpp), waiting for
// the answers. They land in shared state: a late one must find it still there. A service the
// user knows already is taken even when it does not answer now (cardex says so): the requests
// to it are repeated while it is away.
std::optional<client::exchange::CardService> home_service(Context& ctx,
                                                          client::CardSession& session) {
    auto account = ctx.account();
    if (!account) {
        ctx.fail(account.error().message, kUsage);
        return std::nullopt;
    }
    auto found = std::make_shared<std::optional<Result<client::exchange::CardService>>>();
    client::exchange::locate_home_service(
        session.agent(), **ctx.book(), account->service,
        [found](Result<client::exchange::CardService> r) { *found = std::move(r); });
    session.run_until([&] { return found->has_value(); },
                      std::chrono::seconds(ctx.options.timeout_s) * 4);
    if (!found->has_value()) {
        ctx.fail("no answer while looking for the card service");
        return std::nullopt;
    }
    if (!**found) {
        ctx.fail((*found)->error().message);
        return std::nullopt;
    }
    if (!(**found)->answered) {
        ctx.err << "cardex: " << (**found)->jid.str()
                << " does not answer right now; trying it anyway\n";
    }
    return std::move(**found).value();
}

int sync_all(Context& ctx, client::CardSession& session) {
    auto home = home_service(ctx, session);
    if (!home) {
        ctx.err << "cardex: syncing only with the services that delivered cards before\n";
        ctx.exit_code = kOk;
    }
    auto services = client::exchange::services_to_sync(
        **ctx.book(), session.agent(), home ? std::optional(home->jid) : std::nullopt);
    if (!services) return ctx.fail(services.error().message);
    client::exchange::SyncRun run(session.agent(), *services);
    run.start();
    session.run_until([&] { return run.done(); }, std::chrono::seconds(ctx.options.timeout_s) * 4);
    return report_sync(ctx, run.outcomes());
}

}  // namespace cardex::cli
