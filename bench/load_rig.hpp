// LoadRig: cardexd started as a child process and connected to the in-process XEP-0114 server
// of the load generator, with its database, log and configuration in one directory.
#pragma once

#include <chrono>
#include <filesystem>
#include <string>

#include "bench/cardexd_runner.hpp"
#include "bench/child_process.hpp"
#include "bench/component_server.hpp"
#include "core/result.hpp"

namespace cardex::bench {

class LoadRig {
  public:
    LoadRig(std::filesystem::path cardexd, std::filesystem::path dir, std::string jid,
            std::string log_level);

    // Listens, starts cardexd and waits for its handshake.
    Status start();
    // Stops cardexd cleanly (SIGTERM, answering its stream close) and returns its exit status.
    std::optional<int> stop();

    ComponentServer& server() { return server_; }
    ChildProcess& process() { return process_; }
    const CardexdSetup& setup() const { return setup_; }
    // The last lines of cardexd's log and output, for a failure message.
    std::string log_tail() const;

  private:
    CardexdSetup setup_;
    ComponentServer server_;
    ChildProcess process_;
};

}  // namespace cardex::bench
