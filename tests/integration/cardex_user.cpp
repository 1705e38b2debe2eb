#include "tests/integration/cardex_user.hpp"

#include <gtest/gtest.h>

#include <fstream>
#include <random>

#include "tests/integration/federation_env.hpp"

namespace cardex::testing {

bool contains(const std::string& text, const std::string& part) {
    return text.find(part) != std::string::npos;
}

std::string unique_name(const std::string& first) {
    static std::mt19937_64 random{std::random_device{}()};
    return first + " Test" + std::to_string(random() % 1'000'000);
}
namespace {

namespace fs = std::filesystem;

std::string quoted(const std::string& arg) {
    std::string out = "'";
    for (char c : arg)
        out += c == '\'' ? std::string("'\\''") : std::string(1, c);
    return out + "'";
}

}  // namespace

const char* cardex_path() {
    return CARDEX_PATH;
}

CardexUser::CardexUser(const std::string& user, PasswordFrom password_from, fs::path profile)
    : profile_(profile.empty() ? fresh_directory("cardex-" + user) : std::move(profile)) {
    const Federation& f = Federation::get();
    jid_ = f.var(user + "_JID");
    password_ = f.var(user + "_PASSWORD");
    std::vector<std::string> set_account = {
        "account",          "set", "--jid", jid_, "--ca-file", f.var("CA_FILE"), "--server",
        f.server_host(jid_)};
    if (password_from == PasswordFrom::file) {
        const fs::path password = profile_ / "password";
        std::ofstream(password) << password_ << "\n";
        fs::permissions(password, fs::perms::owner_read | fs::perms::owner_write);
        set_account.insert(set_account.end(), {"--password-file", password.string()});
    }
    const auto set = run(set_account);
    EXPECT_EQ(set.exit_code, 0) << describe(set);
    const auto config = run({"config", "--region", "DE"});
    EXPECT_EQ(config.exit_code, 0) << describe(config);
}

CardexUser::~CardexUser() {
    std::error_code ignored;
    if (!::testing::Test::HasFailure()) fs::remove_all(profile_, ignored);
}

std::vector<std::string> CardexUser::environment() const {
    return {"LANG=C.UTF-8", "CARDEX_PASSWORD=", "CARDEX_HOME=" + profile_.string()};
}

CommandOutcome CardexUser::run(const std::vector<std::string>& args,
                               const std::vector<std::string>& more_environment) const {
    std::vector<std::string> argv{cardex_path(), "--profile", profile_.string()};
    argv.insert(argv.end(), args.begin(), args.end());
    std::vector<std::string> env = environment();
    env.insert(env.end(), more_environment.begin(), more_environment.end());
    return run_command(std::move(argv), env, std::chrono::seconds(120));
}

std::unique_ptr<ChildProcess> CardexUser::start(const std::vector<std::string>& args,
                                                const fs::path& output) const {
    std::vector<std::string> argv{cardex_path(), "--profile", profile_.string()};
    argv.insert(argv.end(), args.begin(), args.end());
    return std::make_unique<ChildProcess>(std::move(argv), output, environment());
}

std::string CardexUser::command_line(const std::vector<std::string>& args) const {
    std::string line = "env";
    for (const auto& e : environment())
        line += " " + quoted(e);
    line += " " + quoted(cardex_path()) + " --profile " + quoted(profile_.string());
    for (const auto& a : args)
        line += " " + quoted(a);
    return line;
}

std::string describe(const CommandOutcome& outcome) {
    return "exit code " + std::to_string(outcome.exit_code) + ", output:\n" + outcome.output;
}

}  // namespace cardex::testing
