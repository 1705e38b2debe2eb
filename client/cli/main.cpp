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
        "cards, also those sent while you were offline, merged into your address book.");
    app->set_version_flag("--version", std::string("cardex ") + CARDEX_VERSION);
    app->require_subcommand(1);
    app->fallthrough();
    app->footer(
        "CONTACT is the number `cardex list` shows, a name (or a unique part of it), a UID, an\n"
        "e-mail address or a phone number in any spelling.\n"
        "The profile (address book and settings) is --profile DIR, else $CARDEX_HOME, else\n"
        "$XDG_DATA_HOME/cardex. The password comes from the account's password file,\n"
        "$CARDEX_PASSWORD or a prompt; it is never echoed, stored or logged.\n"
        "Exit codes: 0 success, 1 operation failed (import: nothing imported), 2 usage error,\n"
        "3 cannot log in, 4 no such contact (or several match), 5 done, but some cards or files\n"
        "failed (import).");
    GlobalOptions& o = ctx.options;
    app->add_option("--profile", o.profile, "Profile directory");
    app->add_option("--jid", o.jid, "Log in as this account instead of the profile's");
    app->add_option("--password-file", o.password_file, "File whose first line is the password");
    app->add_option("--ca-file", o.ca_file, "CA certificates to verify the server with");
    app->add_option("--server", o.server, "Connect to HOST[:PORT] instead of the DNS lookup");
    app->add_option("--service", o.service, "Use this card service instead of the home one");
    app->add_option("--timeout", o.timeout_s, "Seconds to wait for each answer")->default_val(30);
    add_setup_commands(*app, ctx);
    add_book_commands(*app, ctx);
    add_transfer_commands(*app, ctx);
    add_inbox_commands(*app, ctx);
    add_network_commands(*app, ctx);
    add_shell_command(*app, ctx);
    return app;
}

}  // namespace cardex::cli

int main(int argc, char** argv) {
    using namespace cardex::cli;
    Context ctx(std::cout, std::cerr);
    auto app = make_app(ctx);
    try {
        app->parse(argc, argv);
    } catch (const CLI::ParseError& e) {
        return report_parse_error(ctx, *app, e);
    } catch (const std::exception& e) {
        std::cerr << "cardex: " << e.what() << "\n";
        return kFailed;
    }
    return ctx.exit_code;
}
