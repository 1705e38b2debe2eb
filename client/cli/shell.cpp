// `cardex shell`: every command at a prompt, with history (kept in the profile) and tab
// completion of commands and contact names.
#include <readline/history.h>
#include <readline/readline.h>

#include <algorithm>
#include <array>
#include <cstring>

#include "client/cli/commands.hpp"
#include "core/text/ascii.hpp"

namespace cardex::cli {
namespace {

// What completion draws from; filled before each prompt.
struct Completions {
    std::vector<std::string> commands;
    std::vector<std::string> contacts;  // names, quoted when they contain a space
};
Completions g_completions;
const std::vector<std::string>* g_candidates = nullptr;

constexpr std::array<std::string_view, 6> kContactCommands = {"show",    "edit", "rm",
                                                              "history", "undo", "send"};

char* next_candidate(const char* text, int state) {
    static std::size_t index = 0;
    if (state == 0) index = 0;
    const std::string_view prefix(text);
    while (g_candidates != nullptr && index < g_candidates->size()) {
        const std::string& candidate = (*g_candidates)[index++];
        const std::string_view bare =
            candidate.front() == '"' ? std::string_view(candidate).substr(1) : candidate;
        if (starts_with_ignoring_case(candidate, prefix) ||
            starts_with_ignoring_case(bare, prefix)) {
            return ::strdup(rl_completion_quote_character != 0 ? std::string(bare).c_str()
                                                               : candidate.c_str());
        }
    }
    return nullptr;
}

// The first word completes to a command; the word after a command that takes a CONTACT
// completes to a contact's name.
char** complete(const char* text, int start, int) {
    rl_attempted_completion_over = 1;  // never fall back to file names
    const std::string before(rl_line_buffer, static_cast<std::size_t>(start));
    const auto first_end = before.find(' ');
    if (before.find_first_not_of(' ') == std::string::npos) {
        g_candidates = &g_completions.commands;
    } else {
        const std::string command = before.substr(0, first_end);
        const bool takes_contact = std::find(kContactCommands.begin(), kContactCommands.end(),
                                             command) != kContactCommands.end();
        g_candidates = takes_contact ? &g_completions.contacts : nullptr;
    }
    return rl_completion_matches(text, next_candidate);
}

void load_completions(Context& ctx, CLI::App& app) {
    g_completions.commands.clear();
    for (const CLI::App* sub : app.get_subcommands({}))
        if (sub->get_name() != "shell") g_completions.commands.push_back(sub->get_name());
    for (const char* word : {"help", "exit"})
        g_completions.commands.emplace_back(word);
    std::sort(g_completions.commands.begin(), g_completions.commands.end());
    g_completions.contacts.clear();
    auto book = ctx.book();
    if (!book) return;
    auto names = (*book)->names();
    if (!names) return;
    for (const auto& name : *names) {
        g_completions.contacts.push_back(name.find(' ') == std::string::npos ? name
                                                                             : "\"" + name + "\"");
    }
}

int run_line(Context& shell, const std::string& line) {
    Context ctx(shell.out, shell.err);
    ctx.options = shell.options;
    ctx.interactive = true;
    auto app = make_app(ctx);
    try {
        app->parse(line, false);
    } catch (const CLI::ParseError& e) {
        return report_parse_error(ctx, *app, e);
    }
    return ctx.exit_code;
}

}  // namespace

int run_shell(Context& ctx) {
    if (ctx.interactive) return ctx.fail("already in the shell", kUsage);
    auto profile = ctx.profile();
    if (!profile) return ctx.fail(profile.error().message);
    const std::string history = (*profile)->history_path().string();
    read_history(history.c_str());
    rl_attempted_completion_function = complete;
    rl_completer_quote_characters = "\"'";
    ctx.out << "Cardex shell: type a command (`help` lists them), Tab completes, Ctrl-D leaves.\n";
    int last = kOk;
    while (char* raw = readline("cardex> ")) {
        std::string line(raw);
        std::free(raw);
        line.erase(0, line.find_first_not_of(" \t"));
        line.erase(line.find_last_not_of(" \t") + 1);
        if (line.empty()) continue;
        add_history(line.c_str());
        write_history(history.c_str());
        if (line == "exit" || line == "quit") break;
        last = run_line(ctx, line == "help" ? "--help" : line);
        ctx.out.flush();
        Context fresh(ctx.out, ctx.err);
        fresh.options = ctx.options;
        auto app = make_app(fresh);
        load_completions(fresh, *app);
    }
    return last;
}

void add_shell_command(CLI::App& app, Context& ctx) {
    app.add_subcommand("shell", "Interactive mode with history and tab completion")
        ->callback([&ctx, &app] {
            load_completions(ctx, app);
            ctx.exit_code = run_shell(ctx);
        });
}

}  // namespace cardex::cli
