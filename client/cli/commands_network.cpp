// send, status, sync, listen, info, ping: the commands that go online.
#include <algorithm>
#include <csignal>
#include <nlohmann/json.hpp>
#include <thread>

#include "client/cli/commands.hpp"
#include "client/cli/online.hpp"
#include "client/cli/output.hpp"
#include "client/exchange/card_size.hpp"
#include "client/exchange/service_requests.hpp"
#include "client/exchange/set_requests.hpp"
#include "client/exchange/shared_card.hpp"
#include "client/ui/outcome_text.hpp"
#include "client/ui/table.hpp"
#include "client/ui/text_width.hpp"
#include "core/text/ascii.hpp"
#include "core/xmpp/disco.hpp"
#include "core/xmpp/namespaces.hpp"

namespace cardex::cli {
namespace {

using client::exchange::explain;

struct SendOptions {
    std::string contact;
    std::string set;  // --set: the current card of this set, sent by the service
    std::vector<std::string> to;
    std::vector<std::string> only;
    std::vector<std::string> without;
    int wait_s = 0;  // wait this long for each delivery's first outcome
};

constexpr std::chrono::seconds kStatusPoll{2};

Result<std::vector<xmpp::Jid>> recipients(const std::vector<std::string>& given) {
    std::vector<xmpp::Jid> out;
    for (const auto& text : given) {
        auto jid = xmpp::Jid::parse(text);
        if (!jid || jid->local.empty() || !jid->resource.empty())
            return make_error("--to: '" + text + "' is not an address of the form user@domain");
        out.push_back(std::move(jid).value());
    }
    return out;
}

// Keeps what was sent in the book and prints the delivery ids; returns them.
// `uid` and `name` are those of the contact sent ("set work" for a set, without a UID).
std::vector<std::string> record_sent(Context& ctx, const xmpp::Jid& service, const std::string& uid,
                                     const std::string& name,
                                     const protocol::Submitted& submitted) {
    const auto now =
        std::chrono::time_point_cast<std::chrono::milliseconds>(std::chrono::system_clock::now());
    const auto sent = client::exchange::sent_records(service, submitted.deliveries, uid, name, now);
    std::vector<std::string> ids;
    for (const auto& d : submitted.deliveries) {
        ids.push_back(d.id);
        ctx.out << "Sent " << client::ui::sanitize_for_terminal(name) << " to " << d.to.bare_str()
                << ": delivery " << d.id << "\n";
    }
    if (auto ok = (*ctx.book())->record_sent(sent); !ok)
        ctx.err << "cardex: " << ok.error().message << "\n";
    ctx.out.flush();
    return ids;
}

bool settled(const protocol::DeliveryStatus& d) {
    return d.reason.has_value() || (d.state != protocol::DeliveryState::pending &&
                                    d.state != protocol::DeliveryState::sent);
}

// send --wait: asks the service about the deliveries until each is final or has a first
// outcome to tell (a copy came back), or `limit` has passed, and says where each stands.
// Fails when the recipient or the recipient's server refused a card.
int wait_for_outcomes(Context& ctx, client::CardSession& session, const xmpp::Jid& service,
                      const std::vector<std::string>& ids, std::chrono::seconds limit) {
    const auto deadline = std::chrono::steady_clock::now() + limit;
    std::vector<protocol::DeliveryStatus> last;
    while (true) {
        auto answer = session.call(client::exchange::status_request(service, ids));
        auto reply =
            answer ? client::exchange::read_status(*answer)
                   : Result<client::exchange::ServiceReply<protocol::StatusResult>>(answer.error());
        if (!reply) return ctx.fail("asking " + service.str() + ": " + reply.error().message);
        if (!reply->ok()) return ctx.fail(service.str() + " refused: " + explain(*reply->error));
        last = reply->value->deliveries;
        for (const auto& d : last)
            (void)(*ctx.book())->update_sent(service.str(), d);
        const bool all = std::all_of(last.begin(), last.end(), settled);
        if (all || std::chrono::steady_clock::now() + kStatusPoll > deadline) break;
        session.run_for(kStatusPoll);
    }
    int code = kOk;
    for (const auto& d : last) {
        ctx.out << client::ui::delivery_outcome_text(d) << "\n";
        if (d.state == protocol::DeliveryState::rejected ||
            d.state == protocol::DeliveryState::refused)
            code = kFailed;
    }
    return code;
}

// send --set: the service sends the set's current card, with its name and version.
int run_send_set(Context& ctx, const SendOptions& o, const std::vector<xmpp::Jid>& to) {
    if (!o.only.empty() || !o.without.empty())
        return ctx.fail("--only and --without choose fields of a contact, not of a set", kUsage);
    if (!client::exchange::valid_set_name(o.set))
        return ctx.fail("'" + o.set +
                            "' is not a set name: 1 to 64 characters from a-z, 0-9 "
                            "and '-'",
                        kUsage);
    auto session = go_online(ctx, false);
    if (!session) return ctx.exit_code;
    auto service = home_service(ctx, *session);
    if (!service) return ctx.exit_code;
    auto outcome = session->send_set(service->jid, o.set, to);
    if (!outcome) return ctx.fail(outcome.error().message);
    const auto& reply = outcome->reply;
    if (reply && !reply->ok() && reply->failed_with(protocol::ErrorCondition::unknown_set)) {
        return ctx.fail("you have no card set named '" + o.set +
                        "' (`cardex set list` shows them)");
    }
    if (auto failure = client::exchange::send_failure(*outcome, service->jid); !failure.empty())
        return ctx.fail(failure);
    const auto ids = record_sent(ctx, service->jid, {}, "set " + o.set, *reply->value);
    const int code = o.wait_s > 0 ? wait_for_outcomes(ctx, *session, service->jid, ids,
                                                      std::chrono::seconds(o.wait_s))
                                  : kOk;
    session->close();
    return code;
}

int run_send(Context& ctx, const SendOptions& o) {
    auto to = recipients(o.to);
    if (!to) return ctx.fail(to.error().message, kUsage);
    if (o.contact.empty() == o.set.empty())
        return ctx.fail("send needs either a CONTACT or --set NAME (not both)", kUsage);
    if (!o.set.empty()) return run_send_set(ctx, o, *to);
    auto contact = resolve_contact(ctx, o.contact);
    if (!contact) return ctx.exit_code;
    const vcard::Card card = client::exchange::shared_card(contact->card, {o.only, o.without});
    auto session = go_online(ctx, false);
    if (!session) return ctx.exit_code;
    auto service = home_service(ctx, *session);
    if (!service) return ctx.exit_code;
    if (auto fits =
            client::exchange::check_submit_size(service->jid, service->info.limits, card, *to);
        !fits) {
        return ctx.fail(fits.error().message +
                        " (leave fields out, e.g. --without photo or --without note)");
    }
    auto outcome =
        session->send_card(service->jid, card, *to, client::exchange::submit_form(*service));
    if (!outcome) return ctx.fail(outcome.error().message);
    if (auto failure = client::exchange::send_failure(*outcome, service->jid); !failure.empty())
        return ctx.fail(failure);
    const auto ids = record_sent(ctx, service->jid, contact->uid, contact->card.formatted_name(),
                                 *outcome->reply->value);
    const int code = o.wait_s > 0 ? wait_for_outcomes(ctx, *session, service->jid, ids,
                                                      std::chrono::seconds(o.wait_s))
                                  : kOk;
    session->close();
    return code;
}

void print_sent(Context& ctx, const std::vector<client::book::SentCard>& sent, bool json) {
    if (json) {
        nlohmann::json list = nlohmann::json::array();
        for (const auto& s : sent)
            list.push_back(sent_json(s));
        ctx.out << list.dump(2) << "\n";
        return;
    }
    client::ui::Table table;
    for (const char* h : {"delivery", "to", "contact", "state", "attempts", "updated"})
        table.add_column(h, std::string_view(h) == "attempts" ? client::ui::Align::right
                                                              : client::ui::Align::left);
    std::string why;  // the reasons, whole, below the table
    for (const auto& s : sent) {
        table.add_row({s.delivery_id, s.recipient, s.contact_name,
                       std::string(protocol::to_string(s.state)), std::to_string(s.attempts),
                       when(s.updated)});
        if (s.reason && s.state != protocol::DeliveryState::acked) {
            why += "  " + s.delivery_id + " " + std::string(protocol::to_string(s.state)) + ": " +
                   client::ui::sanitize_for_terminal(*s.reason) + "\n";
        }
    }
    ctx.out << (table.empty() ? "No cards sent yet.\n" : table.render(140));
    if (!why.empty()) ctx.out << "Why:\n" << why;
}

int run_status(Context& ctx, const std::string& id, bool json) {
    auto* book = open_book(ctx);
    if (book == nullptr) return ctx.exit_code;
    auto local = book->sent(id);
    if (!local) return ctx.fail(local.error().message);
    if (!id.empty() && local->empty())
        return ctx.fail("no sent card has a delivery id starting with '" + id + "'");
    auto session = go_online(ctx, false);
    if (!session) return ctx.exit_code;
    auto service = home_service(ctx, *session);
    if (!service) return ctx.exit_code;
    std::vector<std::string> ids;
    for (const auto& s : *local)
        if (!id.empty() && s.service == service->jid.str() && ids.size() < 100)
            ids.push_back(s.delivery_id);
    auto answer = session->call(client::exchange::status_request(service->jid, ids));
    if (!answer) return ctx.fail(answer.error().message);
    auto reply = client::exchange::read_status(*answer);
    if (!reply) return ctx.fail(service->jid.str() + ": " + reply.error().message);
    if (!reply->ok()) return ctx.fail(service->jid.str() + " refused: " + explain(*reply->error));
    for (const auto& d : reply->value->deliveries) {
        if (auto ok = book->update_sent(service->jid.str(), d); !ok)
            return ctx.fail(ok.error().message);
    }
    session->close();
    auto updated = book->sent(id);
    if (!updated) return ctx.fail(updated.error().message);
    print_sent(ctx, *updated, json);
    return kOk;
}

int run_sync(Context& ctx) {
    auto session = go_online(ctx, true);
    if (!session) return ctx.exit_code;
    const int code = sync_all(ctx, *session);
    session->close();
    return std::max(code, ctx.exit_code);
}

volatile std::sig_atomic_t g_stop = 0;
void request_stop(int) {
    g_stop = 1;
}

// Stays online until SIGINT or SIGTERM, reconnecting (1 s, doubling to 60 s) when the
// connection drops, and synchronising after every login.
int run_listen(Context& ctx) {
    g_stop = 0;
    struct sigaction action {};
    action.sa_handler = request_stop;
    sigaction(SIGINT, &action, nullptr);
    sigaction(SIGTERM, &action, nullptr);
    std::chrono::seconds backoff{1};
    while (g_stop == 0) {
        auto session = go_online(ctx, true);
        if (!session && ctx.exit_code != kCannotLogIn) return ctx.exit_code;
        if (session) {
            sync_all(ctx, *session);
            ctx.out << "Listening as " << session->jid().str() << " (Ctrl-C to stop).\n";
            ctx.out.flush();
            backoff = std::chrono::seconds(1);
            while (g_stop == 0 && session->connected())
                session->run_for(std::chrono::milliseconds(200));
            if (g_stop != 0) {
                session->close();
                break;
            }
            ctx.err << "cardex: disconnected: " << session->last_error() << "\n";
        }
        ctx.err << "cardex: reconnecting in " << backoff.count() << " s\n";
        for (auto waited = std::chrono::milliseconds(0); g_stop == 0 && waited < backoff;
             waited += std::chrono::milliseconds(100))
            std::this_thread::sleep_for(std::chrono::milliseconds(100));
        backoff = std::min(backoff * 2, std::chrono::seconds(60));
    }
    ctx.out << "Stopped listening.\n";
    return kOk;
}

int run_info(Context& ctx, const std::string& target) {
    auto jid = xmpp::Jid::parse(target);
    if (!jid) return ctx.fail(jid.error().message, kUsage);
    auto session = go_online(ctx, false);
    if (!session) return ctx.exit_code;
    auto answer = session->call(client::exchange::disco_info_request(*jid));
    if (!answer) return ctx.fail(answer.error().message);
    auto reply = client::exchange::read_disco_info(*answer);
    if (!reply) return ctx.fail(target + ": " + reply.error().message);
    if (!reply->ok())
        return ctx.fail(target + " answered with an error: " + explain(*reply->error));
    const xmpp::DiscoInfo& info = *reply->value;
    ctx.out << target << "\n";
    for (const auto& id : info.identities)
        ctx.out << "  identity  " << id.category << "/" << id.type
                << (id.name.empty() ? "" : "  " + id.name) << "\n";
    for (const auto& f : info.features)
        ctx.out << "  feature   " << f << "\n";
    ctx.out << "  card service: " << (info.has_feature(ns::kBizcard) ? "yes" : "no") << "\n";
    session->close();
    return kOk;
}

int run_ping(Context& ctx, const std::string& target) {
    auto jid = xmpp::Jid::parse(target);
    if (!jid) return ctx.fail(jid.error().message, kUsage);
    auto session = go_online(ctx, false);
    if (!session) return ctx.exit_code;
    xmpp::Iq ping;
    ping.to = *jid;
    ping.payload = xml::Element("ping", std::string(ns::kPing));
    const auto start = std::chrono::steady_clock::now();
    auto answer = session->call(std::move(ping));
    if (!answer) return ctx.fail(answer.error().message);
    if (answer->type == xmpp::IqType::error)
        return ctx.fail(target + " answered with an error: " + explain(*answer->error));
    const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(
        std::chrono::steady_clock::now() - start);
    ctx.out << "pong from " << target << " in " << ms.count() << " ms\n";
    session->close();
    return kOk;
}

}  // namespace

void add_network_commands(CLI::App& app, Context& ctx) {
    auto send_options = std::make_shared<SendOptions>();
    auto* send = app.add_subcommand(
        "send", "Send a contact, or one of your card sets, as a card to one or more people");
    send->add_option("CONTACT", send_options->contact, "Number, name, UID, e-mail or phone number");
    send->add_option("--set", send_options->set,
                     "Instead of a CONTACT, send the current card of your set NAME (`cardex set "
                     "list`)")
        ->type_name("NAME");
    send->add_option("--to", send_options->to, "Recipient, user@domain (repeatable)")->required();
    send->add_option("--only", send_options->only,
                     "Share only these fields, e.g. --only tel --only email (name and UID stay)");
    send->add_option("--without", send_options->without,
                     "Leave these fields out, e.g. --without photo --without note");
    send->add_option("--wait", send_options->wait_s,
                     "Wait up to SECONDS for what became of each delivery, and say it (exit 1 when "
                     "a card was refused or rejected)");
    send->callback([&ctx, send_options] { ctx.exit_code = run_send(ctx, *send_options); });

    auto id = std::make_shared<std::string>();
    auto json = std::make_shared<bool>(false);
    auto* status = app.add_subcommand(
        "status", "Ask the card service how the cards you sent are doing (all, or delivery ID)");
    status->add_option("ID", *id, "A delivery id, or its beginning");
    status->add_flag("--json", *json, "Print JSON");
    allow_dash_ids(*status);
    status->callback([&ctx, id, json, status] {
        if (auto given = id_argument(ctx, *status, *id, false))
            ctx.exit_code = run_status(ctx, *given, *json);
    });

    app.add_subcommand("sync",
                       "Log in, fetch every card waiting for you, save and acknowledge them, exit")
        ->callback([&ctx] { ctx.exit_code = run_sync(ctx); });
    app.add_subcommand("listen", "Stay online and receive cards as they come (Ctrl-C stops)")
        ->callback([&ctx] { ctx.exit_code = run_listen(ctx); });

    auto target = std::make_shared<std::string>();
    auto* info = app.add_subcommand(
        "info", "Show what an XMPP entity supports (XEP-0030), e.g. a card service");
    info->add_option("JID", *target, "The entity to ask, e.g. cards.example.org")->required();
    info->callback([&ctx, target] { ctx.exit_code = run_info(ctx, *target); });
    auto* ping = app.add_subcommand("ping", "Check that an XMPP entity answers (XEP-0199)");
    ping->add_option("JID", *target, "The entity to ping")->required();
    ping->callback([&ctx, target] { ctx.exit_code = run_ping(ctx, *target); });
}

}  // namespace cardex::cli
