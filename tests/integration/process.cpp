#include "tests/integration/process.hpp"

#include <fcntl.h>
#include <gtest/gtest.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <fstream>
#include <optional>
#include <random>
#include <sstream>
#include <thread>

extern char** environ;

namespace cardex::testing {
namespace {

using Clock = std::chrono::steady_clock;

std::vector<char*> pointers(std::vector<std::string>& strings) {
    std::vector<char*> out;
    for (auto& s : strings)
        out.push_back(s.data());
    out.push_back(nullptr);
    return out;
}

// The process's environment with `extra` added (an entry of `extra` replaces one of the
// same name).
std::vector<std::string> environment_with(const std::vector<std::string>& extra) {
    std::vector<std::string> env;
    for (char** e = environ; *e != nullptr; ++e) {
        const std::string entry(*e);
        const std::string name = entry.substr(0, entry.find('=') + 1);
        const bool replaced = std::any_of(extra.begin(), extra.end(), [&](const std::string& x) {
            return x.rfind(name, 0) == 0;
        });
        if (!replaced) env.push_back(entry);
    }
    env.insert(env.end(), extra.begin(), extra.end());
    return env;
}

pid_t spawn(std::vector<std::string> argv, const std::filesystem::path& output,
            const std::vector<std::string>& extra_env) {
    std::vector<std::string> env = environment_with(extra_env);
    std::vector<char*> args = pointers(argv);
    std::vector<char*> envp = pointers(env);
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, STDIN_FILENO, "/dev/null", O_RDONLY, 0);
    posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, output.c_str(),
                                     O_WRONLY | O_CREAT | O_APPEND, 0600);
    posix_spawn_file_actions_adddup2(&actions, STDOUT_FILENO, STDERR_FILENO);
    pid_t pid = -1;
    const int rc = posix_spawn(&pid, args[0], &actions, nullptr, args.data(), envp.data());
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

}  // namespace

ChildProcess::ChildProcess(std::vector<std::string> argv, const std::filesystem::path& output,
                           const std::vector<std::string>& env)
    : name_(std::filesystem::path(argv.at(0)).filename().string()),
      pid_(spawn(std::move(argv), output, env)) {}

ChildProcess::~ChildProcess() {
    if (pid_ <= 0) return;
    ::kill(pid_, SIGKILL);
    ::waitpid(pid_, nullptr, 0);
}

bool ChildProcess::running() {
    return pid_ > 0 && ::waitpid(pid_, nullptr, WNOHANG) == 0;
}

Result<int> ChildProcess::wait(std::chrono::seconds limit) {
    if (pid_ <= 0) return make_error(name_ + " was not started");
    const auto status = wait_for_exit(pid_, limit);
    if (!status) {
        ::kill(pid_, SIGKILL);
        ::waitpid(pid_, nullptr, 0);
        pid_ = -1;
        return make_error(name_ + " did not exit within " + std::to_string(limit.count()) +
                          " s (killed it)");
    }
    pid_ = -1;
    if (WIFSIGNALED(*status))
        return make_error(name_ + " was killed by signal " + std::to_string(WTERMSIG(*status)));
    return WEXITSTATUS(*status);
}

Result<int> ChildProcess::stop(int signal, std::chrono::seconds limit) {
    if (pid_ <= 0) return make_error(name_ + " was not started");
    if (::kill(pid_, signal) != 0) return make_error("cannot signal " + name_);
    return wait(limit);
}

std::filesystem::path fresh_directory(const std::string& name) {
    static std::mt19937_64 random{std::random_device{}()};
    const std::filesystem::path dir =
        std::filesystem::path(::testing::TempDir()) /
        (name + "-" + std::to_string(::getpid()) + "-" + std::to_string(random() % 1'000'000));
    std::filesystem::remove_all(dir);
    std::filesystem::create_directories(dir);
    return dir;
}

CommandOutcome run_command(std::vector<std::string> argv, const std::vector<std::string>& env,
                           std::chrono::seconds limit) {
    static int runs = 0;
    const std::filesystem::path output =
        std::filesystem::path(::testing::TempDir()) /
        ("run-" + std::to_string(::getpid()) + "-" + std::to_string(++runs) + ".out");
    std::filesystem::remove(output);
    CommandOutcome outcome;
    {
        ChildProcess child(std::move(argv), output, env);
        auto status = child.wait(limit);
        if (status) outcome.exit_code = *status;
    }
    outcome.output = read_file(output);
    std::filesystem::remove(output);
    return outcome;
}

std::string read_file(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

}  // namespace cardex::testing
