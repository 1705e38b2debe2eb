// The hooks Profanity looks up by name in cardex.so, and the /card command's registration.
//
// Each hook is a thin guard around CardPlugin: it catches everything (a plugin must never
// take Profanity down) and runs on Profanity's thread, like every API call the plugin makes.
// The plugin's state lives from prof_init to prof_on_unload, prof_on_shutdown, or the exit of
// the process, whichever comes first.
//
// Exit: Profanity calls prof_on_shutdown from its own exit handler, which runs after this
// library's global destructors (they were registered later, when Profanity loaded it). So
// nothing the hooks use may be a global with a destructor (a destroyed unique_ptr reset again
// crashed every /quit), and the plugin is ended by a handler of its own, registered in
// prof_init, which runs before those destructors, while everything it uses still exists.
#include <array>
#include <cstdlib>
#include <exception>
#include <memory>
#include <string>
#include <vector>

#include "client/profanity/card_plugin.hpp"
#include "client/profanity/prof_api.hpp"
#include "client/profanity/profanity_host.hpp"

#define CARDEX_HOOK extern "C" __attribute__((visibility("default")))

namespace {

using cardex::profanity::CardPlugin;
using cardex::profanity::kPluginSource;

// A global that the exit of the process never destroys (see the top of this file).
template <class T>
class Lasting {
  public:
    Lasting() { new (&value_) T(); }
    ~Lasting() {}  // deliberately leaves value_ alone
    Lasting(const Lasting&) = delete;
    Lasting& operator=(const Lasting&) = delete;
    T& operator*() { return value_; }
    T* operator->() { return &value_; }

  private:
    union {
        T value_;
    };
};

Lasting<cardex::profanity::ProfanityHost> g_host;
Lasting<std::unique_ptr<CardPlugin>> g_plugin;  // the C hooks carry no state of their own

template <class Work>
void guarded(const char* where, Work&& work) {
    try {
        work();
    } catch (const std::exception& e) {
        prof_log_error((std::string("cardex: ") + where + ": " + e.what()).c_str());
    } catch (...) {
        prof_log_error((std::string("cardex: ") + where + ": unknown exception").c_str());
    }
}

// At the exit of the process (registered once per load; run at unload, too, by the C library).
void end_plugin() {
    guarded("exit", [] { g_plugin->reset(); });
}

void on_card_command(char** args) {
    guarded("/card", [args] {
        if (!*g_plugin) return (void)prof_cons_show("cardex: not loaded (see the log)");
        std::vector<std::string> words;
        for (char** a = args; a != nullptr && *a != nullptr; ++a)
            words.emplace_back(*a);
        (*g_plugin)->command(words);
    });
}

void on_tick() {
    guarded("timer", [] {
        if (*g_plugin) (*g_plugin)->tick();
    });
}

// What /help card shows. Profanity copies it when the command is registered.
const std::vector<std::string> kSynopsis = {
    "/card",
    "/card me <contact>",
    "/card list [<query>]",
    "/card show <contact>",
    "/card send <contact> [<jid>]",
    "/card inbox",
    "/card accept|reject <id>",
    "/card import <file>",
    "/card export <file>",
    "/card sync",
    "/card set publish <name> [<contact>]",
    "/card set list|show <name>|retract <name>",
    "/card qr [<set>]",
    "/card exchange <uri> [--share <set>|--share-own|--receive-only]",
    "/card backup",
    "/card restore [<id>]",
    "/card scan-card <file>|save|cancel",
};
const char kDescription[] =
    "Exchange electronic business cards over XMPP (urn:xmpp:bizcard:0), with the same address "
    "book as the console client cardex. Received cards are saved, merged into the matching "
    "contact (same UID, phone number or e-mail address) and shown in the sender's chat window.";
const std::vector<std::pair<std::string, std::string>> kArguments = {
    {"me <contact>", "Make a contact your own card; /card alone shows it."},
    {"list [<query>]",
     "List contacts, or those whose name, organisation, phone or e-mail contains the query."},
    {"show <contact>",
     "Show a contact as a card. A contact is its number, name, phone number or e-mail "
     "address; quote names with spaces."},
    {"send <contact> [<jid>]",
     "Send a contact as a card to a JID or roster name; in a chat window, to the person you "
     "are chatting with."},
    {"inbox", "Received cards waiting to be accepted (with cardex config --inbox on)."},
    {"accept|reject <id>", "Merge a card from the inbox into the address book, or drop it."},
    {"import <file>",
     "Import a .vcf (vCard 2.1, 3.0, 4.0), xCard, jCard or contacts CSV file, or a folder."},
    {"export <file>", "Export every contact as vCard 4.0."},
    {"sync", "Fetch every card still waiting for you at your card services."},
    {"set publish <name> [<contact>]",
     "Publish a contact (default: your own card) as a named card set, e.g. work, at your card "
     "service."},
    {"set list|show <name>|retract <name>",
     "List your card sets, show one as the service has it, or delete one with its QR codes."},
    {"qr [<set>]",
     "Show a QR code that gives your set (default: work, else your only set) to whoever scans "
     "it."},
    {"exchange <uri> [--share <set>|--share-own|--receive-only]",
     "Exchange cards with the owner of a scanned code (xmpp:...?bizcard;token=..., or the "
     "address of its web page). The code alone shows whose card it is and sends nothing; then "
     "--share <set> gives them your set, --share-own your own card, --receive-only nothing, "
     "and you get their card."},
    {"backup",
     "Back up the address book to your card service, encrypted with the passphrase in the file "
     "backup-passphrase of the cardex profile (or $CARDEX_BACKUP_PASSPHRASE)."},
    {"restore [<id>]",
     "Restore a backup (default: the newest), merged into the address book; a wrong passphrase "
     "restores nothing."},
    {"scan-card <file>|save|cancel",
     "Read a contact from a photo of a paper business card (JPEG or PNG) and show it, doubtful "
     "fields marked with ?; /card scan-card save saves it (merged into the contact with the "
     "same phone or e-mail), /card scan-card cancel drops it."},
};
const std::vector<std::string> kExamples = {
    "/card send \"Dana Example\" bob@b.test",
    "/card send Dana",
    "/card list example.org",
    "/card import ~/contacts.vcf",
    "/card scan-card ~/card-photo.jpg",
    "/card set publish work",
    "/card qr work",
    "/card exchange xmpp:cards.a.test?bizcard;token=K2nCb02UV6mUZuAByZeB9A --share work",
};

// A NULL-terminated array of C strings pointing into `strings` (which must outlive it).
std::vector<char*> c_strings(std::vector<std::string>& strings) {
    std::vector<char*> out;
    for (auto& s : strings)
        out.push_back(s.data());
    out.push_back(nullptr);
    return out;
}

void register_command() {
    auto synopsis = kSynopsis;
    auto examples = kExamples;
    std::vector<std::pair<std::string, std::string>> arguments = kArguments;
    std::vector<std::array<char*, 2>> argument_table;
    for (auto& [name, text] : arguments)
        argument_table.push_back({name.data(), text.data()});
    argument_table.push_back({nullptr, nullptr});
    _prof_register_command(kPluginSource, "/card", 0, 5, c_strings(synopsis).data(), kDescription,
                           reinterpret_cast<char*(*)[2]>(argument_table.data()),
                           c_strings(examples).data(), &on_card_command);
    std::vector<std::string> names = CardPlugin::subcommands();
    _prof_completer_add(kPluginSource, "/card", c_strings(names).data());
    std::vector<std::string> set_subcommands = {"publish", "list", "show", "retract"};
    _prof_completer_add(kPluginSource, "/card set", c_strings(set_subcommands).data());
    _prof_filepath_completer_add(kPluginSource, "/card import");
    _prof_filepath_completer_add(kPluginSource, "/card export");
    _prof_register_timed(kPluginSource, &on_tick, 1);
    static char feature[] = "urn:xmpp:bizcard:0";  // kept: Profanity may hold on to it
    _prof_disco_add_feature(kPluginSource, feature);
}

}  // namespace

