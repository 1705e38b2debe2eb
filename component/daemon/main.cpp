// cardexd: the Cardex card service, an XMPP external component (XEP-0114).
//
// Exit codes: 0 clean shutdown (SIGTERM/SIGINT) or valid config; 1 invalid configuration or
// fatal error; 2 usage error.
#include <pthread.h>

#include <CLI/CLI.hpp>
#include <csignal>
#include <filesystem>
#include <iostream>

#include "component/config/config.hpp"
#include "component/daemon/logging.hpp"
#include "component/link/component_link.hpp"
#include "component/net/event_loop.hpp"
#include "component/net/signal_watch.hpp"
#include "component/service/card_service.hpp"
#include "component/service/clock.hpp"
#include "component/store/store_worker.hpp"
#include "component/web/http_server.hpp"
#include "component/web/web_site.hpp"

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

store::RetryPolicy retry_policy(const Config& config) {
    store::RetryPolicy policy;
    policy.initial = config.delivery.retry_initial;
    policy.max = config.delivery.retry_max;
    policy.lifetime = std::chrono::seconds(config.service.limits.card_lifetime_seconds);
    return policy;
}

ServiceSettings service_settings(const Config& config) {
    ServiceSettings settings;
    settings.identity = {config.link.jid, "Cardex card service", CARDEX_VERSION};
    settings.requests = {config.service.limits, config.service.local_domains,
                         config.service.min_sync_interval, config.storage.max_queue};
    settings.courier.card_lifetime =
        std::chrono::seconds(config.service.limits.card_lifetime_seconds);
    settings.courier.scan_interval = config.delivery.scan_interval;
    settings.sets.enabled = config.sets.enabled;
    settings.sets.max_sets = config.sets.max_sets;
    settings.updates.enabled = config.sets.updates;
    const auto& tokens = config.tokens;
    settings.tokens.enabled = tokens.enabled;
    settings.tokens.default_uses = tokens.default_uses;
    settings.tokens.max_uses = tokens.max_uses;
    settings.tokens.default_lifetime = tokens.default_lifetime;
    settings.tokens.max_lifetime = tokens.max_lifetime;
    settings.tokens.failures_allowed = tokens.failures_allowed;
    settings.tokens.failures_allowed_per_domain = tokens.failures_allowed_per_domain;
    settings.tokens.failure_window = tokens.failure_window;
    if (config.web.enabled()) settings.tokens.web_base = config.web.base_url;
    const auto& backup = config.backup;
    settings.backups.enabled = backup.enabled;
    settings.backups.max_backup_bytes = backup.max_backup_bytes;
    settings.backups.max_chunk_bytes = backup.max_chunk_bytes;
    settings.backups.backups_kept = backup.backups_kept;
    settings.backups.upload_lifetime = backup.upload_lifetime;
    return settings;
}

std::unique_ptr<store::StoreWorker> open_store(const Config& config, EventLoop& loop,
                                               const std::shared_ptr<spdlog::logger>& log) {
    std::error_code ignored;
    std::filesystem::create_directories(config.storage.path.parent_path(), ignored);
    auto worker = std::make_unique<store::StoreWorker>(
        config.storage.path, retry_policy(config),
        store::StoreOptions{config.storage.max_batch, config.storage.cache_mib,
                            std::chrono::milliseconds(config.storage.commit_interval_ms)},
        [&loop](std::function<void()> done) { loop.post(std::move(done)); }, log);
    log->info("card store {} open", config.storage.path.string());
    return worker;
}

// Shutdown: refuse new requests, let every request already taken reach the disk and be
// answered, then close the stream and stop.
void stop_when_drained(EventLoop& loop, store::StoreWorker& store, ComponentLink& link) {
    if (store.queued() > 0) {
        loop.add_timer(std::chrono::milliseconds(10),
                       [&loop, &store, &link] { stop_when_drained(loop, store, link); });
        return;
    }
    link.close([&loop] { loop.stop(); });
}

// SIGTERM and SIGINT are read through a signalfd on the loop's thread. They must be blocked
// before any other thread starts, or the kernel may deliver them to a thread that does not
// block them, whose default action ends the process.
void block_stop_signals() {
    sigset_t mask;
    sigemptyset(&mask);
    sigaddset(&mask, SIGTERM);
    sigaddset(&mask, SIGINT);
    pthread_sigmask(SIG_BLOCK, &mask, nullptr);
}

int run(const Config& config) {
    block_stop_signals();
    auto log = make_logger(config.log);
    EventLoop loop;
    LoopClock clock(loop);
    std::unique_ptr<store::StoreWorker> store;
    try {
        store = open_store(config, loop, log);
    } catch (const std::exception& e) {
        log->critical("cannot open the card store: {}", e.what());
        return 1;
    }
    ComponentLink link(loop, config.link, log);
    CardService service(link, *store, clock, service_settings(config), log);
    link.on_stanza = [&service](cardex::xml::Element&& stanza) {
        service.handle(std::move(stanza));
    };
    link.on_skipped = [&service](cardex::xml::StanzaSkipped&& skipped) {
        service.handle_skipped(skipped);
    };
    link.on_ready = [&service] { service.link_up(); };
    link.on_down = [&service] { service.link_down(); };

    bool stopping = false;
    SignalWatch signals(loop, [&](int signo) {
        if (stopping) return;
        stopping = true;
        log->info("{} received: finishing {} stored requests, closing the stream and stopping",
                  strsignal(signo), store->queued());
        service.stop_accepting();
        stop_when_drained(loop, *store, link);
    });

    // Declared after the service, so that they stop first.
    std::unique_ptr<web::TokenPages> pages;
    std::unique_ptr<web::WebSite> site;
    std::unique_ptr<web::HttpServer> http;
    if (config.web.enabled()) {
        pages = service.token_pages(
            [&loop](std::function<void()> work) { loop.post(std::move(work)); });
        site = std::make_unique<web::WebSite>(
            *pages,
            web::WebOptions{config.web.requests_per_minute, config.web.trust_forwarded_for,
                            config.web.replies},
            [&clock] { return clock.now(); });
        try {
            http = std::make_unique<web::HttpServer>(
                config.web.host, config.web.port, config.web.max_body_bytes,
                [&site](const web::HttpRequest& request) { return site->handle(request); });
        } catch (const std::exception& e) {
            log->critical("{}", e.what());
            return 1;
        }
        log->info("web pages of tokens on http://{}:{}, public at {}/c/", config.web.host,
                  http->port(), config.web.base_url);
    }

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
