// vcard_bench: how fast the vCard readers and writers are, next to what the same machine does
// with the same bytes when almost nothing is done with them.
//
//   vcard_bench [--cards N] [--runs R] [--seed S]
//
// Generates N varied cards (default 100,000; bench/card_generator.hpp), writes them as vCard
// 4.0, vCard 3.0, xCard and jCard and reads each back; every figure is the median of R runs
// (default 5). The references (memchr, Expat, nlohmann::json) run over the same bytes in the
// same run. Exits 1 when a format does not read back every card without errors, since its
// figures would then mean nothing; 2 on a usage error.
#include <algorithm>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <fstream>
#include <functional>
#include <limits>
#include <optional>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "bench/card_generator.hpp"
#include "bench/reference_parsers.hpp"
#include "bench/report.hpp"
#include "core/vcard/reader.hpp"
#include "core/vcard/writer.hpp"

namespace {

namespace vc = cardex::vcard;
namespace cb = cardex::bench;

volatile std::size_t newline_sink = 0;  // keeps the newline count from being optimised away

struct Options {
    std::size_t cards = 100'000;
    int runs = 5;
    std::uint64_t seed = 20240601;
};

struct Codec {
    std::string_view name;
    std::function<std::string(const std::vector<vc::Card>&)> write;
    std::function<vc::ReadResult(std::string_view, const vc::Limits&)> read;
};

struct Measured {
    std::string bytes;  // what the writer produced
    double write_seconds = 0;
    double read_seconds = 0;
    std::string problem;  // empty when every card was read back without errors
};

std::optional<Options> parse_options(int argc, char** argv) {
    Options options;
    for (int i = 1; i < argc; ++i) {
        const std::string_view arg = argv[i];
        if (i + 1 >= argc) return std::nullopt;
        const char* value = argv[++i];
        char* end = nullptr;
        const unsigned long long number = std::strtoull(value, &end, 10);
        if (end == value || *end != '\0') return std::nullopt;
        if (arg == "--cards" && number > 0) {
            options.cards = static_cast<std::size_t>(number);
        } else if (arg == "--runs" && number > 0 && number < 1000) {
            options.runs = static_cast<int>(number);
        } else if (arg == "--seed") {
            options.seed = number;
        } else {
            return std::nullopt;
        }
    }
    return options;
}

Measured measure(const Codec& codec, const std::vector<vc::Card>& cards, int runs) {
    Measured m;
    m.write_seconds = cb::median_seconds(
        runs, [&] { m.bytes = codec.write(cards); }, [&] { std::string().swap(m.bytes); });
    if (m.bytes.empty()) {
        m.problem = "the writer produced no output";
        return m;
    }
    vc::Limits limits;  // the defaults, except that the whole set is one input
    limits.max_input_bytes = std::numeric_limits<std::size_t>::max();
    std::optional<vc::ReadResult> result;
    m.read_seconds = cb::median_seconds(
        runs, [&] { result = codec.read(m.bytes, limits); }, [&] { result.reset(); });
    if (result->cards.size() != cards.size() || !result->errors.empty()) {
        m.problem = "read back " + std::to_string(result->cards.size()) + " of " +
                    std::to_string(cards.size()) + " cards, " +
                    std::to_string(result->errors.size()) + " errors";
        if (!result->errors.empty()) m.problem += " (first: " + result->errors[0].message + ")";
    }
    return m;
}

using cardex::bench::cpu_model;
using cardex::bench::utc_now;

void print_header(const Options& options) {
    std::printf("Cardex vCard benchmark\n");
    std::printf("  date     %s\n", utc_now().c_str());
    std::printf("  machine  %u cores, %s\n", std::thread::hardware_concurrency(),
                cpu_model().c_str());
    const std::string_view build_type = CARDEX_BUILD_TYPE;
#if defined(__clang__)
    const char* compiler = "clang++ " __clang_version__;
#else
    const char* compiler = "g++ " __VERSION__;
#endif
    std::printf("  build    %s, %s%s\n", compiler,
                build_type.empty() ? "no CMAKE_BUILD_TYPE" : build_type.data(),
#ifdef NDEBUG
                ""
#else
                " (NDEBUG unset: assertions on)"
#endif
    );
    std::printf(
        "  cards    %zu generated (seed %llu); every figure is the median of %d runs; "
        "MB = 10^6 bytes\n\n",
        options.cards, static_cast<unsigned long long>(options.seed), options.runs);
}

double mb_per_s(std::size_t bytes, double seconds) {
    return seconds > 0 ? static_cast<double>(bytes) / 1e6 / seconds : 0;
}

void print_row(std::string_view name, const Measured& m, std::size_t cards) {
    std::printf("%-10.*s %9.1f", static_cast<int>(name.size()), name.data(),
                static_cast<double>(m.bytes.size()) / 1e6);
    if (m.bytes.empty()) {
        std::printf("   %s\n", m.problem.c_str());
        return;
    }
    std::printf(
        " %13.0f %11.1f %15.0f %12.1f   %s\n", static_cast<double>(cards) / m.read_seconds,
        mb_per_s(m.bytes.size(), m.read_seconds), static_cast<double>(cards) / m.write_seconds,
        mb_per_s(m.bytes.size(), m.write_seconds), m.problem.empty() ? "ok" : m.problem.c_str());
}

// One reference line: its speed over `bytes`, and our reader's speed as a share of it.
void print_reference(std::string_view what, std::string_view bytes, int runs,
                     const std::function<bool(std::string_view)>& parse, const Measured& ours,
                     std::string_view our_name) {
    if (bytes.empty() || !parse(bytes)) {
        std::printf("  %-52.*s   n/a (no valid %.*s output to run it on)\n",
                    static_cast<int>(what.size()), what.data(), static_cast<int>(our_name.size()),
                    our_name.data());
        return;
    }
    const double seconds = cb::median_seconds(runs, [&] { (void)parse(bytes); });
    const double reference = mb_per_s(bytes.size(), seconds);
    std::printf("  %-52.*s %9.1f", static_cast<int>(what.size()), what.data(), reference);
    if (ours.problem.empty()) {
        std::printf("   our %.*s read: %.1f%%", static_cast<int>(our_name.size()), our_name.data(),
                    100 * mb_per_s(bytes.size(), ours.read_seconds) / reference);
    }
    std::printf("\n");
}

void print_references(const std::vector<Codec>& codecs, const std::vector<Measured>& results,
                      int runs) {
    const auto scan = [](std::string_view b) {
        newline_sink = cb::count_newlines(b);
        return true;
    };
    const auto expat = [](cb::ExpatMode mode) {
        return [mode](std::string_view b) { return cb::expat_parse(b, mode); };
    };
    std::printf("\nreferences over the same bytes, in this run                   MB/s\n");
    for (std::size_t i : {0u, 1u}) {
        const std::string what = "memchr('\\n') over the " + std::string(codecs[i].name) + " bytes";
        print_reference(what, results[i].bytes, runs, scan, results[i], codecs[i].name);
    }
    const Measured& xcard = results[2];
    print_reference("Expat, XML_Parse without handlers", xcard.bytes, runs,
                    expat(cb::ExpatMode::no_handlers), xcard, "xCard");
    print_reference("Expat, empty start/end/character handlers", xcard.bytes, runs,
                    expat(cb::ExpatMode::empty_handlers), xcard, "xCard");
    print_reference("Expat, namespaces on, empty handlers", xcard.bytes, runs,
                    expat(cb::ExpatMode::namespaces_empty), xcard, "xCard");
    const Measured& jcard = results[3];
    print_reference("nlohmann::json, SAX with empty handlers", jcard.bytes, runs,
                    cb::json_sax_parse, jcard, "jCard");
    print_reference("nlohmann::json::parse into a DOM", jcard.bytes, runs, cb::json_dom_parse,
                    jcard, "jCard");
}

}  // namespace

