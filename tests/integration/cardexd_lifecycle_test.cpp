// End to end: cardexd as a process. SIGTERM while connected to Prosody closes the stream
// cleanly and exits 0, and a card stored before the stop is delivered after a restart. The
// command line: --help, --version, --check-config and usage errors, with their exit codes.
#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <thread>

#include "tests/integration/card_client.hpp"
#include "tests/integration/card_requests.hpp"
#include "tests/integration/cardexd_process.hpp"
#include "tests/integration/federation_env.hpp"

namespace cardex::testing {
namespace {

using namespace std::chrono_literals;
namespace fs = std::filesystem;

fs::path fresh_dir(const std::string& name) {
    const fs::path dir = fs::path(::testing::TempDir()) / (name + "-" + std::to_string(::getpid()));
    fs::remove_all(dir);
    fs::create_directories(dir);
    return dir;
}

// Whether `text` contains each of `parts`, in this order.
bool in_order(const std::string& text, const std::vector<std::string>& parts) {
    std::size_t at = 0;
    for (const auto& part : parts) {
        at = text.find(part, at);
        if (at == std::string::npos) return false;
        at += part.size();
    }
    return true;
}

// The federation's own cardexd for a.test is stopped for the test (the server accepts one
// connection per component name) and started again afterwards; the test runs its own, with
// a copy of the federation's configuration and a database of its own.
class CardexdLifecycle : public ::testing::Test {
  protected:
    void SetUp() override {
        dir_ = fresh_dir("cardexd-lifecycle");
        ::setenv("CARDEXD", cardexd_path(), 1);  // for scripts/federation component-start
        auto config = private_config("a", dir_);
        ASSERT_TRUE(config.ok()) << config.error().message;
        config_ = *config;
        ASSERT_EQ(Federation::get().script("component-stop a"), 0);
        stopped_federations_ = true;
    }

    void TearDown() override {
        if (stopped_federations_) {
            EXPECT_EQ(Federation::get().script("component-start a"), 0)
                << "the federation's cardexd for a.test did not come back";
        }
    }

    std::string log() const { return read_file(dir_ / "cardexd.log"); }
    std::string output() const { return read_file(dir_ / "cardexd.out"); }

    // Polls with pings until our cardexd answers (the server bounces them while no component
    // is connected); kRequestTimeout x 2 is the failure limit.
    bool wait_until_answering(client::Session& session) {
        const auto deadline = std::chrono::steady_clock::now() + 2 * kRequestTimeout;
        while (std::chrono::steady_clock::now() < deadline) {
            if (answers_ping(session, service_)) return true;
            std::this_thread::sleep_for(200ms);
        }
        return false;
    }

