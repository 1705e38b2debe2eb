#include "bench/component_e2e.hpp"

#include <algorithm>
#include <cstdio>
#include <optional>
#include <thread>

#include "bench/card_copy.hpp"
#include "bench/e2e_flow.hpp"
#include "bench/forwarding_component.hpp"
#include "bench/proc_stats.hpp"
#include "bench/report.hpp"
#include "bench/server_under_test.hpp"
#include "bench/service_floor.hpp"
#include "bench/submit_stanzas.hpp"
#include "core/xml/writer.hpp"
#include "core/xmpp/namespaces.hpp"

namespace cardex::bench {
namespace {

constexpr double kTargetRatio = 0.5;  // cards/s over plain messages/s, same path
constexpr std::size_t kDistinctCards = 64;
constexpr std::size_t kMessageOverhead = 60;  // <message type to id><body></body></message>

// A flow and the CPU time the processes around it spent meanwhile.
struct Measured {
    FlowResult flow;
    double server_cpu = 0;
    double server_waited = 0;  // runnable, but no processor free
    double component_cpu = 0;
    std::string component_detail;  // per thread, for cardexd
};

double cpu_between(const std::optional<ProcessSample>& before,
                   const std::optional<ProcessSample>& after) {
    return before && after ? after->cpu_seconds - before->cpu_seconds : 0;
}

double waited_between(const std::optional<ProcessSample>& before,
                      const std::optional<ProcessSample>& after) {
    return before && after ? after->waited_seconds - before->waited_seconds : 0;
}

FlowSetup flow_setup(const ServerUnderTest& server, const BenchOptions& options,
                     const std::vector<vcard::Card>& cards) {
    FlowSetup setup;
    setup.submitter = server.submitter;
    setup.recipient = server.recipient;
    setup.service = server.service;
    setup.items = options.items;
    setup.window = options.e2e_window;
    setup.cards = &cards;
    const std::string recipient = bare_of(server.recipient.jid);
    const std::size_t submit_bytes =
        xml::to_string(
            submit_iq(cards.front(), "s0", "", server.service, recipient, ns::kClient, kSubmitForm),
            ns::kClient)
            .size();
    setup.body_bytes = submit_bytes - kMessageOverhead;  // a message as large as a submit
    return setup;
}

// A flow through the forwarding component: plain messages, or (with `copies`) the card-shaped
// reference (bench/forwarding_component.hpp).
Result<Measured> measure_forwarded(const ServerUnderTest& server, const FlowSetup& setup,
                                   std::vector<xml::Element> copies) {
    component::LinkConfig link;
    link.jid = server.service;
    link.server_host = server.host;
    link.server_port = server.component_port;
    link.secret = server.secret;
    ForwardingComponent forwarder(link, bare_of(server.recipient.jid));
    const FlowKind kind = copies.empty() ? FlowKind::plain : FlowKind::shaped;
    forwarder.answer_submits_with(std::move(copies));
    if (auto started = forwarder.start(std::chrono::seconds(15)); !started) return started.error();
    Measured m;
    const auto before = sample_process(server.pid);
    m.flow = run_flow(setup, kind);
    const auto after = sample_process(server.pid);
    forwarder.stop();
    m.server_cpu = cpu_between(before, after);
    m.server_waited = waited_between(before, after);
    m.component_cpu = forwarder.cpu_seconds();
    return m;
}

Result<Measured> measure_cards(const ServerUnderTest& server, const FlowSetup& setup,
                               const BenchOptions& options, const std::filesystem::path& dir) {
    auto cardexd = start_cardexd_for(server, options.cardexd, dir);
    if (!cardexd) return cardexd.error();
    Measured m;
    const auto before = sample_process(server.pid);
    const auto component_before = sample_process(cardexd->pid());
    m.flow = run_flow(setup, FlowKind::cards);
    const auto after = sample_process(server.pid);
    const auto component_after = sample_process(cardexd->pid());
    cardexd->stop(std::chrono::seconds(10));
    m.server_cpu = cpu_between(before, after);
    m.server_waited = waited_between(before, after);
    m.component_cpu = cpu_between(component_before, component_after);
    if (component_before && component_after)
        m.component_detail = describe_cpu(*component_before, *component_after);
    return m;
}

std::string percent_of(double cpu, double wall) {
    char text[32];
    std::snprintf(text, sizeof text, "%.2f s (%.0f%%)", cpu, wall > 0 ? 100 * cpu / wall : 0.0);
    return text;
}

// Where the time went: each process's CPU over the flow, and per item.
void print_cpu(const Measured& m, const ServerUnderTest& server, const char* component) {
    const FlowResult& f = m.flow;
    const double busy = m.server_cpu + m.component_cpu + f.submitter_cpu + f.recipient_cpu;
    std::printf(
        "      CPU during the %.2f s: %s %s +%.2f s waiting for a core, %s %s, submitter client "
        "%s, recipient client %s; together %.2f of %u cores\n",
        f.seconds, server.name.c_str(), percent_of(m.server_cpu, f.seconds).c_str(),
        m.server_waited, component, percent_of(m.component_cpu, f.seconds).c_str(),
        percent_of(f.submitter_cpu, f.seconds).c_str(),
        percent_of(f.recipient_cpu, f.seconds).c_str(), busy / f.seconds,
        std::thread::hardware_concurrency());
    const double n = static_cast<double>(f.received);
    std::printf(
        "      per item: %.1f stanzas through %s; CPU %s %.2f ms, %s %.2f ms, clients %.2f ms\n",
        static_cast<double>(f.client_stanzas) / n, server.name.c_str(), server.name.c_str(),
        1000 * m.server_cpu / n, component, 1000 * m.component_cpu / n,
        1000 * (f.submitter_cpu + f.recipient_cpu) / n);
    if (!m.component_detail.empty())
        std::printf("      %s: %s\n", component, m.component_detail.c_str());
}

void print_measured(const char* what, const char* unit, const Measured& m,
                    const ServerUnderTest& server, const char* component) {
    const FlowResult& f = m.flow;
    std::printf("    %-46s %7s %s/s   (stanza %s bytes", what, grouped(f.steady_rate).c_str(), unit,
                grouped(static_cast<double>(f.stanza_bytes)).c_str());
    if (f.answered + f.errors > 0)
        std::printf("; %s results, %s errors%s%s", grouped(static_cast<double>(f.answered)).c_str(),
                    grouped(static_cast<double>(f.errors)).c_str(),
                    f.first_error.empty() ? "" : ", first: ", f.first_error.c_str());
    std::printf(")\n");
    if (f.text_copies > 0)
        std::printf("      %s of %s copies carried the card as text (the recipient's sync asked)\n",
                    grouped(static_cast<double>(f.text_copies)).c_str(),
                    grouped(static_cast<double>(f.copies)).c_str());
    if (!f.problem.empty())
        std::printf("      the flow ended early (%s of %s received): %s\n",
                    grouped(static_cast<double>(f.received)).c_str(),
                    grouped(static_cast<double>(f.sent)).c_str(), f.problem.c_str());
    if (f.received >= 2 && f.seconds > 0) print_cpu(m, server, component);
}

// One kind of flow, summed over the rounds so far: its rate, and the CPU per item of the
// server, of the component and of both clients, in seconds.
struct KindSums {
    double rate = 0;
    double server_cpu = 0;
    double component_cpu = 0;
    double clients_cpu = 0;

