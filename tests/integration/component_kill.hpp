// ComponentKill: kills one of the federation's cardexd with SIGKILL (as a crash or a power
// cut would stop it) and starts it again with scripts/federation.
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

}  // namespace cardex::testing
