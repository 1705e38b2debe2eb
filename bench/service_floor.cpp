#include "bench/service_floor.hpp"

#include "bench/e2e_flow.hpp"
#include "bench/parse_ceiling.hpp"
#include "bench/storage_ceiling.hpp"
#include "bench/submit_stanzas.hpp"
#include "core/vcard/writer.hpp"
#include "core/xml/writer.hpp"
#include "core/xmpp/namespaces.hpp"

namespace cardex::bench {
namespace {

constexpr std::size_t kStanzas = 4'000;
constexpr int kRuns = 3;
constexpr std::size_t kRows = 20'000;
constexpr std::size_t kRowsPerCommit = 2'048;
constexpr double kMaxStoreSeconds = 10.0;

// The submits as the end-to-end flows send them, written for cardexd's component stream.
std::string submits(const std::vector<vcard::Card>& cards, std::string_view service) {
    std::string text;
    for (std::size_t k = 0; k < kStanzas; ++k) {
        const auto n = std::to_string(k);
        text += xml::to_string(submit_iq(cards[k % cards.size()], "s" + n, "user" + n + "@a.test/r",
                                         service, "rcpt@a.test", ns::kComponentAccept, kSubmitForm),
                               ns::kComponentAccept);
    }
    return text;
}

}  // namespace

ServiceFloor measure_service_floor(const std::vector<vcard::Card>& cards, std::string_view service,
                                   const std::filesystem::path& dir) {
    ServiceFloor floor;
    if (cards.empty()) return floor.problem = "no cards", floor;
    for (const auto& c : measure_parsing(submits(cards, service), kStanzas, cards, kRuns)) {
        if (c.stage != ParseStage::expat && c.stage != ParseStage::checked) continue;
        if (!c.problem.empty()) return floor.problem = c.what + ": " + c.problem, floor;
        if (c.stanzas_per_second <= 0) continue;
        if (c.stage == ParseStage::expat) floor.parse_seconds = 1 / c.stanzas_per_second;
        if (c.stage == ParseStage::checked) floor.check_seconds = 1 / c.stanzas_per_second;
    }
    if (floor.parse_seconds <= 0 || floor.check_seconds <= 0)
        return floor.problem = "the parsers were not measured", floor;
    std::vector<std::string> blobs;
    for (const auto& card : cards)
        blobs.push_back(xml::to_string(vcard::card_to_xml(card)));
    auto stored = measure_storage(dir, blobs, kRows, kRowsPerCommit, kMaxStoreSeconds);
    if (!stored) return floor.problem = "SQLite: " + stored.error().message, floor;
    if (stored->rows == 0) return floor.problem = "SQLite stored no row", floor;
    floor.store_seconds = stored->cpu_per_row();  // waiting for the disk leaves the cores free
    floor.rows_per_commit = kRowsPerCommit;
    return floor;
}

}  // namespace cardex::bench