int main(int argc, char** argv) {
    const auto options = parse_options(argc, argv);
    if (!options) {
        std::fprintf(stderr, "usage: vcard_bench [--cards N] [--runs R] [--seed S]\n");
        return 2;
    }
    print_header(*options);
    const std::vector<vc::Card> cards = cb::generate_cards(options->cards, options->seed);

    const std::vector<Codec> codecs = {
        {"vCard 4.0", [](const auto& c) { return vc::write_vcard_text(c, vc::Version::v40); },
         vc::read_vcard_text},
        {"vCard 3.0", [](const auto& c) { return vc::write_vcard_text(c, vc::Version::v30); },
         vc::read_vcard_text},
        {"xCard", [](const auto& c) { return vc::write_xcard(c); }, vc::read_xcard},
        {"jCard", [](const auto& c) { return vc::write_jcard(c); }, vc::read_jcard},
    };
    std::printf("%-10s %9s %13s %11s %15s %12s   %s\n", "format", "size MB", "read cards/s",
                "read MB/s", "write cards/s", "write MB/s", "read back");
    std::vector<Measured> results;
    bool all_read_back = true;
    for (const Codec& codec : codecs) {
        results.push_back(measure(codec, cards, options->runs));
        print_row(codec.name, results.back(), cards.size());
        std::fflush(stdout);
        all_read_back = all_read_back && results.back().problem.empty();
    }
    print_references(codecs, results, options->runs);
    if (!all_read_back) {
        std::printf(
            "\nvcard_bench: FAILED: a format did not read back every card (see 'read "
            "back'); its figures mean nothing\n");
        return 1;
    }
    return 0;
}
