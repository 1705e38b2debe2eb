#include "component/config/service_config.hpp"

#include "core/protocol/tokens.hpp"
#include "core/xmpp/jid.hpp"

namespace cardex::component::config_detail {
namespace {

constexpr std::int64_t kMaxCount = 1'000'000'000;
constexpr std::int64_t kYear = 366LL * 24 * 3600;

std::size_t read_size(const toml::table& t, std::string_view key, std::string_view full_key,
                      std::size_t fallback, std::int64_t min, Problems& problems) {
    return static_cast<std::size_t>(read_integer(
        t, key, full_key, static_cast<std::int64_t>(fallback), min, kMaxCount, problems));
}

void read_storage(const toml::table& t, const std::filesystem::path& base_dir,
                  StorageConfig& storage, Problems& problems) {
    reject_unknown_keys(t, "storage.",
                        {"path", "max_batch", "max_queue", "cache_mib", "commit_interval_ms"},
                        problems);
    const std::string path = read_string(t, "path", "storage.path", "", problems);
    if (!path.empty()) storage.path = base_dir / path;
    storage.max_batch =
        read_size(t, "max_batch", "storage.max_batch", storage.max_batch, 1, problems);
    storage.max_queue =
        read_size(t, "max_queue", "storage.max_queue", storage.max_queue, 1, problems);
    storage.cache_mib =
        read_size(t, "cache_mib", "storage.cache_mib", storage.cache_mib, 1, problems);
    constexpr std::int64_t kMaxCommitIntervalMs = 1000;
    storage.commit_interval_ms = static_cast<std::size_t>(read_integer(
        t, "commit_interval_ms", "storage.commit_interval_ms",
        static_cast<std::int64_t>(storage.commit_interval_ms), 0, kMaxCommitIntervalMs, problems));
}

void read_local_domains(const toml::table& t, ServiceConfig& service, Problems& problems) {
    reject_unknown_keys(t, "service.", {"local_domains"}, problems);
    for (const auto& domain :
         read_string_list(t, "local_domains", "service.local_domains", problems)) {
        auto jid = xmpp::Jid::parse(domain);
        if (!jid || !jid->local.empty() || !jid->resource.empty()) {
            problems.add(t["local_domains"].node()->source(), "service.local_domains",
                         "'" + domain + "' is not a domain name");
            continue;
        }
        service.local_domains.push_back(jid->domain);
    }
}

void read_limits(const toml::table& t, ServiceConfig& service, Problems& problems) {
    reject_unknown_keys(
        t, "limits.",
        {"max_card_bytes", "max_copy_bytes", "max_recipients", "max_pending_per_recipient",
         "submits_per_minute", "card_lifetime_seconds", "min_sync_interval_seconds"},
        problems);
    auto& l = service.limits;
    auto number = [&](std::string_view key, std::uint64_t& value, std::int64_t min,
                      std::int64_t max) {
        value = static_cast<std::uint64_t>(read_integer(t, key, "limits." + std::string(key),
                                                        static_cast<std::int64_t>(value), min, max,
                                                        problems));
    };
    number("max_card_bytes", l.max_card_bytes, 256, 64 << 20);
    number("max_copy_bytes", l.max_copy_bytes, 0, 64 << 20);
    number("max_recipients", l.max_recipients, 1, 100'000);
    number("max_pending_per_recipient", l.max_pending_per_recipient, 1, kMaxCount);
    number("submits_per_minute", l.submits_per_minute, 0, kMaxCount);
    number("card_lifetime_seconds", l.card_lifetime_seconds, 60, 10 * kYear);
    service.min_sync_interval = std::chrono::seconds(
        read_integer(t, "min_sync_interval_seconds", "limits.min_sync_interval_seconds",
                     service.min_sync_interval.count(), 0, 86'400, problems));
}

void read_delivery(const toml::table& t, DeliveryConfig& delivery, Problems& problems) {
    reject_unknown_keys(t, "delivery.",
                        {"retry_initial_seconds", "retry_max_seconds", "scan_interval_ms"},
                        problems);
    delivery.retry_initial = std::chrono::seconds(
        read_integer(t, "retry_initial_seconds", "delivery.retry_initial_seconds",
                     delivery.retry_initial.count(), 1, kYear, problems));
    delivery.retry_max =
        std::chrono::seconds(read_integer(t, "retry_max_seconds", "delivery.retry_max_seconds",
                                          delivery.retry_max.count(), 1, kYear, problems));
    if (delivery.retry_max < delivery.retry_initial) {
        problems.add("delivery.retry_max_seconds", "must not be less than retry_initial_seconds");
    }
    delivery.scan_interval = std::chrono::milliseconds(
        read_integer(t, "scan_interval_ms", "delivery.scan_interval_ms",
                     delivery.scan_interval.count(), 10, 3'600'000, problems));
}

void read_sets(const toml::table& t, SetsConfig& sets, Problems& problems) {
    reject_unknown_keys(t, "sets.", {"enabled", "max_sets", "updates"}, problems);
    sets.enabled = read_boolean(t, "enabled", "sets.enabled", sets.enabled, problems);
    sets.updates = read_boolean(t, "updates", "sets.updates", sets.updates, problems);
    sets.max_sets = static_cast<std::uint64_t>(
        read_integer(t, "max_sets", "sets.max_sets", static_cast<std::int64_t>(sets.max_sets), 1,
                     10'000, problems));
}

void read_backup(const toml::table& t, BackupConfig& backup, Problems& problems) {
    reject_unknown_keys(
        t, "backup.",
        {"enabled", "max_backup_bytes", "max_chunk_bytes", "backups_kept", "upload_lifetime_hours"},
        problems);
    auto number = [&](std::string_view key, std::uint64_t& value, std::int64_t min,
                      std::int64_t max) {
        value = static_cast<std::uint64_t>(read_integer(t, key, "backup." + std::string(key),
                                                        static_cast<std::int64_t>(value), min, max,
                                                        problems));
    };
    backup.enabled = read_boolean(t, "enabled", "backup.enabled", backup.enabled, problems);
    number("max_backup_bytes", backup.max_backup_bytes, 1024, std::int64_t{16} << 30);
    // Base64 makes a chunk a third larger; it must fit in a stanza of every server on the way.
    number("max_chunk_bytes", backup.max_chunk_bytes, 1024, 256 << 10);
    number("backups_kept", backup.backups_kept, 1, 1000);
    backup.upload_lifetime =
        std::chrono::hours(read_integer(t, "upload_lifetime_hours", "backup.upload_lifetime_hours",
                                        backup.upload_lifetime.count(), 1, 24 * 30, problems));
    if (backup.max_chunk_bytes > backup.max_backup_bytes)
        problems.add("backup.max_chunk_bytes", "must not be more than max_backup_bytes");
}

void read_tokens(const toml::table& t, TokensConfig& tokens, Problems& problems) {
    reject_unknown_keys(
        t, "tokens.",
        {"enabled", "default_uses", "max_uses", "default_lifetime_hours", "max_lifetime_days",
         "failures_allowed", "failures_allowed_per_domain", "failure_window_seconds"},
        problems);
    auto count = [&](std::string_view key, std::uint64_t& value, std::int64_t max) {
        value = static_cast<std::uint64_t>(read_integer(t, key, "tokens." + std::string(key),
                                                        static_cast<std::int64_t>(value), 1, max,
                                                        problems));
    };
    tokens.enabled = read_boolean(t, "enabled", "tokens.enabled", tokens.enabled, problems);
    count("default_uses", tokens.default_uses, kMaxCount);
    count("max_uses", tokens.max_uses, kMaxCount);
    count("failures_allowed", tokens.failures_allowed, kMaxCount);
    count("failures_allowed_per_domain", tokens.failures_allowed_per_domain, kMaxCount);
    tokens.default_lifetime = std::chrono::hours(read_integer(
        t, "default_lifetime_hours", "tokens.default_lifetime_hours",
        std::chrono::duration_cast<std::chrono::hours>(tokens.default_lifetime).count(), 1,
        24 * 366, problems));
    tokens.max_lifetime = std::chrono::hours(
        24 * read_integer(
                 t, "max_lifetime_days", "tokens.max_lifetime_days",
                 std::chrono::duration_cast<std::chrono::hours>(tokens.max_lifetime).count() / 24,
                 1, 3660, problems));
    tokens.failure_window = std::chrono::seconds(
        read_integer(t, "failure_window_seconds", "tokens.failure_window_seconds",
                     tokens.failure_window.count(), 1, 86'400, problems));
    if (tokens.max_uses < tokens.default_uses)
        problems.add("tokens.max_uses", "must not be less than default_uses");
    if (tokens.max_lifetime < tokens.default_lifetime)
        problems.add("tokens.max_lifetime_days", "must not be less than default_lifetime_hours");
}

// "127.0.0.1:8080" or "[::1]:8080".
void read_listen(const toml::table& t, WebConfig& web, Problems& problems) {
    const std::string listen = read_string(t, "listen", "web.listen", "", problems);
    if (listen.empty()) return;
    const auto colon = listen.rfind(':');
    std::string host = colon == std::string::npos ? "" : listen.substr(0, colon);
    if (host.size() > 2 && host.front() == '[' && host.back() == ']')
        host = host.substr(1, host.size() - 2);
    const std::string port = colon == std::string::npos ? "" : listen.substr(colon + 1);
    const bool digits = !port.empty() && port.size() <= 5 &&
                        port.find_first_not_of("0123456789") == std::string::npos;
    if (host.empty() || !digits || std::stoul(port) == 0 || std::stoul(port) > 65535) {
        problems.add(t["listen"].node()->source(), "web.listen",
                     "must be HOST:PORT, e.g. \"127.0.0.1:8080\", got '" + listen + "'");
        return;
    }
    web.host = host;
    web.port = static_cast<std::uint16_t>(std::stoul(port));
}

void read_web(const toml::table& t, WebConfig& web, Problems& problems) {
    reject_unknown_keys(t, "web.",
                        {"listen", "base_url", "requests_per_minute", "max_body_bytes",
                         "trust_forwarded_for", "replies"},
                        problems);
    read_listen(t, web, problems);
    web.base_url = read_string(t, "base_url", "web.base_url", "", problems);
    while (!web.base_url.empty() && web.base_url.back() == '/')
        web.base_url.pop_back();
    web.requests_per_minute = static_cast<std::uint64_t>(
        read_integer(t, "requests_per_minute", "web.requests_per_minute",
                     static_cast<std::int64_t>(web.requests_per_minute), 0, kMaxCount, problems));
    web.max_body_bytes =
        read_size(t, "max_body_bytes", "web.max_body_bytes", web.max_body_bytes, 1024, problems);
    web.trust_forwarded_for = read_boolean(t, "trust_forwarded_for", "web.trust_forwarded_for",
                                           web.trust_forwarded_for, problems);
    web.replies = read_boolean(t, "replies", "web.replies", web.replies, problems);
    if (web.enabled() && !protocol::valid_web_address(web.base_url + "/c/")) {
        problems.add("web.base_url",
                     "must be the https address the pages are served under, e.g. "
                     "\"https://cards.example.org\" (plain http only on this machine: "
                     "http://127.0.0.1:PORT or http://localhost:PORT)");
    }
}

// cards.example.org serves example.org.
void default_local_domain(Config& config, Problems& problems) {
    if (!config.service.local_domains.empty() || config.link.jid.empty()) return;
    const auto dot = config.link.jid.find('.');
    if (dot == std::string::npos || config.link.jid.find('.', dot + 1) == std::string::npos) {
        problems.add("service.local_domains",
                     "cannot be derived from component.jid '" + config.link.jid +
                         "' (it is not a subdomain); list the domains whose users may submit");
        return;
    }
    config.service.local_domains.push_back(config.link.jid.substr(dot + 1));
}

}  // namespace

void read_service_sections(const toml::table& root, const std::filesystem::path& base_dir,
                           Config& config, Problems& problems) {
    if (const auto* t = section(root, "storage", problems)) {
        read_storage(*t, base_dir, config.storage, problems);
    }
    if (const auto* t = section(root, "service", problems)) {
        read_local_domains(*t, config.service, problems);
    }
    if (const auto* t = section(root, "limits", problems)) {
        read_limits(*t, config.service, problems);
    }
    if (const auto* t = section(root, "delivery", problems)) {
        read_delivery(*t, config.delivery, problems);
    }
    if (const auto* t = section(root, "sets", problems)) read_sets(*t, config.sets, problems);
    if (const auto* t = section(root, "tokens", problems)) read_tokens(*t, config.tokens, problems);
    if (const auto* t = section(root, "web", problems)) read_web(*t, config.web, problems);
    if (const auto* t = section(root, "backup", problems)) read_backup(*t, config.backup, problems);
    if (config.web.enabled() && !config.tokens.enabled) {
        problems.add("web.listen",
                     "the web pages show tokens: enable [tokens] too, or remove listen");
    }
    if (config.tokens.enabled && !config.sets.enabled) {
        problems.add("tokens.enabled",
                     "tokens point at card sets: enable [sets] too, or set "
                     "tokens.enabled = false");
    }
    default_local_domain(config, problems);
}

}  // namespace cardex::component::config_detail
