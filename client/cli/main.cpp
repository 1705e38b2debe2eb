// cardex: the Cardex console client.
//
// Exit codes: 0 success; 1 the operation failed (no answer, error reply); 2 usage error;
// 3 cannot log in.
#include <CLI/CLI.hpp>
#include <cstdlib>
#include <fstream>
#include <iostream>

#include "client/session/session.hpp"
#include "core/xmpp/disco.hpp"
#include "core/xmpp/namespaces.hpp"

namespace {

using namespace cardex;

struct ConnectionOptions {
    std::string jid;
    std::string password_file;
    std::string ca_file;
    std::string server;  // HOST[:PORT]
    int timeout_s = 20;
};

Result<client::SessionConfig> session_config(const ConnectionOptions& o) {
    client::SessionConfig config;
    config.jid = o.jid.empty()
                     ? std::string(std::getenv("CARDEX_JID") ? std::getenv("CARDEX_JID") : "")
                     : o.jid;
    if (config.jid.empty()) return make_error("no account: give --jid or set CARDEX_JID");
    if (!o.password_file.empty()) {
        std::ifstream in(o.password_file);
        if (!in || !std::getline(in, config.password)) {
            return make_error("cannot read a password from " + o.password_file);
        }
    } else if (const char* env = std::getenv("CARDEX_PASSWORD")) {
        config.password = env;
    } else {
        return make_error("no password: give --password-file or set CARDEX_PASSWORD");
    }
    config.ca_file = o.ca_file;
    if (!o.server.empty()) {
        const auto colon = o.server.rfind(':');
        config.server_host = o.server.substr(0, colon);
        if (colon != std::string::npos) {
            config.server_port = static_cast<std::uint16_t>(std::stoi(o.server.substr(colon + 1)));
        }
    }
    config.connect_timeout = std::chrono::seconds(o.timeout_s);
    return config;
}

// Logs in, runs `action`, logs out. Returns the process exit code.
int with_session(const ConnectionOptions& options,
                 const std::function<int(client::Session&)>& action) {
    auto config = session_config(options);
    if (!config) {
        std::cerr << "cardex: " << config.error().message << "\n";
        return 2;
    }
    client::Session session(*config);
    if (auto connected = session.connect(); !connected) {
        std::cerr << "cardex: " << connected.error().message << "\n";
        return 3;
    }
    const int rc = action(session);
    session.disconnect();
    return rc;
}

Result<xmpp::Iq> ask(client::Session& session, const std::string& target, xml::Element payload,
                     int timeout_s) {
    auto to = xmpp::Jid::parse(target);
    if (!to) return to.error();
    xmpp::Iq iq;
    iq.type = xmpp::IqType::get;
    iq.to = *to;
    iq.payload = std::move(payload);
    auto reply = session.request(std::move(iq), std::chrono::seconds(timeout_s));
    if (!reply) return reply;
    if (reply->type == xmpp::IqType::error) {
        const auto& e = *reply->error;
        return make_error(target + " answered with an error: " + e.condition +
                          (e.text.empty() ? "" : " (" + e.text + ")"));
    }
    return reply;
}

int command_info(client::Session& session, const std::string& target, int timeout_s) {
    auto reply = ask(session, target, xmpp::disco_info_query(), timeout_s);
    if (!reply) {
        std::cerr << "cardex: " << reply.error().message << "\n";
        return 1;
    }
    auto info = reply->payload ? xmpp::parse_disco_info(*reply->payload)
                               : Result<xmpp::DiscoInfo>(make_error("empty disco#info result"));
    if (!info) {
        std::cerr << "cardex: " << target << ": " << info.error().message << "\n";
        return 1;
    }
    std::cout << target << "\n";
    for (const auto& id : info->identities) {
        std::cout << "  identity  " << id.category << "/" << id.type
                  << (id.name.empty() ? "" : "  " + id.name) << "\n";
    }
    for (const auto& f : info->features)
        std::cout << "  feature   " << f << "\n";
    std::cout << "  card service: " << (info->has_feature(ns::kBizcard) ? "yes" : "no") << "\n";
    return 0;
}

int command_ping(client::Session& session, const std::string& target, int timeout_s) {
    const auto start = std::chrono::steady_clock::now();
    auto reply = ask(session, target, xml::Element("ping", std::string(ns::kPing)), timeout_s);
    if (!reply) {
        std::cerr << "cardex: " << reply.error().message << "\n";
        return 1;
    }
    const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(
        std::chrono::steady_clock::now() - start);
    std::cout << "pong from " << target << " in " << ms.count() << " ms\n";
    return 0;
}

}  // namespace

int main(int argc, char** argv) {
    CLI::App app{"cardex: exchange electronic business cards over XMPP"};
    app.set_version_flag("--version", std::string("cardex ") + CARDEX_VERSION);
    app.require_subcommand(1);
    app.footer(
        "Exit codes: 0 success, 1 operation failed, 2 usage error, 3 cannot log in.\n"
        "The password comes from --password-file or $CARDEX_PASSWORD; it is never echoed.");
    ConnectionOptions options;
    app.add_option("--jid", options.jid, "Your account, user@domain (default: $CARDEX_JID)");
    app.add_option("--password-file", options.password_file,
                   "File whose first line is the password");
    app.add_option("--ca-file", options.ca_file, "CA certificates to verify the server with");
    app.add_option("--server", options.server, "Connect to HOST[:PORT] instead of the DNS lookup");
    app.add_option("--timeout", options.timeout_s, "Seconds to wait for answers")->default_val(20);

    std::string target;
    auto* info = app.add_subcommand(
        "info", "Show what an XMPP entity supports (XEP-0030), e.g. a card service");
    info->add_option("JID", target, "The entity to ask, e.g. cards.example.org")->required();
    auto* ping = app.add_subcommand("ping", "Check that an XMPP entity answers (XEP-0199)");
    ping->add_option("JID", target, "The entity to ping")->required();

    try {
        app.parse(argc, argv);
    } catch (const CLI::ParseError& e) {
        return app.exit(e) == 0 ? 0 : 2;
    }
    if (info->parsed()) {
        return with_session(options,
                            [&](auto& s) { return command_info(s, target, options.timeout_s); });
    }
    return with_session(options,
                        [&](auto& s) { return command_ping(s, target, options.timeout_s); });
}
