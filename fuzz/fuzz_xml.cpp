// libFuzzer target: the XML parser that reads the network.
//  1. The input as one document (xml::parse_document): when it parses, it is written
//     (xml::to_string) and parsed again, and must come back unchanged.
//  2. The input as an XMPP stream (xml::StreamParser::feed), cut into up to eight pieces where
//     the fuzzer chose: the pieces must give the same events, and the same error or none, as
//     the whole input fed at once.
// Events are compared by kind and, where their type can be compared, by value, so the target
// does not depend on which kinds of event StreamEvent has. A failure prints what differs and
// aborts, so libFuzzer keeps the input.
#include <fuzzer/FuzzedDataProvider.h>

#include <algorithm>
#include <concepts>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "core/xml/parser.hpp"
#include "core/xml/writer.hpp"

namespace {

using namespace cardex;

[[noreturn]] void fail(std::string_view what, std::string_view detail) {
    std::fprintf(stderr, "%.*s\n%.*s\n", static_cast<int>(what.size()), what.data(),
                 static_cast<int>(detail.size()), detail.data());
    std::abort();
}

void check_document(std::string_view text, const xml::ParseLimits& limits) {
    auto document = xml::parse_document(text, limits);
    if (!document) return;
    const std::string written = xml::to_string(*document);
    xml::ParseLimits generous = limits;
    generous.max_element_bytes = 16u << 20;  // escaping makes the text longer
    auto again = xml::parse_document(written, generous);
    if (!again) fail("a written document does not parse: " + again.error().message, written);
    if (!(*again == *document)) {
        fail("a document changed when written and parsed again; written:",
             written + "\nwritten again:\n" + xml::to_string(*again));
    }
}

struct Stream {
    std::vector<xml::StreamEvent> events;
    bool failed = false;
};

Stream feed(const xml::ParseLimits& limits, const std::vector<std::string_view>& pieces) {
    xml::StreamParser parser(limits);
    Stream stream;
    for (std::string_view piece : pieces) {
        xml::FeedResult result = parser.feed(piece);
        for (auto& event : result.events)
            stream.events.push_back(std::move(event));
        if (result.error) {
            stream.failed = true;
            break;  // a broken stream is fed no more
        }
    }
    return stream;
}

template <class T>
bool same_value(const T& a, const T& b) {
    if constexpr (std::equality_comparable<T>) {
        return a == b;
    } else {
        return true;  // a kind of event without ==: its kind is compared
    }
}

bool same_event(const xml::StreamEvent& a, const xml::StreamEvent& b) {
    if (a.index() != b.index()) return false;
    return std::visit(
        [&b](const auto& value) {
            using T = std::decay_t<decltype(value)>;
            return same_value(value, std::get<T>(b));
        },
        a);
}

void check_stream(std::string_view text, const xml::ParseLimits& limits,
                  std::vector<std::size_t> cuts) {
    for (auto& cut : cuts)
        cut %= text.size() + 1;
    std::sort(cuts.begin(), cuts.end());
    std::vector<std::string_view> pieces;
    std::size_t start = 0;
    for (std::size_t cut : cuts) {
        pieces.push_back(text.substr(start, cut - start));
        start = cut;
    }
    pieces.push_back(text.substr(start));
    const Stream whole = feed(limits, {text});
    const Stream cut = feed(limits, pieces);
    const std::string counts = "fed at once: " + std::to_string(whole.events.size()) + " events" +
                               (whole.failed ? ", then an error" : "") + "; in " +
                               std::to_string(pieces.size()) +
                               " pieces: " + std::to_string(cut.events.size()) + " events" +
                               (cut.failed ? ", then an error" : "");
    if (whole.events.size() != cut.events.size() || whole.failed != cut.failed)
        fail("the stream parser depends on where the input is cut", counts);
    for (std::size_t i = 0; i < whole.events.size(); ++i) {
        if (!same_event(whole.events[i], cut.events[i]))
            fail("the stream parser depends on where the input is cut",
                 counts + "; event " + std::to_string(i + 1) + " differs");
    }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    FuzzedDataProvider provider(data, size);
    // The choices come from the end of the input, the text is the rest.
    std::vector<std::size_t> cuts(provider.ConsumeIntegralInRange<std::size_t>(0, 7));
    for (auto& cut : cuts)
        cut = provider.ConsumeIntegral<std::uint16_t>();
    xml::ParseLimits limits;
    limits.allow_comments = provider.ConsumeBool();
    const std::string text = provider.ConsumeRemainingBytesAsString();
    check_document(text, limits);
    check_stream(text, limits, std::move(cuts));
    return 0;
}
