#include "component/config/config.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

namespace cardex::component {
namespace {

std::string error_of(std::string_view toml) {
    auto config = parse_config(toml, "test.toml", std::filesystem::temp_directory_path());
    EXPECT_FALSE(config.ok());
    return config.ok() ? "" : config.error().message;
}

TEST(Config, MinimalConfigGetsDocumentedDefaults) {
    auto config = parse_config("[component]\njid = \"Cards.Example.ORG\"\nsecret = \"s3cret\"\n",
                               "test.toml", ".");
    ASSERT_TRUE(config.ok()) << config.error().message;
    EXPECT_EQ(config->link.jid, "cards.example.org");
    EXPECT_EQ(config->link.server_host, "127.0.0.1");
    EXPECT_EQ(config->link.server_port, 5347);
    EXPECT_EQ(config->link.secret, "s3cret");
    EXPECT_EQ(config->log.level, "info");
    EXPECT_TRUE(config->log.file.empty());
}

TEST(Config, ReadsSecretFileRelativeToTheConfig) {
    const auto dir = std::filesystem::temp_directory_path() / "cardex-config-test";
    std::filesystem::create_directories(dir);
    std::ofstream(dir / "secret") << "from-file\n";
    auto config = parse_config(
        "[component]\njid = \"cards.a.test\"\nsecret_file = \"secret\"\nserver_port = 6000\n"
        "[log]\nlevel = \"debug\"\nfile = \"/tmp/x.log\"\n",
        "test.toml", dir);
    ASSERT_TRUE(config.ok()) << config.error().message;
    EXPECT_EQ(config->link.secret, "from-file");
    EXPECT_EQ(config->link.server_port, 6000);
    EXPECT_EQ(config->log.level, "debug");
    std::filesystem::remove_all(dir);
}

TEST(Config, ReportsEveryProblemWithFileLineAndKey) {
    const std::string message = error_of(
        "[component]\njid = \"alice@a.test\"\nserver_port = 70000\nsecret = \"x\"\nhots = \"y\"\n"
        "[log]\nlevel = \"loud\"\n");
    EXPECT_NE(message.find("test.toml:2:7: component.jid: must be a bare domain"),
              std::string::npos)
        << message;
    EXPECT_NE(
        message.find("test.toml:3:15: component.server_port: must be an integer from 1 to 65535"),
        std::string::npos)
        << message;
    EXPECT_NE(message.find("test.toml:5:8: component.hots: unknown key"), std::string::npos)
        << message;
    EXPECT_NE(message.find("test.toml:7:9: log.level: must be one of"), std::string::npos)
        << message;
}

TEST(Config, RequiresExactlyOneSecretSource) {
    EXPECT_NE(error_of("[component]\njid = \"c.a\"\n").find("set exactly one of"),
              std::string::npos);
    EXPECT_NE(error_of("[component]\njid = \"c.a\"\nsecret = \"a\"\nsecret_file = \"b\"\n")
                  .find("set exactly one of"),
              std::string::npos);
    EXPECT_NE(error_of("[component]\njid = \"c.a\"\nsecret_file = \"/nonexistent/s\"\n")
                  .find("cannot read '/nonexistent/s'"),
              std::string::npos);
}

TEST(Config, SyntaxErrorsAreLocated) {
    const std::string message = error_of("[component\njid = 1\n");
    EXPECT_EQ(message.rfind("test.toml:1:", 0), 0u) << message;
}

TEST(Config, MissingComponentTable) {
    EXPECT_NE(error_of("[log]\nlevel = \"info\"\n").find("the [component] table is required"),
              std::string::npos);
}

TEST(Config, ServiceSectionsDefaultToTheDraftsRecommendations) {
    auto config = parse_config("[component]\njid = \"cards.example.org\"\nsecret = \"s\"\n",
                               "test.toml", "/etc/cardex");
    ASSERT_TRUE(config.ok()) << config.error().message;
    EXPECT_EQ(config->storage.path, "/var/lib/cardex/cardexd.db");
    EXPECT_EQ(config->service.local_domains, std::vector<std::string>{"example.org"});
    EXPECT_EQ(config->service.limits, protocol::ServiceLimits{});
    EXPECT_EQ(config->service.min_sync_interval, std::chrono::seconds(60));
    EXPECT_EQ(config->delivery.retry_initial, std::chrono::seconds(60));
    EXPECT_EQ(config->delivery.retry_max, std::chrono::seconds(21600));
    EXPECT_EQ(config->storage.cache_mib, 16u);
    EXPECT_EQ(config->storage.commit_interval_ms, 5u);
}

TEST(Config, ReadsEveryServiceKey) {
    auto config = parse_config(R"([component]
jid = "cards.a.test"
secret = "s"
[storage]
path = "db/cards.db"
max_batch = 10
max_queue = 20
cache_mib = 32
commit_interval_ms = 0
[service]
local_domains = ["A.test", "b.test"]
[limits]
max_card_bytes = 1000
max_copy_bytes = 60000
max_recipients = 2
max_pending_per_recipient = 3
submits_per_minute = 0
card_lifetime_seconds = 3600
min_sync_interval_seconds = 0
[delivery]
retry_initial_seconds = 1
retry_max_seconds = 4
scan_interval_ms = 50
)",
                               "test.toml", "/srv/cardex");
    ASSERT_TRUE(config.ok()) << config.error().message;
    EXPECT_EQ(config->storage.path, "/srv/cardex/db/cards.db");
    EXPECT_EQ(config->storage.max_batch, 10u);
    EXPECT_EQ(config->storage.max_queue, 20u);
    EXPECT_EQ(config->storage.cache_mib, 32u);
    EXPECT_EQ(config->storage.commit_interval_ms, 0u);
    EXPECT_EQ(config->service.local_domains, (std::vector<std::string>{"a.test", "b.test"}));
    EXPECT_EQ(config->service.limits.max_card_bytes, 1000u);
    EXPECT_EQ(config->service.limits.max_copy_bytes, 60000u);
    EXPECT_EQ(config->service.limits.max_recipients, 2u);
    EXPECT_EQ(config->service.limits.max_pending_per_recipient, 3u);
    EXPECT_EQ(config->service.limits.submits_per_minute, 0u);
    EXPECT_EQ(config->service.limits.card_lifetime_seconds, 3600u);
    EXPECT_EQ(config->service.min_sync_interval, std::chrono::seconds(0));
    EXPECT_EQ(config->delivery.retry_initial, std::chrono::seconds(1));
    EXPECT_EQ(config->delivery.retry_max, std::chrono::seconds(4));
    EXPECT_EQ(config->delivery.scan_interval, std::chrono::milliseconds(50));
}

TEST(Config, ReportsServiceProblemsWithTheirKeys) {
    const auto message = error_of(R"([component]
jid = "cards"
secret = "s"
[limits]
max_recipients = 0
colour = "blue"
[delivery]
retry_initial_seconds = 10
retry_max_seconds = 5
[service]
local_domains = ["user@example.org"]
)");
    EXPECT_NE(message.find("test.toml:5:18: limits.max_recipients: must be an integer from 1"),
              std::string::npos)
        << message;
    EXPECT_NE(message.find("limits.colour: unknown key"), std::string::npos) << message;
    EXPECT_NE(message.find("delivery.retry_max_seconds: must not be less than"), std::string::npos)
        << message;
    EXPECT_NE(message.find("'user@example.org' is not a domain name"), std::string::npos)
        << message;
}

TEST(Config, ReadsCardSetsAndTokens) {
    auto config = parse_config(R"([component]
jid = "cards.a.test"
secret = "s"
[sets]
max_sets = 3
updates = false
[tokens]
default_uses = 5
max_uses = 50
default_lifetime_hours = 2
max_lifetime_days = 30
failures_allowed = 4
failures_allowed_per_domain = 40
failure_window_seconds = 120
)",
                               "test.toml", "/srv/cardex");
    ASSERT_TRUE(config.ok()) << config.error().message;
    EXPECT_TRUE(config->sets.enabled);
    EXPECT_EQ(config->sets.max_sets, 3u);
    EXPECT_FALSE(config->sets.updates);
    EXPECT_TRUE(config->tokens.enabled);
    EXPECT_EQ(config->tokens.default_uses, 5u);
    EXPECT_EQ(config->tokens.max_uses, 50u);
    EXPECT_EQ(config->tokens.default_lifetime, std::chrono::hours(2));
    EXPECT_EQ(config->tokens.max_lifetime, std::chrono::hours(30 * 24));
    EXPECT_EQ(config->tokens.failures_allowed, 4u);
    EXPECT_EQ(config->tokens.failures_allowed_per_domain, 40u);
    EXPECT_EQ(config->tokens.failure_window, std::chrono::seconds(120));
}

