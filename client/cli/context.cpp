#include "client/cli/context.hpp"

#include <charconv>

#include "client/profile/password.hpp"
#include "core/xmpp/jid.hpp"

namespace cardex::cli {

using client::profile::Profile;

int Context::fail(const std::string& message, int code) {
    err << "cardex: " << message << "\n";
    exit_code = code;
    return code;
}

Result<Profile*> Context::profile() {
    if (profile_) return &*profile_;
    auto dir = Profile::locate(options.profile, client::profile::process_environment());
    if (!dir) return dir.error();
    auto opened = Profile::open(*dir);
    if (!opened) return opened.error();
    profile_ = std::move(opened).value();
    return &*profile_;
}

Result<client::profile::Settings*> Context::settings() {
    if (settings_) return &*settings_;
    auto p = profile();
    if (!p) return p.error();
    auto loaded = (*p)->load();
    if (!loaded) return loaded.error();
    settings_ = std::move(loaded).value();
    return &*settings_;
}

Result<client::book::AddressBook*> Context::book() {
    if (book_) return book_.get();
    auto p = profile();
    if (!p) return p.error();
    auto s = settings();
    if (!s) return s.error();
    auto opened = (*p)->open_book((*s)->book, client::profile::process_environment());
    if (!opened) return opened.error();
    book_ = std::move(opened).value();
    return book_.get();
}

Result<client::profile::AccountSettings> Context::account() {
    auto s = settings();
    if (!s) return s.error();
    client::profile::AccountSettings a = (*s)->account;
    if (!options.jid.empty()) a.jid = options.jid;
    if (!options.password_file.empty()) a.password_file = options.password_file;
    if (!options.ca_file.empty()) a.ca_file = options.ca_file;
    if (!options.server.empty()) a.server = options.server;
    if (!options.service.empty()) a.service = options.service;
    if (a.jid.empty()) {
        if (auto env = client::profile::process_environment()("CARDEX_JID")) a.jid = *env;
    }
    if (a.jid.empty()) {
        return make_error("no account: run `cardex account set --jid user@domain` (or give --jid)");
    }
    return a;
}

Result<client::SessionConfig> Context::session_config() {
    auto a = account();
    if (!a) return a.error();
    client::SessionConfig config;
    config.jid = a->jid;
    auto password = client::profile::read_password(*a, client::profile::process_environment(),
                                                   /*may_prompt=*/true);
    if (!password) return password.error();
    config.password = std::move(password).value();
    config.ca_file = a->ca_file;
    config.require_tls = a->require_tls;
    if (!a->server.empty()) {
        const auto colon = a->server.rfind(':');
        config.server_host = a->server.substr(0, colon);
        if (colon != std::string::npos) {
            const std::string port = a->server.substr(colon + 1);
            unsigned value = 0;
            const auto [end, ec] = std::from_chars(port.data(), port.data() + port.size(), value);
            if (ec != std::errc() || end != port.data() + port.size() || value == 0 ||
                value > 65535) {
                return make_error("--server: '" + port + "' is not a port number");
            }
            config.server_port = static_cast<std::uint16_t>(value);
        }
    }
    config.connect_timeout = std::chrono::seconds(options.timeout_s);
    if (options.verbose) {
        config.progress = [this](const std::string& line) {
            err << "cardex: " << line << "\n";
            err.flush();
        };
    }
    return config;
}

}  // namespace cardex::cli
