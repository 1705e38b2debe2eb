#include "bench/federation_accounts.hpp"

#include <fstream>

namespace cardex::bench {
namespace {

// 'it'\''s' -> it's: single-quoted pieces, with \' between them.
std::string unquote(const std::string& value) {
    std::string out;
    bool quoted = false;
    for (std::size_t i = 0; i < value.size(); ++i) {
        if (value[i] == '\'') {
            quoted = !quoted;
        } else if (!quoted && value[i] == '\\' && i + 1 < value.size()) {
            out += value[++i];
        } else {
            out += value[i];
        }
    }
    return out;
}

}  // namespace

Result<FederationAccounts> FederationAccounts::load(const std::filesystem::path& file) {
    std::ifstream in(file);
    if (!in) return make_error("cannot read " + file.string() + " (is the federation up?)");
    FederationAccounts accounts;
    std::string line;
    while (std::getline(in, line)) {
        if (line.empty() || line[0] == '#') continue;
        const auto eq = line.find('=');
        if (eq == std::string::npos) continue;
        accounts.vars_[line.substr(0, eq)] = unquote(line.substr(eq + 1));
    }
    return accounts;
}

std::string FederationAccounts::get(const std::string& key) const {
    const auto found = vars_.find(key);
    return found == vars_.end() ? std::string() : found->second;
}

}  // namespace cardex::bench
