#include "tests/integration/cardexd_process.hpp"

#include <fcntl.h>
#include <gtest/gtest.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <toml++/toml.h>
#include <unistd.h>

#include <fstream>
#include <optional>
#include <sstream>
#include <thread>
#include <vector>

#include "tests/integration/federation_env.hpp"

extern char** environ;

namespace cardex::testing {
namespace {

using Clock = std::chrono::steady_clock;

std::vector<char*> argv_of(std::vector<std::string>& args) {
    std::vector<char*> argv;
    for (auto& a : args)
        argv.push_back(a.data());
    argv.push_back(nullptr);
    return argv;
}

// Starts cardexd with `args`, its standard output and error going to `output`; -1 on failure.
pid_t spawn_cardexd(std::vector<std::string> args, const std::filesystem::path& output) {
    args.insert(args.begin(), cardexd_path());
    std::vector<char*> argv = argv_of(args);
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, STDIN_FILENO, "/dev/null", O_RDONLY, 0);
    posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, output.c_str(),
                                     O_WRONLY | O_CREAT | O_APPEND, 0600);
    posix_spawn_file_actions_adddup2(&actions, STDOUT_FILENO, STDERR_FILENO);
    pid_t pid = -1;
    const int rc = posix_spawn(&pid, argv[0], &actions, nullptr, argv.data(), environ);
    posix_spawn_file_actions_destroy(&actions);
    return rc == 0 ? pid : -1;
}

// Waits at most `limit` for `pid` to end; its wait status, or nullopt.
std::optional<int> wait_for_exit(pid_t pid, std::chrono::seconds limit) {
    const auto deadline = Clock::now() + limit;
    while (Clock::now() < deadline) {
        int status = 0;
        const pid_t done = ::waitpid(pid, &status, WNOHANG);
        if (done == pid) return status;
        if (done < 0) return std::nullopt;
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    return std::nullopt;
}

std::string read_file(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

}  // namespace

const char* cardexd_path() {
    return CARDEXD_PATH;
}

CommandOutcome run_cardexd(const std::vector<std::string>& args) {
    const std::filesystem::path output = std::filesystem::path(::testing::TempDir()) /
                                         ("cardexd-run-" + std::to_string(::getpid()) + ".out");
    std::filesystem::remove(output);
    CommandOutcome outcome;
    const pid_t pid = spawn_cardexd(args, output);
    if (pid < 0) return outcome;
    const auto status = wait_for_exit(pid, std::chrono::seconds(30));
    if (!status) {
        ::kill(pid, SIGKILL);
        ::waitpid(pid, nullptr, 0);
    } else if (WIFEXITED(*status)) {
        outcome.exit_code = WEXITSTATUS(*status);
    }
    outcome.output = read_file(output);
    std::filesystem::remove(output);
    return outcome;
}

Result<std::filesystem::path> private_config(const std::string& side,
                                             const std::filesystem::path& dir) {
    const std::string source =
        Federation::get().var("FEDERATION_DIR") + "/cardexd-" + side + ".toml";
    toml::table config;
    try {
        config = toml::parse_file(source);
    } catch (const toml::parse_error& e) {
        return make_error(source + ": " + std::string(e.description()));
    }
    auto section = [&config](std::string_view name) -> toml::table& {
        if (!config[name].is_table()) config.insert_or_assign(name, toml::table{});
        return *config[name].as_table();
    };
    section("storage").insert_or_assign("path", (dir / "cardexd.db").string());
    section("log").insert_or_assign("file", (dir / "cardexd.log").string());
    section("log").insert_or_assign("level", "debug");
    const std::filesystem::path target = dir / "cardexd.toml";
    std::ofstream out(target);
    out << config << "\n";
    if (!out) return make_error("cannot write " + target.string());
    return target;
}

CardexdProcess::CardexdProcess(const std::filesystem::path& config,
                               const std::filesystem::path& output)
    : pid_(spawn_cardexd({"--config", config.string()}, output)) {}

CardexdProcess::~CardexdProcess() {
    if (pid_ <= 0) return;
    ::kill(pid_, SIGKILL);
    ::waitpid(pid_, nullptr, 0);
}

Result<int> CardexdProcess::terminate(std::chrono::seconds limit) {
    if (pid_ <= 0) return make_error("cardexd was not started");
    if (::kill(pid_, SIGTERM) != 0) return make_error("cannot signal cardexd");
    const auto status = wait_for_exit(pid_, limit);
    if (!status) {
        ::kill(pid_, SIGKILL);
        ::waitpid(pid_, nullptr, 0);
        pid_ = -1;
        return make_error("cardexd did not exit within " + std::to_string(limit.count()) +
                          " s of SIGTERM (killed it)");
    }
    pid_ = -1;
    if (WIFSIGNALED(*status)) {
        return make_error("cardexd was killed by signal " + std::to_string(WTERMSIG(*status)));
    }
    return WEXITSTATUS(*status);
}

}  // namespace cardex::testing
