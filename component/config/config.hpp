// cardexd's configuration: a TOML file, every key documented with its default in
// component/cardexd.toml.example. Loading validates everything and reports every problem at
// once, each with file, line and key.
#pragma once

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "core/protocol/service_info.hpp"
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

struct StorageConfig {
    std::filesystem::path path = "/var/lib/cardex/cardexd.db";  // relative: to the config file
    std::size_t max_batch = 4096;        // most requests committed in one transaction
    std::size_t max_queue = 4096;        // requests waiting for the disk before submits get 'wait'
    std::size_t cache_mib = 16;          // SQLite's page cache (store::kDefaultCacheMib)
    std::size_t commit_interval_ms = 5;  // least time between transactions' starts under load
};

struct ServiceConfig {
    // Who may submit: bare JIDs on these domains. Empty in the file: the component's parent
    // domain (cards.example.org serves example.org); load_config fills it in.
    std::vector<std::string> local_domains;
    // The limits the service enforces and advertises (sets and backups come later; their
    // limits keep the draft's defaults).
    protocol::ServiceLimits limits;
    std::chrono::seconds min_sync_interval{60};  // per full JID; 0: no limit
};

// Card sets (urn:xmpp:bizcard:0#sets).
struct SetsConfig {
    bool enabled = true;
    std::uint64_t max_sets = 10;  // per user
    bool updates = true;          // followers get each new version (urn:xmpp:bizcard:0#updates)
};

// Tokens and the exchange (urn:xmpp:bizcard:0#tokens; needs card sets).
struct TokensConfig {
    bool enabled = true;
    std::uint64_t default_uses = 100;  // when a request names none
    std::uint64_t max_uses = 10000;    // a request for more gets this
    std::chrono::seconds default_lifetime{7 * 24 * 3600};
    std::chrono::seconds max_lifetime{365 * 24 * 3600};
    std::uint64_t failures_allowed = 10;              // failed attempts per bare JID...
    std::uint64_t failures_allowed_per_domain = 100;  // ...and per domain...
    std::chrono::seconds failure_window{600};         // ...within this; beyond, exchanges wait
};

// Encrypted backups of the users' address books (urn:xmpp:bizcard:0#backup).
struct BackupConfig {
    bool enabled = true;
    std::uint64_t max_backup_bytes = 64 << 20;  // ciphertext of one backup
    std::uint64_t max_chunk_bytes = 32 << 10;   // ciphertext in one chunk (base64 in a stanza)
    std::uint64_t backups_kept = 3;             // per user; the oldest go when a new one commits
    std::chrono::hours upload_lifetime{24};     // an upload not committed by then is deleted
};

// The web pages of tokens (off unless `listen` is set), behind the operator's reverse proxy.
struct WebConfig {
    std::string host;  // from listen = "HOST:PORT"; empty: no web pages
    std::uint16_t port = 0;
    std::string base_url;                    // the public https address the proxy serves them under
    std::uint64_t requests_per_minute = 60;  // per client address; 0: no limit
    std::size_t max_body_bytes = 8192;       // of a request (the form)
    bool trust_forwarded_for = false;        // the client address is the proxy's X-Forwarded-For
    bool replies = true;                     // offer the form for sending a card back

    bool enabled() const { return !host.empty(); }
};

struct DeliveryConfig {
    std::chrono::seconds retry_initial{60};         // first timer resend after a copy, doubling...
    std::chrono::seconds retry_max{21600};          // ...up to this
    std::chrono::milliseconds scan_interval{1000};  // how often due deliveries are looked for
};

struct Config {
    LinkConfig link;
    LogConfig log;
    StorageConfig storage;
    ServiceConfig service;
    DeliveryConfig delivery;
    SetsConfig sets;
    TokensConfig tokens;
    WebConfig web;
    BackupConfig backup;
};

// Parses TOML text. `source` names the file in error messages; relative `secret_file` paths
// are resolved against `base_dir`.
Result<Config> parse_config(std::string_view toml_text, std::string_view source,
                            const std::filesystem::path& base_dir);
Result<Config> load_config(const std::filesystem::path& path);

}  // namespace cardex::component