TEST(Config, ReadsTheWebPages) {
    auto config = parse_config(R"([component]
jid = "cards.a.test"
secret = "s"
[web]
listen = "[::1]:8080"
base_url = "https://cards.a.test/"
requests_per_minute = 30
max_body_bytes = 4096
trust_forwarded_for = true
replies = false
)",
                               "test.toml", "/srv/cardex");
    ASSERT_TRUE(config.ok()) << config.error().message;
    EXPECT_TRUE(config->web.enabled());
    EXPECT_EQ(config->web.host, "::1");
    EXPECT_EQ(config->web.port, 8080);
    EXPECT_EQ(config->web.base_url, "https://cards.a.test") << "without the trailing slash";
    EXPECT_EQ(config->web.requests_per_minute, 30u);
    EXPECT_EQ(config->web.max_body_bytes, 4096u);
    EXPECT_TRUE(config->web.trust_forwarded_for);
    EXPECT_FALSE(config->web.replies);

    auto off = parse_config("[component]\njid = \"cards.a.test\"\nsecret = \"s\"\n", "test.toml",
                            "/srv/cardex");
    ASSERT_TRUE(off.ok()) << off.error().message;
    EXPECT_FALSE(off->web.enabled()) << "no pages unless listen is set";
}

// The address goes into QR codes: https, or plain http only where it never leaves the machine.
TEST(Config, TheWebPagesBaseUrlIsHttpsOrLocal) {
    auto with_base = [](const std::string& base) {
        return parse_config(
            "[component]\njid = \"cards.a.test\"\nsecret = \"s\"\n[web]\n"
            "listen = \"127.0.0.1:8080\"\nbase_url = \"" +
                base + "\"\n",
            "test.toml", "/srv/cardex");
    };
    for (const std::string good : {"https://cards.example.org", "http://127.0.0.1:5380",
                                   "http://localhost:8080", "http://[::1]:8080"}) {
        auto config = with_base(good);
        EXPECT_TRUE(config.ok()) << good << ": " << (config ? "" : config.error().message);
    }
    for (const std::string bad : {"", "http://cards.example.org", "http://127.example.org",
                                  "ftp://cards.example.org", "https://"}) {
        auto config = with_base(bad);
        ASSERT_FALSE(config.ok()) << "'" << bad << "' was accepted";
        EXPECT_NE(config.error().message.find("web.base_url: must be the https address"),
                  std::string::npos)
            << config.error().message;
    }
    const auto listen = error_of(R"([component]
jid = "cards.a.test"
secret = "s"
[web]
listen = "8080"
)");
    EXPECT_NE(listen.find("web.listen: must be HOST:PORT"), std::string::npos) << listen;
}

