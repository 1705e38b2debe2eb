// The README's walk-through ("Use it") run as written, as a person would paste it into a
// shell: its code block in bash, from the repository, with a home of its own; once without
// FEDERATION_DIR (the default build/federation) and once with it set. It brings up and takes
// down a federation of its own, on addresses of its own, beside the one the other tests use.
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "tests/integration/process.hpp"

namespace cardex::testing {
namespace {

namespace fs = std::filesystem;
using namespace std::chrono_literals;

// The first ```sh block after the heading "## Use it".
std::string walkthrough() {
    std::ifstream in(fs::path(CARDEX_SOURCE_DIR) / "README.md");
    std::stringstream text;
    text << in.rdbuf();
    const std::string readme = text.str();
    const auto section = readme.find("\n## Use it");
    const auto start = readme.find("```sh\n", section);
    const auto end = readme.find("\n```", start + 6);
    if (section == std::string::npos || start == std::string::npos || end == std::string::npos)
        return {};
    return readme.substr(start + 6, end - start - 6);
}

class ReadmeWalkthrough : public ::testing::TestWithParam<bool> {
  protected:
    // The environment of a person's shell: their own home; the federation's addresses apart
    // from the other tests' one (scripts/federation reads A_HOST and B_HOST).
    std::vector<std::string> shell(const std::string& script) const {
        std::vector<std::string> argv = {"/usr/bin/env",    "-u",
                                         "XDG_DATA_HOME",   "-u",
                                         "CARDEX_HOME",     "-u",
                                         "FEDERATION_DIR",  "-u",
                                         "CARDEX_PASSWORD", "HOME=" + home_.string(),
                                         "LANG=C.UTF-8",    "A_HOST=127.0.5.2",
                                         "B_HOST=127.0.5.3"};
        if (GetParam()) argv.push_back("FEDERATION_DIR=" + (home_ / "my-federation").string());
        argv.insert(argv.end(), {"/bin/bash", "-euo", "pipefail", "-c",
                                 "cd " + std::string(CARDEX_SOURCE_DIR) + "\n" + script});
        return argv;
    }
    // Whatever happened, nothing of this federation is left running.
    void TearDown() override { run_command(shell("scripts/federation down"), {}, 120s); }

    const fs::path home_ = fresh_directory("readme-home");
};

TEST_P(ReadmeWalkthrough, RunsAsWritten) {
    const std::string block = walkthrough();
    ASSERT_FALSE(block.empty()) << "no ```sh block under '## Use it' in the README";
    const auto ran = run_command(shell(block), {}, 300s);
    ASSERT_EQ(ran.exit_code, 0) << ran.output;
    EXPECT_NE(ran.output.find("Logged in as erin@a.test"), std::string::npos) << ran.output;
    EXPECT_NE(ran.output.find("Dana Example"), std::string::npos) << ran.output;
    EXPECT_NE(ran.output.find(": delivery "), std::string::npos) << ran.output;
    EXPECT_NE(ran.output.find("acked"), std::string::npos) << "finn's client acknowledged it\n"
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
