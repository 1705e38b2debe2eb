#include "client/profanity/card_plugin.hpp"

#include "client/profanity/card_text.hpp"
#include "client/ui/outcome_text.hpp"
#include "core/protocol/syntax.hpp"
#include "core/protocol/timestamp.hpp"
#include "core/xml/parser.hpp"
#include "core/xml/writer.hpp"
#include "core/xmpp/namespaces.hpp"

namespace cardex::profanity {
namespace {

using client::book::Receiving;

// Profanity cannot ask in the middle of a sync: "ask" follows nothing, as "off" does.
exchange::AgentOptions agent_options(const client::profile::BookSettings& book,
                                     std::function<exchange::SteadyTime()> clock) {
    exchange::AgentOptions options;
    options.clock = std::move(clock);
    options.answer_iqs = false;                   // Profanity answers disco#info and ping itself
    options.ack_batch = protocol::kMaxBatchAcks;  // sent at the latest with the next tick
    const bool follow = book.follow == "on";
    options.follow = [follow](const client::book::ReceivedCard&) { return follow; };
    return options;
}

}  // namespace

CardPlugin::CardPlugin(Host& host, std::unique_ptr<client::book::AddressBook> book,
                       client::profile::Profile profile, client::profile::Settings settings,
                       std::function<exchange::SteadyTime()> clock)
    : host_(host),
      book_(std::move(book)),
      profile_(std::move(profile)),
      settings_(std::move(settings)),
      clock_(std::move(clock)) {
    refresh_completions();
}

CardPlugin::~CardPlugin() = default;

Result<std::unique_ptr<CardPlugin>> CardPlugin::open(Host& host) {
    const auto env = client::profile::process_environment();
    auto dir = client::profile::Profile::locate({}, env);
    if (!dir) return dir.error();
    auto profile = client::profile::Profile::open(*dir);
    if (!profile) return profile.error();
    auto settings = profile->load();
    if (!settings) return settings.error();
    auto book = profile->open_book(settings->book, env);
    if (!book) return book.error();
    return std::make_unique<CardPlugin>(host, std::move(book).value(), std::move(profile).value(),
                                        std::move(settings).value());
}

const std::vector<std::string>& CardPlugin::subcommands() {
    static const std::vector<std::string> names = {
        "me",     "list", "show", "send", "inbox",    "accept", "reject",  "import",
        "export", "sync", "set",  "qr",   "exchange", "backup", "restore", "scan-card"};
    return names;
}

void CardPlugin::send(const xml::Element& stanza) {
    host_.send(xml::to_string(stanza, ns::kClient));
}

void CardPlugin::report(const std::string& line) {
    host_.show({"cardex: " + line});
}

exchange::CardAgent& CardPlugin::agent_for(const xmpp::Jid& own) {
    if (!agent_ || !(agent_->own_jid() == own)) {
        exchange::StanzaSink& sink = *this;
        sender_.reset();
        agent_ = std::make_unique<exchange::CardAgent>(*book_, sink, own,
                                                       agent_options(settings_.book, clock_));
        sender_ = std::make_unique<exchange::CardSender>(*agent_);
        home_.reset();
        wire_events();
    }
    return *agent_;
}

void CardPlugin::wire_events() {
    agent_->events.card = [this](const Receiving& r) {
        if (r.duplicate) return;
        const auto& rec = r.record;
        // A card from a token's web page has no sender to chat with: it goes to the console.
        if (rec.from_web_page()) {
            host_.show(received_card_lines(rec, r.stored));
        } else {
            host_.show_from(rec.sender, received_card_lines(rec, r.stored));
        }
        refresh_completions();
    };
    agent_->events.receipt = [this](const std::string&, const protocol::Receipt& receipt) {
        const std::string line = client::ui::receipt_text(receipt) + ".";
        if (!host_.show_in_chat(receipt.to.bare_str(), {line})) host_.show({line});
    };
    agent_->events.problem = [this](const std::string& what) { report(what); };
}

void CardPlugin::connected(const std::string& full_jid) {
    auto jid = xmpp::Jid::parse(full_jid);
    if (!jid) return report("cannot read the account's address '" + full_jid + "'");
    agent_for(*jid);
    start_sync();
}

void CardPlugin::disconnected() {
    if (agent_) agent_->abandon_requests("disconnected");
    sync_.reset();
    waiting_for_home_.clear();
    looking_for_home_ = false;
}

bool CardPlugin::stanza(const std::string& text) {
    auto parsed = xml::parse_document(text, {}, ns::kClient);
    if (!parsed) return false;  // not ours to judge: the host reads it
    const xml::Element& stanza = *parsed;
    if (!agent_) {
        // A stanza before the login was announced: its 'to' is this account.
        auto own = xmpp::Jid::parse(stanza.attr_or_empty("to"));
        if (!own || own->local.empty()) return false;
        agent_for(*own);
    }
    return agent_->handle(stanza);
}

void CardPlugin::tick() {
    if (!agent_) return;
    agent_->flush_acks();
    agent_->expire_requests();
    sender_->tick();
    if (sync_ && sync_->done()) {
        std::string synced;
        for (const auto& o : sync_->outcomes()) {
            if (!o.error.empty()) {
                report("sync with " + o.service + " failed: " + o.error);
            } else {
                synced += (synced.empty() ? "" : ", ") + o.service;
            }
            if (o.unsaved > 0) report(client::ui::unsaved_text(o.service, o.unsaved) + ".");
        }
        if (!synced.empty()) host_.show({"cardex: synchronised with " + synced + "."});
        sync_.reset();
    }
}

void CardPlugin::start_sync() {
    if (!agent_) return report("not connected");
    with_home_service([this](const exchange::CardService& home) {
        auto services = exchange::services_to_sync(*book_, *agent_, home.jid);
        if (!services) return report(services.error().message);
        sync_ = std::make_unique<exchange::SyncRun>(*agent_, *services);
        sync_->start();
    });
}

// Runs `then` with the home card service: the account's configured one, the one found before,
// or the one disco finds now. Whoever asks while a search is on gets the same answer.
void CardPlugin::with_home_service(std::function<void(const exchange::CardService&)> then) {
    if (!agent_) return report("not connected");
    if (home_) return then(*home_);
    waiting_for_home_.push_back(std::move(then));
    if (looking_for_home_) return;
    looking_for_home_ = true;
    auto found = [this](Result<exchange::CardService> service) {
        looking_for_home_ = false;
        auto waiting = std::move(waiting_for_home_);
        waiting_for_home_.clear();
        if (!service) return report(service.error().message);
        home_ = std::move(service).value();
        for (auto& w : waiting)
            w(*home_);
    };
    const auto& account = settings_.account;
    const bool own = account.jid == agent_->own_jid().bare_str();
    exchange::locate_home_service(*agent_, *book_, own ? account.service : std::string(), found);
}

void CardPlugin::refresh_completions() {
    auto names = book_->names();  // Profanity quotes those with spaces when it completes
    if (!names) return;
    for (const char* key : {"/card show", "/card send", "/card me"})
        host_.complete(key, *names);
}

void CardPlugin::command(const std::vector<std::string>& args) {
    const std::string sub = args.empty() ? "me" : args.front();
    const std::vector<std::string> rest(args.empty() ? args.end() : args.begin() + 1, args.end());
    if (sub == "me") return own_card(rest);
    if (sub == "list") return list(rest);
    if (sub == "show") return show(rest);
    if (sub == "send") return send_card(rest);
    if (sub == "inbox") return inbox();
    if (sub == "accept") return accept(rest, true);
    if (sub == "reject") return accept(rest, false);
    if (sub == "import") return import(rest);
    if (sub == "export") return export_to(rest);
    if (sub == "sync") return sync();
    if (sub == "set") return card_set(rest);
    if (sub == "qr") return show_qr(rest);
    if (sub == "exchange") return exchange_with(rest);
    if (sub == "backup") return rest.empty() ? backup_book() : report("/card backup");
    if (sub == "restore") return restore_book(rest);
    if (sub == "scan-card") return scan_card(rest);
    report("unknown subcommand '" + sub + "'; see /help card");
}

}  // namespace cardex::profanity
