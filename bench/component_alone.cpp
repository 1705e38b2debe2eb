#include "bench/component_alone.hpp"

#include <algorithm>
#include <cstdio>
#include <memory>
#include <thread>

#include "bench/component_load.hpp"
#include "bench/load_rig.hpp"
#include "bench/parse_ceiling.hpp"
#include "bench/proc_stats.hpp"
#include "bench/report.hpp"
#include "bench/storage_ceiling.hpp"
#include "bench/submit_stanzas.hpp"
#include "core/vcard/writer.hpp"
#include "core/xml/writer.hpp"
#include "core/xmpp/namespaces.hpp"

namespace cardex::bench {
namespace {

constexpr std::string_view kService = "cards.a.test";
constexpr std::size_t kDistinctCards = 64;
// The targets, each against a reference measured in the same run.
constexpr double kTargetOfExpat = 0.5;           // durable cards/s over Expat's parse-only rate
constexpr double kTargetWrittenPerStanza = 4;    // bytes written to storage per stanza byte
constexpr double kTargetStoredPerCard = 1.5;     // database bytes per byte of the card
constexpr double kTargetLastTenthOfFirst = 0.8;  // the fill's last tenth against its first
constexpr std::uint64_t kTargetPeakRssKib = 64 * 1024;
constexpr std::size_t kTargetPending = 1'000'000;
constexpr std::size_t kCardexdMaxBatch = 4'096;  // cardexd's default [storage] max_batch
constexpr std::size_t kMinParseStanzas = 1'000;
constexpr std::size_t kMaxParseStanzas = 20'000;
constexpr std::size_t kProgressFrom = 100'000;     // report progress of fills at least this large
constexpr std::size_t kPendingPerRecipient = 100;  // cardexd's default max_pending_per_recipient
constexpr std::chrono::seconds kSettle{3};

struct Workspace {
    std::filesystem::path dir;
    bool keep = false;
    ~Workspace() {
        std::error_code ignored;
        if (!keep && !dir.empty()) std::filesystem::remove_all(dir, ignored);
    }
};

// Everything measured around one load run.
struct Observed {
    LoadResult load;
    ProcessSample before, after;
    std::optional<std::uint64_t> fsyncs;
    std::string profile_problem;  // why there is no profile, when one was asked for
};

// Runs the load; counts cardexd's fsync calls and records its stacks into `profile` (unless
// empty) with perf meanwhile.
Result<Observed> observe_load(LoadRig& rig, const SubmitStanzas& stanzas, const LoadPlan& plan,
                              bool count_fsyncs, const std::filesystem::path& profile = {}) {
    Observed seen;
    auto before = sample_process(rig.process().pid());
    if (!before) return make_error("cardexd exited after connecting\n" + rig.log_tail());
    seen.before = *before;
    FsyncCounter fsyncs;
    if (count_fsyncs) fsyncs.start(rig.process().pid(), rig.setup().dir / "perf-fsync.txt");
    CpuProfiler profiler;
    if (!profile.empty()) profiler.start(rig.process().pid(), profile);
    seen.load = run_load(rig.server(), stanzas, plan);
    seen.fsyncs = fsyncs.finish();
    if (!profile.empty() && !profiler.finish()) seen.profile_problem = profiler.problem();
    auto after = sample_process(rig.process().pid());
    if (!after) return make_error("cardexd exited during the load\n" + rig.log_tail());
    seen.after = *after;
    return seen;
}

std::optional<std::uint64_t> bytes_written(const Observed& seen) {
    if (!seen.after.write_bytes || !seen.before.write_bytes) return std::nullopt;
    return *seen.after.write_bytes - *seen.before.write_bytes;
}

void print_load(const Observed& seen, const LoadPlan& plan) {
    const LoadResult& r = seen.load;
    std::printf("  cardexd, accepted durably     %9s cards/s   latency p50 %.1f ms, p99 %.1f ms\n",
                grouped(r.cards_per_second()).c_str(), r.latency_percentile(50),
                r.latency_percentile(99));
    std::printf("    %s results in %.2f s, %s errors",
                grouped(static_cast<double>(r.results)).c_str(), r.seconds,
                grouped(static_cast<double>(r.error_count())).c_str());
    for (const auto& [condition, count] : r.errors)
        std::printf(" (%s: %s)", condition.c_str(), grouped(static_cast<double>(count)).c_str());
    std::printf(", %s delivery messages seen", grouped(static_cast<double>(r.deliveries)).c_str());
    if (r.deliveries > 0)
        std::printf(" (%s bytes each on average)",
                    grouped(static_cast<double>(r.delivery_bytes) / r.deliveries).c_str());
    std::printf("\n");
    if (!r.problem.empty()) std::printf("    the run ended early: %s\n", r.problem.c_str());
    const double wall = r.seconds > 0 ? r.seconds : 1;
    std::printf("    cardexd %s = %.0f%% of one core; load generator %.2f s CPU\n",
                describe_cpu(seen.before, seen.after).c_str(),
                100 * (seen.after.cpu_seconds - seen.before.cpu_seconds) / wall,
                r.generator_cpu_seconds);
    if (const auto written = bytes_written(seen)) {
        std::printf("    cardexd wrote %s to storage (%s bytes per card)",
                    megabytes(*written).c_str(),
                    grouped(r.results ? static_cast<double>(*written) / r.results : 0).c_str());
    }
    if (seen.fsyncs) {
        std::printf("; %s fsync/fdatasync calls, %.1f cards per call",
                    grouped(static_cast<double>(*seen.fsyncs)).c_str(),
                    *seen.fsyncs ? static_cast<double>(r.results) / *seen.fsyncs : 0.0);
    } else {
        std::printf("; fsync calls not counted (needs perf with access to syscall tracepoints)");
    }
    std::printf("\n    window %s outstanding submits; peak RSS %s\n",
                grouped(static_cast<double>(plan.window)).c_str(),
                kib_as_mib(seen.after.peak_rss_kib).c_str());
}

void print_profile(const Observed& seen, const std::filesystem::path& profile) {
    if (profile.empty()) return;
    if (!seen.profile_problem.empty()) {
        std::printf("    no CPU profile of cardexd: %s\n", seen.profile_problem.c_str());
        return;
    }
    std::error_code ignored;
    std::printf(
        "    CPU profile of cardexd during the load (perf record, cpu-clock 499 Hz, DWARF call "
        "graphs): %s, %s\n",
        profile.c_str(), megabytes(std::filesystem::file_size(profile, ignored)).c_str());
}

// Returns SQLite's CPU per row, batched, in seconds (0 if it was not measured).
double print_storage_ceiling(const std::filesystem::path& dir,
                             const std::vector<std::string>& blobs, std::size_t rows,
                             std::size_t batch) {
    auto one = measure_storage(dir, blobs, std::min<std::size_t>(rows, 2'000), 1, 3.0);
    auto batched = measure_storage(dir, blobs, rows, batch, 20.0);
    if (!one || !batched) {
        std::printf("    SQLite: %s\n", (!one ? one.error() : batched.error()).message.c_str());
        return 0;
    }
    std::printf(
        "    SQLite alone, %s rows per commit         %9s rows/s    %s commits/s; %s "
        "bytes per row on disk; %.1f µs of CPU per row\n",
        grouped(static_cast<double>(batch)).c_str(), grouped(batched->rows_per_second()).c_str(),
        grouped(batched->commits_per_second()).c_str(),
        grouped(static_cast<double>(batched->file_bytes) / batched->rows).c_str(),
        1e6 * batched->cpu_per_row());
    std::printf(
        "    SQLite alone, one row per commit           %9s rows/s    (the disk's sync "
        "rate)\n",
        grouped(one->rows_per_second()).c_str());
    return batched->cpu_per_row();
}

// Stanzas per second of Expat alone and of cardexd's reading and checking of a submit (our
// stream parser and the typed decode); 0 where not measured.
struct ParseRates {
    double expat = 0;
    double checked = 0;
};

// Prints the parsers' and writers' rates; returns Expat's and the checked ones.
ParseRates print_parse_ceilings(const std::vector<vcard::Card>& cards, const SubmitStanzas& stanzas,
                                std::size_t count, int runs) {
    ParseRates rates;
    std::string submits;
    for (std::size_t k = 0; k < count; ++k)
        stanzas.append(submits, k, "b" + std::to_string(k), "user1@a.test/r", "rcpt1@a.test");
    for (const auto& c : measure_parsing(submits, count, cards, runs)) {
        if (!c.problem.empty()) {
            std::printf("    %-52s %s\n", c.what.c_str(), c.problem.c_str());
            continue;
        }
        if (c.stage == ParseStage::expat) rates.expat = c.stanzas_per_second;
        if (c.stage == ParseStage::checked) rates.checked = c.stanzas_per_second;
        std::printf("    %-52s %9s stanzas/s", c.what.c_str(),
                    grouped(c.stanzas_per_second).c_str());
        if (c.mb_per_second > 0) std::printf("  %6.1f MB/s", c.mb_per_second);
        std::printf("\n");
    }
    return rates;
}

// What this machine allows a card service at best: one that only parses each stanza as Expat
// does and stores its card as SQLite alone stores a row, spread perfectly over every core,
// which it shares with the load generator (as a service shares its machine with its server);
// and one that reads and checks each submit as cardexd does instead of Expat's parse. SQLite
// counts with its CPU per row: while it waits for the disk, the cores are free.
void print_machine_ceiling(const Observed& seen, const ParseRates& parse, double sqlite_row) {
    const LoadResult& r = seen.load;
    if (parse.expat <= 0 || sqlite_row <= 0 || r.results == 0) return;
    const double generator = r.generator_cpu_seconds / static_cast<double>(r.results);
    const unsigned cores = std::max(1u, std::thread::hardware_concurrency());
    const double ceiling = cores / (1 / parse.expat + sqlite_row + generator);
    std::printf(
        "    at best on %u cores: Expat's parse %.1f + SQLite alone's row %.1f + the load "
        "generator %.1f µs of CPU per card = %s cards/s, %.2f of Expat; cardexd reached %.2f of "
        "it\n",
        cores, 1e6 / parse.expat, 1e6 * sqlite_row, generator * 1e6, grouped(ceiling).c_str(),
        ceiling / parse.expat, r.cards_per_second() / ceiling);
    if (parse.checked <= 0) return;
    const double checked = cores / (1 / parse.checked + sqlite_row + generator);
    std::printf(
        "    with cardexd's reading and checking of a submit (%.1f µs) instead of Expat's parse: "
        "%s cards/s, %.2f of Expat\n",
        1e6 / parse.checked, grouped(checked).c_str(), checked / parse.expat);
}

// Targets 1 and 2 of the alone run: against Expat, and the bytes written per stanza byte.
void print_alone_targets(const Observed& seen, const ParseRates& parse, double sqlite_row,
                         std::size_t stanza_bytes) {
    const double expat = parse.expat;
    const double rate = seen.load.cards_per_second();
    const double of_expat = expat > 0 ? rate / expat : 0;
    std::printf("  targets, each against a reference of this run:\n");
    std::printf("    cardexd / Expat parse-only = %.2f (%s / %s stanzas/s)   target >= %.2f: %s\n",
                of_expat, grouped(rate).c_str(), grouped(expat).c_str(), kTargetOfExpat,
                std::string(verdict(of_expat >= kTargetOfExpat)).c_str());
    print_machine_ceiling(seen, parse, sqlite_row);
    if (const auto written = bytes_written(seen); written && seen.load.results > 0) {
        const double per_card = static_cast<double>(*written) / seen.load.results;
        const double ratio = per_card / static_cast<double>(stanza_bytes);
        std::printf(
            "    bytes written to storage / stanza bytes = %.1f (%s per card of a %s-byte "
            "stanza)   target <= %.1f: %s\n",
            ratio, grouped(per_card).c_str(), grouped(static_cast<double>(stanza_bytes)).c_str(),
            kTargetWrittenPerStanza,
            std::string(verdict(ratio <= kTargetWrittenPerStanza)).c_str());
    }
}

std::string rss_verdict(std::uint64_t peak_kib, std::size_t pending) {
    std::string text = "target < 64 MiB at " + grouped(static_cast<double>(kTargetPending)) +
                       " pending: " + std::string(verdict(peak_kib < kTargetPeakRssKib));
    if (pending != kTargetPending)
        text += " (this run has " + grouped(static_cast<double>(pending)) + ")";
    return text;
}

void print_fill(const LoadResult& r, const ProcessSample& after, std::size_t pending) {
    std::printf(
        "  fill: %s cards accepted in %.1f s (%s cards/s), %s errors, %s delivery messages "
        "seen\n",
        grouped(static_cast<double>(r.results)).c_str(), r.seconds,
        grouped(r.cards_per_second()).c_str(),
        grouped(static_cast<double>(r.error_count())).c_str(),
        grouped(static_cast<double>(r.deliveries)).c_str());
    if (!r.problem.empty()) std::printf("    the fill ended early: %s\n", r.problem.c_str());
    std::printf("  cardexd peak RSS (VmHWM) during the fill   %10s   %s\n",
                kib_as_mib(after.peak_rss_kib).c_str(),
                rss_verdict(after.peak_rss_kib, pending).c_str());
}

// What a restarted cardexd sends on its own while it settles.
struct Settled {
    double seconds = 0;
    std::size_t stanzas = 0;
};

Settled settle(LoadRig& rig) {
    Settled s;
    const auto start = std::chrono::steady_clock::now();
    s.seconds = std::chrono::duration<double>(kSettle).count();
    while (std::chrono::steady_clock::now() - start < kSettle) {
        if (!rig.server().pump(std::chrono::milliseconds(50),
                               [&](const StanzaHead&) { ++s.stanzas; }))
            break;
    }
    return s;
}

struct Synced {
    double seconds = 0;
    std::string pending;  // the 'pending' attribute is not scanned: the count of copies says it
    std::size_t copies = 0;
    std::string problem;
};

// One recipient asks for its pending cards; waits for the result and `expected` copies.
Synced sync_one(LoadRig& rig, const std::string& from, std::size_t expected) {
    Synced s;
    rig.server().send("<iq type='set' id='sync1' from='" + from + "' to='" + std::string(kService) +
                      "'><sync xmlns='urn:xmpp:bizcard:0'/></iq>");
    bool answered = false;
    const auto start = std::chrono::steady_clock::now();
    while ((!answered || s.copies < expected) &&
           std::chrono::steady_clock::now() - start < std::chrono::seconds(60)) {
        auto pumped = rig.server().pump(std::chrono::milliseconds(20), [&](const StanzaHead& h) {
            if (h.name == "iq" && h.id == "sync1") {
                answered = true;
                if (h.type != "result") s.problem = "sync answered with " + h.error_condition;
            } else if (h.name == "message") {
                ++s.copies;
            }
        });
        if (!pumped) {
            s.problem = pumped.error().message;
            break;
        }
    }
    s.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    if (s.problem.empty() && (!answered || s.copies < expected))
        s.problem = "got " + std::to_string(s.copies) + " of " + std::to_string(expected) +
                    " copies within 60 s";
    return s;
}

void print_restart(const Settled& settled, const Synced& synced, const ProcessSample& after,
                   std::size_t pending) {
    std::printf("  cardexd peak RSS after a restart with them %10s   %s\n",
                kib_as_mib(after.peak_rss_kib).c_str(),
                rss_verdict(after.peak_rss_kib, pending).c_str());
    std::printf(
        "    (restarted, left alone %.0f s: it sent %s stanzas; then one recipient's sync "
        "brought its %s copies in %.0f ms%s%s)\n",
        settled.seconds, grouped(static_cast<double>(settled.stanzas)).c_str(),
        grouped(static_cast<double>(synced.copies)).c_str(), synced.seconds * 1000,
        synced.problem.empty() ? "" : "; ", synced.problem.c_str());
}

// What each table and index of the database costs per card.
void print_tables(const std::filesystem::path& database, std::size_t cards) {
    const auto tables = bytes_per_table(database);
    if (!tables) return (void)std::printf("    per table: %s\n", tables.error().message.c_str());
    std::printf("    per table and index, bytes per card:");
    for (const auto& [name, bytes] : *tables) {
        const double per_card = static_cast<double>(bytes) / static_cast<double>(cards);
        if (per_card >= 1) std::printf(" %s %s;", name.c_str(), grouped(per_card).c_str());
    }
    std::printf("\n");
}

// Targets 2 and 3 of the fill: flat with size, and light on the disk.
void print_pending_targets(const std::vector<double>& tenths, std::uint64_t db_bytes,
                           std::size_t cards, std::size_t card_bytes) {
    std::printf("  targets, each against a reference of this run:\n");
    if (tenths.size() >= 2 && tenths.front() > 0) {
        const double ratio = tenths.back() / tenths.front();
        std::printf(
            "    last tenth / first tenth of the fill = %.2f (%s / %s cards/s)   target >= %.2f: "
            "%s\n",
            ratio, grouped(tenths.back()).c_str(), grouped(tenths.front()).c_str(),
            kTargetLastTenthOfFirst,
            std::string(verdict(ratio >= kTargetLastTenthOfFirst)).c_str());
    } else {
        std::printf(
            "    last tenth / first tenth: not measured (a fill of at least %s reports it)\n",
            grouped(static_cast<double>(kProgressFrom)).c_str());
    }
    const double per_card = static_cast<double>(db_bytes) / static_cast<double>(cards);
    const double ratio = per_card / static_cast<double>(card_bytes);
    std::printf(
        "    database bytes per card / card bytes = %.2f (%s per %s-byte card)   target <= %.1f: "
        "%s\n",
        ratio, grouped(per_card).c_str(), grouped(static_cast<double>(card_bytes)).c_str(),
        kTargetStoredPerCard, std::string(verdict(ratio <= kTargetStoredPerCard)).c_str());
}

LoadPlan plan_for(const BenchOptions& options, std::size_t cards, std::size_t recipients) {
    LoadPlan plan;
    plan.cards = cards;
    plan.window = options.window;
    plan.recipients = recipients;
    return plan;
}

}  // namespace

int run_alone(const BenchOptions& options) {
    auto dir = make_work_dir(options.work_dir, "alone");
    if (!dir) return std::fprintf(stderr, "%s\n", dir.error().message.c_str()), 1;
    Workspace workspace{*dir, options.keep};
    const auto cards = cards_of_size(kDistinctCards, options.card_bytes, options.seed);
    const SubmitStanzas stanzas(cards, kService, ns::kComponentAccept);
    std::printf(
        "(a) cardexd alone: %s submits, one card of %s bytes each (stanza %s bytes), from "
        "1,000 local users to 10,000 recipients\n",
        grouped(static_cast<double>(options.cards)).c_str(),
        grouped(static_cast<double>(options.card_bytes)).c_str(),
        grouped(static_cast<double>(stanzas.average_bytes())).c_str());
    std::fflush(stdout);

    LoadRig rig(options.cardexd, *dir / "cardexd", std::string(kService), options.cardexd_log);
    if (auto started = rig.start(); !started)
        return std::fprintf(stderr, "%s\n", started.error().message.c_str()), 1;
    auto seen =
        observe_load(rig, stanzas, plan_for(options, options.cards, 10'000), true, options.profile);
    rig.stop();
    if (!seen) return std::fprintf(stderr, "%s\n", seen.error().message.c_str()), 1;
    print_load(*seen, plan_for(options, options.cards, 10'000));
    print_profile(*seen, options.profile);

    std::printf(
        "  ceilings measured in this run, on the same cards and disk "
        "(WAL, synchronous=FULL, 4 KiB pages as cardexd has):\n");
    std::fflush(stdout);
    std::vector<std::string> blobs;
    for (const auto& card : cards)
        blobs.push_back(xml::to_string(vcard::card_to_xml(card)));
    const double sqlite_row =
        print_storage_ceiling(*dir, blobs, std::min<std::size_t>(options.cards, 200'000),
                              std::min(options.window, kCardexdMaxBatch));
    const ParseRates parse = print_parse_ceilings(
        cards, stanzas, std::clamp(options.cards, kMinParseStanzas, kMaxParseStanzas),
        options.runs);
    print_alone_targets(*seen, parse, sqlite_row, stanzas.average_bytes());
    std::printf("\n");
    const LoadResult& load = seen->load;
    if (!load.problem.empty() || load.results != options.cards) {
        std::printf(
            "component_bench: not every submit was accepted, so the figure above does "
            "not measure what it should\n");
        return 1;
    }
    return 0;
}

int run_pending(const BenchOptions& options) {
    auto dir = make_work_dir(options.work_dir, "pending");
    if (!dir) return std::fprintf(stderr, "%s\n", dir.error().message.c_str()), 1;
    Workspace workspace{*dir, options.keep};
    const auto cards = cards_of_size(kDistinctCards, options.card_bytes, options.seed);
    const SubmitStanzas stanzas(cards, kService, ns::kComponentAccept);
    const std::size_t n = options.pending;
    const std::size_t recipients = std::max<std::size_t>(1, n / kPendingPerRecipient);
    std::printf(
        "(d) cardexd holding %s pending cards: submitted by the in-process load generator "
        "to %s recipients (%s each) who never acknowledge\n",
        grouped(static_cast<double>(n)).c_str(), grouped(static_cast<double>(recipients)).c_str(),
        grouped(static_cast<double>(n / recipients)).c_str());

    LoadRig rig(options.cardexd, *dir / "cardexd", std::string(kService), options.cardexd_log);
    if (auto started = rig.start(); !started)
        return std::fprintf(stderr, "%s\n", started.error().message.c_str()), 1;
    LoadPlan plan = plan_for(options, n, recipients);
    plan.progress_every = n >= kProgressFrom ? n / 10 : 0;
    const pid_t pid = rig.process().pid();
    auto last = std::chrono::steady_clock::now();
    std::vector<double> tenths;  // cards/s of each tenth of the fill
    plan.progress = [n, pid, &last, &tenths, step = plan.progress_every](std::size_t done) {
        const auto now = std::chrono::steady_clock::now();
        const double seconds = std::chrono::duration<double>(now - last).count();
        last = now;
        const auto sample = sample_process(pid);
        tenths.push_back(static_cast<double>(step) / seconds);
        std::printf("    %9s of %s cards stored, the last %s at %s cards/s; cardexd RSS %s\n",
                    grouped(static_cast<double>(done)).c_str(),
                    grouped(static_cast<double>(n)).c_str(),
                    grouped(static_cast<double>(step)).c_str(),
                    grouped(static_cast<double>(step) / seconds).c_str(),
                    sample ? kib_as_mib(sample->rss_kib).c_str() : "?");
    };
    auto fill = observe_load(rig, stanzas, plan, false);
    if (!fill) return std::fprintf(stderr, "%s\n", fill.error().message.c_str()), 1;
    const std::uint64_t db_running = database_bytes(rig.setup());
    rig.stop();
    const std::uint64_t db_stopped = database_bytes(rig.setup());
    print_fill(fill->load, fill->after, n);

    if (auto restarted = rig.start(); !restarted)
        return std::fprintf(stderr, "%s\n", restarted.error().message.c_str()), 1;
    const auto settled = settle(rig);
    const auto synced = sync_one(rig, "rcpt0@" + plan.domain + "/r", n / recipients);
    const auto after = sample_process(rig.process().pid());
    rig.stop();
    if (!after) return std::fprintf(stderr, "cardexd exited after the restart\n"), 1;
    print_restart(settled, synced, *after, n);
    std::printf(
        "  database with WAL: %s while running (%s bytes per card), %s after a clean stop "
        "(%s bytes per card)\n",
        megabytes(db_running).c_str(),
        grouped(static_cast<double>(db_running) / static_cast<double>(n)).c_str(),
        megabytes(db_stopped).c_str(),
        grouped(static_cast<double>(db_stopped) / static_cast<double>(n)).c_str());
    print_tables(rig.setup().database(), n);
    print_pending_targets(tenths, db_stopped, n, options.card_bytes);
    std::printf("\n");
    return fill->load.problem.empty() && fill->load.error_count() == 0 && synced.problem.empty()
               ? 0
               : 1;
}

}  // namespace cardex::bench