    const std::string service_ = Federation::get().var("A_SERVICE");
    fs::path dir_;
    fs::path config_;
    bool stopped_federations_ = false;
};

TEST_F(CardexdLifecycle, SigtermClosesTheStreamExitsZeroAndLosesNoCard) {
    const vcard::Card card = test_card("Pending Example", "urn:uuid:cardex-input-pending");
    auto alice = login("ALICE");
    std::string id;
    {
        CardexdProcess cardexd(config_, dir_ / "cardexd.out");
        ASSERT_TRUE(cardexd.started());
        ASSERT_TRUE(wait_until_answering(*alice)) << output() << log();
        auto submitted = submit_card(*alice, service_, Federation::get().var("CAROL_JID"), card);
        ASSERT_TRUE(submitted.ok()) << submitted.error().message;
        id = *submitted;

        auto exit_code = cardexd.terminate(kRequestTimeout);
        ASSERT_TRUE(exit_code.ok()) << exit_code.error().message << "\n" << log();
        EXPECT_EQ(*exit_code, 0) << output() << log();
    }
    // cardexd closed its stream, the server answered with its own </stream:stream>, and only
    // then did cardexd stop.
    const std::string stopped = log();
    EXPECT_TRUE(in_order(stopped, {"closing the stream", "RECV </stream:stream>", "stream closed",
                                   "cardexd stopped"}))
        << stopped;
    EXPECT_EQ(stopped.find("did not close its stream"), std::string::npos) << stopped;

    CardexdProcess restarted(config_, dir_ / "cardexd.out");
    ASSERT_TRUE(restarted.started());
    ASSERT_TRUE(wait_until_answering(*alice)) << output() << log();
    auto carol = login("CAROL");
    std::uint64_t pending = 0;
    auto delivered = sync_until_delivered(*carol, service_, id, pending);
    ASSERT_TRUE(delivered.ok()) << delivered.error().message << "\n" << log();
    EXPECT_GE(pending, 1u);
    EXPECT_EQ(delivered->delivery.card, card);
    ack_saved(*carol, service_, id);
    auto exit_code = restarted.terminate(kRequestTimeout);
    ASSERT_TRUE(exit_code.ok()) << exit_code.error().message;
    EXPECT_EQ(*exit_code, 0);
}

TEST(CardexdCommandLine, HelpListsTheOptionsAndExitsZero) {
    const auto help = run_cardexd({"--help"});
    EXPECT_EQ(help.exit_code, 0) << help.output;
    EXPECT_NE(help.output.find("--config"), std::string::npos) << help.output;
    EXPECT_NE(help.output.find("--check-config"), std::string::npos) << help.output;
}

TEST(CardexdCommandLine, VersionExitsZero) {
    const auto version = run_cardexd({"--version"});
    EXPECT_EQ(version.exit_code, 0) << version.output;
    EXPECT_EQ(version.output.rfind("cardexd ", 0), 0u) << version.output;
}

TEST(CardexdCommandLine, UsageErrorsExitTwo) {
    EXPECT_EQ(run_cardexd({}).exit_code, 2);
    EXPECT_EQ(run_cardexd({"--no-such-option"}).exit_code, 2);
    EXPECT_EQ(run_cardexd({"--config"}).exit_code, 2);
}

// The example configuration, verbatim except that its paths on the host (/etc/cardex,
// /var/lib/cardex, /var/log/cardex) point into a temporary directory holding a secret.
TEST(CardexdCommandLine, ExampleConfigurationPassesCheckConfig) {
    const fs::path dir = fresh_dir("cardexd-example");
    std::string text = read_file(fs::path(CARDEX_SOURCE_DIR) / "component/cardexd.toml.example");
    ASSERT_FALSE(text.empty());
    for (const std::string host_dir : {"/etc/cardex/", "/var/lib/cardex/", "/var/log/cardex/"}) {
        for (auto at = text.find(host_dir); at != std::string::npos; at = text.find(host_dir, at)) {
            text.replace(at, host_dir.size(), dir.string() + "/");
        }
    }
    std::ofstream(dir / "component.secret") << "an example secret\n";
    std::ofstream(dir / "cardexd.toml") << text;

    const auto check = run_cardexd({"--check-config", (dir / "cardexd.toml").string()});
    EXPECT_EQ(check.exit_code, 0) << check.output;
    EXPECT_NE(check.output.find("OK"), std::string::npos) << check.output;
}

TEST(CardexdCommandLine, CheckConfigNamesEveryProblemAndExitsOne) {
    const fs::path dir = fresh_dir("cardexd-bad-config");
    const fs::path file = dir / "cardexd.toml";
    std::ofstream(file) << "[component]\nserver_port = 99999\ncolour = \"blue\"\n";
    const auto check = run_cardexd({"--check-config", file.string()});
    EXPECT_EQ(check.exit_code, 1) << check.output;
    for (const std::string& named :
         std::vector<std::string>{file.string(), "jid", "server_port", "colour"}) {
        EXPECT_NE(check.output.find(named), std::string::npos) << named << ": " << check.output;
    }
    EXPECT_EQ(run_cardexd({"--check-config", (dir / "missing.toml").string()}).exit_code, 1);
}

}  // namespace
}  // namespace cardex::testing
