// cardexd: the Cardex card service, an XMPP external component (XEP-0114).
//
// Exit codes: 0 clean shutdown (SIGTERM/SIGINT) or valid config; 1 invalid configuration or
// fatal error; 2 usage error.
#include <CLI/CLI.hpp>
#include <csignal>
#include <iostream>

#include "component/config/config.hpp"
#include "component/daemon/logging.hpp"
#include "component/link/component_link.hpp"
#include "component/net/event_loop.hpp"
#include "component/net/signal_watch.hpp"
#include "component/service/card_service.hpp"

namespace {

using namespace cardex::component;

int check_config(const std::string& path) {
    auto config = load_config(path);
    if (!config) {
        std::cerr << config.error().message << "\n";
        return 1;
    }
    std::cout << path << ": OK (component " << config->link.jid << " connecting to "
              << config->link.server_host << ":" << config->link.server_port << ")\n";
    return 0;
}

int run(const Config& config) {
    auto log = make_logger(config.log);
    EventLoop loop;
    ComponentLink link(loop, config.link, log);
    CardService service(link, {config.link.jid, "Cardex card service", CARDEX_VERSION}, log);
    link.on_stanza = [&service](cardex::xml::Element&& stanza) { service.handle(stanza); };

    bool stopping = false;
    SignalWatch signals(loop, [&](int signo) {
        if (stopping) return;
        stopping = true;
        log->info("{} received: closing the stream and stopping", strsignal(signo));
        link.close([&loop] { loop.stop(); });
    });

    log->info("cardexd {} starting as {} (server {}:{})", CARDEX_VERSION, config.link.jid,
              config.link.server_host, config.link.server_port);
    link.start();
    loop.run();
    log->info("cardexd stopped");
    return 0;
}

}  // namespace

int main(int argc, char** argv) {
    CLI::App app{"cardexd: the Cardex card service, an XMPP external component (XEP-0114)"};
    std::string config_path;
    std::string check_path;
    app.add_option("-c,--config", config_path, "Run with this TOML configuration file");
    app.add_option("--check-config", check_path, "Validate this configuration file and exit");
    app.set_version_flag("--version", std::string("cardexd ") + CARDEX_VERSION);
    app.footer("Exit codes: 0 success, 1 invalid configuration or fatal error, 2 usage error.");
    try {
        app.parse(argc, argv);
    } catch (const CLI::ParseError& e) {
        return app.exit(e) == 0 ? 0 : 2;
    }
    if (!check_path.empty()) return check_config(check_path);
    if (config_path.empty()) {
        std::cerr << "cardexd: --config FILE is required (see --help)\n";
        return 2;
    }
    auto config = load_config(config_path);
    if (!config) {
        std::cerr << config.error().message << "\n";
        return 1;
    }
    try {
        return run(*config);
    } catch (const std::exception& e) {
        std::cerr << "cardexd: fatal: " << e.what() << "\n";
        return 1;
    }
}
