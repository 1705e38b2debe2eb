// scripts/bench ocr: reading business cards from photos. Known cards in English, German and
// Chinese (tests/tools/known_cards.cpp) are rendered with the shipped card designs in turn
// (tests/tools/card_drawing), made into "phone photos" with each kind of damage alone and all
// together (tests/tools/photo_damage), and read back with `cardex scan-card`'s library. Prints the
// share of fields read exactly right per field, per damage and per language, the processor time per
// photo (Tesseract runs on one thread), and the aims with PASS or MISS: at least 90% of all fields
// exactly right, and no phone number or e-mail address read wrong without being marked doubtful.
#include <time.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <string>
#include <vector>

#include "bench/report.hpp"
#include "client/ocr/card_scan.hpp"
#include "tests/tools/card_drawing.hpp"
#include "tests/tools/known_cards.hpp"
#include "tests/tools/ocr_scoring.hpp"
#include "tests/tools/photo_damage.hpp"

namespace {

using namespace cardex;

struct Options {
    std::size_t per_language = 10;
    std::uint32_t seed = 1;
    bool verbose = false;
    std::string photos_dir;  // write the photos here when given
};

struct Tally {
    std::size_t right = 0, total = 0;
    void add(bool ok) {
        right += ok ? 1 : 0;
        ++total;
    }
    double percent() const { return total == 0 ? 0.0 : 100.0 * right / total; }
    std::string text() const {
        char buffer[64];
        std::snprintf(buffer, sizeof buffer, "%5.1f%% (%zu/%zu)", percent(), right, total);
        return buffer;
    }
};

double cpu_seconds() {
    timespec t{};
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
    return static_cast<double>(t.tv_sec) + static_cast<double>(t.tv_nsec) / 1e9;
}

double percentile(std::vector<double> values, double p) {
    if (values.empty()) return 0.0;
    std::sort(values.begin(), values.end());
    return values[std::min(values.size() - 1, static_cast<std::size_t>(p * values.size()))];
}

bool parse(int argc, char** argv, Options& o) {
    for (int i = 1; i < argc; ++i) {
        const std::string a = argv[i];
        const bool has_value = i + 1 < argc;
        if (a == "--cards" && has_value) {
            o.per_language = static_cast<std::size_t>(std::stoul(argv[++i]));
        } else if (a == "--seed" && has_value) {
            o.seed = static_cast<std::uint32_t>(std::stoul(argv[++i]));
        } else if (a == "--photos" && has_value) {
            o.photos_dir = argv[++i];
        } else if (a == "--verbose") {
            o.verbose = true;
        } else {
            std::cerr << "usage: ocr_bench [--cards N per language] [--seed S] [--photos DIR] "
                         "[--verbose]\n";
            return false;
        }
    }
    return true;
}

}  // namespace

