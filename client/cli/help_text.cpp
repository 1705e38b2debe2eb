// The footers of `cardex --help` and `cardex COMMAND --help`: what CONTACT is (for the
// commands that take one), the options of cardex itself, which go before the command, and
// the exit codes.
#include <algorithm>

#include "client/cli/commands.hpp"

namespace cardex::cli {
namespace {

constexpr std::string_view kContact =
    "CONTACT is the number `cardex list` shows, a name (or a unique part of it), a UID, an\n"
    "e-mail address or a phone number in any spelling.\n";

constexpr std::string_view kProfile =
    "The profile (address book and settings) is --profile DIR, else $CARDEX_HOME, else\n"
    "$XDG_DATA_HOME/cardex. The password comes from the account's password file,\n"
    "$CARDEX_PASSWORD or a prompt; it is never echoed, stored or logged.\n";

constexpr std::string_view kExitCodes =
    "Exit codes: 0 success, 1 operation failed (import: nothing imported), 2 usage error,\n"
    "3 cannot log in, 4 no such contact (or several match), 5 done, but some cards or files\n"
    "failed (import: not read; sync: not saved, still waiting at the service).";

bool takes_contact(const CLI::App& command) {
    return command.get_option_no_throw("CONTACT") != nullptr;
}

// "  --profile DIR     Profile directory", one line per option of cardex itself, the
// descriptions in the column where CLI11 puts those of the command's own options.
std::string global_options(const CLI::App& app) {
    std::string text;
    for (const CLI::Option* option : app.get_options()) {
        const std::string name = option->get_name();
        if (!name.starts_with("--") || name == "--help" || name == "--version") continue;
        std::string left = "  " + name + " " + option->get_type_name();
        left.resize(std::max<std::size_t>(left.size() + 1, 30), ' ');
        text += left + option->get_description() + "\n";
    }
    return text;
}

void set_command_footers(CLI::App& command, const std::string& words, const std::string& options) {
    for (CLI::App* sub : command.get_subcommands([](CLI::App*) { return true; })) {
        const std::string path = words.empty() ? sub->get_name() : words + " " + sub->get_name();
        std::string footer = takes_contact(*sub) ? std::string(kContact) + "\n" : std::string();
        footer += "Options of cardex itself go before the command (cardex --profile DIR " + path +
                  " ...):\n" + options + "\n" + std::string(kExitCodes);
        sub->footer(footer);
        set_command_footers(*sub, path, options);
    }
}

}  // namespace

void add_help_footers(CLI::App& app) {
    app.footer(std::string(kContact) + std::string(kProfile) + std::string(kExitCodes));
    set_command_footers(app, "", global_options(app));
}

}  // namespace cardex::cli
