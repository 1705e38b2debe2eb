#include "bench/load_rig.hpp"

#include <signal.h>

#include <deque>
#include <fstream>
#include <random>

namespace cardex::bench {
namespace {

constexpr std::chrono::seconds kStartTimeout{30};
constexpr std::chrono::seconds kStopTimeout{30};

std::string random_secret() {
    std::random_device random;
    return "bench-" + std::to_string(random()) + "-" + std::to_string(random());
}

std::string tail(const std::filesystem::path& file, std::size_t lines) {
    std::ifstream in(file);
    std::deque<std::string> last;
    std::string line;
    while (std::getline(in, line)) {
        last.push_back(line);
        if (last.size() > lines) last.pop_front();
    }
    std::string out;
    for (const auto& l : last)
        out += "    " + l + "\n";
    return out;
}

}  // namespace

LoadRig::LoadRig(std::filesystem::path cardexd, std::filesystem::path dir, std::string jid,
                 std::string log_level) {
    setup_.log_level = std::move(log_level);
    setup_.binary = std::move(cardexd);
    setup_.dir = std::filesystem::absolute(dir);
    setup_.jid = std::move(jid);
    setup_.server_host = "127.0.0.1";
    setup_.secret = random_secret();
}

Status LoadRig::start() {
    if (server_.port() == 0) {
        if (auto listening = server_.listen(setup_.server_host); !listening) return listening;
        setup_.server_port = server_.port();
    }
    auto started = start_cardexd(setup_);
    if (!started) return started.error();
    process_ = std::move(started).value();
    const auto deadline = std::chrono::steady_clock::now() + kStartTimeout;
    while (process_.running() && std::chrono::steady_clock::now() < deadline &&
           !server_.wait_for_connection(std::chrono::milliseconds(100))) {
    }
    auto accepted = process_.running() ? server_.accept(setup_.secret, kStartTimeout)
                                       : Status(make_error("cardexd exited"));
    if (!accepted) {
        process_.stop(std::chrono::seconds(5));
        return make_error("cardexd did not connect: " + accepted.error().message + "\n" +
                          log_tail());
    }
    return Ok{};
}

std::optional<int> LoadRig::stop() {
    if (process_.pid() <= 0) return std::nullopt;
    ::kill(process_.pid(), SIGTERM);
    const auto deadline = std::chrono::steady_clock::now() + kStopTimeout;
    while (server_.connected() && std::chrono::steady_clock::now() < deadline) {
        if (!server_.pump(std::chrono::milliseconds(50), [](const StanzaHead&) {}))
            server_.disconnect();
    }
    server_.disconnect();
    return process_.stop(kStopTimeout);
}

std::string LoadRig::log_tail() const {
    return "  last lines of " + setup_.log_file().string() + ":\n" + tail(setup_.log_file(), 15) +
           "  last lines of " + setup_.output_file().string() + ":\n" +
           tail(setup_.output_file(), 5);
}

}  // namespace cardex::bench