TEST(Config, TokensNeedSetsAndConsistentLimits) {
    const auto message = error_of(R"([component]
jid = "cards.a.test"
secret = "s"
[sets]
enabled = false
[tokens]
default_uses = 50
max_uses = 5
failure_window_seconds = 100000
)");
    EXPECT_NE(message.find("tokens.enabled: tokens point at card sets"), std::string::npos)
        << message;
    EXPECT_NE(message.find("tokens.max_uses: must not be less than default_uses"),
              std::string::npos)
        << message;
    EXPECT_NE(message.find("tokens.failure_window_seconds: must be an integer from 1"),
              std::string::npos)
        << message;
}

TEST(Config, BackupsAreOnByDefaultWithTheDraftsLimits) {
    auto config =
        parse_config("[component]\njid = \"cards.a.test\"\nsecret = \"s\"\n", "test.toml", ".");
    ASSERT_TRUE(config.ok()) << config.error().message;
    EXPECT_TRUE(config->backup.enabled);
    EXPECT_EQ(config->backup.max_backup_bytes, 67108864u);
    EXPECT_EQ(config->backup.max_chunk_bytes, 32768u);
    EXPECT_EQ(config->backup.backups_kept, 3u);
    EXPECT_EQ(config->backup.upload_lifetime, std::chrono::hours(24));
}