CARDEX_HOOK void prof_init(const char* const, const char* const, const char* const,
                           const char* const fulljid) {
    guarded("init", [fulljid] {
        register_command();
        static const bool ends_at_exit = std::atexit(&end_plugin) == 0;
        if (!ends_at_exit) prof_log_error("cardex: cannot register its exit handler");
        auto plugin = CardPlugin::open(*g_host);
        if (!plugin) {
            prof_cons_show(
                ("cardex: cannot open the address book: " + plugin.error().message).c_str());
            return;
        }
        *g_plugin = std::move(plugin).value();
        if (fulljid != nullptr) (*g_plugin)->connected(fulljid);  // loaded while connected
    });
}

CARDEX_HOOK void prof_on_unload(void) {
    guarded("unload", [] { g_plugin->reset(); });
}

CARDEX_HOOK void prof_on_shutdown(void) {
    guarded("shutdown", [] { g_plugin->reset(); });
}

CARDEX_HOOK void prof_on_connect(const char* const, const char* const fulljid) {
    guarded("connect", [fulljid] {
        if (*g_plugin && fulljid != nullptr) (*g_plugin)->connected(fulljid);
    });
}

CARDEX_HOOK void prof_on_disconnect(const char* const, const char* const) {
    guarded("disconnect", [] {
        if (*g_plugin) (*g_plugin)->disconnected();
    });
}

// 0 keeps the stanza from Profanity: a card is not shown as its fallback text.
CARDEX_HOOK int prof_on_message_stanza_receive(const char* const text) {
    int pass_on = 1;
    guarded("message", [&] {
        if (*g_plugin && text != nullptr && (*g_plugin)->stanza(text)) pass_on = 0;
    });
    return pass_on;
}

CARDEX_HOOK int prof_on_iq_stanza_receive(const char* const text) {
    int pass_on = 1;
    guarded("iq", [&] {
        if (*g_plugin && text != nullptr && (*g_plugin)->stanza(text)) pass_on = 0;
    });
    return pass_on;
}
