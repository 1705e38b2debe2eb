#include "bench/server_under_test.hpp"

#include <cstdio>
#include <fstream>

#include "bench/e2e_flow.hpp"

namespace cardex::bench {
namespace {

client::SessionConfig account(const FederationAccounts& accounts, const std::string& user,
                              const std::string& host, const std::string& resource) {
    client::SessionConfig config;
    config.jid = accounts.get(user + "_JID") + "/" + resource;
    config.password = accounts.get(user + "_PASSWORD");
    config.server_host = host;
    config.ca_file = accounts.get("CA_FILE");
    return config;
}

std::string first_line(const std::filesystem::path& file) {
    std::ifstream in(file);
    std::string line;
    std::getline(in, line);
    return line;
}

}  // namespace

CardexdSetup ServerUnderTest::cardexd(const std::filesystem::path& binary,
                                      const std::filesystem::path& dir) const {
    CardexdSetup setup;
    setup.binary = binary;
    setup.dir = std::filesystem::absolute(dir);
    setup.jid = service;
    setup.server_host = host;
    setup.server_port = component_port;
    setup.secret = secret;
    return setup;
}

Result<ChildProcess> start_cardexd_for(const ServerUnderTest& server,
                                       const std::filesystem::path& binary,
                                       const std::filesystem::path& dir) {
    const CardexdSetup setup = server.cardexd(binary, dir);
    auto started = start_cardexd(setup);
    if (!started) return started.error();
    if (!wait_until_reachable(server.submitter, server.service, std::chrono::seconds(30))) {
        started->stop(std::chrono::seconds(5));
        return make_error("cardexd for " + server.service + " did not answer a ping through " +
                          server.name + " within 30 s (see " + setup.log_file().string() + ")");
    }
    return started;
}

Result<ServerUnderTest> server_under_test(const FederationAccounts& accounts, char which) {
    const bool a = which == 'a';
    const std::string side = a ? "A" : "B";
    ServerUnderTest s;
    s.name = a ? "Prosody" : "ejabberd";
    s.domain = accounts.get(side + "_DOMAIN");
    s.service = accounts.get(side + "_SERVICE");
    s.host = accounts.get(side + "_HOST");
    const std::string port = accounts.get("COMPONENT_PORT");
    if (!port.empty()) s.component_port = static_cast<std::uint16_t>(std::stoi(port));
    s.secret = first_line(accounts.get(side + "_SECRET_FILE"));
    if (s.domain.empty() || s.service.empty() || s.host.empty() || s.secret.empty())
        return make_error("accounts.env lacks the domain, service, host or secret of server " +
                          std::string(1, which));
    const std::filesystem::path dir = accounts.get("FEDERATION_DIR");
    const std::string pid = first_line(dir / (a ? "prosody.pid" : "ejabberd.pid"));
    s.pid = pid.empty() ? -1 : static_cast<pid_t>(std::stol(pid));
    const std::string sender = a ? "ALICE" : "BOB";
    const std::string receiver = a ? "CAROL" : "DAVE";
    s.submitter = account(accounts, sender, s.host, "bench-send");
    s.recipient = account(accounts, receiver, s.host, "bench-receive");
    s.offline_submitter = account(accounts, a ? "ALICE" : "DAVE", s.host, "bench-send");
    s.offline_recipient = account(accounts, a ? "CAROL" : "BOB", s.host, "bench-login");
    return s;
}

bool for_each_server(const FederationAccounts& accounts, std::string_view which,
                     const std::function<bool(const ServerUnderTest&)>& run) {
    bool all = true;
    for (const char one : which) {
        auto server = server_under_test(accounts, one);
        if (!server) {
            std::printf("  %s\n", server.error().message.c_str());
            all = false;
            continue;
        }
        all = run(*server) && all;
    }
    return all;
}

}  // namespace cardex::bench
