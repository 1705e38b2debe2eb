#include "component/config/config.hpp"

#include <toml++/toml.h>

#include <algorithm>
#include <array>
#include <fstream>
#include <sstream>

#include "component/config/service_config.hpp"
#include "core/config/toml_reader.hpp"
#include "core/xmpp/jid.hpp"

namespace cardex::component {
namespace {

using namespace config_detail;
using namespace toml_reading;

constexpr std::array<std::string_view, 7> kLogLevels = {"trace", "debug",    "info", "warn",
                                                        "error", "critical", "off"};

std::string read_secret_file(const std::filesystem::path& path, const toml::source_region& where,
                             Problems& problems) {
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        problems.add(where, "component.secret_file", "cannot read '" + path.string() + "'");
        return {};
    }
    std::string secret((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    while (!secret.empty() && (secret.back() == '\n' || secret.back() == '\r'))
        secret.pop_back();
    if (secret.empty()) {
        problems.add(where, "component.secret_file", "'" + path.string() + "' is empty");
    }
    return secret;
}

void read_component(const toml::table& t, const std::filesystem::path& base_dir, LinkConfig& link,
                    Problems& problems) {
    reject_unknown_keys(
        t, "component.",
        {"jid", "server_host", "server_port", "secret", "secret_file", "connect_timeout_ms",
         "reconnect_initial_ms", "reconnect_max_ms", "max_stanza_bytes"},
        problems);
    link.jid = read_string(t, "jid", "component.jid", "", problems);
    if (link.jid.empty()) {
        problems.add(t.source(), "component.jid", "is required (e.g. \"cards.example.org\")");
    } else if (auto jid = xmpp::Jid::parse(link.jid); !jid) {
        problems.add(t["jid"].node()->source(), "component.jid", jid.error().message);
    } else if (!jid->local.empty() || !jid->resource.empty()) {
        problems.add(t["jid"].node()->source(), "component.jid",
                     "must be a bare domain such as cards.example.org");
    } else {
        link.jid = jid->domain;
    }
    link.server_host =
        read_string(t, "server_host", "component.server_host", link.server_host, problems);
    link.server_port = static_cast<std::uint16_t>(read_integer(
        t, "server_port", "component.server_port", link.server_port, 1, 65535, problems));

    const bool has_secret = t.contains("secret");
    const bool has_file = t.contains("secret_file");
    if (has_secret == has_file) {
        problems.add(t.source(), "component.secret",
                     "set exactly one of 'secret' and 'secret_file'");
    } else if (has_secret) {
        link.secret = read_string(t, "secret", "component.secret", "", problems);
        if (link.secret.empty()) problems.add("component.secret", "is empty");
    } else {
        std::filesystem::path file =
            read_string(t, "secret_file", "component.secret_file", "", problems);
        if (!file.empty()) {
            link.secret =
                read_secret_file(base_dir / file, t["secret_file"].node()->source(), problems);
        }
    }
    using ms = std::chrono::milliseconds;
    link.connect_timeout = ms(read_integer(t, "connect_timeout_ms", "component.connect_timeout_ms",
                                           link.connect_timeout.count(), 100, 600'000, problems));
    link.reconnect_initial =
        ms(read_integer(t, "reconnect_initial_ms", "component.reconnect_initial_ms",
                        link.reconnect_initial.count(), 10, 3'600'000, problems));
    link.reconnect_max = ms(read_integer(t, "reconnect_max_ms", "component.reconnect_max_ms",
                                         link.reconnect_max.count(), 10, 3'600'000, problems));
    if (link.reconnect_max < link.reconnect_initial) {
        problems.add("component.reconnect_max_ms", "must not be less than reconnect_initial_ms");
    }
    link.max_stanza_bytes = static_cast<std::size_t>(
        read_integer(t, "max_stanza_bytes", "component.max_stanza_bytes",
                     static_cast<std::int64_t>(link.max_stanza_bytes), 4096, 64 << 20, problems));
}

void read_log(const toml::table& t, const std::filesystem::path& base_dir, LogConfig& log,
              Problems& problems) {
    reject_unknown_keys(t, "log.", {"level", "file"}, problems);
    log.level = read_string(t, "level", "log.level", log.level, problems);
    if (std::find(kLogLevels.begin(), kLogLevels.end(), log.level) == kLogLevels.end()) {
        problems.add(t["level"].node()->source(), "log.level",
                     "must be one of trace, debug, info, warn, error, critical, off");
    }
    // Like every path in the file, relative to the file.
    if (auto file = read_string(t, "file", "log.file", "", problems); !file.empty()) {
        log.file = (base_dir / file).string();
    }
}

}  // namespace

Result<Config> parse_config(std::string_view toml_text, std::string_view source,
                            const std::filesystem::path& base_dir) {
    Problems problems(source);
    toml::table root;
    try {
        root = toml::parse(toml_text, source);
    } catch (const toml::parse_error& e) {
        problems.add(e.source(), "syntax", e.description());
        return problems.error();
    }
    reject_unknown_keys(root, "",
                        {"component", "log", "storage", "service", "limits", "delivery", "sets",
                         "tokens", "web", "backup"},
                        problems);
    Config config;
    if (const auto* t = section(root, "component", problems)) {
        read_component(*t, base_dir, config.link, problems);
    } else {
        problems.add("component", "the [component] table is required");
    }
    if (const auto* t = section(root, "log", problems))
        read_log(*t, base_dir, config.log, problems);
    read_service_sections(root, base_dir, config, problems);
    if (!problems.empty()) return problems.error();
    return config;
}

Result<Config> load_config(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) return make_error(path.string() + ": cannot open the configuration file");
    std::ostringstream text;
    text << in.rdbuf();
    return parse_config(text.str(), path.string(), path.parent_path());
}

}  // namespace cardex::component
