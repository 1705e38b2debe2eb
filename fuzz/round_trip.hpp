// What every fuzz target checks after a reader has accepted an input, for each card it read:
//  1. written as vCard 4.0 and read again, it gives exactly one card and no error;
//  2. that card has the same properties (group and name) in the same order, apart from an FN
//     the writer adds to a card without one: nothing lost, split or injected;
//  3. the card read back survives a second write and read unchanged: once our own 4.0 text
//     reader has produced it, writing and reading lose nothing;
//  and, for xCard and jCard, 1 and 2 again through the reader's own format.
// A failure prints what was written and read and aborts, so libFuzzer keeps the input: silent
// corruption becomes a finding.
#pragma once

#include <cstdio>
#include <cstdlib>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "core/vcard/reader.hpp"
#include "core/vcard/writer.hpp"

namespace cardex::fuzz {

using Writer = std::function<std::string(const vcard::Card&)>;
using Reader = std::function<vcard::ReadResult(std::string_view)>;

inline std::string property_list(const vcard::Card& card) {
    std::string out;
    for (const vcard::Property& p : card.properties) {
        out += (p.group.empty() ? "" : p.group + ".") + p.name + " ";
    }
    return out;
}

inline std::string describe(const vcard::Property& p) {
    std::string out = (p.group.empty() ? "" : p.group + ".") + p.name + " (" + p.value_type + ")";
    for (const auto& param : p.params) {
        out += " " + param.name + "=";
        for (const auto& v : param.values)
            out += "[" + v + "]";
    }
    out += " value:";
    for (const auto& component : p.components) {
        out += " {";
        for (const auto& item : component)
            out += "[" + item + "]";
        out += "}";
    }
    return out;
}

// The first property that differs between two cards, for the failure message.
inline std::string first_difference(const vcard::Card& a, const vcard::Card& b) {
    for (std::size_t i = 0; i < a.properties.size() && i < b.properties.size(); ++i) {
        if (!(a.properties[i] == b.properties[i])) {
            return "before: " + describe(a.properties[i]) +
                   "\nafter:  " + describe(b.properties[i]);
        }
    }
    return "property counts differ: " + std::to_string(a.properties.size()) + " and " +
           std::to_string(b.properties.size());
}

[[noreturn]] inline void fail(std::string_view what, std::string_view written,
                              const vcard::ReadResult& reread, const vcard::Card& original) {
    std::fprintf(stderr, "round trip failed: %.*s\n", static_cast<int>(what.size()), what.data());
    std::fprintf(stderr, "--- properties before: %s\n", property_list(original).c_str());
    std::fprintf(stderr, "--- written ---\n%.*s\n", static_cast<int>(written.size()),
                 written.data());
    std::fprintf(stderr, "--- read again: %zu cards, %zu errors\n", reread.cards.size(),
                 reread.errors.size());
    for (const auto& error : reread.errors)
        std::fprintf(stderr, "  %s\n", error.message.c_str());
    if (!reread.cards.empty()) {
        std::fprintf(stderr, "--- properties after: %s\n", property_list(reread.cards[0]).c_str());
    }
    std::abort();
}

// True when `after` has the properties of `before` (group and name, in order), allowing one FN
// the writer added to a card that had none.
inline bool same_properties(const vcard::Card& before, const vcard::Card& after) {
    auto key = [](const vcard::Property& p) { return p.group + "." + p.name; };
    std::vector<std::string> a, b;
    for (const auto& p : before.properties)
        a.push_back(key(p));
    for (const auto& p : after.properties)
        b.push_back(key(p));
    if (a == b) return true;
    if (before.first("FN") || !after.first("FN")) return false;
    std::erase(b, "." + std::string("FN"));
    return a == b;
}

// Writes `card` with `write` and reads it with `read`; returns the card read, or aborts.
inline vcard::Card round_trip(std::string_view what, const vcard::Card& card, const Writer& write,
                              const Reader& read) {
    const std::string written = write(card);
    const vcard::ReadResult reread = read(written);
    if (reread.cards.size() != 1 || !reread.errors.empty()) fail(what, written, reread, card);
    if (!same_properties(card, reread.cards[0])) {
        fail(std::string(what) + ": properties lost, split or added", written, reread, card);
    }
    return reread.cards[0];
}

inline void check_round_trips(const vcard::ReadResult& first, const Writer& write_own = {},
                              const Reader& read_own = {}) {
    const Writer write_v40 = [](const vcard::Card& c) {
        return vcard::write_vcard_text(c, vcard::Version::v40);
    };
    const Reader read_text = [](std::string_view b) { return vcard::read_vcard_text(b); };
    for (const vcard::Card& card : first.cards) {
        const vcard::Card once = round_trip("vCard 4.0", card, write_v40, read_text);
        const std::string written = write_v40(once);
        const vcard::ReadResult twice = read_text(written);
        if (twice.cards.size() == 1 && !(twice.cards[0] == once)) {
            std::fprintf(stderr, "%s\n", first_difference(once, twice.cards[0]).c_str());
        }
        if (twice.cards.size() != 1 || !(twice.cards[0] == once)) {
            fail("vCard 4.0 a second time: the card read back changed", written, twice, once);
        }
        if (write_own) round_trip("its own format", card, write_own, read_own);
    }
}

}  // namespace cardex::fuzz
