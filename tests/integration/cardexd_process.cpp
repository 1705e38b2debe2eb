#include "tests/integration/cardexd_process.hpp"

#include <signal.h>
#include <toml++/toml.h>

#include <fstream>

#include "tests/integration/federation_env.hpp"

namespace cardex::testing {

const char* cardexd_path() {
    return CARDEXD_PATH;
}

CommandOutcome run_cardexd(const std::vector<std::string>& args) {
    std::vector<std::string> argv{cardexd_path()};
    argv.insert(argv.end(), args.begin(), args.end());
    return run_command(std::move(argv), {}, std::chrono::seconds(30));
}

Result<std::filesystem::path> private_config(const std::string& side,
                                             const std::filesystem::path& dir) {
    const std::string source =
        Federation::get().var("FEDERATION_DIR") + "/cardexd-" + side + ".toml";
    toml::table config;
    try {
        config = toml::parse_file(source);
    } catch (const toml::parse_error& e) {
        return make_error(source + ": " + std::string(e.description()));
    }
    auto section = [&config](std::string_view name) -> toml::table& {
        if (!config[name].is_table()) config.insert_or_assign(name, toml::table{});
        return *config[name].as_table();
    };
    section("storage").insert_or_assign("path", (dir / "cardexd.db").string());
    section("log").insert_or_assign("file", (dir / "cardexd.log").string());
    section("log").insert_or_assign("level", "debug");
    const std::filesystem::path target = dir / "cardexd.toml";
    std::ofstream out(target);
    out << config << "\n";
    if (!out) return make_error("cannot write " + target.string());
    return target;
}

CardexdProcess::CardexdProcess(const std::filesystem::path& config,
                               const std::filesystem::path& output)
    : process_({cardexd_path(), "--config", config.string()}, output) {}

Result<int> CardexdProcess::terminate(std::chrono::seconds limit) {
    return process_.stop(SIGTERM, limit);
}

}  // namespace cardex::testing
