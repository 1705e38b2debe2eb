// cardexd's configuration: a TOML file, every key documented with its default in
// component/cardexd.toml.example. Loading validates everything and reports every problem at
// once, each with file, line and key.
#pragma once

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>

#include "core/result.hpp"

namespace cardex::component {

struct LinkConfig {
    std::string jid;                        // the component's address, e.g. cards.example.org
    std::string server_host = "127.0.0.1";  // where the XMPP server's component port listens
    std::uint16_t server_port = 5347;
    std::string secret;  // shared secret, from `secret` or read from `secret_file`
    std::chrono::milliseconds connect_timeout{10'000};
    std::chrono::milliseconds reconnect_initial{1'000};
    std::chrono::milliseconds reconnect_max{60'000};
    std::size_t max_stanza_bytes = 512 * 1024;
};

struct LogConfig {
    std::string level = "info";  // trace, debug, info, warn, error, critical, off
    std::string file;            // empty: standard error
};

struct Config {
    LinkConfig link;
    LogConfig log;
};

// Parses TOML text. `source` names the file in error messages; relative `secret_file` paths
// are resolved against `base_dir`.
Result<Config> parse_config(std::string_view toml_text, std::string_view source,
                            const std::filesystem::path& base_dir);
Result<Config> load_config(const std::filesystem::path& path);

}  // namespace cardex::component
