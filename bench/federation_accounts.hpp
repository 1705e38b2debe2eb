// The local federation's accounts.env (written by scripts/federation up): KEY='value' lines
// with the users' JIDs and passwords, the CA file, addresses and component secrets.
#pragma once

#include <filesystem>
#include <map>
#include <string>

#include "core/result.hpp"

namespace cardex::bench {

class FederationAccounts {
  public:
    static Result<FederationAccounts> load(const std::filesystem::path& file);

    // The value of KEY, or "" when absent.
    std::string get(const std::string& key) const;

  private:
    std::map<std::string, std::string> vars_;
};

}  // namespace cardex::bench