TEST(Config, ReadsTheBackupSection) {
    auto config = parse_config(R"([component]
jid = "cards.a.test"
secret = "s"
[backup]
enabled = false
max_backup_bytes = 1048576
max_chunk_bytes = 16384
backups_kept = 5
upload_lifetime_hours = 6
)",
                               "test.toml", ".");
    ASSERT_TRUE(config.ok()) << config.error().message;
    EXPECT_FALSE(config->backup.enabled);
    EXPECT_EQ(config->backup.max_backup_bytes, 1048576u);
    EXPECT_EQ(config->backup.max_chunk_bytes, 16384u);
    EXPECT_EQ(config->backup.backups_kept, 5u);
    EXPECT_EQ(config->backup.upload_lifetime, std::chrono::hours(6));
}

TEST(Config, ReportsBackupProblemsWithTheirKeys) {
    const auto message = error_of(R"([component]
jid = "cards.a.test"
secret = "s"
[backup]
max_backup_bytes = 2048
max_chunk_bytes = 4096
backups_kept = 0
upload_lifetime_hours = 0
chunk = 3
)");
    EXPECT_NE(message.find("backup.max_chunk_bytes: must not be more than max_backup_bytes"),
              std::string::npos)
        << message;
    EXPECT_NE(message.find("backup.backups_kept: must be an integer from 1"), std::string::npos)
        << message;
    EXPECT_NE(message.find("backup.upload_lifetime_hours: must be an integer from 1"),
              std::string::npos)
        << message;
    EXPECT_NE(message.find("backup.chunk"), std::string::npos) << message;
}

TEST(Config, RelativeLogFileIsRelativeToTheConfigFile) {
    auto config = parse_config(
        "[component]\njid = \"cards.a.test\"\nsecret = \"s\"\n[log]\nfile = \"log/cardexd.log\"\n",
        "test.toml", "/srv/cardex");
    ASSERT_TRUE(config.ok()) << config.error().message;
    EXPECT_EQ(config->log.file, "/srv/cardex/log/cardexd.log");
}

TEST(Config, LocalDomainMustBeGivenForATopLevelComponent) {
    const auto message = error_of("[component]\njid = \"cards\"\nsecret = \"s\"\n");
    EXPECT_NE(message.find("service.local_domains: cannot be derived from component.jid 'cards'"),
              std::string::npos)
        << message;
}

TEST(Config, TheExampleFileIsValidApartFromItsSecretFile) {
    std::ifstream in(std::string(CARDEX_SOURCE_DIR) + "/component/cardexd.toml.example");
    std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    ASSERT_FALSE(text.empty());
    const auto message = error_of(text);
    EXPECT_EQ(message.find('\n'), std::string::npos) << message;
    EXPECT_NE(message.find("component.secret_file: cannot read '/etc/cardex/component.secret'"),
              std::string::npos)
        << message;
}

}  // namespace
}  // namespace cardex::component
