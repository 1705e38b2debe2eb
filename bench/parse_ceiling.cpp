#include "bench/parse_ceiling.hpp"

#include <algorithm>
#include <chrono>
#include <functional>

#include "bench/reference_parsers.hpp"
#include "bench/report.hpp"
#include "core/protocol/delivery.hpp"
#include "core/protocol/fallback.hpp"
#include "core/protocol/service_messages.hpp"
#include "core/xml/parser.hpp"
#include "core/xml/writer.hpp"
#include "core/xmpp/namespaces.hpp"
#include "core/xmpp/stanza.hpp"

namespace cardex::bench {
namespace {

constexpr std::size_t kChunk = 64 * 1024;  // what cardexd's link reads at a time

// Feeds the stream to our parser as cardexd does; `on_stanza` sees every stanza. Returns the
// number of stanzas, or 0 on a parse error.
std::size_t feed_stream(std::string_view stream,
                        const std::function<bool(xml::Element&)>& on_stanza) {
    xml::StreamParser parser;
    std::size_t stanzas = 0;
    for (std::size_t at = 0; at < stream.size(); at += kChunk) {
        auto fed = parser.feed(stream.substr(at, kChunk));
        if (fed.error) return 0;
        for (auto& event : fed.events) {
            if (auto* stanza = std::get_if<xml::Element>(&event)) {
                if (!on_stanza(*stanza)) return 0;
                ++stanzas;
            }
        }
    }
    return stanzas;
}

// As cardexd does: the payload is taken out of the stanza, not copied.
bool decode_submit(xml::Element& stanza) {
    auto iq = xmpp::parse_iq(std::move(stanza));
    if (!iq || !iq->payload) return false;
    return protocol::parse_submit(*iq->payload).ok();
}

// The delivery message and the IQ result cardexd writes for one card.
std::size_t write_outputs(const vcard::Card& card, std::size_t k) {
    const auto service = *xmpp::Jid::parse("cards.a.test");
    protocol::DeliveryMessage message;
    message.delivery.id = "q_hSqA3BisCUnE40Cp" + std::to_string(k);
    message.delivery.from = *xmpp::Jid::parse("user" + std::to_string(k % 1000) + "@a.test");
    message.delivery.stamp =
        std::chrono::time_point_cast<std::chrono::milliseconds>(std::chrono::system_clock::now());
    message.delivery.card = card;
    message.envelope.from = service;
    message.envelope.to = *xmpp::Jid::parse("rcpt" + std::to_string(k % 10000) + "@a.test");
    message.envelope.id = message.delivery.id + ".n0nce";
    message.envelope.body = protocol::delivery_body(message.delivery, card.formatted_name());
    const std::string text = xml::to_string(protocol::build_message(message, ns::kComponentAccept),
                                            ns::kComponentAccept);
    protocol::Submitted submitted;
    submitted.deliveries.push_back({message.delivery.id, message.envelope.to});
    xmpp::Iq result;
    result.type = xmpp::IqType::result;
    result.id = "b" + std::to_string(k);
    result.from = service;
    result.to = message.delivery.from;
    result.payload = protocol::serialize(submitted);
    return text.size() +
           xml::to_string(serialize(result, ns::kComponentAccept), ns::kComponentAccept).size();
}

ParseCeiling measure(ParseStage stage, std::string what, std::string_view stream, std::size_t count,
                     int runs, const std::function<std::size_t()>& work) {
    ParseCeiling c;
    c.stage = stage;
    c.what = std::move(what);
    std::size_t done = 0;
    const double seconds = median_seconds(runs, [&] { done = work(); });
    if (done != count) {
        c.problem = "went through " + std::to_string(done) + " of " + std::to_string(count);
        return c;
    }
    c.stanzas_per_second = static_cast<double>(count) / seconds;
    c.mb_per_second = static_cast<double>(stream.size()) / 1e6 / seconds;
    return c;
}

}  // namespace

std::vector<ParseCeiling> measure_parsing(std::string_view stanzas, std::size_t count,
                                          const std::vector<vcard::Card>& cards, int runs) {
    const std::string stream =
        "<stream:stream xmlns='jabber:component:accept' "
        "xmlns:stream='http://etherx.jabber.org/streams' from='a.test' "
        "id='x'>" +
        std::string(stanzas) + "</stream:stream>";
    std::vector<ParseCeiling> out;
    out.push_back(
        measure(ParseStage::expat, "Expat, namespaces on, empty handlers", stream, count, runs,
                [&] { return expat_parse(stream, ExpatMode::namespaces_empty) ? count : 0; }));
    out.push_back(measure(ParseStage::tree, "our stream parser (xml::Element per stanza)", stream,
                          count, runs,
                          [&] { return feed_stream(stream, [](xml::Element&) { return true; }); }));
    out.push_back(measure(ParseStage::checked, "  + typed decode (parse_iq, parse_submit, vCard)",
                          stream, count, runs, [&] { return feed_stream(stream, decode_submit); }));
    std::size_t written = 0;
    auto writing =
        measure(ParseStage::written, "delivery message + IQ result written (build, serialise)",
                stream, count, runs, [&] {
                    written = 0;
                    for (std::size_t k = 0; k < count; ++k)
                        written += write_outputs(cards[k % cards.size()], k);
                    return count;
                });
    writing.mb_per_second = 0;  // the input size says nothing here
    out.push_back(std::move(writing));
    return out;
}

}  // namespace cardex::bench
