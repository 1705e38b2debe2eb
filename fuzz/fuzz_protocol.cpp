// libFuzzer target: the codecs of the protocol (core/protocol) and the XMPP stanzas around
// them, as the card service and the client read what arrives from the network.
//
// The input is parsed as an XML document of "jabber:client" stanzas, and the root and every
// element below it is handed to every parser: each payload codec (submit, ack, sync, status,
// card delivery, receipt, sets, tokens, exchange, backup), parse_payload in every stanza
// context, IQs, stanza and protocol errors, service info and its limits form, disco, and the
// whole delivery and receipt messages; the input's text also goes to the token URI, JID and
// timestamp parsers. Whatever one of them accepts is serialised, written as XML text, parsed
// as XML and by the same codec again, and must come back equal; anything else prints both and
// aborts, so libFuzzer keeps the input.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

#include "core/protocol/errors.hpp"
#include "core/protocol/messages.hpp"
#include "core/protocol/service_info.hpp"
#include "core/protocol/service_messages.hpp"
#include "core/protocol/syntax.hpp"
#include "core/protocol/timestamp.hpp"
#include "core/protocol/tokens.hpp"
#include "core/xml/parser.hpp"
#include "core/xml/writer.hpp"
#include "core/xmpp/disco.hpp"
#include "core/xmpp/namespaces.hpp"
#include "core/xmpp/stanza.hpp"