int main(int argc, char** argv) {
    Options o;
    if (!parse(argc, argv, o)) return 2;
    bench::print_machine("Reading cards from photos", CARDEX_BUILD_TYPE);
    if (!o.photos_dir.empty()) std::filesystem::create_directories(o.photos_dir);

    client::ocr::TextRecognizer recognizer;
    std::map<std::string, Tally> by_field, by_damage, by_language, by_design;
    Tally all;
    std::size_t contact_fields = 0, missed = 0;
    std::vector<std::string> silently_wrong;
    std::vector<double> cpu_ms, wall_ms;
    std::map<std::string, std::size_t> per_language_count;
    std::size_t photos = 0, turn = 0;
    for (const auto& known : tests::known_cards()) {
        if (per_language_count[known.language]++ >= o.per_language) continue;
        const auto& designs = tests::card_designs();
        const std::string design_name = designs[turn++ % designs.size()];
        auto drawn = tests::draw_card(known.card, design_name);
        if (!drawn) {
            std::cerr << "ocr_bench: " << drawn.error().message << "\n";
            return 1;
        }
        const auto& png = drawn->png;
        const auto& printed = drawn->printed;
        for (const auto damage : tests::all_damages()) {
            auto photo =
                tests::damaged_photo(png, damage, o.seed + static_cast<std::uint32_t>(photos));
            if (!photo) {
                std::cerr << "ocr_bench: " << photo.error().message << "\n";
                return 1;
            }
            const std::string name = known.card.formatted_name() + " (" + design_name + ", " +
                                     std::string(tests::damage_name(damage)) + ")";
            if (!o.photos_dir.empty()) {
                std::ofstream(o.photos_dir + "/" + known.language + "-" +
                                  std::to_string(per_language_count[known.language]) + "-" +
                                  design_name + "-" + std::string(tests::damage_name(damage)) +
                                  ".jpg",
                              std::ios::binary)
                    << *photo;
            }
            ++photos;
            client::ocr::ScanOptions options;
            options.region = known.region;
            const double cpu_before = cpu_seconds();
            auto read = client::ocr::scan_card(recognizer, *photo, options);
            cpu_ms.push_back((cpu_seconds() - cpu_before) * 1000.0);
            if (!read) {
                std::cerr << "  " << name << ": " << read.error().message << "\n";
                for (const auto& f : printed) {
                    by_field[f.property].add(false);
                    by_damage[std::string(tests::damage_name(damage))].add(false);
                    by_language[known.language].add(false);
                    by_design[design_name].add(false);
                    all.add(false);
                }
                continue;
            }
            wall_ms.push_back(read->milliseconds);
            const auto score = tests::score_reading(printed, *read, known.region);
            for (const auto& f : score.fields) {
                by_field[f.property].add(f.right);
                by_damage[std::string(tests::damage_name(damage))].add(f.right);
                by_language[known.language].add(f.right);
                by_design[design_name].add(f.right);
                all.add(f.right);
                contact_fields += (f.property == "TEL" || f.property == "EMAIL") ? 1 : 0;
                if (o.verbose && !f.right)
                    std::cout << "  " << name << ": " << f.property << " '" << f.expected
                              << "' read '" << f.read << "'" << (f.doubtful ? " (doubtful)" : "")
                              << "\n";
            }
            missed += score.missed.size();
            for (const auto& wrong : score.silently_wrong)
                silently_wrong.push_back(name + ": " + wrong);
        }
    }

    std::cout << "\n"
              << photos << " photos: " << photos / tests::all_damages().size() << " cards (in the "
              << tests::card_designs().size() << " shipped designs in turn, 300 dpi) x "
              << tests::all_damages().size() << " kinds of damage\n";
    std::cout << "\nfields exactly right, per field:\n";
    for (const auto& [field, t] : by_field)
        std::printf("  %-16s %s\n", field.c_str(), t.text().c_str());
    std::cout << "per damage (none: the clean drawing, the baseline of this run):\n";
    for (const auto damage : tests::all_damages()) {
        const auto& t = by_damage[std::string(tests::damage_name(damage))];
        std::printf("  %-16s %s\n", std::string(tests::damage_name(damage)).c_str(),
                    t.text().c_str());
    }
    std::cout << "per language:\n";
    for (const auto& [language, t] : by_language)
        std::printf("  %-16s %s\n", language.c_str(), t.text().c_str());
    std::cout << "per design:\n";
    for (const auto& [design, t] : by_design)
        std::printf("  %-16s %s\n", design.c_str(), t.text().c_str());
    std::printf(
        "\nprocessor time per photo (one thread): median %.0f ms, 90th percentile %.0f ms, "
        "most %.0f ms\n",
        percentile(cpu_ms, 0.5), percentile(cpu_ms, 0.9), percentile(cpu_ms, 1.0));
    std::printf("wall time per photo on this (shared) machine: median %.0f ms\n",
                percentile(wall_ms, 0.5));
    if (!silently_wrong.empty()) {
        std::cout << "\nphone numbers and e-mail addresses read wrong without being doubtful:\n";
        for (const auto& line : silently_wrong)
            std::cout << "  " << line << "\n";
    }
    std::cout << "\naims:\n";
    std::printf("  at least 90%% of all fields exactly right: %.1f%% %s\n", all.percent(),
                std::string(bench::verdict(all.percent() >= 90.0)).c_str());
    std::printf(
        "  every phone number and e-mail right or doubtful: %zu read wrong silently "
        "(of %zu printed; %zu not read at all) %s\n",
        silently_wrong.size(), contact_fields, missed,
        std::string(bench::verdict(silently_wrong.empty())).c_str());
    std::printf("  under 2 s of processor time per photo (median): %.2f s %s\n",
                percentile(cpu_ms, 0.5) / 1000.0,
                std::string(bench::verdict(percentile(cpu_ms, 0.5) < 2000.0)).c_str());
    return 0;
}
