// qr, tokens, revoke, scan, exchange: sharing a card set by QR code, and the one-step exchange
// with the owner of a scanned code.
#include <unistd.h>

#include <chrono>
#include <iostream>

#include "client/cli/commands.hpp"
#include "client/cli/online.hpp"
#include "client/cli/output.hpp"
#include "client/cli/service_call.hpp"
#include "client/exchange/card_exchange.hpp"
#include "client/exchange/set_choice.hpp"
#include "client/exchange/set_requests.hpp"
#include "client/exchange/web_code.hpp"
#include "client/qr/png_file.hpp"
#include "client/qr/qr_image.hpp"
#include "client/qr/qr_scan.hpp"
#include "client/qr/qr_text.hpp"
#include "client/ui/duration.hpp"
#include "client/ui/exchange_prompt.hpp"
#include "client/ui/table.hpp"
#include "client/ui/text_width.hpp"
#include "client/ui/token_text.hpp"
#include "core/text/ascii.hpp"

namespace cardex::cli {
namespace {

namespace exchange = client::exchange;
using client::ui::sanitize_for_terminal;

// ---- qr ----------------------------------------------------------------------------------

struct QrOptions {
    std::string set;
    std::uint64_t uses = 0;    // 0: the service's default
    std::string expires;       // a duration; empty: the service's default
    std::string out;           // .png or .svg; empty: the terminal
    bool xmpp = false;         // the code shows the XMPP URI even when there is a web page
    bool no_web_form = false;  // the web page offers no form for sending a card back
};

enum class QrFormat { terminal, png, svg };

std::optional<QrFormat> format_of(const std::string& out) {
    if (out.empty()) return QrFormat::terminal;
    const std::string lower = lower_ascii(out);
    if (lower.ends_with(".png")) return QrFormat::png;
    if (lower.ends_with(".svg")) return QrFormat::svg;
    return std::nullopt;
}

// Draws or writes the code of `uri`; returns the exit code.
int show_code(Context& ctx, const std::string& uri, QrFormat format, const std::string& out) {
    auto code = client::qr::encode_qr(uri);
    if (!code) return ctx.fail(code.error().message);
    if (format == QrFormat::terminal) {
        // On a terminal, the colours are set (bright white on black) so that the light blocks
        // are light whatever the terminal's own colours are; elsewhere the plain characters.
        const bool tty = ::isatty(STDOUT_FILENO) != 0;
        for (const auto& line : client::qr::half_block_lines(*code))
            ctx.out << (tty ? "\x1b[97;40m" : "") << line << (tty ? "\x1b[0m" : "") << "\n";
        return kOk;
    }
    if (format == QrFormat::png) {
        if (auto ok = client::qr::write_png(out, client::qr::rasterise(*code)); !ok)
            return ctx.fail(ok.error().message);
    } else {
        if (auto written = write_file(out, client::qr::svg_of(*code)); !written)
            return ctx.fail(written.error().message);
    }
    ctx.out << "Wrote the QR code to " << out << ".\n";
    return kOk;
}

// The set to make a token for: the one given, else the default (see set_choice.hpp).
std::optional<std::string> token_set(Context& ctx, client::CardSession& session,
                                     const xmpp::Jid& service, const std::string& given) {
    if (!given.empty()) return given;
    auto reply = ask_service(ctx, session, exchange::sets_request(service), &exchange::read_sets);
    if (!reply) return std::nullopt;
    if (!reply->ok()) {
        refused(ctx, service, *reply);
        return std::nullopt;
    }
    auto chosen = exchange::default_token_set(reply->value->sets);
    if (!chosen) {
        ctx.fail(chosen.error().message);
        return std::nullopt;
    }
    return std::move(chosen).value();
}

int run_qr(Context& ctx, const QrOptions& o) {
    const auto format = format_of(o.out);
    if (!format) return ctx.fail("--out: '" + o.out + "' must end in .png or .svg", kUsage);
    if (!o.set.empty() && !exchange::valid_set_name(o.set))
        return ctx.fail("'" + o.set + "' is not a set name: a-z, 0-9 and '-'", kUsage);
    std::optional<protocol::Timestamp> expires;
    if (!o.expires.empty()) {
        auto duration = client::ui::parse_duration(o.expires);
        if (!duration) return ctx.fail("--expires: " + duration.error().message, kUsage);
        expires = now() + *duration;
    }
    auto session = go_online(ctx, false);
    if (!session) return ctx.exit_code;
    auto service = home_service(ctx, *session);
    if (!service) return ctx.exit_code;
    auto set = token_set(ctx, *session, service->jid, o.set);
    if (!set) return ctx.exit_code;
    const auto uses = o.uses > 0 ? std::optional(o.uses) : std::nullopt;
    auto reply = ask_service(
        ctx, *session,
        exchange::create_token_request(service->jid, *set, expires, uses, !o.no_web_form),
        &exchange::read_token);
    if (!reply) return ctx.exit_code;
    if (!reply->ok()) return refused(ctx, service->jid, *reply, *set);
    session->close();
    const protocol::Token& token = *reply->value;
    // The web page's address when there is one: any phone's camera opens it, and an XMPP
    // client (cardex scan) finds the exchange on the page.
    const std::string shown = token.web && !o.xmpp ? *token.web : token.uri;
    if (const int code = show_code(ctx, shown, *format, o.out); code != kOk) return code;
    ctx.out << token.uri << "\n";
    if (token.web) ctx.out << "Web page, for phones without an XMPP client: " << *token.web << "\n";
    ctx.out << "Set " << token.set << ": " << client::ui::token_validity_text(token, now())
            << ". Whoever scans it gets this card and can give you theirs (`cardex revoke "
            << token.value << "` ends it).\n";
    return kOk;
}

// ---- tokens, revoke ------------------------------------------------------------------------

int run_tokens(Context& ctx) {
    auto answer = ask_home_service(ctx, exchange::tokens_request, &exchange::read_tokens);
    if (!answer) return ctx.exit_code;
    const auto& tokens = answer->value.tokens;
    if (tokens.empty()) {
        ctx.out << "No QR codes in use (`cardex qr` makes one).\n";
        return kOk;
    }
    client::ui::Table table;
    table.add_column("token");
    table.add_column("set");
    table.add_column("uses left", client::ui::Align::right);
    table.add_column("expires");
    for (const auto& t : tokens) {
        table.add_row({t.value, t.set, std::to_string(t.uses_left),
                       when(t.expires) + " (" + client::ui::time_until(t.expires, now()) + ")"});
    }
    ctx.out << table.render(140);
    return kOk;
}

// The exchange a code leads to: its xmpp: URI, or the one named by the web page at its https://
// address (client/exchange/web_code.hpp).
std::optional<protocol::TokenUri> code_uri(Context& ctx, const std::string& text, bool scanned) {
    const int failure = scanned ? kFailed : kUsage;
    if (exchange::is_web_address(text)) {
        ctx.out << "Opening " << sanitize_for_terminal(text) << "...\n";
        ctx.out.flush();
        auto uri = exchange::resolve_web_code(text, ctx.options.timeout_s);
        if (!uri) {
            ctx.fail(sanitize_for_terminal(uri.error().message), kFailed);
            return std::nullopt;
        }
        return std::move(uri).value();
    }
    auto uri = protocol::parse_token_uri(text);
    if (!uri) {
        ctx.fail("'" + sanitize_for_terminal(text) +
                     "' is not a card exchange code (those read xmpp:SERVICE?bizcard;token=... "
                     "or the https:// address of its web page): " +
                     uri.error().message,
                 failure);
        return std::nullopt;
    }
    return std::move(uri).value();
}

int run_revoke(Context& ctx, const std::string& given) {
    std::string value = given;
    if (given.starts_with("xmpp:") || exchange::is_web_address(given)) {  // the code works too
        auto uri = code_uri(ctx, given, false);
        if (!uri) return ctx.exit_code;
        value = uri->token;
    }
    auto session = go_online(ctx, false);
    if (!session) return ctx.exit_code;
    auto service = home_service(ctx, *session);
    if (!service) return ctx.exit_code;
    auto reply = ask_service(ctx, *session, exchange::revoke_token_request(service->jid, value),
                             &exchange::read_revoked);
    if (!reply) return ctx.exit_code;
    if (reply->failed_with(protocol::ErrorCondition::invalid_token)) {
        return ctx.fail("no QR code " + value + " in use at " + service->jid.str() +
                        " (`cardex tokens` lists them)");
    }
    if (!reply->ok()) return refused(ctx, service->jid, *reply);
    session->close();
    ctx.out << "Revoked " << value << ": its QR code no longer works.\n";
    return kOk;
}

// ---- scan, exchange -------------------------------------------------------------------------

// The question on the terminal cardex runs in.
class TerminalPrompt : public client::ui::Prompt {
  public:
    explicit TerminalPrompt(Context& ctx) : ctx_(ctx) {}
    bool interactive() const override { return ::isatty(STDIN_FILENO) != 0; }
    void say(const std::string& line) override { ctx_.out << line << "\n"; }
    std::optional<std::string> ask(const std::string& question) override {
        ctx_.out << question;
        ctx_.out.flush();
        std::string line;
        if (!std::getline(std::cin, line)) return std::nullopt;
        const auto first = line.find_first_not_of(" \t\r");
        if (first == std::string::npos) return std::string();
        return line.substr(first, line.find_last_not_of(" \t\r") - first + 1);
    }

