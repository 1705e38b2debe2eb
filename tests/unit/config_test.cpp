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

}  // namespace
}  // namespace cardex::component
