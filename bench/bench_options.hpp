// The options of component_bench, shared by its parts.
#pragma once

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <string>

namespace cardex::bench {

struct BenchOptions {
    std::filesystem::path cardexd;   // the cardexd binary to measure
    std::filesystem::path work_dir;  // temporary databases and logs go in a directory here
    bool keep = false;               // leave the temporary directory in place
    std::size_t card_bytes = 2'560;  // the xCard of every card
    std::size_t window = 2'048;      // outstanding submits of the in-process load generator
    std::uint64_t seed = 20240601;
    int runs = 3;                      // runs per ceiling figure (median)
    std::string cardexd_log = "info";  // cardexd's log level (trace shows its batch sizes)

    // alone
    std::size_t cards = 100'000;
    std::filesystem::path profile;  // perf record's data of cardexd during the load; none if empty
    // pending
    std::size_t pending = 1'000'000;
    // e2e and redeliver (real servers)
    std::filesystem::path accounts;  // the federation's accounts.env
    std::string servers = "ab";      // a (Prosody), b (ejabberd) or both
    std::size_t items = 10'000;      // cards and messages per end-to-end flow
    std::size_t e2e_window = 200;    // items sent and not yet received, end to end
    // Rounds of a plain, a card-shaped and a card flow: alternating them keeps a drift in the
    // machine's speed during the run (other guests of a shared host) from falling on one kind.
    int e2e_rounds = 4;
    std::size_t redeliver = 10'000;  // cards waiting for the recipient who logs in
    // ejabberd's Mnesia offline storage slows down with every message queued for one user.
    std::string redeliver_servers = "a";
};

}  // namespace cardex::bench
