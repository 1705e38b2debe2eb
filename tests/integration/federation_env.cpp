#include "tests/integration/federation_env.hpp"

#include <gtest/gtest.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <memory>
#include <stdexcept>

namespace cardex::testing {
namespace {

std::string env_or_throw(const char* name) {
    const char* value = std::getenv(name);
    if (value == nullptr)
        throw std::runtime_error(std::string(name) + " is not set (run through ctest)");
    return value;
}

// accounts.env holds lines KEY='value' (single-quoted, as written by scripts/federation).
std::map<std::string, std::string> read_env_file(const std::string& path) {
    std::ifstream in(path);
    if (!in) throw std::runtime_error("cannot read " + path + ": is the federation up?");
    std::map<std::string, std::string> vars;
    std::string line;
    while (std::getline(in, line)) {
        const auto eq = line.find('=');
        if (line.empty() || line[0] == '#' || eq == std::string::npos) continue;
        std::string value = line.substr(eq + 1);
        if (value.size() >= 2 && (value.front() == '\'' || value.front() == '"') &&
            value.back() == value.front()) {
            value = value.substr(1, value.size() - 2);
        }
        vars[line.substr(0, eq)] = value;
    }
    return vars;
}

}  // namespace

const Federation& Federation::get() {
    static const Federation federation = [] {
        Federation f;
        f.vars_ = read_env_file(env_or_throw("FEDERATION_DIR") + "/accounts.env");
        return f;
    }();
    return federation;
}

const std::string& Federation::var(const std::string& name) const {
    const auto it = vars_.find(name);
    if (it == vars_.end()) throw std::runtime_error("accounts.env has no " + name);
    return it->second;
}

client::SessionConfig Federation::account(const std::string& user) const {
    client::SessionConfig config;
    config.jid = var(user + "_JID");
    config.password = var(user + "_PASSWORD");
    config.ca_file = var("CA_FILE");
    config.server_host = server_host(config.jid);
    config.server_port = 5222;
    return config;
}

std::string Federation::server_host(const std::string& jid) const {
    for (const char* server : {"A", "B", "C"}) {
        if (jid.ends_with("@" + var(std::string(server) + "_DOMAIN")))
            return var(std::string(server) + "_HOST");
    }
    ADD_FAILURE() << jid << " is on none of the federation's servers";
    return var("A_HOST");
}

int Federation::script(const std::string& args) const {
    const std::string command = "FEDERATION_DIR='" + var("FEDERATION_DIR") + "' " +
                                CARDEX_SOURCE_DIR "/scripts/federation " + args;
    const int status = std::system(command.c_str());
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

Result<int> Federation::offline_messages(const std::string& user) const {
    const std::string jid = var(user + "_JID");
    const auto at = jid.find('@');
    const std::string request =
        "{\"user\":\"" + jid.substr(0, at) + "\",\"host\":\"" + jid.substr(at + 1) + "\"}";
    const std::string command = "curl -sf --noproxy '*' --max-time 10 -X POST '" +
                                var("B_API_URL") + "/get_offline_count' -d '" + request + "'";
    std::unique_ptr<FILE, int (*)(FILE*)> pipe(popen(command.c_str(), "r"), &pclose);
    if (!pipe) return make_error("cannot run curl");
    char buffer[256] = {};
    const std::size_t n = std::fread(buffer, 1, sizeof buffer - 1, pipe.get());
    const std::string answer(buffer, n);  // {"value":N}
    const std::string key = "\"value\":";
    const auto at_value = answer.find(key);
    if (at_value == std::string::npos ||
        answer.find_first_of("0123456789", at_value) != at_value + key.size())
        return make_error("ejabberd's get_offline_count for " + jid + " answered '" + answer + "'");
    return std::stoi(answer.substr(at_value + key.size()));
}

}  // namespace cardex::testing
