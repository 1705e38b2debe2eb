// libFuzzer target: the XML parser that reads the network.
//  1. The input as one document (xml::parse_document): when it parses, it is written
//     (xml::to_string) and parsed again, and must come back unchanged.
//  2. The input as an XMPP stream (xml::StreamParser::feed), cut into up to eight pieces where
//     the fuzzer chose: the pieces must give the same events, and the same error or none, as
//     the whole input fed at once.
// Events are compared in full, skipped stanzas (head and reason) included. The limits (stanza
// bytes, depth and the ceiling on what a stream may hold of one stanza) come from the input
// too, small enough that inputs of the fuzzing length reach them: a stanza skipped for its
// size or depth, and a stream that breaks at the ceiling, must not depend on the cuts either.
// A failure prints what differs and aborts, so libFuzzer keeps the input.
#include <fuzzer/FuzzedDataProvider.h>

#include <algorithm>
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
    const std::string counts =
        "limits: " + std::to_string(limits.max_element_bytes) + " bytes, depth " +
        std::to_string(limits.max_depth) + ", ceiling " + std::to_string(limits.max_skipped_bytes) +
        "; fed at once: " + std::to_string(whole.events.size()) + " events" +
        (whole.failed ? ", then an error" : "") + "; in " + std::to_string(pieces.size()) +
        " pieces: " + std::to_string(cut.events.size()) + " events" +
        (cut.failed ? ", then an error" : "");
    if (whole.events.size() != cut.events.size() || whole.failed != cut.failed)
        fail("the stream parser depends on where the input is cut", counts);
    for (std::size_t i = 0; i < whole.events.size(); ++i) {
        if (!(whole.events[i] == cut.events[i]))
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
    // A stanza of up to 4 KiB, up to 70 levels (the default is 64), a ceiling of up to 16 KiB
    // (and at least 4 * the stanza bytes, as the parser takes it).
    limits.max_element_bytes = provider.ConsumeIntegralInRange<std::size_t>(1, 4096);
    limits.max_depth = provider.ConsumeIntegralInRange<std::size_t>(1, 70);
    limits.max_skipped_bytes = provider.ConsumeIntegralInRange<std::size_t>(0, 16384);
    const std::string text = provider.ConsumeRemainingBytesAsString();
    check_document(text, limits);
    check_stream(text, limits, std::move(cuts));
    return 0;
}
