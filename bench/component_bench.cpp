// component_bench: the card service's benchmark (scripts/bench component runs it).
//
//   component_bench alone|pending|e2e|redeliver --cardexd PATH [options]
//
//   alone      cardexd fed by an in-process XEP-0114 server: cards/s accepted durably, latency,
//              next to SQLite alone and the parsers on the same cards (--cards, --window);
//              --profile FILE records cardexd's stacks during the load with perf record
//   pending    cardexd's peak memory with --pending N cards nobody acknowledges, and after a
//              restart with them; database bytes per card
//   e2e        cards/s through Prosody and ejabberd, submitter to recipient over c2s TLS, next
//              to plain messages over the same path (--accounts, --servers, --items)
//   redeliver  time for a recipient who logs in to get --redeliver N cards sent while offline
//
// It prints figures and the targets with PASS or MISS; it asserts nothing about speed.
// Exit status: 0 when every part ran, 1 when one could not be run to its end, 2 usage error.
#include <CLI/CLI.hpp>
#include <cstdio>

#include "bench/bench_options.hpp"
#include "bench/component_alone.hpp"
#include "bench/component_e2e.hpp"
#include "bench/report.hpp"

namespace {

using cardex::bench::BenchOptions;

void add_options(CLI::App& app, BenchOptions& o) {
    app.add_option("--cardexd", o.cardexd, "The cardexd binary to measure")->required();
    app.add_option("--work-dir", o.work_dir, "Temporary databases and logs go under it")
        ->capture_default_str();
    app.add_flag("--keep", o.keep, "Keep the temporary directory");
    app.add_option("--card-bytes", o.card_bytes, "Size of every card as xCard")
        ->capture_default_str();
    app.add_option("--window", o.window, "Outstanding submits of the in-process load generator")
        ->capture_default_str();
    app.add_option("--seed", o.seed, "Card generator seed")->capture_default_str();
    app.add_option("--cardexd-log", o.cardexd_log,
                   "cardexd's log level (trace logs every commit, and every stanza)")
        ->capture_default_str();
    app.add_option("--runs", o.runs, "Runs per parser ceiling (median)")->capture_default_str();
    app.add_option("--cards", o.cards, "alone: submits")->capture_default_str();
    app.add_option("--profile", o.profile,
                   "alone: record cardexd's stacks during the load with perf record into FILE");
    app.add_option("--pending", o.pending, "pending: cards left pending")->capture_default_str();
    app.add_option("--accounts", o.accounts, "e2e, redeliver: the federation's accounts.env");
    app.add_option("--servers", o.servers, "e2e, redeliver: a (Prosody), b (ejabberd) or ab")
        ->capture_default_str();
    app.add_option("--items", o.items, "e2e: cards and messages per flow")->capture_default_str();
    app.add_option("--e2e-window", o.e2e_window, "e2e: items sent and not yet received")
        ->capture_default_str();
    app.add_option("--e2e-rounds", o.e2e_rounds,
                   "e2e: rounds of a plain, a card-shaped and a card flow")
        ->check(CLI::Range(1, 20))
        ->capture_default_str();
    app.add_option("--redeliver", o.redeliver, "redeliver: cards waiting at login")
        ->capture_default_str();
    app.add_option("--redeliver-servers", o.redeliver_servers,
                   "redeliver: a, b or ab (ejabberd's offline storage is slow for long queues)")
        ->capture_default_str();
}

}  // namespace

int main(int argc, char** argv) {
    CLI::App app{"component_bench: the Cardex card service benchmark"};
    BenchOptions options;
    options.work_dir = std::filesystem::temp_directory_path();
    std::string part;
    app.add_option("part", part, "alone, pending, e2e or redeliver")
        ->required()
        ->check(CLI::IsMember({"alone", "pending", "e2e", "redeliver"}));
    add_options(app, options);
    try {
        app.parse(argc, argv);
    } catch (const CLI::ParseError& e) {
        return app.exit(e) == 0 ? 0 : 2;
    }
    std::setvbuf(stdout, nullptr, _IOLBF, 0);
    cardex::bench::print_machine("Cardex card service benchmark: " + part, CARDEX_BUILD_TYPE);
    if ((part == "e2e" || part == "redeliver") && options.accounts.empty()) {
        std::fprintf(stderr, "component_bench %s: --accounts FILE is required\n", part.c_str());
        return 2;
    }
    const int status = part == "alone"     ? cardex::bench::run_alone(options)
                       : part == "pending" ? cardex::bench::run_pending(options)
                       : part == "e2e"     ? cardex::bench::run_e2e(options)
                                           : cardex::bench::run_redeliver(options);
    std::printf("  load at the end: %s\n\n", cardex::bench::load_average().c_str());
    return status;
}
