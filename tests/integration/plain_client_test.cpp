// People whose client knows nothing of the protocol still get something readable: a card sent
// with cardex reaches carol, who uses a plain slixmpp client (a real third-party client), as a
// chat message whose body says who sent which card and how to save it.
#include <gtest/gtest.h>

#include <random>
#include <thread>

#include "tests/integration/cardex_user.hpp"
#include "tests/integration/federation_env.hpp"

namespace cardex::testing {
namespace {

using namespace std::chrono_literals;
namespace fs = std::filesystem;

bool wait_for_text(const fs::path& file, const std::string& text, std::chrono::seconds limit) {
    const auto deadline = std::chrono::steady_clock::now() + limit;
    while (std::chrono::steady_clock::now() < deadline) {
        if (read_file(file).find(text) != std::string::npos) return true;
        std::this_thread::sleep_for(100ms);
    }
    return false;
}

TEST(PlainClient, AClientWithoutTheExtensionReadsTheFallbackBody) {
    const Federation& f = Federation::get();
    CardexUser alice("ALICE");
    static std::mt19937_64 random{std::random_device{}()};
    const std::string name = "Plain Reader " + std::to_string(random() % 1'000'000);
    ASSERT_EQ(alice
                  .run({"add", "--name", name, "--phone", "work=+49 30 5550188", "--title", "Buyer",
                        "--org", "Example GmbH"})
                  .exit_code,
              0);
    const fs::path output = alice.profile() / "carol.out";
    ChildProcess carol(
        {"/usr/bin/python3", CARDEX_SOURCE_DIR "/tests/integration/plain_receiver.py",
         f.var("CAROL_JID"), f.var("CAROL_PASSWORD"), f.var("A_HOST"), f.var("CA_FILE"), name,
         "60"},
        output);
    ASSERT_TRUE(wait_for_text(output, "READY", 60s)) << read_file(output);
    const auto sent = alice.run({"send", name, "--to", f.var("CAROL_JID")});
    ASSERT_EQ(sent.exit_code, 0) << describe(sent);
    auto exited = carol.wait(90s);
    ASSERT_TRUE(exited.ok()) << exited.error().message << "\n" << read_file(output);
    EXPECT_EQ(*exited, 0) << read_file(output);
    const std::string body = read_file(output);
    EXPECT_NE(body.find("FROM " + f.var("A_SERVICE")), std::string::npos) << body;
    EXPECT_NE(body.find(alice.jid() + " sent you a business card:"), std::string::npos) << body;
    EXPECT_NE(body.find(name + " · Buyer, Example GmbH · +49 30 5550188"), std::string::npos)
        << body;
    EXPECT_NE(body.find("Open this message in a client that supports business cards to save it."),
              std::string::npos)
        << body;
}

}  // namespace
}  // namespace cardex::testing
