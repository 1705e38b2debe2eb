// The README's walk-through ("Use it", then "Meet someone", "Scan a paper card", "Design your
// card" and "Keep cards current") run as written, as a person would paste it into a shell: its code
// blocks in bash, from the repository, with a home of its own; once without FEDERATION_DIR (the
// default build/federation) and once with it set. It brings up and takes down a federation of its
// own, on addresses of its own, beside the one the other tests use (127.0.5.2 to .4, or
// README_A_HOST, README_B_HOST and README_C_HOST where they are set).
#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>
#include <sstream>

#include "tests/integration/process.hpp"

namespace cardex::testing {
namespace {

namespace fs = std::filesystem;
using namespace std::chrono_literals;

// The first ```sh block after the heading that begins with `heading`.
std::string sh_block(const std::string& heading) {
    std::ifstream in(fs::path(CARDEX_SOURCE_DIR) / "README.md");
    std::stringstream text;
    text << in.rdbuf();
    const std::string readme = text.str();
    const auto section = readme.find("\n" + heading);
    if (section == std::string::npos) return {};
    const auto start = readme.find("```sh\n", section);
    if (start == std::string::npos) return {};
    const auto end = readme.find("\n```", start + 6);
    if (end == std::string::npos) return {};
    return readme.substr(start + 6, end - start - 6);
}

// "Use it", then "Meet someone", "Scan a paper card", "Design your card" and "Keep cards
// current", which continue it while the federation is still up (so "Use it"'s last line, which
// takes it down, comes at the end).
std::string walkthrough() {
    std::string use_it = sh_block("## Use it");
    const std::string down = "\nscripts/federation down";
    if (use_it.empty() || !use_it.ends_with(down)) return {};
    use_it.resize(use_it.size() - down.size());
    std::string script = use_it;
    for (const char* heading : {"## Meet someone", "## Scan a paper card", "## Design your card",
                                "## Keep cards current"}) {
        const std::string block = sh_block(heading);
        if (block.empty()) return {};
        script += "\n" + block;
    }
    return script + down;
}

class ReadmeWalkthrough : public ::testing::TestWithParam<bool> {
  protected:
    // The environment of a person's shell: their own home; the federation's addresses apart
    // from the other tests' one (scripts/federation reads A_HOST, B_HOST and C_HOST).
    std::vector<std::string> shell(const std::string& script) const {
        std::vector<std::string> argv = {"/usr/bin/env",
                                         "-u",
                                         "XDG_DATA_HOME",
                                         "-u",
                                         "CARDEX_HOME",
                                         "-u",
                                         "FEDERATION_DIR",
                                         "-u",
                                         "CARDEX_PASSWORD",
                                         "HOME=" + home_.string(),
                                         "LANG=C.UTF-8",
                                         "A_HOST=" + host("A", "127.0.5.2"),
                                         "B_HOST=" + host("B", "127.0.5.3"),
                                         "C_HOST=" + host("C", "127.0.5.4")};
        if (GetParam()) argv.push_back("FEDERATION_DIR=" + (home_ / "my-federation").string());
        argv.insert(argv.end(), {"/bin/bash", "-euo", "pipefail", "-c",
                                 "cd " + std::string(CARDEX_SOURCE_DIR) + "\n" + script});
        return argv;
    }
    // The address of server `which` (A, B or C): README_<which>_HOST, else `fallback`.
    static std::string host(const std::string& which, const char* fallback) {
        const char* given = std::getenv(("README_" + which + "_HOST").c_str());
        return given != nullptr && *given != '\0' ? given : fallback;
    }
    // Whatever happened, nothing of this federation is left running.
    void TearDown() override { run_command(shell("scripts/federation down"), {}, 120s); }

    const fs::path home_ = fresh_directory("readme-home");
};

TEST_P(ReadmeWalkthrough, RunsAsWritten) {
    const std::string block = walkthrough();
    ASSERT_FALSE(block.empty())
        << "no ```sh block under '## Use it', '## Meet someone', '## Scan a paper card', '## "
           "Design your card' or '## Keep cards current' in the README";
    const auto ran = run_command(shell(block), {}, 300s);
    ASSERT_EQ(ran.exit_code, 0) << ran.output;
    EXPECT_NE(ran.output.find("Logged in as erin@a.test"), std::string::npos) << ran.output;
    EXPECT_NE(ran.output.find("Dana Example"), std::string::npos) << ran.output;
    EXPECT_NE(ran.output.find(": delivery "), std::string::npos) << ran.output;
    EXPECT_NE(ran.output.find("acked"), std::string::npos) << "finn's client acknowledged it\n"
                                                           << ran.output;
    EXPECT_NE(ran.output.find("Card exchange with Erin Example (Example Widgets GmbH), "
                              "erin@a.test, card set 'work' at cards.a.test."),
              std::string::npos)
        << "finn's scan said whose card it was before the exchange\n"
        << ran.output;
    EXPECT_NE(ran.output.find("your card is on its way to erin@a.test"), std::string::npos)
        << ran.output;
    EXPECT_NE(ran.output.find("Finn Beispiel"), std::string::npos) << ran.output;
    EXPECT_NE(ran.output.find("Geschäftsführerin"), std::string::npos)
        << "the paper card was read\n"
        << ran.output;
    EXPECT_NE(ran.output.find("Put the design band on your card"), std::string::npos) << ran.output;
    std::ifstream picture(home_ / "from-erin.png", std::ios::binary);
    std::string signature(8, '\0');
    picture.read(signature.data(), 8);
    EXPECT_EQ(signature, "\x89PNG\r\n\x1a\n") << "finn wrote out erin's card picture\n"
                                              << ran.output;
    EXPECT_TRUE(fs::exists(home_ / "erin-qr.pdf")) << ran.output;
    EXPECT_NE(ran.output.find("updated: TITLE Keynote speaker"), std::string::npos)
        << "finn got erin's new version as an update\n"
        << ran.output;
    EXPECT_NE(ran.output.find("No more updates of erin@a.test's card set speaker"),
              std::string::npos)
        << ran.output;
    if (GetParam()) {
        EXPECT_TRUE(fs::exists(home_ / "my-federation" / "erin@a.test.password"))
            << "the federation kept its state where FEDERATION_DIR says";
    }
}

INSTANTIATE_TEST_SUITE_P(FederationDir, ReadmeWalkthrough, ::testing::Bool(), [](const auto& info) {
    return std::string(info.param ? "Set" : "Unset");
});

}  // namespace
}  // namespace cardex::testing
