// The work no card service can leave out, measured alone on this machine: reading each submit
// (Expat with empty handlers, namespaces on, over the submit stanzas the end-to-end flows send)
// and storing its card durably (SQLite alone, one row per card, 2,048 rows per commit, as the
// alone part measures it; its CPU time, since waiting for the disk leaves the cores to the
// others). Added to the card-shaped reference's CPU per item in place of its forwarder's, it
// gives what any service of this protocol could reach at best end to end. Beside it, cardexd's
// own reading and checking of a submit (our stream parser and the typed decode of the submit
// and its card, on the same stanzas): in place of Expat's parse, it gives what a service that
// checks every card as cardexd does could reach.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "core/vcard/card.hpp"

namespace cardex::bench {

struct ServiceFloor {
    double parse_seconds = 0;  // per card, Expat's
    double check_seconds = 0;  // per card, our stream parser and typed decode
    double store_seconds = 0;  // CPU per card, SQLite's
    std::size_t rows_per_commit = 0;
    std::string problem;  // why it was not measured; empty when it was

    double per_card() const { return parse_seconds + store_seconds; }
    double checked_per_card() const { return check_seconds + store_seconds; }
};

// Measures on `cards` sent as the end-to-end flows send them, to `service`; SQLite's database
// goes under `dir` and is deleted afterwards.
ServiceFloor measure_service_floor(const std::vector<vcard::Card>& cards, std::string_view service,
                                   const std::filesystem::path& dir);

}  // namespace cardex::bench
