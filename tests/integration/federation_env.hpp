// Access to the local federation brought up by scripts/federation: its accounts.env, sessions
// for the test users, the script itself (to restart a server) and ejabberd's HTTP API.
#pragma once

#include <map>
#include <string>

#include "client/session/session.hpp"

namespace cardex::testing {

class Federation {
  public:
    // Reads $FEDERATION_DIR/accounts.env; fails the calling test if it is missing.
    static const Federation& get();

    const std::string& var(const std::string& name) const;
    // Session settings for a test user: "ALICE", "CAROL" (a.test), "BOB", "DAVE" (b.test).
    client::SessionConfig account(const std::string& user) const;
    // The address of the server of `jid`'s domain (A_HOST, B_HOST or C_HOST).
    std::string server_host(const std::string& jid) const;
    // Runs scripts/federation with `args`; returns its exit status.
    int script(const std::string& args) const;
    // How many messages ejabberd keeps in offline storage for a user of b.test ("BOB",
    // "DAVE"), asked through its HTTP API.
    Result<int> offline_messages(const std::string& user) const;

  private:
    std::map<std::string, std::string> vars_;
};

}  // namespace cardex::testing