namespace {

using namespace cardex;

constexpr std::size_t kMaxDepth = 6;  // stanza, payload, card, vcard, property, value

const xml::ParseLimits kLimits{512 * 1024, 64, true};
const xml::ParseLimits kWritten{16u << 20, 64, true};  // escaping makes the text longer

[[noreturn]] void fail(std::string_view codec, std::string_view what, std::string_view detail) {
    std::fprintf(stderr, "%.*s: %.*s\n%.*s\n", static_cast<int>(codec.size()), codec.data(),
                 static_cast<int>(what.size()), what.data(), static_cast<int>(detail.size()),
                 detail.data());
    std::abort();
}

// Parses `e` with `parse`; what it accepts goes through `write`, XML text and `parse` again.
template <class Parse, class Write>
void round_trip(std::string_view codec, const xml::Element& e, Parse parse, Write write) {
    auto first = parse(e);
    if (!first) return;
    const std::string text = xml::to_string(write(*first));
    auto element = xml::parse_document(text, kWritten, ns::kClient);
    if (!element) fail(codec, "its output is not XML: " + element.error().message, text);
    auto second = parse(*element);
    if (!second) fail(codec, "it refuses its own output: " + second.error().message, text);
    if (!(*second == *first)) {
        fail(codec, "the value changed; written once, then again:",
             text + "\n" + xml::to_string(write(*second)));
    }
}

template <auto Parse>
void payload(std::string_view codec, const xml::Element& e) {
    round_trip(codec, e, Parse, [](const auto& value) { return protocol::serialize(value); });
}

void payloads(const xml::Element& e) {
    using namespace protocol;
    payload<parse_submit>("submit", e);
    payload<parse_delivery_ref>("delivery ref", e);
    payload<parse_submitted>("submitted", e);
    payload<parse_card_delivery>("card delivery", e);
    payload<parse_ack>("ack", e);
    payload<parse_receipt>("receipt", e);
    payload<parse_status_query>("status query", e);
    payload<parse_status_result>("status result", e);
    payload<parse_sync>("sync", e);
    payload<parse_sync_result>("sync result", e);
    payload<parse_publish>("publish", e);
    payload<parse_published>("published", e);
    payload<parse_sets_query>("sets query", e);
    payload<parse_sets_result>("sets result", e);
    payload<parse_set_query>("set query", e);
    payload<parse_set_result>("set result", e);
    payload<parse_retract>("retract", e);
    payload<parse_unfollow>("unfollow", e);
    payload<parse_create_token>("create token", e);
    payload<parse_token>("token", e);
    payload<parse_tokens_query>("tokens query", e);
    payload<parse_tokens_result>("tokens result", e);
    payload<parse_revoke_token>("revoke token", e);
    payload<parse_exchange>("exchange", e);
    payload<parse_exchange_result>("exchange result", e);
    payload<parse_backup_begin>("backup begin", e);
    payload<parse_backup_upload>("backup upload", e);
    payload<parse_backup_upload_query>("backup upload query", e);
    payload<parse_backup_chunk>("backup chunk", e);
    payload<parse_backup_commit>("backup commit", e);
    payload<parse_backup_stored>("backup stored", e);
    payload<parse_backups_query>("backups query", e);
    payload<parse_backups_result>("backups result", e);
    payload<parse_restore>("restore", e);
    payload<parse_restore_chunk>("restore chunk", e);
    payload<parse_delete_backup>("delete backup", e);
    for (Context context : {Context::iq_get, Context::iq_set, Context::iq_result, Context::message})
        round_trip(
            "parse_payload", e,
            [context](const xml::Element& x) { return parse_payload(x, context); },
            [](const Payload& p) { return serialize(p); });
}

void stanzas_and_the_rest(const xml::Element& e) {
    using namespace protocol;
    round_trip(
        "iq", e, [](const xml::Element& x) { return xmpp::parse_iq(x); },
        [](const xmpp::Iq& iq) { return xmpp::serialize(iq, ns::kClient); });
    round_trip("stanza error", e, xmpp::parse_stanza_error,
               [](const xmpp::StanzaError& s) { return xmpp::serialize(s, ns::kClient); });
    round_trip(
        "protocol error", e,
        [](const xml::Element& x) -> Result<ProtocolError> {
            auto stanza_error = xmpp::parse_stanza_error(x);
            if (!stanza_error) return stanza_error.error();
            return parse_protocol_error(*stanza_error);
        },
        [](const ProtocolError& p) { return xmpp::serialize(to_stanza_error(p), ns::kClient); });
    round_trip("delivery message", e, parse_delivery_message,
               [](const DeliveryMessage& m) { return build_message(m, ns::kClient); });
    round_trip("receipt message", e, parse_receipt_message,
               [](const ReceiptMessage& m) { return build_message(m, ns::kClient); });
    round_trip("service info", e, parse_service_info,
               [](const ServiceInfo& i) { return serialize(i); });
    round_trip("limits form", e, parse_limits_form,
               [](const ServiceLimits& l) { return limits_form(l); });
    round_trip("card", e, parse_card_content, card_element);
    round_trip("vcards", e, parse_vcards, vcards_element);
    round_trip("disco#info", e, xmpp::parse_disco_info,
               [](const xmpp::DiscoInfo& i) { return xmpp::serialize(i); });
    round_trip("disco#items", e, xmpp::parse_disco_items,
               [](const std::vector<xmpp::DiscoItem>& i) { return xmpp::serialize(i); });
}

void every_element(const xml::Element& e, std::size_t depth) {
    payloads(e);
    stanzas_and_the_rest(e);
    if (depth == kMaxDepth) return;
    for (const xml::Element& child : e.children)
        every_element(child, depth + 1);
}

// The parsers of text values: what one accepts, written and parsed again, is the same.
void text_values(std::string_view text) {
    if (auto uri = protocol::parse_token_uri(text)) {
        const std::string written = protocol::token_uri(uri->service, uri->token);
        auto again = protocol::parse_token_uri(written);
        if (!again || !(*again == *uri)) fail("token URI", "changed when written again", written);
    }
    if (auto jid = xmpp::Jid::parse(text)) {
        auto again = xmpp::Jid::parse(jid->str());
        if (!again || !(*again == *jid)) fail("JID", "changed when written again", jid->str());
    }
    if (auto stamp = protocol::parse_timestamp(text)) {
        const std::string written = protocol::format_timestamp(*stamp);
        auto again = protocol::parse_timestamp(written);
        if (!again || *again != *stamp) fail("timestamp", "changed when written again", written);
    }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    if (size <= 4096) text_values(text);
    auto document = xml::parse_document(text, kLimits, ns::kClient);
    if (document) every_element(*document, 0);
    return 0;
}
