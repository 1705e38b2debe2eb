#include "client/cli/online.hpp"

#include <algorithm>
#include <memory>

#include "client/cli/output.hpp"
#include "client/exchange/sync_run.hpp"
#include "client/ui/outcome_text.hpp"
#include "client/ui/text_width.hpp"
#include "core/protocol/delivery.hpp"

namespace cardex::cli {
namespace {

using client::book::Receiving;
using client::ui::sanitize_for_terminal;

void print_card(Context& ctx, const Receiving& r) {
    if (r.duplicate) return;  // a copy of a card already stored: acked again, nothing to show
    const auto& rec = r.record;
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

// Asks `service` (or, without one, the user's server) for the card service, and waits for the
// answer. The answer lands in shared state: a late one must find it still there.
// A service the user knows already is taken even when it does not answer now (cardex says
// so): the requests to it are repeated while it is away.
Result<client::exchange::CardService> ask(Context& ctx, client::CardSession& session,
                                          const std::optional<xmpp::Jid>& service) {
    auto found = std::make_shared<std::optional<Result<client::exchange::CardService>>>();
    auto done = [found, &ctx](Result<client::exchange::CardService> r) {
        if (r && !r->answered) {
            ctx.err << "cardex: " << r->jid.str()
                    << " does not answer right now; trying it anyway\n";
        }
        *found = std::move(r);
    };
    if (service) {
        client::exchange::describe_known_service(session.agent(), *service, done);
    } else {
        client::exchange::find_home_service(session.agent(), done);
    }
    session.run_until([&] { return found->has_value(); },
                      std::chrono::seconds(ctx.options.timeout_s) * 4);
    if (!found->has_value()) return make_error("no answer while looking for the card service");
    return std::move(**found);
}

}  // namespace

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

std::optional<client::exchange::CardService> home_service(Context& ctx,
                                                          client::CardSession& session) {
    auto account = ctx.account();
    if (!account) {
        ctx.fail(account.error().message, kUsage);
        return std::nullopt;
    }
    auto* book = *ctx.book();
    if (!account->service.empty()) {
        auto jid = xmpp::Jid::parse(account->service);
        if (!jid) {
            ctx.fail("the card service '" + account->service + "': " + jid.error().message, kUsage);
            return std::nullopt;
        }
        auto given = ask(ctx, session, *jid);
        if (!given) {
            ctx.fail(given.error().message);
            return std::nullopt;
        }
        return std::move(given).value();
    }
    // The one found before, unless it is no longer there: then disco again.
    auto known = book->home_service(account->jid);
    if (known && *known) {
        if (auto jid = xmpp::Jid::parse(**known)) {
            if (auto service = ask(ctx, session, *jid)) return std::move(service).value();
        }
    }
    auto found = ask(ctx, session, std::nullopt);
    if (!found) {
        ctx.fail(found.error().message);
        return std::nullopt;
    }
    if (auto ok = book->set_home_service(account->jid, found->jid.str()); !ok)
        ctx.err << "cardex: " << ok.error().message << "\n";
    return std::move(found).value();
}

int sync_all(Context& ctx, client::CardSession& session) {
    auto* book = *ctx.book();
    auto known = book->services();
    if (!known) return ctx.fail(known.error().message);
    std::vector<std::string> services = *known;
    for (auto& seen : session.agent().services_seen())
        services.push_back(std::move(seen));
    if (auto home = home_service(ctx, session)) {
        services.push_back(home->jid.str());
    } else {
        ctx.err << "cardex: syncing only with the services that delivered cards before\n";
        ctx.exit_code = kOk;
    }
    client::exchange::SyncRun run(session.agent(), services);
    run.start();
    session.run_until([&] { return run.done(); }, std::chrono::seconds(ctx.options.timeout_s) * 4);
    int code = kOk;
    bool unsaved = false;
    for (const auto& o : run.outcomes()) {
        if (!o.error.empty()) {
            ctx.err << "cardex: sync with " << o.service << " failed: " << o.error << "\n";
            code = kFailed;
        } else {
            ctx.out << "Synced with " << o.service << ": " << client::ui::sync_text(o) << ".\n";
        }
        if (o.unsaved > 0) {
            ctx.err << "cardex: " << client::ui::unsaved_text(o.service, o.unsaved) << ".\n";
            unsaved = true;
        }
    }
    // Done, but some cards were not saved: they are still to come.
    return code == kOk && unsaved ? kPartly : code;
}

}  // namespace cardex::cli
