// ComponentKill: kills one of the federation's cardexd with SIGKILL (as a crash or a power
// cut would stop it) and starts it again with scripts/federation. ComponentFreeze: stops one
// with SIGSTOP, so that no request to it is answered until it goes on, whatever the speed of
// the machine.
#pragma once

#include <string>

namespace cardex::testing {

// Should the test stop between kill() and restart(), the destructor starts cardexd again, so
// that the federation keeps its component.
class ComponentKill {
  public:
    explicit ComponentKill(std::string side) : side_(std::move(side)) {}
    ~ComponentKill();
    ComponentKill(const ComponentKill&) = delete;
    ComponentKill& operator=(const ComponentKill&) = delete;

    // Sends SIGKILL and waits until the process has exited; false if it could not.
    bool kill();
    // Starts cardexd again; false if scripts/federation failed.
    bool restart();

  private:
    std::string side_;
    bool killed_ = false;
};

// Should the test stop between freeze() and thaw(), the destructor lets cardexd go on.
class ComponentFreeze {
  public:
    explicit ComponentFreeze(std::string side) : side_(std::move(side)) {}
    ~ComponentFreeze();
    ComponentFreeze(const ComponentFreeze&) = delete;
    ComponentFreeze& operator=(const ComponentFreeze&) = delete;

    // Sends SIGSTOP; false if the federation's cardexd of this side is not running.
    bool freeze();
    // Sends SIGCONT; false if it was not frozen.
    bool thaw();

  private:
    std::string side_;
    int pid_ = 0;  // while frozen
};

}  // namespace cardex::testing
