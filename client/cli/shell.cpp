// `cardex shell`: every command at a prompt, with history (kept in the profile) and tab
// completion of commands and contact names.
//
// Completion works as in bash: one Tab completes as far as the candidates agree, a second Tab
// lists them. A contact's name with a blank is completed in double quotes, closed once the
// name is complete and followed by a space; a quote the user opened is closed the same way.
#include <readline/history.h>
#include <readline/readline.h>

#include <algorithm>
#include <array>
#include <cstring>
#include <optional>
#include <string_view>

#include "client/cli/commands.hpp"
#include "core/text/ascii.hpp"

namespace cardex::cli {
namespace {

// What completion draws from; filled before each prompt.
struct Completions {
    std::vector<std::string> commands;
    std::vector<std::string> contacts;  // names as they are
};
Completions g_completions;

constexpr std::array<std::string_view, 6> kContactCommands = {"show",    "edit", "rm",
                                                              "history", "undo", "send"};

bool is_blank(char c) {
    return c == ' ' || c == '\t';
}

// Where the CONTACT of a command that takes one begins, when the text up to the cursor ends
// in it unquoted (a name may have blanks: everything after the command is the name typed so
// far); nullopt elsewhere, also inside a quote the user opened (readline finds that word).
std::optional<std::size_t> unquoted_contact_start(std::string_view line) {
    const std::size_t command_start = std::min(line.find_first_not_of(" \t"), line.size());
    const std::size_t command_end = std::min(line.find_first_of(" \t", command_start), line.size());
    if (command_end == line.size()) return std::nullopt;  // still typing the command
    const std::string_view command = line.substr(command_start, command_end - command_start);
    if (std::find(kContactCommands.begin(), kContactCommands.end(), command) ==
        kContactCommands.end())
        return std::nullopt;
    const std::size_t name_start =
        std::min(line.find_first_not_of(" \t", command_end), line.size());
    const std::string_view name = line.substr(name_start);
    if (!name.empty() && (name.front() == '"' || name.front() == '\'' || name.front() == '-'))
        return std::nullopt;
    for (std::size_t i = 1; i < name.size(); ++i) {
        if (name[i] == '-' && is_blank(name[i - 1])) return std::nullopt;  // an option follows
    }
    return name_start;
}

// Readline's word breaks for this completion: none when the cursor is in an unquoted contact
// name, so that the whole line is the word and complete() sees the name with its blanks.
char* word_breaks() {
    static char kNone[] = "";
    const auto start = unquoted_contact_start(std::string_view(rl_line_buffer, rl_point));
    return start ? kNone : nullptr;
}

std::vector<std::string> starting_with(const std::vector<std::string>& words,
                                       std::string_view text) {
    std::vector<std::string> found;
    for (const auto& word : words) {
        if (starts_with_ignoring_case(word, text) &&
            std::find(found.begin(), found.end(), word) == found.end())
            found.push_back(word);
    }
    return found;
}

// The longest start all `words` share (ASCII case ignored; spelled as the first word), never
// ending inside a UTF-8 character.
std::string common_start(const std::vector<std::string>& words) {
    const std::string& first = words.front();
    std::size_t length = first.size();
    for (const auto& word : words) {
        std::size_t n = 0;
        while (n < length && n < word.size() &&
               lower_ascii(first.substr(n, 1)) == lower_ascii(word.substr(n, 1)))
            ++n;
        length = n;
    }
    while (length > 0 && length < first.size() &&
           (static_cast<unsigned char>(first[length]) & 0xC0) == 0x80)
        --length;
    return first.substr(0, length);
}

char** matches_array(const std::string& replacement, const std::vector<std::string>& found) {
    const std::size_t listed = found.size() > 1 ? found.size() : 0;
    auto** matches = static_cast<char**>(std::malloc((listed + 2) * sizeof(char*)));
    matches[0] = ::strdup(replacement.c_str());
    for (std::size_t i = 0; i < listed; ++i)
        matches[i + 1] = ::strdup(found[i].c_str());
    matches[listed + 1] = nullptr;
    return matches;
}

// A name or the start all candidates share, as it goes on the command line: in double quotes
// when it has a blank, the quote closed only once the name is complete.
std::string quoted_if_needed(std::string text, bool complete_word) {
    if (text.find(' ') == std::string::npos) return text;
    return "\"" + text + (complete_word ? "\"" : "");
}

// Readline's matches: [0] replaces the word typed, the rest are listed by a second Tab.
// `before` is what stays in front of the word replaced (the command, for an unquoted name).
char** matches_for(const std::vector<std::string>& words, std::string_view typed, bool quote,
                   const std::string& before = {}) {
    const auto found = starting_with(words, typed);
    if (found.empty()) return nullptr;
    const bool complete_word = found.size() == 1;
    std::string replacement = complete_word ? found.front() : common_start(found);
    if (quote) replacement = quoted_if_needed(std::move(replacement), complete_word);
    return matches_array(before + replacement, found);
}

// The first word completes to a command; the CONTACT after a command that takes one to a
// contact's name. Inside a quote the user opened, readline gives the name typed after it and
// closes the quote after a complete name (and adds the space).
char** complete(const char* text, int start, int end) {
    rl_attempted_completion_over = 1;  // never fall back to file names
    const std::string_view line(rl_line_buffer, static_cast<std::size_t>(end));
    if (const auto name_start = unquoted_contact_start(line); name_start && start == 0) {
        return matches_for(g_completions.contacts, line.substr(*name_start), /*quote=*/true,
                           std::string(line.substr(0, *name_start)));
    }
    if (line.substr(0, static_cast<std::size_t>(start)).find_first_not_of(" \t") ==
        std::string_view::npos)
        return matches_for(g_completions.commands, text, /*quote=*/false);
    if (rl_completion_quote_character != 0) {  // a quoted CONTACT
        const std::string_view before(rl_line_buffer, static_cast<std::size_t>(start - 1));
        if (unquoted_contact_start(before) == before.size())
            return matches_for(g_completions.contacts, text, /*quote=*/false);
    }
    return nullptr;
}

// Tab: completes; pressed again with the line as the first left it, lists the candidates
// (readline alone lists only when the first Tab changed nothing).
int complete_or_list(int count, int key) {
    static std::string line_after_tab;
    const bool again = rl_last_func == complete_or_list && line_after_tab == rl_line_buffer;
    const int result = again ? rl_possible_completions(count, key) : rl_complete(count, key);
    line_after_tab = rl_line_buffer;
    return result;
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
    g_completions.contacts = std::move(names).value();
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
    const auto ran = app->get_subcommands();
    maybe_auto_backup(ctx, ran.empty() ? std::string() : ran.front()->get_name());
    return ctx.exit_code;
}

}  // namespace

// The shell's exit code is 0 when it is left (exit, quit, Ctrl-D), whatever the last command
// returned: each command has reported its own outcome on the screen.
int run_shell(Context& ctx) {
    if (ctx.interactive) return ctx.fail("already in the shell", kUsage);
    auto profile = ctx.profile();
    if (!profile) return ctx.fail(profile.error().message);
    const std::string history = (*profile)->history_path().string();
    read_history(history.c_str());
    rl_attempted_completion_function = complete;
    rl_completion_word_break_hook = word_breaks;
    rl_completer_quote_characters = "\"'";
    rl_initialize();  // reads the user's inputrc first, so that Tab stays ours
    rl_bind_key('\t', complete_or_list);
    ctx.out << "Cardex shell: type a command (`help` lists them), Tab completes, Ctrl-D leaves.\n";
    while (char* raw = readline("cardex> ")) {
        std::string line(raw);
        std::free(raw);
        line.erase(0, line.find_first_not_of(" \t"));
        line.erase(line.find_last_not_of(" \t") + 1);
        if (line.empty()) continue;
        add_history(line.c_str());
        write_history(history.c_str());
        if (line == "exit" || line == "quit") return kOk;
        run_line(ctx, line == "help" ? "--help" : line);
        ctx.out.flush();
        Context fresh(ctx.out, ctx.err);
        fresh.options = ctx.options;
        auto app = make_app(fresh);
        load_completions(fresh, *app);
    }
    ctx.out << "\n";  // Ctrl-D leaves the cursor after the prompt
    return kOk;
}

void add_shell_command(CLI::App& app, Context& ctx) {
    app.add_subcommand("shell", "Interactive mode with history and tab completion")
        ->callback([&ctx, &app] {
            load_completions(ctx, app);
            ctx.exit_code = run_shell(ctx);
        });
}

}  // namespace cardex::cli
