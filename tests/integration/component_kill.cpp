#include "tests/integration/component_kill.hpp"

#include <csignal>
#include <fstream>
#include <thread>

#include "tests/integration/federation_env.hpp"

namespace cardex::testing {
namespace {

using namespace std::chrono_literals;

// True once `pid` has exited (gone, or a zombie waiting to be reaped).
bool exited(int pid) {
    std::ifstream stat("/proc/" + std::to_string(pid) + "/stat");
    std::string line;
    if (!std::getline(stat, line)) return true;
    const auto paren = line.rfind(')');
    return paren != std::string::npos && line.compare(paren + 2, 1, "Z") == 0;
}

// The PID recorded for the federation's cardexd of `side` ("a" or "b"), if that process is a
// cardexd; otherwise 0.
int running_component(const std::string& side) {
    std::ifstream in(Federation::get().var("FEDERATION_DIR") + "/cardexd-" + side + ".pid");
    int pid = 0;
    in >> pid;
    std::ifstream cmdline("/proc/" + std::to_string(pid) + "/cmdline");
    std::string command;
    std::getline(cmdline, command);
    return command.find("cardexd") != std::string::npos ? pid : 0;
}

}  // namespace

ComponentKill::~ComponentKill() {
    if (killed_) restart();
}

bool ComponentKill::kill() {
    const int pid = running_component(side_);
    if (pid <= 0 || ::kill(pid, SIGKILL) != 0) return false;
    killed_ = true;
    for (int i = 0; i < 300 && !exited(pid); ++i)
        std::this_thread::sleep_for(10ms);
    return exited(pid);
}

bool ComponentKill::restart() {
    killed_ = false;
    return Federation::get().script("component-start " + side_) == 0;
}

ComponentFreeze::~ComponentFreeze() {
    thaw();
}

bool ComponentFreeze::freeze() {
    const int pid = running_component(side_);
    if (pid <= 0 || ::kill(pid, SIGSTOP) != 0) return false;
    pid_ = pid;
    return true;
}

bool ComponentFreeze::thaw() {
    if (pid_ <= 0) return false;
    const bool sent = ::kill(pid_, SIGCONT) == 0;
    pid_ = 0;
    return sent;
}

}  // namespace cardex::testing
