// One server of the local federation as the end-to-end benchmark sees it: its name, domains,
// addresses, process and component secret, and the accounts each flow uses.
//   a: Prosody, a.test; cards alice -> carol; redelivery alice -> carol
//   b: ejabberd, b.test; cards bob -> dave; redelivery dave -> bob (dave's offline storage
//      holds one message in the federation's test profile, bob's 100,000)
#pragma once

#include <sys/types.h>

#include <filesystem>
#include <functional>
#include <string>
#include <string_view>

#include "bench/cardexd_runner.hpp"
#include "bench/federation_accounts.hpp"
#include "client/session/session.hpp"
#include "core/result.hpp"

namespace cardex::bench {

struct ServerUnderTest {
    std::string name;  // "Prosody", "ejabberd"
    std::string domain;
    std::string service;
    std::string host;
    std::uint16_t component_port = 5347;
    std::string secret;
    pid_t pid = -1;                                              // the server's process
    client::SessionConfig submitter, recipient;                  // flows of cards and messages
    client::SessionConfig offline_submitter, offline_recipient;  // redelivery

    // cardexd for this server's component, with its files in `dir`.
    CardexdSetup cardexd(const std::filesystem::path& binary,
                         const std::filesystem::path& dir) const;
};

// Starts cardexd for `server`'s component (files in `dir`) and waits until it answers a ping
// from the submitter through the server.
Result<ChildProcess> start_cardexd_for(const ServerUnderTest& server,
                                       const std::filesystem::path& binary,
                                       const std::filesystem::path& dir);

// `which` is 'a' or 'b'.
Result<ServerUnderTest> server_under_test(const FederationAccounts& accounts, char which);

// Runs `run` for each server named in `which` ('a', 'b'); a server that cannot be set up is
// reported and counts as a failure. True when every run succeeded.
bool for_each_server(const FederationAccounts& accounts, std::string_view which,
                     const std::function<bool(const ServerUnderTest&)>& run);

}  // namespace cardex::bench