    void add(const Measured& m) {
        rate += m.flow.steady_rate;
        if (m.flow.received == 0) return;
        const double n = static_cast<double>(m.flow.received);
        server_cpu += m.server_cpu / n;
        component_cpu += m.component_cpu / n;
        clients_cpu += (m.flow.submitter_cpu + m.flow.recipient_cpu) / n;
    }
    double all_cpu() const { return server_cpu + component_cpu + clients_cpu; }
    // What the stanzas cost, whichever component answers them.
    double stanzas_cpu() const { return server_cpu + clients_cpu; }
};

// Each kind of flow, summed over the rounds so far.
struct RoundRates {
    KindSums plain;
    KindSums shaped;
    KindSums cards;
};

// One round: a plain flow, the card-shaped reference, then a card flow through a fresh
// cardexd. Adds their rates to `rates`; false when one did not run to its end.
bool run_round(const ServerUnderTest& server, const FlowSetup& setup, const BenchOptions& options,
               const std::vector<xml::Element>& copies, const std::filesystem::path& dir,
               RoundRates& rates) {
    auto plain = measure_forwarded(server, setup, {});
    if (!plain) {
        std::printf("    plain messages: not measured: %s\n", plain.error().message.c_str());
        return false;
    }
    print_measured("plain messages, trivial forwarding component", "msg", *plain, server,
                   "forwarder");
    auto shaped = measure_forwarded(server, setup, copies);
    if (!shaped) {
        std::printf("    card-shaped reference: not measured: %s\n",
                    shaped.error().message.c_str());
        return false;
    }
    print_measured("card-shaped: submits answered, copies sent", "item", *shaped, server,
                   "forwarder");
    auto card = measure_cards(server, setup, options, dir);
    if (!card) {
        std::printf("    cards: not measured: %s\n", card.error().message.c_str());
        return false;
    }
    print_measured("cards through cardexd, acked by the recipient", "card", *card, server,
                   "cardexd");
    const auto ratio = [&](const Measured& reference) {
        return reference.flow.steady_rate > 0 ? card->flow.steady_rate / reference.flow.steady_rate
                                              : 0;
    };
    std::printf("    this round: cards / plain messages = %.2f, cards / card-shaped = %.2f\n",
                ratio(*plain), ratio(*shaped));
    rates.plain.add(*plain);
    rates.shaped.add(*shaped);
    rates.cards.add(*card);
    return plain->flow.problem.empty() && shaped->flow.problem.empty() &&
           card->flow.problem.empty() && card->flow.errors == 0;
}

// The copies the card-shaped reference sends: cardexd's, for every card of the pool.
std::vector<xml::Element> shaped_copies(const ServerUnderTest& server,
                                        const std::vector<vcard::Card>& cards) {
    const auto service = xmpp::Jid::parse(server.service);
    const auto submitter = xmpp::Jid::parse(bare_of(server.submitter.jid));
    const auto recipient = xmpp::Jid::parse(bare_of(server.recipient.jid));
    std::vector<xml::Element> copies;
    if (!service || !submitter || !recipient) return copies;
    for (const auto& card : cards)
        copies.push_back(card_copy(card, *service, *submitter, *recipient, ns::kComponentAccept));
    return copies;
}

// What the CPU per item lets cards reach against plain messages, by whichever bound holds: a
// server that keeps one core busy while the rest waits bounds the ratio by its own CPU per
// item; when the server, the component and the clients keep both cores busy, all of their
// CPU per item bounds it.
void print_cpu_bounds(const ServerUnderTest& server, const RoundRates& rates, double rounds) {
    const auto& [plain, shaped, card] = rates;
    const auto ms = [rounds](double sum) { return 1000 * sum / rounds; };
    std::printf(
        "    CPU per item, means: plain %.2f ms (%s %.2f), card-shaped %.2f ms (%s %.2f), card "
        "%.2f ms (%s %.2f); so cards / plain at most %.2f while %s alone is the bound, %.2f "
        "while the %u cores together are\n",
        ms(plain.all_cpu()), server.name.c_str(), ms(plain.server_cpu), ms(shaped.all_cpu()),
        server.name.c_str(), ms(shaped.server_cpu), ms(card.all_cpu()), server.name.c_str(),
        ms(card.server_cpu), card.server_cpu > 0 ? plain.server_cpu / card.server_cpu : 0,
        server.name.c_str(), card.all_cpu() > 0 ? plain.all_cpu() / card.all_cpu() : 0,
        std::thread::hardware_concurrency());
}

// The same bounds for any service of this protocol: its card costs at least the card-shaped
// reference's stanzas (the server's and the clients' CPU for them) and the work no service can
// leave out (`floor`), which stands in for the forwarder's.
void print_any_service_bounds(const ServerUnderTest& server, const RoundRates& rates, double rounds,
                              const ServiceFloor& floor) {
    if (!floor.problem.empty()) {
        std::printf("    what any service could reach: not measured (%s)\n\n",
                    floor.problem.c_str());
        return;
    }
    const auto& [plain, shaped, card] = rates;
    const double stanzas = shaped.stanzas_cpu() / rounds;
    const double plain_all = plain.all_cpu() / rounds;
    // What the card flows' acks and receipts cost the server and the clients beyond the
    // card-shaped flows, which have none.
    const double acks = (card.stanzas_cpu() - shaped.stanzas_cpu()) / rounds;
    // All the card flows cost but the service's own CPU: a bound no service can pass while the
    // server and the clients do what they do there.
    const double card_stanzas = card.stanzas_cpu() / rounds;
    const auto at_most = [&](double per_card) { return plain_all / (stanzas + per_card); };
    std::printf(
        "    any service of this protocol: at least the card-shaped CPU per item without its "
        "forwarder plus Expat's parse and SQLite's row, %.2f ms; so cards / plain at most "
        "%.2f while %s alone is the bound, %.2f while the %u cores together are; %.2f while "
        "they are for one that reads and checks each card as cardexd does (%.2f ms), %.2f with "
        "the acks and receipts as they cost %s and the clients in the card flows (+%.2f ms); "
        "%.2f for a service that cost no CPU at all, with %s and the clients as in the card "
        "flows (%.2f ms)\n\n",
        1000 * (stanzas + floor.per_card()),
        shaped.server_cpu > 0 ? plain.server_cpu / shaped.server_cpu : 0, server.name.c_str(),
        at_most(floor.per_card()), std::thread::hardware_concurrency(),
        at_most(floor.checked_per_card()), 1000 * (stanzas + floor.checked_per_card()),
        at_most(floor.checked_per_card() + std::max(0.0, acks)), server.name.c_str(), 1000 * acks,
        card_stanzas > 0 ? plain_all / card_stanzas : 0, server.name.c_str(), 1000 * card_stanzas);
}

bool run_server(const ServerUnderTest& server, const BenchOptions& options,
                const std::vector<vcard::Card>& cards, const ServiceFloor& floor,
                const std::filesystem::path& dir) {
    const FlowSetup setup = flow_setup(server, options, cards);
    std::printf("  %s (%s): %s -> %s -> %s\n", server.name.c_str(), server.domain.c_str(),
                server.submitter.jid.c_str(), server.service.c_str(), server.recipient.jid.c_str());
    const auto copies = shaped_copies(server, cards);
    RoundRates rates;
    for (int round = 1; round <= options.e2e_rounds; ++round) {
        std::printf("   round %d of %d\n", round, options.e2e_rounds);
        const auto round_dir = dir / ("cardexd-" + server.domain + "-" + std::to_string(round));
        if (!run_round(server, setup, options, copies, round_dir, rates)) return false;
    }
    const double rounds = options.e2e_rounds;
    const auto& [plain, shaped, card] = rates;
    const double ratio = plain.rate > 0 ? card.rate / plain.rate : 0;
    std::printf(
        "    cards / plain messages = %.2f (%s card/s against %s msg/s, the means of %d "
        "rounds)   target >= %.2f: %s\n",
        ratio, grouped(card.rate / rounds).c_str(), grouped(plain.rate / rounds).c_str(),
        options.e2e_rounds, kTargetRatio, std::string(verdict(ratio >= kTargetRatio)).c_str());
    std::printf(
        "    cards / card-shaped = %.2f (%s item/s); card-shaped / plain = %.2f: what a "
        "card's three stanzas cost %s as they are, apart from cardexd, acks and "
        "receipts\n",
        shaped.rate > 0 ? card.rate / shaped.rate : 0, grouped(shaped.rate / rounds).c_str(),
        plain.rate > 0 ? shaped.rate / plain.rate : 0, server.name.c_str());
    print_cpu_bounds(server, rates, rounds);
    print_any_service_bounds(server, rates, rounds, floor);
    return true;
}

}  // namespace

int run_e2e(const BenchOptions& options) {
    auto accounts = FederationAccounts::load(options.accounts);
    if (!accounts) return std::fprintf(stderr, "%s\n", accounts.error().message.c_str()), 1;
    auto dir = make_work_dir(options.work_dir, "e2e");
    if (!dir) return std::fprintf(stderr, "%s\n", dir.error().message.c_str()), 1;
    const auto cards = cards_of_size(kDistinctCards, options.card_bytes, options.seed);
    const ServiceFloor floor = measure_service_floor(cards, "cards.a.test", *dir);
    std::printf(
        "(b) end to end over c2s TLS: submitter -> server -> component -> server -> "
        "recipient; %s items per flow, at most %s in flight; rates at the recipient "
        "after the first tenth; %d rounds of a plain flow, a card-shaped one and a card flow, so "
        "that the machine drifting in speed falls on every kind\n",
        grouped(static_cast<double>(options.items)).c_str(),
        grouped(static_cast<double>(options.e2e_window)).c_str(), options.e2e_rounds);
    if (floor.problem.empty()) {
        std::printf(
            "  the work no service can leave out, measured alone on these cards: Expat's parse of "
            "a submit %.1f µs, SQLite alone's row %.1f µs of CPU (%s rows per commit); cardexd's "
            "reading and checking of a submit (stream parser, typed decode) %.1f µs\n",
            1e6 * floor.parse_seconds, 1e6 * floor.store_seconds,
            grouped(static_cast<double>(floor.rows_per_commit)).c_str(), 1e6 * floor.check_seconds);
    }
    const bool all =
        for_each_server(*accounts, options.servers, [&](const ServerUnderTest& server) {
            return run_server(server, options, cards, floor, *dir);
        });
    if (!options.keep) std::filesystem::remove_all(*dir);
    return all ? 0 : 1;
}

}  // namespace cardex::bench
