#include "bench/service_floor.hpp"

#include <ctime>

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

// The submits in a component stream, as cardexd receives them from its server.
std::string submit_stream(const std::vector<vcard::Card>& cards, std::string_view service) {
    std::string stream =
        "<stream:stream xmlns='jabber:component:accept' "
        "xmlns:stream='http://etherx.jabber.org/streams' from='a.test' id='x'>";
    for (std::size_t k = 0; k < kStanzas; ++k) {
        const auto n = std::to_string(k);
        stream +=
            xml::to_string(submit_iq(cards[k % cards.size()], "s" + n, "user" + n + "@a.test/r",
                                     service, "rcpt@a.test", ns::kComponentAccept, kSubmitForm),
                           ns::kComponentAccept);
    }
    return stream + "</stream:stream>";
}

// CPU time of the calling thread, user and system, in seconds.
double thread_cpu_seconds() {
    timespec t{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
    return static_cast<double>(t.tv_sec) + static_cast<double>(t.tv_nsec) / 1e9;
}

}  // namespace

ServiceFloor measure_service_floor(const std::vector<vcard::Card>& cards, std::string_view service,
                                   const std::filesystem::path& dir) {
    ServiceFloor floor;
    if (cards.empty()) return floor.problem = "no cards", floor;
    const std::string stream = submit_stream(cards, service);
    for (const auto& c : measure_parsing(stream, kStanzas, cards, kRuns)) {
        if (!c.problem.empty() || c.stanzas_per_second <= 0) {
            if (c.what.starts_with("Expat") || c.what.find("typed decode") != std::string::npos)
                return floor.problem = c.what + ": " + c.problem, floor;
            continue;
        }
        if (c.what.starts_with("Expat")) floor.parse_seconds = 1 / c.stanzas_per_second;
        if (c.what.find("typed decode") != std::string::npos)
            floor.check_seconds = 1 / c.stanzas_per_second;
    }
    if (floor.parse_seconds <= 0 || floor.check_seconds <= 0)
        return floor.problem = "the parsers were not measured", floor;
    std::vector<std::string> blobs;
    for (const auto& card : cards)
        blobs.push_back(xml::to_string(vcard::card_to_xml(card)));
    // CPU, not wall time: waiting for the disk leaves the cores to the others.
    const double cpu_before = thread_cpu_seconds();
    auto stored = measure_storage(dir, blobs, kRows, kRowsPerCommit, kMaxStoreSeconds);
    const double cpu = thread_cpu_seconds() - cpu_before;
    if (!stored) return floor.problem = "SQLite: " + stored.error().message, floor;
    if (stored->rows == 0) return floor.problem = "SQLite stored no row", floor;
    floor.store_seconds = cpu / static_cast<double>(stored->rows);
    floor.rows_per_commit = kRowsPerCommit;
    return floor;
}

}  // namespace cardex::bench
