// Reading settings files (TOML): every problem is collected with its file, line and key, so
// that one run reports all of them. Used by cardexd's configuration and the client's profile.
#pragma once

#include <toml++/toml.h>

#include <cstdint>
#include <initializer_list>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.hpp"

namespace cardex::toml_reading {

class Problems {
  public:
    explicit Problems(std::string_view source) : source_(source) {}

    void add(const toml::source_region& where, std::string_view key, std::string_view what);
    void add(std::string_view key, std::string_view what) { add({}, key, what); }
    bool empty() const { return lines_.empty(); }
    Error error() const;

  private:
    std::string source_;
    std::vector<std::string> lines_;
};

void reject_unknown_keys(const toml::table& table, std::string_view prefix,
                         std::initializer_list<std::string_view> known, Problems& problems);

std::string read_string(const toml::table& t, std::string_view key, std::string_view full_key,
                        std::string fallback, Problems& problems);
bool read_boolean(const toml::table& t, std::string_view key, std::string_view full_key,
                  bool fallback, Problems& problems);
std::int64_t read_integer(const toml::table& t, std::string_view key, std::string_view full_key,
                          std::int64_t fallback, std::int64_t min, std::int64_t max,
                          Problems& problems);
std::vector<std::string> read_string_list(const toml::table& t, std::string_view key,
                                          std::string_view full_key, Problems& problems);

// The table `name` of `root`, or nullptr when it is absent (or not a table: reported).
const toml::table* section(const toml::table& root, std::string_view name, Problems& problems);

}  // namespace cardex::toml_reading
