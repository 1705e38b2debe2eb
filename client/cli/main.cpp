// cardex: the Cardex console client. Every command is in commands*.cpp; `cardex --help` and
// `cardex COMMAND --help` describe them.
#include <CLI/CLI.hpp>
#include <iostream>

#include "client/cli/commands.hpp"

namespace cardex::cli {

std::unique_ptr<CLI::App> make_app(Context& ctx) {
    auto app = std::make_unique<CLI::App>(
        "cardex: exchange electronic business cards over XMPP.\n"
        "Send a contact from your address book to anyone on the federated network; receive "
        "cards, also those sent while you were offline, merged into your address book.",
        "cardex");
    app->set_version_flag("--version", std::string("cardex ") + CARDEX_VERSION);
    app->require_subcommand(1);
    app->fallthrough();
    GlobalOptions& o = ctx.options;
    app->add_option("--profile", o.profile,
                    "Profile directory (default: $CARDEX_HOME, else $XDG_DATA_HOME/cardex)")
        ->type_name("DIR");
    app->add_option("--jid", o.jid, "Log in as this account instead of the profile's")
        ->type_name("JID");
    app->add_option("--password-file", o.password_file, "File whose first line is the password")
        ->type_name("FILE");
    app->add_option("--ca-file", o.ca_file, "CA certificates to verify the server with")
        ->type_name("FILE");
    app->add_option("--server", o.server, "Connect to HOST[:PORT] instead of the DNS lookup")
        ->type_name("HOST[:PORT]");
    app->add_option("--service", o.service, "Use this card service instead of the home one")
        ->type_name("JID");
    app->add_option("--timeout", o.timeout_s, "Seconds to wait for each answer")
        ->type_name("SECONDS")
        ->default_val(30);
    app->add_flag("-v,--verbose", o.verbose, "Show how the XMPP session gets on (standard error)");
    add_setup_commands(*app, ctx);
    add_book_commands(*app, ctx);
    add_transfer_commands(*app, ctx);
    add_inbox_commands(*app, ctx);
    add_network_commands(*app, ctx);
    add_set_commands(*app, ctx);
    add_qr_commands(*app, ctx);
    add_backup_commands(*app, ctx);
    add_scan_card_command(*app, ctx);
    add_render_commands(*app, ctx);
    add_shell_command(*app, ctx);
    add_help_footers(*app);
    return app;
}

}  // namespace cardex::cli

int main(int argc, char** argv) {
    using namespace cardex::cli;
    Context ctx(std::cout, std::cerr);
    auto app = make_app(ctx);
    try {
        app->parse(argc, argv);
        const auto ran = app->get_subcommands();
        maybe_auto_backup(ctx, ran.empty() ? std::string() : ran.front()->get_name());
    } catch (const CLI::ParseError& e) {
        return report_parse_error(ctx, *app, e);
    } catch (const std::exception& e) {
        std::cerr << "cardex: " << e.what() << "\n";
        return kFailed;
    }
    return ctx.exit_code;
}
