// set publish, set list, set show, set retract: the user's card sets at the home service; and
// unfollow: no more updates of the sets a contact's cards came from.
#include <chrono>
#include <ctime>

#include "client/cli/commands.hpp"
#include "client/cli/online.hpp"
#include "client/cli/output.hpp"
#include "client/cli/service_call.hpp"
#include "client/exchange/card_size.hpp"
#include "client/exchange/set_requests.hpp"
#include "client/ui/card_view.hpp"
#include "client/ui/table.hpp"
#include "client/ui/text_width.hpp"
#include "client/ui/token_text.hpp"

namespace cardex::cli {
namespace {

namespace exchange = client::exchange;
using client::ui::sanitize_for_terminal;

// The set name as given, or nullopt after a usage error.
std::optional<std::string> set_name(Context& ctx, const std::string& name) {
    if (exchange::valid_set_name(name)) return name;
    ctx.fail("'" + name + "' is not a set name: 1 to 64 characters from a-z, 0-9 and '-'", kUsage);
    return std::nullopt;
}

// Now as a vCard timestamp: 20261121T080000Z.
std::string rev_now() {
    const std::time_t t = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
    std::tm utc{};
    gmtime_r(&t, &utc);
    char text[32] = {};
    std::strftime(text, sizeof text, "%Y%m%dT%H%M%SZ", &utc);
    return text;
}

// The card of a set: the contact's, with its UID (the draft requires one, and the service
// keeps it across versions) and REV set to now.
vcard::Card set_card(const client::book::Contact& contact) {
    vcard::Card card = contact.card;
    if (card.first("UID") == nullptr)
        card.add(vcard::Property{{}, "UID", {}, "text", {{contact.uid}}});
    card.remove("REV");
    card.add(vcard::Property{{}, "REV", {}, "timestamp", {{rev_now()}}});
    return card;
}

int run_publish(Context& ctx, const std::string& name, const std::string& contact_given) {
    auto set = set_name(ctx, name);
    if (!set) return ctx.exit_code;
    auto contact = contact_given.empty() ? own_contact(ctx) : resolve_contact(ctx, contact_given);
    if (!contact) return ctx.exit_code;
    const vcard::Card card = set_card(*contact);
    auto session = go_online(ctx, false);
    if (!session) return ctx.exit_code;
    auto service = home_service(ctx, *session);
    if (!service) return ctx.exit_code;
    if (auto fits = exchange::check_set_size(service->jid, service->info.limits, card); !fits)
        return ctx.fail(fits.error().message +
                        " (leave fields out of the contact, e.g. its photo)");
    auto reply = ask_service(ctx, *session, exchange::publish_request(service->jid, *set, card),
                             &exchange::read_published);
    if (!reply) return ctx.exit_code;
    if (!reply->ok()) return refused(ctx, service->jid, *reply, *set);
    session->close();
    ctx.out << "Published " << sanitize_for_terminal(contact->card.formatted_name()) << " as set "
            << reply->value->name << ", version " << reply->value->version << ", at "
            << service->jid.str() << ".\n";
    return kOk;
}

int run_set_list(Context& ctx) {
    auto answer = ask_home_service(ctx, exchange::sets_request, &exchange::read_sets);
    if (!answer) return ctx.exit_code;
    const auto& sets = answer->value.sets;
    if (sets.empty()) {
        ctx.out << "No card sets at " << answer->service.str()
                << " yet (`cardex set publish NAME` makes one).\n";
        return kOk;
    }
    client::ui::Table table;
    table.add_column("set");
    table.add_column("version", client::ui::Align::right);
    table.add_column("updated");
    table.add_column("followers", client::ui::Align::right);
    for (const auto& s : sets) {
        table.add_row({s.name, std::to_string(s.version), when(s.updated),
                       s.followers ? std::to_string(*s.followers) : std::string("-")});
    }
    ctx.out << table.render(120);
    return kOk;
}

int run_set_show(Context& ctx, const std::string& name) {
    auto set = set_name(ctx, name);
    if (!set) return ctx.exit_code;
    auto answer = ask_home_service(
        ctx, [&](const xmpp::Jid& service) { return exchange::set_request(service, *set); },
        &exchange::read_set, *set);
    if (!answer) return ctx.exit_code;
    const auto& shown = answer->value;
    client::ui::CardViewOptions options;
    options.width = card_width();
    options.footer.push_back("set " + shown.name + " · version " + std::to_string(shown.version) +
                             " · updated " + when(shown.updated));
    ctx.out << client::ui::render_card(shown.card, options);
    return kOk;
}

int run_retract(Context& ctx, const std::string& name) {
    auto set = set_name(ctx, name);
    if (!set) return ctx.exit_code;
    auto answer = ask_home_service(
        ctx, [&](const xmpp::Jid& service) { return exchange::retract_request(service, *set); },
        &exchange::read_retracted, *set);
    if (!answer) return ctx.exit_code;
    ctx.out << "Retracted set " << *set << " at " << answer->service.str()
            << "; its QR codes no longer work.\n";
    return kOk;
}

}  // namespace

std::optional<client::book::Contact> own_contact(Context& ctx) {
    auto settings = ctx.settings();
    if (!settings) {
        ctx.fail(settings.error().message);
        return std::nullopt;
    }
    const std::string me = (*settings)->book.me;
    if (me.empty()) {
        ctx.fail("no card of your own yet: `cardex me CONTACT` chooses one", kNoSuchContact);
        return std::nullopt;
    }
    auto* book = open_book(ctx);
    if (book == nullptr) return std::nullopt;
    auto found = book->resolve(me);
    if (!found) {
        ctx.fail(found.error().message);
        return std::nullopt;
    }
    if (!found->contact) {
        ctx.fail("your own card (" + me + ") is not in the address book any more", kNoSuchContact);
        return std::nullopt;
    }
    return std::move(found->contact);
}

// ---- unfollow -----------------------------------------------------------------------------

int run_unfollow(Context& ctx, const std::string& what) {
    auto contact = resolve_contact(ctx, what);
    if (!contact) return ctx.exit_code;
    const std::string name = sanitize_for_terminal(contact->card.formatted_name());
    auto sources = (*ctx.book())->set_sources(contact->id);
    if (!sources) return ctx.fail(sources.error().message);
    if (sources->empty()) {
        ctx.out << name << " came from no card set: there are no updates to stop.\n";
        return kOk;
    }
    auto session = go_online(ctx, false);
    if (!session) return ctx.exit_code;
    int code = kOk;
    for (const auto& source : *sources) {
        auto service = xmpp::Jid::parse(source.service);
        auto owner = xmpp::Jid::parse(source.sender);
        if (!service || !owner) continue;
        auto reply =
            ask_service(ctx, *session, exchange::unfollow_request(*service, *owner, source.set),
                        &exchange::read_unfollowed);
        if (!reply) return ctx.exit_code;
        if (!reply->ok()) {
            code = refused(ctx, *service, *reply, source.set);
            continue;
        }
        ctx.out << "No more updates of " << sanitize_for_terminal(source.sender) << "'s card set "
                << source.set << " (" << source.service << ") for " << name << ".\n";
    }
    session->close();
    return code;
}

void add_set_commands(CLI::App& app, Context& ctx) {
    auto followed = std::make_shared<std::string>();
    auto* unfollow = app.add_subcommand(
        "unfollow", "Stop the updates of the card set(s) CONTACT's card came from");
    unfollow->add_option("CONTACT", *followed, "Number, name, UID, e-mail or phone number")
        ->required();
    unfollow->callback([&ctx, followed] { ctx.exit_code = run_unfollow(ctx, *followed); });

    auto* set = app.add_subcommand(
        "set", "Your card sets at your card service: named cards (work, private) to share");
    set->require_subcommand(1);
    auto name = std::make_shared<std::string>();
    auto contact = std::make_shared<std::string>();

    auto* publish = set->add_subcommand(
        "publish", "Publish CONTACT (default: your own card, `cardex me`) as set NAME");
    publish->add_option("NAME", *name, "The set's name: a-z, 0-9 and '-', e.g. work")->required();
    publish->add_option("CONTACT", *contact, "Number, name, UID, e-mail or phone number");
    publish->callback([&ctx, name, contact] { ctx.exit_code = run_publish(ctx, *name, *contact); });

    set->add_subcommand("list", "List your card sets with their versions")->callback([&ctx] {
        ctx.exit_code = run_set_list(ctx);
    });

    auto* show = set->add_subcommand("show", "Show the card of set NAME as the service has it");
    show->add_option("NAME", *name, "The set's name")->required();
    show->callback([&ctx, name] { ctx.exit_code = run_set_show(ctx, *name); });

    auto* retract = set->add_subcommand(
        "retract", "Delete set NAME at the service, with its QR codes (tokens) and followers");
    retract->add_option("NAME", *name, "The set's name")->required();
    retract->callback([&ctx, name] { ctx.exit_code = run_retract(ctx, *name); });
}

}  // namespace cardex::cli
