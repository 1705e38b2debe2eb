// The payload codecs of urn:xmpp:bizcard:0: timestamps, value syntax, the precise errors for
// invalid payloads, round trips of every struct built in code, and escaping of hostile text.
#include <gtest/gtest.h>

#include <algorithm>
#include <set>
#include <string>

#include "core/protocol/messages.hpp"
#include "core/protocol/syntax.hpp"
#include "core/vcard/reader.hpp"
#include "core/xml/parser.hpp"
#include "core/xml/writer.hpp"

namespace cardex::protocol {
namespace {

using namespace std::chrono;

constexpr std::string_view kId = "h6l2kD8n5Wv7HNEBSFKQ3g";
constexpr std::string_view kToken = "K2nCb02UV6mUZuAByZeB9A";
const std::string kNs = "xmlns='urn:xmpp:bizcard:0'";
const std::string kVcard =
    "<vcard xmlns='urn:ietf:params:xml:ns:vcard-4.0'><fn><text>Alice Example</text></fn>"
    "<tel><parameters><type><text>work</text><text>voice</text></type></parameters>"
    "<uri>tel:+49-30-1234567</uri></tel><email><text>alice@example.org</text></email></vcard>";

xml::Element parse(std::string_view text) {
    auto e = xml::parse_document(text);
    EXPECT_TRUE(e.ok()) << e.error().message;
    return e.ok() ? *e : xml::Element();
}

// The error of parsing `text` in `context`, or "(parsed)".
std::string error_of(std::string_view text, Context context) {
    auto parsed = parse_payload(parse(text), context);
    return parsed ? "(parsed)" : parsed.error().message;
}

vcard::Card card(std::string_view fn = "Alice Example") {
    auto vcard = xml::parse_document(
        "<vcard xmlns='urn:ietf:params:xml:ns:vcard-4.0'><uid><uri>urn:uuid:1</uri></uid>"
        "<fn><text/></fn><tel><parameters><pref><integer>1</integer></pref></parameters>"
        "<uri>tel:+49-30-1234567</uri></tel></vcard>");
    vcard->children[1].children[0].text = std::string(fn);
    auto parsed = vcard::card_from_xml(*vcard);
    EXPECT_TRUE(parsed.ok()) << parsed.error().message;
    return parsed.ok() ? *parsed : vcard::Card{};
}

Timestamp at(int y, unsigned mo, unsigned d, int h, int mi, int s) {
    return Timestamp{sys_days{year{y} / mo / d}} + hours{h} + minutes{mi} + seconds{s};
}

xmpp::Jid jid(std::string_view text) {
    return *xmpp::Jid::parse(text);
}

std::string contains(const std::string& haystack, std::string_view needle) {
    return haystack.find(needle) != std::string::npos ? "yes" : "no: " + haystack;
}

TEST(ProtocolTimestamp, ParsesUtcDateTimes) {
    EXPECT_EQ(*parse_timestamp("2026-11-20T09:30:00Z"), at(2026, 11, 20, 9, 30, 0));
    EXPECT_EQ(*parse_timestamp("2026-11-20T09:30:00.5Z"), at(2026, 11, 20, 9, 30, 0) + 500ms);
    EXPECT_EQ(*parse_timestamp("2026-11-20T09:30:00.123456789Z"),
              at(2026, 11, 20, 9, 30, 0) + 123ms);
    EXPECT_EQ(*parse_timestamp("2024-02-29T23:59:59Z"), at(2024, 2, 29, 23, 59, 59));
    EXPECT_EQ(format_timestamp(at(2026, 11, 20, 9, 30, 0)), "2026-11-20T09:30:00Z");
    EXPECT_EQ(format_timestamp(at(2026, 1, 2, 3, 4, 5) + 7ms), "2026-01-02T03:04:05.007Z");
    EXPECT_EQ(format_timestamp_for_people(at(2026, 10, 21, 11, 2, 40)), "2026-10-21 11:02 UTC");
}

TEST(ProtocolTimestamp, RefusesMalformedAndNonUtcValues) {
    auto error = [](std::string_view text) {
        auto t = parse_timestamp(text);
        return t ? std::string("(parsed)") : t.error().message;
    };
    EXPECT_EQ(error("2026-11-20T09:30:00+01:00"),
              "'2026-11-20T09:30:00+01:00' is not in UTC: the protocol requires the time zone "
              "'Z', got '+01:00'");
    EXPECT_EQ(contains(error("2026-11-20T09:30:00"), "must end with 'Z'"), "yes");
    EXPECT_EQ(contains(error("2025-02-29T00:00:00Z"), "no such date"), "yes");
    EXPECT_EQ(contains(error("2026-13-01T00:00:00Z"), "no such date"), "yes");
    EXPECT_EQ(contains(error("2026-11-20T24:00:00Z"), "no such time of day"), "yes");
    EXPECT_EQ(contains(error("2026-11-20 09:30:00Z"), "wrong shape"), "yes");
    EXPECT_EQ(contains(error("20261120T093000Z"), "wrong shape"), "yes");
    EXPECT_EQ(contains(error("2026-11-20T09:30:00.Z"), "1 to 9 digits"), "yes");
    EXPECT_EQ(contains(error("2026-11-2xT09:30:00Z"), "must be digits"), "yes");
    EXPECT_EQ(contains(error(""), "must end with 'Z'"), "yes");
}

TEST(ProtocolSyntax, IdsSetNamesAndUserJids) {
    EXPECT_TRUE(is_opaque_id(kId));
    EXPECT_TRUE(is_opaque_id(std::string(64, '-')));
    EXPECT_FALSE(is_opaque_id(std::string(21, 'a')));
    EXPECT_FALSE(is_opaque_id(std::string(65, 'a')));
    EXPECT_FALSE(is_opaque_id("h6l2kD8n5Wv7HNEBSFKQ3g=="));
    EXPECT_FALSE(is_opaque_id("h6l2kD8n5Wv7HNEBSFKQ+g"));
    EXPECT_TRUE(is_set_name("work"));
    EXPECT_TRUE(is_set_name(std::string(64, 'a')));
    for (std::string_view bad : {"", "Work", "a_b", "a b", "ä"})
        EXPECT_FALSE(is_set_name(bad));
    EXPECT_FALSE(is_set_name(std::string(65, 'a')));
    EXPECT_EQ(parse_user_jid("Bob@B.test")->bare_str(), "bob@b.test");
    EXPECT_EQ(contains(parse_user_jid("bob@b.test/laptop").error().message, "has a resource"),
              "yes");
    EXPECT_EQ(contains(parse_user_jid("b.test").error().message, "has no localpart"), "yes");
    EXPECT_EQ(contains(parse_user_jid("@b.test").error().message, "invalid JID"), "yes");
    EXPECT_EQ(count_characters("a\xC3\xA4\xE2\x82\xAC"), 3u);
}

TEST(ProtocolSyntax, DeliveryStatesReadBackFromTheirNames) {
    for (auto state : {DeliveryState::pending, DeliveryState::sent, DeliveryState::acked,
                       DeliveryState::rejected, DeliveryState::expired, DeliveryState::refused}) {
        EXPECT_EQ(delivery_state_from(to_string(state)), state) << to_string(state);
    }
    EXPECT_EQ(delivery_state_from("Acked"), std::nullopt);
    EXPECT_EQ(delivery_state_from(""), std::nullopt);
}

TEST(ProtocolParse, ReportsMissingAttributesAndUnknownValues) {
    const std::string id = "id='" + std::string(kId) + "'";
    EXPECT_EQ(error_of("<ack " + kNs + " " + id + " status='ok'/>", Context::iq_set),
              "<ack/>: attribute 'status' must be 'saved' or 'rejected', got 'ok'");
    EXPECT_EQ(error_of("<ack " + kNs + " status='saved'/>", Context::iq_set),
              "<ack/>: missing the required attribute 'id'");
    EXPECT_EQ(
        error_of("<receipt " + kNs + " " + id +
                     " to='bob@b.test' status='lost' "
                     "stamp='2026-11-20T18:05:14Z'/>",
                 Context::message),
        "<receipt/>: attribute 'status' must be 'saved', 'rejected', 'expired' or 'refused', got "
        "'lost'");
    EXPECT_EQ(error_of("<receipt " + kNs + " " + id + " to='bob@b.test' status='saved'/>",
                       Context::message),
              "<receipt/>: missing the required attribute 'stamp'");
    EXPECT_EQ(
        error_of("<status " + kNs + "><delivery " + id +
                     " to='bob@b.test' state='done' attempts='1' "
                     "created='2026-11-20T09:30:00Z' updated='2026-11-20T09:30:00Z'/></status>",
                 Context::iq_result),
        "<status/> <delivery/> #1: attribute 'state' must be 'pending', 'sent', 'acked', "
        "'rejected', 'expired' or 'refused', got 'done'");
    EXPECT_EQ(error_of("<exchange " + kNs + " token='" + std::string(kToken) + "' share='yes'/>",
                       Context::iq_set),
              "<exchange/>: attribute 'share' must be 'true', 'false', '1' or '0', got 'yes'");
    EXPECT_EQ(
        error_of("<exchange " + kNs + " token='" + std::string(kToken) + "'/>", Context::iq_set),
        "<exchange/>: missing the required attribute 'share'");
    EXPECT_EQ(error_of("<published " + kNs + " name='work' version='0'/>", Context::iq_result),
              "<published/>: attribute 'version' must be a positive integer, got '0'");
    EXPECT_EQ(error_of("<sync " + kNs + " pending='-1'/>", Context::iq_result),
              "<sync/>: attribute 'pending' must be a non-negative integer, got '-1'");
}

TEST(ProtocolParse, ChecksAckBatches) {
    const std::string ack = "<ack id='" + std::string(kId) + "' status='saved'/>";
    EXPECT_EQ(error_of("<acks " + kNs + "/>", Context::iq_set),
              "<acks/>: holds no <ack/>; at least one is needed");
    EXPECT_EQ(error_of("<acks " + kNs + ">" + ack + ack + "</acks>", Context::iq_set),
              "<acks/>: acknowledges delivery '" + std::string(kId) + "' twice");
    EXPECT_EQ(error_of("<acks " + kNs + "><ack id='x' status='saved'/></acks>", Context::iq_set),
              "<acks/>: #1 <ack/>: attribute 'id' must be 22 to 64 characters of A-Z, a-z, "
              "0-9, '-' and '_', got 'x'");
    std::string many;
    for (std::size_t i = 0; i <= kMaxBatchAcks; ++i)
        many += "<ack id='" + std::string(kId) + std::to_string(1000 + i) + "' status='saved'/>";
    EXPECT_EQ(error_of("<acks " + kNs + ">" + many + "</acks>", Context::iq_set),
              "<acks/>: holds 101 <ack/> elements; at most 100 are allowed");
    EXPECT_EQ(error_of("<acks " + kNs + "><failed id='" + std::string(kId) +
                           "' condition='lost'/></acks>",
                       Context::iq_result),
              "<acks/> <failed/> #1: names 'lost', which is no error condition of this protocol");
}

TEST(ProtocolParse, ChecksNameNamespaceAndContext) {
    const std::string ack =
        "<ack xmlns='urn:xmpp:bizcard:1' id='" + std::string(kId) + "' status='saved'/>";
    EXPECT_EQ(parse_ack(parse(ack)).error().message,
              "expected <ack/> in namespace 'urn:xmpp:bizcard:0', got <ack/> in namespace "
              "'urn:xmpp:bizcard:1'");
    EXPECT_EQ(parse_ack(parse("<receipt " + kNs + "/>")).error().message,
              "expected <ack/> in namespace 'urn:xmpp:bizcard:0', got <receipt/> in namespace "
              "'urn:xmpp:bizcard:0'");
    EXPECT_EQ(error_of("<ack " + kNs + " id='" + std::string(kId) + "' status='saved'/>",
                       Context::iq_result),
              "<ack/> is not sent in an IQ result");
    EXPECT_EQ(error_of("<frobnicate " + kNs + "/>", Context::iq_set),
              "<frobnicate/> is not defined by the protocol in an IQ set");
    EXPECT_EQ(error_of("<ack " + kNs + " id='" + std::string(kId) + "' status='saved'><x/></ack>",
                       Context::iq_set),
              "<ack/>: unexpected child <x/>; allowed: 'reason'");
    EXPECT_EQ(error_of("<sync " + kNs + ">now</sync>", Context::iq_set),
              "<sync/>: has text where only elements are allowed");
    EXPECT_TRUE(std::holds_alternative<StatusQuery>(
        *parse_payload(parse("<status " + kNs + "/>"), Context::iq_get)));
    EXPECT_TRUE(std::holds_alternative<StatusResult>(
        *parse_payload(parse("<status " + kNs + "/>"), Context::iq_result)));
    EXPECT_TRUE(is_defined("backup-chunk", Context::iq_set));
    EXPECT_FALSE(is_defined("backup-chunk", Context::iq_get));
    EXPECT_TRUE(std::holds_alternative<BackupUploadQuery>(*parse_payload(
        parse("<backup-upload " + kNs + " id='" + std::string(kId) + "'/>"), Context::iq_get)));
}

TEST(ProtocolParse, CardHoldsExactlyOneValidVcard) {
    auto publish = [](const std::string& inside) {
        return error_of("<publish " + kNs + " name='work'><card>" + inside + "</card></publish>",
                        Context::iq_set);
    };
    EXPECT_EQ(publish(kVcard), "(parsed)");
    EXPECT_EQ(publish(kVcard + kVcard),
              "<publish/>: <card/> holds 2 <vcard/> elements; exactly one is allowed");
    EXPECT_EQ(publish(""),
              "<publish/>: <card/> holds no vCard: expected one <vcard "
              "xmlns='urn:ietf:params:xml:ns:vcard-4.0'/>");
    EXPECT_EQ(contains(publish("<vCard xmlns='vcard-temp'><FN>A</FN></vCard>"), "vcard-temp"),
              "yes");
    EXPECT_EQ(contains(publish("<vcard xmlns='urn:ietf:params:xml:ns:vcard-4.0'><fn>Alice</fn>"
                               "</vcard>"),
                       "<publish/>: <card/>: the vCard is not valid: <fn>"),
              "yes");
    EXPECT_EQ(error_of("<publish " + kNs + " name='work'/>", Context::iq_set),
              "<publish/>: missing the required <card/>");
    const std::string delivery = "<card " + kNs + " id='" + std::string(kId) +
                                 "' from='alice@a.test' stamp='2026-11-20T09:30:00Z'>";
    EXPECT_EQ(error_of(delivery + "</card>", Context::message),
              "<card/> holds no vCard: expected one <vcard "
              "xmlns='urn:ietf:params:xml:ns:vcard-4.0'/>");
    EXPECT_EQ(error_of(delivery + kVcard + kVcard + "</card>", Context::message),
              "<card/> holds 2 <vcard/> elements; exactly one is allowed");
}

TEST(ProtocolParse, RecipientsAreBareJidsOfUsers) {
    auto submit = [](std::string_view recipient) {
        return error_of("<submit " + kNs + " set='work'><recipient jid='" + std::string(recipient) +
                            "'/></submit>",
                        Context::iq_set);
    };
    EXPECT_EQ(submit("bob@b.test"), "(parsed)");
    EXPECT_EQ(submit("bob@b.test/laptop"),
              "<submit/> <recipient/> #1: attribute 'jid': 'bob@b.test/laptop' has a resource; a "
              "bare JID (localpart@domainpart) is required");
    EXPECT_EQ(contains(submit("b.test"), "has no localpart"), "yes");
    EXPECT_EQ(contains(submit("bob@"), "invalid JID 'bob@'"), "yes");
    EXPECT_EQ(error_of("<submit " + kNs + " set='work'/>", Context::iq_set),
              "<submit/>: needs at least one <recipient/>");
    EXPECT_EQ(
        error_of("<submit " + kNs + "><recipient jid='bob@b.test'/></submit>", Context::iq_set),
        "<submit/>: needs a <card/> or the 'set' attribute naming a card set");
    EXPECT_EQ(error_of("<submit " + kNs + " set='work'><recipient jid='bob@b.test'/><card>" +
                           kVcard + "</card></submit>",
                       Context::iq_set),
              "<submit/>: names a 'set' and also holds a <card/>; it must do one or the other");
    EXPECT_EQ(contains(error_of("<unfollow " + kNs + " from='alice@a.test/x' set='work'/>",
                                Context::iq_set),
                       "<unfollow/>: attribute 'from'"),
              "yes");
}

TEST(ProtocolParse, StatusHoldsAtMostOneHundredDeliveries) {
    auto status = [](std::size_t n) {
        std::string text = "<status " + kNs + ">";
        for (std::size_t i = 0; i < n; ++i)
            text += "<delivery id='" + std::string(kId) + "'/>";
        return error_of(text + "</status>", Context::iq_get);
    };
    EXPECT_EQ(status(100), "(parsed)");
    EXPECT_EQ(status(101), "<status/>: holds 101 <delivery/> elements; at most 100 are allowed");
}

TEST(ProtocolParse, TimestampsIdsTokensAndSetNames) {
    EXPECT_EQ(error_of("<receipt " + kNs + " id='" + std::string(kId) +
                           "' to='bob@b.test' status='saved' stamp='2026-11-20T18:05:14+01:00'/>",
                       Context::message),
              "<receipt/>: attribute 'stamp': '2026-11-20T18:05:14+01:00' is not in UTC: the "
              "protocol requires the time zone 'Z', got '+01:00'");
    EXPECT_EQ(contains(error_of("<create-token " + kNs + " set='work' expires='tomorrow'/>",
                                Context::iq_set),
                       "<create-token/>: attribute 'expires': 'tomorrow' is not an XEP-0082"),
              "yes");
    EXPECT_EQ(error_of("<ack " + kNs + " id='abc' status='saved'/>", Context::iq_set),
              "<ack/>: attribute 'id' must be 22 to 64 characters of A-Z, a-z, 0-9, '-' and '_', "
              "got 'abc'");
    EXPECT_EQ(contains(error_of("<revoke-token " + kNs + " value='K2nCb02UV6mUZuAByZeB9A=='/>",
                                Context::iq_set),
                       "attribute 'value' must be 22 to 64 characters"),
              "yes");
    const std::string token = "<token " + kNs + " value='" + std::string(kToken) +
                              "' set='work' expires='2026-11-28T08:10:00Z' uses-left='10' uri='";
    EXPECT_EQ(
        error_of(token + "xmpp:cards.a.test?bizcard;token=slgIQ-vBPs2RwX2aOq6aCA'/>",
                 Context::iq_result),
        "<token/>: attribute 'uri' names the token 'slgIQ-vBPs2RwX2aOq6aCA', not the value '" +
            std::string(kToken) + "'");
    EXPECT_EQ(contains(error_of(token + "https://cards.a.test/'/>", Context::iq_result),
                       "is not an xmpp: URI"),
              "yes");
    EXPECT_EQ(error_of("<publish " + kNs + " name='Work'><card>" + kVcard + "</card></publish>",
                       Context::iq_set),
              "<publish/>: attribute 'name' must be a set name of 1 to 64 characters a-z, 0-9 and "
              "'-', got 'Work'");
    EXPECT_EQ(contains(error_of("<retract " + kNs + " name='" + std::string(65, 'a') + "'/>",
                                Context::iq_set),
                       "must be a set name"),
              "yes");
}

// A token's web page is https; plain http only on one machine (a loopback host).
TEST(ProtocolParse, ATokensWebAddressIsHttpsOrLoopback) {
    for (const std::string good : {"https://cards.a.test/c/x", "http://127.0.0.2:5380/c/x",
                                   "http://localhost/c/x", "http://[::1]:8080/c/x"})
        EXPECT_TRUE(valid_web_address(good)) << good;
    const std::string too_long = "https://a/" + std::string(2048, 'x');
    for (const std::string bad :
         {"http://cards.a.test/c/x", "http://127.evil.example/c/x", "https://", "ftp://a/c/x",
          "https://cards.a.test/c/a b", "javascript:alert(1)", too_long.c_str()})
        EXPECT_FALSE(valid_web_address(bad)) << bad;
    const std::string token = "<token " + kNs + " value='" + std::string(kToken) +
                              "' set='work' expires='2026-11-28T08:10:00Z' uses-left='10' "
                              "uri='xmpp:cards.a.test?bizcard;token=" +
                              std::string(kToken) + "' web='";
    EXPECT_EQ(error_of(token + "http://cards.a.test/c/" + std::string(kToken) + "'/>",
                       Context::iq_result),
              "<token/>: attribute 'web' is not an https URI: 'http://cards.a.test/c/" +
                  std::string(kToken) + "'");
}

TEST(ProtocolParse, ReasonIsAtMost1024Characters) {
    auto ack = [](const std::string& reason) {
        return error_of("<ack " + kNs + " id='" + std::string(kId) +
                            "' status='rejected'><reason>" + reason + "</reason></ack>",
                        Context::iq_set);
    };
    std::string umlauts;
    for (int i = 0; i < 1024; ++i)
        umlauts += "\xC3\xA4";  // 1024 characters, 2048 bytes
    EXPECT_EQ(ack(umlauts), "(parsed)");
    EXPECT_EQ(ack(std::string(1025, 'x')),
              "<ack/>: <reason/> has 1025 characters; at most 1024 are allowed");
}

TEST(ProtocolParse, CardSetFieldsAndExchangeCards) {
    const std::string head = "<card " + kNs + " id='" + std::string(kId) +
                             "' from='alice@a.test' stamp='2026-11-20T09:30:00Z' ";
    EXPECT_EQ(error_of(head + "set='work'>" + kVcard + "</card>", Context::message),
              "<card/>: has 'set' without 'version'; a card from a set carries both");
    EXPECT_EQ(error_of(head + "update='1'>" + kVcard + "</card>", Context::message),
              "<card/>: update='true' needs the 'set' and 'version' of the card set it updates");
    EXPECT_EQ(error_of(head + "via='qr'>" + kVcard + "</card>", Context::message),
              "<card/>: attribute 'via' must be 'token' or 'web', got 'qr'");
    EXPECT_EQ(error_of(head + "via='web'>" + kVcard + "</card>", Context::message),
              "<card/>: attribute 'from' must be a domain JID (a service's address), got "
              "'alice@a.test'");
    const std::string from_service = "<card " + kNs + " id='" + std::string(kId) +
                                     "' from='cards.a.test' stamp='2026-11-20T09:30:00Z' ";
    EXPECT_EQ(error_of(from_service + ">" + kVcard + "</card>", Context::message).find("'from'"),
              std::string("<card/>: attribute ").size())
        << "only a card from a web page comes from the service itself";
    EXPECT_EQ(error_of(from_service + "via='web'>" + kVcard + "</card>", Context::message),
              "(parsed)");
    const std::string exchange = "<exchange " + kNs + " token='" + std::string(kToken) + "' ";
    EXPECT_EQ(error_of(exchange + "share='true'/>", Context::iq_set),
              "<exchange/>: share='true' needs the scanner's <card/>");
    auto receive_only =
        parse_exchange(parse(exchange + "share='0'><card>" + kVcard + "</card>" + "</exchange>"));
    ASSERT_TRUE(receive_only.ok()) << receive_only.error().message;
    EXPECT_FALSE(receive_only->card.has_value());  // discarded, as the draft says
    EXPECT_EQ(error_of("<exchange " + kNs + "><delivery id='" + std::string(kId) +
                           "' to='alice@a.test'/></exchange>",
                       Context::iq_result),
              "<exchange/>: missing the owner's <card/>");
}

TEST(ProtocolParse, BackupChunksAndUploadsAreCheckedWithClearMessages) {
    const std::string upload = "upload='" + std::string(kId) + "'";
    EXPECT_EQ(error_of("<backup-chunk " + kNs + " " + upload + " index='0'/>", Context::iq_set),
              "<backup-chunk/>: holds no data; a chunk has at least one byte");
    EXPECT_EQ(
        contains(error_of("<backup-chunk " + kNs + " " + upload + " index='0'>a*b</backup-chunk>",
                          Context::iq_set),
                 "<backup-chunk/>: its content is not base64"),
        "yes");
    EXPECT_EQ(
        contains(error_of("<backup-chunk " + kNs + " " + upload + " index='-1'>AA==</backup-chunk>",
                          Context::iq_set),
                 "'index'"),
        "yes");
    EXPECT_EQ(error_of("<backup-chunk " + kNs + " " + upload + " index='0'>AA==<x/></backup-chunk>",
                       Context::iq_set),
              "<backup-chunk/>: holds the element <x/> where only base64 is allowed");
    EXPECT_EQ(error_of("<backup-begin " + kNs + " bytes='3' chunks='4'/>", Context::iq_set),
              "<backup-begin/>: asks for 4 chunks of only 3 bytes; every chunk has at least one "
              "byte");
    EXPECT_EQ(
        contains(error_of("<backup-begin " + kNs + " bytes='0' chunks='1'/>", Context::iq_set),
                 "'bytes'"),
        "yes");
    const std::string state = "<backup-upload " + kNs + " id='" + std::string(kId) +
                              "' expires='2026-11-23T07:00:00Z' bytes='90' chunks='9'>";
    EXPECT_EQ(
        error_of(state + "<received first='3' last='2'/></backup-upload>", Context::iq_result),
        "<backup-upload/> <received/> #1: 'last' (2) is before 'first' (3)");
    EXPECT_EQ(
        error_of(state + "<received first='0' last='9'/></backup-upload>", Context::iq_result),
        "<backup-upload/> <received/> #1: chunk 9 is beyond the upload's 9 chunks");
    EXPECT_EQ(error_of(state + "<received first='0' last='4'/><received first='4' last='5'/>"
                               "</backup-upload>",
                       Context::iq_result),
              "<backup-upload/> <received/> #2: overlaps or precedes the range before it; ranges "
              "must ascend");
    EXPECT_EQ(contains(error_of("<restore " + kNs + " backup='short' index='0'/>", Context::iq_get),
                       "'backup'"),
              "yes");
}

// Every Payload alternative, built in code.
std::vector<Payload> every_payload() {
    const Timestamp t = at(2026, 11, 20, 9, 30, 0);
    const DeliveryRef ref{std::string(kId), jid("bob@b.test")};
    const BackupInfo info{std::string(kId), t, 40000, 2};
    const Token token{std::string(kToken), "work", t,
                      t + days{7},         10,     token_uri(jid("cards.a.test"), kToken),
                      std::nullopt,        true};
    Token with_page = token;
    with_page.web = "https://cards.a.test/c/" + std::string(kToken);
    with_page.web_replies = false;
    return {
        Submit{{jid("bob@b.test"), jid("carol@a.test")}, std::nullopt, card(), std::nullopt},
        Submit{{jid("bob@b.test")}, std::nullopt, card(), std::string(kToken), CardForm::xcard},
        Submit{{jid("bob@b.test")}, std::nullopt, card("As text"), std::nullopt, CardForm::text},
        // Found by fuzz_protocol: the text of a card without FN must not gain one on the way.
        Submit{{jid("bob@b.test")}, std::nullopt, vcard::Card{}, std::nullopt, CardForm::text},
        Submitted{{ref}},
        CardDelivery{std::string(kId), jid("alice@a.test"), t + 250ms, "work", 5, true, Via::token,
                     card(), CardForm::xcard},
        CardDelivery{std::string(kId), jid("cards.a.test"), t, std::nullopt, std::nullopt, false,
                     Via::web, card("Met at the fair"), CardForm::xcard},
        CardDelivery{std::string(kId), jid("alice@a.test"), t, "work", 5, false, std::nullopt,
                     card("Sent as text"), CardForm::text},
        Ack{std::string(kId), AckStatus::rejected, true, "No FN."},
        AckBatch{{{std::string(kId), AckStatus::saved, false, std::nullopt},
                  {std::string(kToken), AckStatus::rejected, false, "No FN."}}},
        AckBatchResult{{{std::string(kToken), "unknown-delivery"}}},
        AckBatchResult{},
        Receipt{std::string(kId), jid("bob@b.test"), ReceiptStatus::expired, t, std::nullopt},
        StatusQuery{{std::string(kId), std::string(kToken)}},
        StatusResult{
            {{std::string(kId), jid("bob@b.test"), DeliveryState::sent, 3, t, t, std::nullopt},
             {std::string(kToken), jid("carol@a.test"), DeliveryState::pending, 2, t, t,
              "the recipient's server could not be reached"}}},
        Sync{},
        Sync{CardForm::text},
        SyncResult{7},
        Publish{"work", card()},
        Published{"work", 4},
        SetsQuery{},
        SetsResult{{{"work", 4, t, 3}, {"private", 1, t, std::nullopt}}},
        SetQuery{"private"},
        SetResult{"private", 1, t, card("Private Alice")},
        Retract{"private"},
        CreateToken{"work", t + days{1}, 10, true},
        CreateToken{"work", std::nullopt, std::nullopt, false},
        token,
        with_page,
        TokensQuery{},
        TokensResult{{token, with_page}},
        RevokeToken{std::string(kToken)},
        Exchange{std::string(kToken), true, true, card("Bob")},
        ExchangeResult{{jid("alice@a.test"), "work", 4, card()}, ref},
        PreviewQuery{std::string(kToken)},
        TokenPreview{
            jid("alice@a.test"), "work", {"Alice Example", "Example Widgets GmbH", "CTO"}, true},
        TokenPreview{jid("alice@a.test"), "work", {"Alice", std::nullopt, std::nullopt}, false},
        Unfollow{jid("alice@a.test"), "work"},
        BackupBegin{40000, 2},
        BackupUpload{std::string(kId), t + days{1}, 40000, 2, {}},
        BackupUpload{std::string(kId), t, 90000, 9, {{0, 2}, {5, 5}, {7, 8}}},
        BackupUploadQuery{std::string(kId)},
        BackupChunk{std::string(kId), 1,
                    std::string("\0\x01\xFF"
                                "cipher",
                                9)},
        BackupCommit{std::string(kId)},
        BackupStored{info},
        BackupsQuery{},
        BackupsResult{{info, info}},
        Restore{std::string(kId), 3},
        RestoreChunk{std::string(kId), 3, "ciphertext"},
        DeleteBackup{std::string(kId)},
    };
}

// The text form: one vCard 4.0, nothing else in the <card/>, with messages that say what is
// wrong.
TEST(ProtocolParse, CardAsTextHoldsExactlyOneVcard4) {
    const std::string delivery = "<card " + kNs + " id='" + std::string(kId) +
                                 "' from='alice@a.test' stamp='2026-11-20T09:30:00Z'>";
    const auto as_text = [&](const std::string& inside) {
        return error_of(delivery + inside + "</card>", Context::message);
    };
    const std::string alice = "BEGIN:VCARD\nVERSION:4.0\nFN:Alice\nEND:VCARD\n";
    EXPECT_EQ(as_text("<vcard-text>" + alice + "</vcard-text>"), "(parsed)");
    EXPECT_EQ(as_text("<vcard-text>BEGIN:VCARD\r\nVERSION:4.0\r\nFN:Alice\r\nEND:VCARD\r\n"
                      "</vcard-text>"),
              "(parsed)");
    EXPECT_EQ(as_text("<vcard-text>BEGIN:VCARD\nVERSION:3.0\nFN:Alice\nEND:VCARD\n</vcard-text>"),
              "<vcard-text/> must hold a vCard 4.0 (BEGIN:VCARD, then VERSION:4.0)");
    EXPECT_EQ(as_text("<vcard-text>" + alice + alice + "</vcard-text>"),
              "<vcard-text/> holds 2 vCards; exactly one is allowed");
    EXPECT_EQ(as_text("<vcard-text>" + alice + "</vcard-text>" + kVcard),
              "<card/> holds <vcard-text/> and more; the text form is the card alone");
    EXPECT_EQ(as_text("<vcard-text><b>x</b></vcard-text>"),
              "<vcard-text/> must hold vCard text only, but holds <b/> in namespace "
              "'urn:xmpp:bizcard:0'");
    EXPECT_EQ(contains(as_text("<vcard-text>BEGIN:VCARD\nVERSION:4.0\nFN:Alice\n</vcard-text>"),
                       "<vcard-text/>: the vCard is not valid"),
              "yes");
    EXPECT_EQ(error_of("<sync " + kNs + " form='jcard'/>", Context::iq_set),
              "<sync/>: attribute 'form' must be 'xcard' or 'text', got 'jcard'");
}

// A card goes as text only where the text gives it back exactly.
TEST(ProtocolCardText, IsOfferedOnlyForCardsTheTextCarriesExactly) {
    const auto text = exact_card_text(card());
    ASSERT_TRUE(text.has_value());
    EXPECT_EQ(text->find('\r'), std::string::npos);
    EXPECT_EQ(text->substr(0, 24), "BEGIN:VCARD\nVERSION:4.0\n");
    auto typed = xml::parse_document(
        "<vcard xmlns='urn:ietf:params:xml:ns:vcard-4.0'><fn><text>A</text></fn>"
        "<x-seats><integer>4</integer></x-seats></vcard>");
    auto with_integer = vcard::card_from_xml(*typed);
    ASSERT_TRUE(with_integer.ok());
    EXPECT_FALSE(exact_card_text(*with_integer).has_value());
    // The text a card was read from stands in for reading it again only where it is the text
    // the card is written as.
    EXPECT_EQ(exact_card_text(card(), *text), text);
    EXPECT_FALSE(exact_card_text(*with_integer, *text).has_value());
}

TEST(ProtocolRoundTrip, EveryStructBuiltInCodeParsesBack) {
    std::set<std::size_t> kinds;
    for (const Payload& payload : every_payload()) {
        kinds.insert(payload.index());
        const std::string text = xml::to_string(serialize(payload));
        auto parsed = parse_payload(parse(text), context_of(payload));
        ASSERT_TRUE(parsed.ok()) << text << "\n" << parsed.error().message;
        EXPECT_TRUE(*parsed == payload) << text;
    }
    EXPECT_EQ(kinds.size(), std::variant_size_v<Payload>);
}

TEST(ProtocolRoundTrip, WritesTheRecommendedLexicalForms) {
    const auto payloads = every_payload();
    const auto update = std::find_if(payloads.begin(), payloads.end(), [](const Payload& p) {
        const auto* delivery = std::get_if<CardDelivery>(&p);
        return delivery != nullptr && delivery->update;
    });
    ASSERT_NE(update, payloads.end());
    const std::string text = xml::to_string(serialize(*update));
    EXPECT_EQ(contains(text, "stamp='2026-11-20T09:30:00.250Z'"), "yes");
    EXPECT_EQ(contains(text, "update='true'"), "yes");
    EXPECT_EQ(
        xml::to_string(serialize(Exchange{std::string(kToken), false, false, card()})),
        "<exchange xmlns='urn:xmpp:bizcard:0' token='" + std::string(kToken) + "' share='false'/>");
    EXPECT_EQ(xml::to_string(serialize(Ack{std::string(kId), AckStatus::saved, false, {}})),
              "<ack xmlns='urn:xmpp:bizcard:0' id='" + std::string(kId) + "' status='saved'/>");
}

TEST(ProtocolTokenPreview, SummarisesNameOrganisationAndTitleOnly) {
    const auto read = vcard::read_vcard_text(
        "BEGIN:VCARD\r\nVERSION:4.0\r\nFN:Alice Example\r\nORG:Example Corp;Board;\r\n"
        "TITLE:CTO\r\nTEL:+49 30 1234567\r\nNOTE:private\r\nEND:VCARD\r\n");
    ASSERT_TRUE(read.errors.empty()) << read.errors.front().message;
    ASSERT_EQ(read.cards.size(), 1u);
    const CardSummary summary = summary_of(read.cards.front());
    EXPECT_EQ(summary, (CardSummary{"Alice Example", "Example Corp, Board", "CTO"}));
    EXPECT_EQ(summary_of(card("Met at the fair")).org, std::nullopt);
    EXPECT_EQ(summary_of(card("Met at the fair")).title, std::nullopt);
}

TEST(ProtocolTokenPreview, NeedsOwnerSetNameAndWhetherACardIsAccepted) {
    const std::string head = "<preview " + kNs + " from='alice@a.test' set='work' ";
    EXPECT_EQ(contains(error_of(head + "accepts-card='true'/>", Context::iq_result), "'fn'"),
              "yes");
    EXPECT_EQ(contains(error_of(head + "fn='Alice'/>", Context::iq_result), "'accepts-card'"),
              "yes");
    EXPECT_EQ(contains(error_of(head + "fn=' ' accepts-card='1'/>", Context::iq_result),
                       "no name to show"),
              "yes");
    EXPECT_EQ(contains(error_of("<preview " + kNs + " set='work' fn='A' accepts-card='true'/>",
                                Context::iq_result),
                       "'from'"),
              "yes");
    EXPECT_EQ(
        contains(error_of("<preview " + kNs + " token='short'/>", Context::iq_get), "'token'"),
        "yes");
    auto parsed = parse_payload(parse(head + "fn='Alice' accepts-card='0'/>"), Context::iq_result);
    ASSERT_TRUE(parsed.ok()) << parsed.error().message;
    EXPECT_EQ(
        std::get<TokenPreview>(*parsed),
        (TokenPreview{jid("alice@a.test"), "work", {"Alice", std::nullopt, std::nullopt}, false}));
}

TEST(ProtocolRoundTrip, EscapesHostileText) {
    const std::string hostile = "<&'\"> \x01\x1F end";
    Ack ack{std::string(kId), AckStatus::rejected, false, hostile};
    const std::string text = xml::to_string(serialize(ack));
    EXPECT_EQ(contains(text, "&lt;&amp;&apos;&quot;&gt; \xEF\xBF\xBD\xEF\xBF\xBD end"), "yes");
    auto back = parse_ack(parse(text));
    ASSERT_TRUE(back.ok()) << back.error().message;
    EXPECT_EQ(*back->reason, "<&'\"> \xEF\xBF\xBD\xEF\xBF\xBD end");  // controls become U+FFFD

    Publish publish{"work", card("<b>Mallory</b> & 'Eve' \"x\"")};
    const std::string published = xml::to_string(serialize(publish));
    EXPECT_EQ(contains(published, "&lt;b&gt;Mallory&lt;/b&gt; &amp; &apos;Eve&apos; &quot;x"),
              "yes");
    auto parsed = parse_publish(parse(published));
    ASSERT_TRUE(parsed.ok()) << parsed.error().message;
    EXPECT_EQ(parsed->card, publish.card);

    const std::string controls = xml::to_string(serialize(Publish{"work", card("A\x01\x1B"
                                                                               "B")}));
    EXPECT_EQ(controls.find('\x01'), std::string::npos);
    auto read = parse_publish(parse(controls));
    ASSERT_TRUE(read.ok()) << read.error().message;
    EXPECT_EQ(read->card.formatted_name(),
              "A\xEF\xBF\xBD\xEF\xBF\xBD"
              "B");
}

}  // namespace
}  // namespace cardex::protocol
