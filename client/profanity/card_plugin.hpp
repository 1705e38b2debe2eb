// CardPlugin: cards inside the XMPP client the user already runs (Profanity), on the same
// address book and protocol engine as `cardex`.
//
// The host hands it every message and IQ stanza (stanza()), the /card command's arguments
// (command()) and a tick every second. It
//   - stores, acknowledges and shows every card a card service delivers (in the sender's chat
//     window, as a readable card), and keeps the stanza from the host, so that the fallback
//     text is not shown; carbons and archive copies are stored once (the engine recognises
//     copies by service and delivery id);
//   - shows receipts of the user's sent cards in the recipient's chat window (or the console);
//   - after every login, synchronises with the home card service and every service that ever
//     delivered a card, so that nothing sent while the client was offline is missed;
//   - runs the /card subcommands: own card, list, show, send, inbox, accept, reject, import,
//     export, sync, set (publish, list, show, retract), qr, exchange (with the owner of a
//     scanned code: the command itself is the confirmation; it names the service it contacts),
//     backup and restore (encrypted; the passphrase from a file or the environment), scan-card
//     (a contact from a photo of a paper card: shown first, saved by `/card scan-card save`).
// It never throws: what goes wrong is shown to the user.
#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "client/book/address_book.hpp"
#include "client/exchange/card_agent.hpp"
#include "client/exchange/card_exchange.hpp"
#include "client/exchange/card_sender.hpp"
#include "client/exchange/home_service.hpp"
#include "client/exchange/sync_run.hpp"
#include "client/ocr/text_recognition.hpp"
#include "client/profanity/host.hpp"
#include "client/profile/profile.hpp"

namespace cardex::profanity {

namespace exchange = client::exchange;

class CardPlugin : private exchange::StanzaSink {
  public:
    // `clock` times requests and the repeats of a submit; empty: std::chrono::steady_clock.
    CardPlugin(Host& host, std::unique_ptr<client::book::AddressBook> book,
               client::profile::Profile profile, client::profile::Settings settings,
               std::function<exchange::SteadyTime()> clock = {});
    // The profile of the environment ($CARDEX_HOME, else $XDG_DATA_HOME/cardex): the same as
    // `cardex` uses.
    static Result<std::unique_ptr<CardPlugin>> open(Host& host);
    ~CardPlugin() override;

    void connected(const std::string& full_jid);
    void disconnected();
    // A stanza as the host serialises it; true when it was this protocol's (the host must then
    // not handle it).
    bool stanza(const std::string& xml);
    void tick();
    // The arguments of /card (without "/card"); empty for /card alone.
    void command(const std::vector<std::string>& args);

    static const std::vector<std::string>& subcommands();

  private:
    void send(const xml::Element& stanza) override;
    exchange::CardAgent& agent_for(const xmpp::Jid& own);
    void wire_events();
    void start_sync();
    void with_home_service(std::function<void(const exchange::CardService&)> then);
    void refresh_completions();
    void report(const std::string& line);

    // The subcommands (card_commands.cpp).
    void own_card(const std::vector<std::string>& args);
    void list(const std::vector<std::string>& args);
    void show(const std::vector<std::string>& args);
    void send_card(const std::vector<std::string>& args);
    void inbox();
    void accept(const std::vector<std::string>& args, bool take);
    void import(const std::vector<std::string>& args);
    void export_to(const std::vector<std::string>& args);
    void sync();
    std::optional<client::book::Contact> contact_of(const std::string& what);
    std::optional<std::string> recipient_of(const std::vector<std::string>& args);
    void submit(const client::book::Contact& contact, const std::string& to);

    // Card sets, QR codes and the exchange (set_commands.cpp).
    void card_set(const std::vector<std::string>& args);
    void publish_set(const std::string& name, const std::string& contact);
    void list_sets();
    void show_set(const std::string& name);
    void retract_set(const std::string& name);
    void show_qr(const std::vector<std::string>& args);
    void show_token(const protocol::Token& token);
    void exchange_with(const std::vector<std::string>& args);
    // Asks whose card the token leads to and shows it with the commands that go on; `given`
    // is the code as the user gave it, for those commands.
    void preview_exchange(const protocol::TokenUri& token, const std::string& given);
    std::vector<std::string> exchange_choices(
        const protocol::TokenUri& token, const std::string& given,
        const std::optional<protocol::TokenPreview>& preview) const;
    void run_exchange(const protocol::TokenUri& token,
                      const std::optional<exchange::SharedCard>& shared);

    // Backups (backup_commands.cpp).
    std::optional<std::string> backup_passphrase();
    void backup_book();
    void restore_book(const std::vector<std::string>& args);

    // Cards from photos of paper cards (scan_commands.cpp).
    void scan_card(const std::vector<std::string>& args);
    void finish_scan(bool save);

    Host& host_;
    std::unique_ptr<client::book::AddressBook> book_;
    client::profile::Profile profile_;
    client::profile::Settings settings_;
    std::function<exchange::SteadyTime()> clock_;
    std::unique_ptr<exchange::CardAgent> agent_;
    std::unique_ptr<exchange::CardSender> sender_;  // made with agent_, on it
    std::optional<exchange::CardService> home_;
    std::vector<std::function<void(const exchange::CardService&)>> waiting_for_home_;
    bool looking_for_home_ = false;
    std::unique_ptr<exchange::SyncRun> sync_;
    struct Scanned {
        vcard::Card card;
        std::string photo;
    };
    std::unique_ptr<client::ocr::TextRecognizer> recognizer_;  // made on the first scan
    std::optional<Scanned> scanned_;  // read from a photo, waiting for save or cancel
};

}  // namespace cardex::profanity
