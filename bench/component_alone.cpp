#include "bench/component_alone.hpp"

#include <cstdio>
#include <memory>

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
constexpr double kTargetCardsPerSecond = 25'000;
constexpr std::uint64_t kTargetPeakRssKib = 64 * 1024;
constexpr std::size_t kTargetPending = 1'000'000;
constexpr std::size_t kCardexdMaxBatch = 4'096;  // cardexd's default [storage] max_batch
constexpr std::size_t kParseStanzas = 20'000;

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
};

Result<Observed> observe_load(LoadRig& rig, const SubmitStanzas& stanzas, const LoadPlan& plan,
                              bool count_fsyncs) {
    Observed seen;
    auto before = sample_process(rig.process().pid());
    if (!before) return make_error("cardexd exited after connecting\n" + rig.log_tail());
    seen.before = *before;
    FsyncCounter fsyncs;
    if (count_fsyncs) fsyncs.start(rig.process().pid(), rig.setup().dir / "perf-fsync.txt");
    seen.load = run_load(rig.server(), stanzas, plan);
    seen.fsyncs = fsyncs.finish();
    auto after = sample_process(rig.process().pid());
    if (!after) return make_error("cardexd exited during the load\n" + rig.log_tail());
    seen.after = *after;
    return seen;
}

void print_load(const Observed& seen, const LoadPlan& plan) {
    const LoadResult& r = seen.load;
    const double rate = r.cards_per_second();
    std::printf("  cardexd, accepted durably     %9s cards/s   latency p50 %.1f ms, p99 %.1f ms"
                "   target >= %s: %s\n",
                grouped(rate).c_str(), r.latency_percentile(50), r.latency_percentile(99),
                grouped(kTargetCardsPerSecond).c_str(),
                std::string(verdict(rate >= kTargetCardsPerSecond)).c_str());
    std::printf("    %s results in %.2f s, %s errors", grouped(static_cast<double>(r.results)).c_str(),
                r.seconds, grouped(static_cast<double>(r.error_count())).c_str());
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
    if (seen.after.write_bytes && seen.before.write_bytes) {
        const auto written = *seen.after.write_bytes - *seen.before.write_bytes;
        std::printf("    cardexd wrote %s to storage (%s bytes per card)", megabytes(written).c_str(),
                    grouped(r.results ? static_cast<double>(written) / r.results : 0).c_str());
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

void print_storage_ceiling(const std::filesystem::path& dir, const std::vector<std::string>& blobs,
                           std::size_t rows, std::size_t batch) {
    auto one = measure_storage(dir, blobs, rows, 1, 3.0);
    auto batched = measure_storage(dir, blobs, rows, batch, 20.0);
    if (!one || !batched) {
        std::printf("    SQLite: %s\n", (!one ? one.error() : batched.error()).message.c_str());
        return;
    }
    std::printf("    SQLite alone, %s rows per commit         %9s rows/s    %s commits/s; %s "
                "bytes per row on disk\n",
                grouped(static_cast<double>(batch)).c_str(), grouped(batched->rows_per_second()).c_str(),
                grouped(batched->commits_per_second()).c_str(),
                grouped(static_cast<double>(batched->file_bytes) / batched->rows).c_str());
    std::printf("    SQLite alone, one row per commit           %9s rows/s    (the disk's sync "
                "rate)\n",
                grouped(one->rows_per_second()).c_str());
}

void print_parse_ceilings(const std::vector<vcard::Card>& cards, const SubmitStanzas& stanzas,
                          int runs) {
    std::string stream =
        "<stream:stream xmlns='jabber:component:accept' "
        "xmlns:stream='http://etherx.jabber.org/streams' from='a.test' id='x'>";
    for (std::size_t k = 0; k < kParseStanzas; ++k)
        stanzas.append(stream, k, "b" + std::to_string(k), "user1@a.test/r", "rcpt1@a.test");
    stream += "</stream:stream>";
    for (const auto& c : measure_parsing(stream, kParseStanzas, cards, runs)) {
        if (!c.problem.empty()) {
            std::printf("    %-52s %s\n", c.what.c_str(), c.problem.c_str());
            continue;
        }
        std::printf("    %-52s %9s stanzas/s", c.what.c_str(), grouped(c.stanzas_per_second).c_str());
        if (c.mb_per_second > 0) std::printf("  %6.1f MB/s", c.mb_per_second);
        std::printf("\n");
    }
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
    std::printf("(a) cardexd alone: %s submits, one card of %s bytes each (stanza %s bytes), from "
                "1,000 local users to 10,000 recipients\n",
                grouped(static_cast<double>(options.cards)).c_str(),
                grouped(static_cast<double>(options.card_bytes)).c_str(),
                grouped(static_cast<double>(stanzas.average_bytes())).c_str());
    std::fflush(stdout);

    LoadRig rig(options.cardexd, *dir / "cardexd", std::string(kService));
    if (auto started = rig.start(); !started)
        return std::fprintf(stderr, "%s\n", started.error().message.c_str()), 1;
    auto seen = observe_load(rig, stanzas, plan_for(options, options.cards, 10'000), true);
    rig.stop();
    if (!seen) return std::fprintf(stderr, "%s\n", seen.error().message.c_str()), 1;
    print_load(*seen, plan_for(options, options.cards, 10'000));

    std::printf("  ceilings measured in this run, on the same cards and disk "
                "(WAL, synchronous=FULL, 16 KiB pages):\n");
    std::fflush(stdout);
    std::vector<std::string> blobs;
    for (const auto& card : cards)
        blobs.push_back(xml::to_string(vcard::card_to_xml(card)));
    print_storage_ceiling(*dir, blobs, std::min<std::size_t>(options.cards, 200'000),
                          std::min(options.window, kCardexdMaxBatch));
    print_parse_ceilings(cards, stanzas, options.runs);
    std::printf("\n");
    return seen->load.problem.empty() ? 0 : 1;
}

int run_pending(const BenchOptions& options) {
    (void)kTargetPeakRssKib;
    (void)kTargetPending;
    (void)options;
    return 0;
}

}  // namespace cardex::bench
