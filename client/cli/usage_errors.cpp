// What `cardex` says about a command line it cannot parse. CLI11 would answer "A subcommand
// is required" to a mistyped command, as the word it does not know is left over; the word is
// named here instead, with the command it most likely was.
#include "client/cli/commands.hpp"
#include "core/text/join.hpp"
#include "core/text/nearest.hpp"

namespace cardex::cli {
namespace {

// The deepest command given ("account" for `cardex account sett`), and its words.
const CLI::App* deepest_command(const CLI::App& app, std::string& words) {
    const CLI::App* level = &app;
    while (true) {
        const auto parsed = level->get_subcommands();
        if (parsed.empty()) return level;
        level = parsed.front();
        words += (words.empty() ? "" : " ") + level->get_name();
    }
}

std::vector<std::string> command_names(const CLI::App& level) {
    std::vector<std::string> names;
    for (const CLI::App* sub : level.get_subcommands([](const CLI::App*) { return true; }))
        names.push_back(sub->get_name());
    return names;
}

// The first word left over that is not an option: where a command was expected.
std::optional<std::string> left_over_word(const CLI::App& app) {
    for (const auto& word : app.remaining(true)) {
        if (!word.empty() && word.front() != '-') return word;
    }
    return std::nullopt;
}

// "cardex account --help" (or, in the shell, "account --help", "help").
std::string help_command(const Context& ctx, const std::string& words) {
    if (ctx.interactive) return words.empty() ? "help" : words + " --help";
    return "cardex " + (words.empty() ? "" : words + " ") + "--help";
}

std::optional<std::string> command_problem(const Context& ctx, const CLI::App& app,
                                           const CLI::ParseError& error) {
    std::string words;
    const CLI::App* level = deepest_command(app, words);
    const std::vector<std::string> names = command_names(*level);
    if (names.empty()) return std::nullopt;  // a command that takes no command
    const std::string prefix = words.empty() ? "" : words + " ";
    if (const auto word = left_over_word(app)) {
        std::string text = "unknown command '" + prefix + *word + "'";
        if (const auto nearest = nearest_word(*word, names))
            text += "; did you mean '" + prefix + *nearest + "'?";
        return text + " (" + help_command(ctx, words) + " lists them)";
    }
    if (dynamic_cast<const CLI::RequiredError*>(&error) == nullptr) return std::nullopt;
    if (words.empty()) return "a command is required (" + help_command(ctx, words) + " lists them)";
    return "'" + words + "' needs one of its commands: " + join(names, ", ") + " (" +
           help_command(ctx, words) + " says more)";
}

}  // namespace

int report_parse_error(Context& ctx, CLI::App& app, const CLI::ParseError& error) {
    if (error.get_exit_code() == 0) {  // --help, --version
        app.exit(error, ctx.out, ctx.err);
        return kOk;
    }
    if (const auto problem = command_problem(ctx, app, error)) return ctx.fail(*problem, kUsage);
    app.exit(error, ctx.out, ctx.err);
    ctx.exit_code = kUsage;
    return kUsage;
}

}  // namespace cardex::cli
