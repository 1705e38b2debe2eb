// The commands of `cardex`, each group registered on the CLI11 app by one function. A
// command's callback leaves its exit code in Context::exit_code.
#pragma once

#include <CLI/CLI.hpp>
#include <memory>
#include <optional>
#include <string>

#include "client/cli/card_editing.hpp"
#include "client/cli/context.hpp"

namespace cardex::cli {

// The whole command line: global options and every command.
std::unique_ptr<CLI::App> make_app(Context& ctx);

void add_setup_commands(CLI::App& app, Context& ctx);     // account, config
void add_book_commands(CLI::App& app, Context& ctx);      // list show add edit rm history undo
void add_transfer_commands(CLI::App& app, Context& ctx);  // import export
void add_inbox_commands(CLI::App& app, Context& ctx);     // inbox accept reject
void add_network_commands(CLI::App& app, Context& ctx);   // send status sync listen info ping
void add_set_commands(CLI::App& app, Context& ctx);       // set ..., unfollow
void add_qr_commands(CLI::App& app, Context& ctx);        // qr tokens revoke scan exchange
void add_backup_commands(CLI::App& app, Context& ctx);    // backup backups restore
void add_scan_card_command(CLI::App& app, Context& ctx);  // scan-card
void add_render_commands(CLI::App& app, Context& ctx);    // templates render
void add_shell_command(CLI::App& app, Context& ctx);      // shell
// The footers of every --help: CONTACT where a command takes one, cardex's own options, exit
// codes. Called once every command is added.
void add_help_footers(CLI::App& app);

// The address book, or nullptr after reporting why it cannot be opened.
client::book::AddressBook* open_book(Context& ctx);
// The one contact CONTACT designates, or nullopt after saying why (none, or several: listed).
std::optional<client::book::Contact> resolve_contact(Context& ctx, const std::string& what);

// The contact that is the user's own card (`cardex me`), or nullopt after saying why there is
// none.
std::optional<client::book::Contact> own_contact(Context& ctx);

// `cardex add`: a contact made of `fields`, stored and shown.
int add_contact(Context& ctx, const CardFields& fields);
// `cardex add --template NAME`: asks on the terminal for each field the design shows that
// `fields` lacks, then adds the contact.
int add_with_design(Context& ctx, const std::string& design_name, CardFields fields);
// `cardex me --template NAME`: the own card drawn from the design, put on it as its design
// image (X-CARDEX-IMAGE), small enough for a card service to take the card.
int put_design_image(Context& ctx, const std::string& design_name);

// Delivery ids are base64url and may begin with '-', which CLI11 would take for an option.
// Commands that take one call allow_dash_ids() (a word it does not know is then left over) and
// read the ID with id_argument(): the word given, else the one left over; nullopt after
// reporting a usage error when there is none, or more than one.
void allow_dash_ids(CLI::App& command);
std::optional<std::string> id_argument(Context& ctx, const CLI::App& command,
                                       const std::string& given, bool required);

// Reports a command line CLI11 could not parse (help and version are printed as asked, with
// exit code 0): a mistyped or missing command is named, with the nearest command and where
// the list of commands is; any other error as CLI11 words it. Returns the exit code.
int report_parse_error(Context& ctx, CLI::App& app, const CLI::ParseError& error);

// After `command` ran: where the profile asks for automatic backups (`cardex config
// --auto-backup on`) and the book changed since the last one, backs it up, at most once in the
// configured minutes (a later command catches up). It never asks and keeps the command's exit
// code; a failure is said on ctx.err.
void maybe_auto_backup(Context& ctx, const std::string& command);

// Runs the interactive shell until end of input or `exit`; returns the exit code.
int run_shell(Context& ctx);

}  // namespace cardex::cli