  private:
    Context& ctx_;
};

// The names of the user's sets, for the menu; none when the service has no sets to offer.
std::vector<std::string> my_sets(Context& ctx, client::CardSession& session,
                                 const xmpp::Jid& service) {
    auto answer = session.call(exchange::sets_request(service));
    if (!answer) return {};
    auto reply = exchange::read_sets(*answer);
    std::vector<std::string> names;
    if (!reply || !reply->ok()) {
        ctx.err << "cardex: cannot list your card sets at " << service.str()
                << "; only your own card can be given\n";
        return names;
    }
    for (const auto& s : reply->value->sets)
        names.push_back(s.name);
    return names;
}

// The card given in the exchange: the set's current card, or the user's own card.
std::optional<exchange::SharedCard> shared_card(Context& ctx, client::CardSession& session,
                                                const xmpp::Jid& service,
                                                const client::ui::ExchangeDecision& d) {
    if (!d.set) {
        auto me = own_contact(ctx);
        if (!me) return std::nullopt;
        return exchange::SharedCard{me->card, "your own card"};
    }
    auto reply =
        ask_service(ctx, session, exchange::set_request(service, *d.set), &exchange::read_set);
    if (!reply) return std::nullopt;
    if (!reply->ok()) {
        refused(ctx, service, *reply, *d.set);
        return std::nullopt;
    }
    return exchange::SharedCard{reply->value->card, "set " + *d.set};
}

// The name on the user's own card, if they have chosen one that is still in the book.
std::optional<std::string> own_card_name(Context& ctx) {
    auto settings = ctx.settings();
    if (!settings || (*settings)->book.me.empty()) return std::nullopt;
    auto found = (*ctx.book())->resolve((*settings)->book.me);
    if (!found || !found->contact) return std::nullopt;
    return found->contact->card.formatted_name();
}

// What the code offers: whose card it is, from the service's preview, or the service alone
// where it has no previews. nullopt after saying why (a token that cannot be used, no
// answer): nothing is asked then, and nothing sent.
std::optional<client::ui::ExchangeOffer> offer_of(Context& ctx, client::CardSession& session,
                                                  const protocol::TokenUri& uri) {
    client::ui::ExchangeOffer offer{uri.service.str(), std::nullopt, true};
    auto reply = ask_service(ctx, session, exchange::preview_request(uri), &exchange::read_preview);
    if (!reply) return std::nullopt;
    if (exchange::preview_not_offered(*reply)) return offer;
    if (!reply->ok()) {
        refused(ctx, uri.service, *reply);
        return std::nullopt;
    }
    offer.owner = client::ui::preview_text(*reply->value, uri.service);
    offer.accepts_card = reply->value->accepts_card;
    return offer;
}

struct ExchangeOptions {
    client::ui::ExchangeFlags flags;
    std::string share;  // --share SET, as given
};

int run_exchange(Context& ctx, const std::string& uri_text, ExchangeOptions o, bool scanned) {
    auto uri = code_uri(ctx, uri_text, scanned);
    if (!uri) return ctx.exit_code;
    if (!o.share.empty()) o.flags.share_set = o.share;
    TerminalPrompt prompt(ctx);
    if (auto error = client::ui::exchange_flags_error(o.flags, prompt.interactive());
        !error.empty())
        return ctx.fail(error, kUsage);
    auto session = go_online(ctx, false);
    if (!session) return ctx.exit_code;
    const auto offer = offer_of(ctx, *session, *uri);
    if (!offer) return ctx.exit_code;
    // Asking says whose card it is; without asking, it is said here, before anything is sent.
    if (o.flags.yes) {
        ctx.out << (offer->owner ? "Card exchange with " + *offer->owner
                                 : "Card exchange offered by the card service " + offer->service)
                << ".\n";
    }
    std::optional<client::exchange::CardService> home;
    const bool ask_sets =
        !o.flags.yes && !o.flags.receive_only && !o.flags.share_set && !o.flags.share_own;
    if (ask_sets || o.flags.share_set) {
        home = home_service(ctx, *session);
        if (!home) return ctx.exit_code;
    }
    const auto sets = ask_sets ? my_sets(ctx, *session, home->jid) : std::vector<std::string>{};
    const auto own_name = own_card_name(ctx);
    const auto decision = client::ui::decide_exchange(o.flags, *offer, sets, own_name, prompt);
    if (!decision.usage_error.empty()) return ctx.fail(decision.usage_error, kUsage);
    if (decision.choice == client::ui::ExchangeChoice::cancel) {
        ctx.out << "Cancelled; nothing was sent.\n";
        return kOk;
    }
    std::optional<exchange::SharedCard> shared;
    if (decision.choice == client::ui::ExchangeChoice::exchange) {
        shared = shared_card(ctx, *session, home ? home->jid : uri->service, decision);
        if (!shared) return ctx.exit_code;
    }
    ctx.out << "Asking " << uri->service.str() << "...\n";
    ctx.out.flush();
    using Answer = Result<exchange::ServiceReply<exchange::ExchangeOutcome>>;
    auto result = std::make_shared<std::optional<Answer>>();
    const bool follow = want_to_follow(ctx, "the card behind this code");
    exchange::exchange_cards(
        session->agent(), **ctx.book(), *uri, shared,
        [result](Answer r) { *result = std::move(r); }, follow);
    session->run_until([&] { return result->has_value(); },
                       std::chrono::seconds(ctx.options.timeout_s) * 2);
    if (!result->has_value()) return ctx.fail("no answer from " + uri->service.str());
    auto& reply = **result;
    if (!reply) return ctx.fail(reply.error().message);
    if (!reply->ok()) return refused(ctx, uri->service, *reply);
    const exchange::ExchangeOutcome& outcome = *reply->value;
    if (!outcome.received.duplicate) ctx.out << received_box(outcome.received.record);
    ctx.out << client::ui::exchange_outcome_text(outcome) << ".\n";
    session->close();
    return kOk;
}

void add_exchange_options(CLI::App& command, ExchangeOptions& o) {
    command.add_option("--share", o.share, "Give the card of your set SET in exchange")
        ->type_name("SET");
    command.add_flag("--share-own", o.flags.share_own,
                     "Give your own card (`cardex me`) in exchange");
    command.add_flag("--receive-only", o.flags.receive_only,
                     "Only receive the owner's card; give nothing");
    command.add_flag("-y,--yes", o.flags.yes,
                     "Do not ask (for scripts): needs --share, --share-own or --receive-only");
}

}  // namespace

void add_qr_commands(CLI::App& app, Context& ctx) {
    auto qr_options = std::make_shared<QrOptions>();
    auto* qr = app.add_subcommand(
        "qr", "Show a QR code that gives one of your card sets to whoever scans it");
    qr->add_option("--set", qr_options->set, "The set to share (default: work, else your only set)")
        ->type_name("NAME");
    qr->add_option("--uses", qr_options->uses,
                   "How many people may use it (default: the service's)")
        ->type_name("N")
        ->check(CLI::PositiveNumber);
    qr->add_option("--expires", qr_options->expires,
                   "How long it works, e.g. 30m, 12h, 7d (default: the service's)")
        ->type_name("DURATION");
    qr->add_option("--out", qr_options->out,
                   "Write it to FILE.png or FILE.svg instead of drawing it in the terminal")
        ->type_name("FILE");
    qr->add_flag("--xmpp", qr_options->xmpp,
                 "Put the xmpp: URI in the code even where the service has a web page for it "
                 "(which any phone's camera opens)");
    qr->add_flag("--no-web-form", qr_options->no_web_form,
                 "The token's web page shows your card without the form with which visitors "
                 "send a card back");
    qr->callback([&ctx, qr_options] { ctx.exit_code = run_qr(ctx, *qr_options); });

    app.add_subcommand("tokens", "List your QR codes that still work (token, set, uses, expiry)")
        ->callback([&ctx] { ctx.exit_code = run_tokens(ctx); });

    auto token = std::make_shared<std::string>();
    auto* revoke = app.add_subcommand("revoke", "Make a QR code stop working (TOKEN or its URI)");
    revoke->add_option("TOKEN", *token, "The token `cardex tokens` lists, or the code's URI");
    allow_dash_ids(*revoke);
    revoke->callback([&ctx, token, revoke] {
        if (auto given = id_argument(ctx, *revoke, *token, true))
            ctx.exit_code = run_revoke(ctx, *given);
    });

    auto picture = std::make_shared<std::string>();
    auto scan_options = std::make_shared<ExchangeOptions>();
    auto* scan = app.add_subcommand(
        "scan", "Read a card QR code from a PNG or JPEG picture, then exchange cards (asks first)");
    scan->add_option("IMAGE", *picture, "A photo or screenshot of the code")->required();
    add_exchange_options(*scan, *scan_options);
    scan->callback([&ctx, picture, scan_options] {
        auto uri = client::qr::scan_qr_file(*picture);
        if (!uri) {
            ctx.exit_code = ctx.fail(uri.error().message);
            return;
        }
        ctx.exit_code = run_exchange(ctx, *uri, *scan_options, true);
    });

    auto uri = std::make_shared<std::string>();
    auto exchange_options = std::make_shared<ExchangeOptions>();
    auto* exchange = app.add_subcommand(
        "exchange", "Exchange cards with the owner of a QR code, given its URI (asks first)");
    exchange->add_option("URI", *uri, "xmpp:SERVICE?bizcard;token=..., or its web page's address")
        ->required();
    add_exchange_options(*exchange, *exchange_options);
    exchange->callback([&ctx, uri, exchange_options] {
        ctx.exit_code = run_exchange(ctx, *uri, *exchange_options, false);
    });
}

}  // namespace cardex::cli
