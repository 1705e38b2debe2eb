// What the protocol puts around its payloads: stanza errors with application conditions, the
// deliver and receipt messages with their fallback bodies, and the service's disco#info.
#include <gtest/gtest.h>

#include <string>

#include "core/protocol/errors.hpp"
#include "core/protocol/fallback.hpp"
#include "core/protocol/service_info.hpp"
#include "core/protocol/service_messages.hpp"
#include "core/protocol/syntax.hpp"
#include "core/vcard/card_image.hpp"
#include "core/vcard/media.hpp"
#include "core/vcard/reader.hpp"
#include "core/xml/parser.hpp"
#include "core/xml/writer.hpp"
#include "core/xmpp/disco.hpp"
#include "core/xmpp/namespaces.hpp"

namespace cardex::protocol {
namespace {

using namespace std::chrono;

constexpr std::string_view kId = "h6l2kD8n5Wv7HNEBSFKQ3g";

// Alice's card as the draft's first example submits it (the fields the body shows).
constexpr std::string_view kAliceVcard =
    "<vcard xmlns='urn:ietf:params:xml:ns:vcard-4.0'>"
    "<fn><text>Alice Example</text></fn><org><text>Example Widgets GmbH</text></org>"
    "<title><text>Head of Sales</text></title>"
    "<tel><parameters><type><text>work</text><text>fax</text></type></parameters>"
    "<uri>tel:+49-30-1234568</uri></tel>"
    "<tel><parameters><type><text>work</text><text>voice</text></type>"
    "<pref><integer>1</integer></pref></parameters><uri>tel:+49-30-1234567</uri></tel>"
    "<tel><parameters><type><text>cell</text></type></parameters>"
    "<uri>tel:+49-170-7654321</uri></tel>"
    "<email><parameters><type><text>work</text></type></parameters>"
    "<text>alice@example.org</text></email></vcard>";

xml::Element parse(std::string_view text, std::string_view default_ns = {}) {
    auto e = xml::parse_document(text, {}, default_ns);
    EXPECT_TRUE(e.ok()) << e.error().message;
    return e.ok() ? *e : xml::Element();
}

vcard::Card alice() {
    return *vcard::card_from_xml(parse(kAliceVcard));
}

xmpp::Jid jid(std::string_view text) {
    return *xmpp::Jid::parse(text);
}

Timestamp at(int y, unsigned mo, unsigned d, int h, int mi, int s) {
    return Timestamp{sys_days{year{y} / mo / d}} + hours{h} + minutes{mi} + seconds{s};
}

CardDelivery alice_to_bob() {
    return CardDelivery{std::string(kId),
                        jid("alice@a.test"),
                        at(2026, 11, 20, 9, 30, 0),
                        std::nullopt,
                        std::nullopt,
                        false,
                        std::nullopt,
                        alice(),
                        CardForm::xcard};
}

std::string contains(const std::string& haystack, std::string_view needle) {
    return haystack.find(needle) != std::string::npos ? "yes" : "no: " + haystack;
}

TEST(ProtocolErrors, MappingFollowsTheDraftTable) {
    const auto& too_large = mapping(ErrorCondition::card_too_large);
    EXPECT_EQ(too_large.defined_condition, "not-acceptable");
    EXPECT_EQ(too_large.type, xmpp::ErrorType::modify);
    EXPECT_EQ(mapping(ErrorCondition::invalid_recipient).defined_condition, "jid-malformed");
    EXPECT_EQ(mapping(ErrorCondition::recipient_quota).type, xmpp::ErrorType::wait);
    EXPECT_EQ(mapping(ErrorCondition::not_local_user).type, xmpp::ErrorType::auth);
    EXPECT_EQ(mapping(ErrorCondition::invalid_token).defined_condition, "item-not-found");
    EXPECT_EQ(mapping(ErrorCondition::backup_too_large).defined_condition, "policy-violation");
    EXPECT_EQ(mapping(ErrorCondition::backup_too_large).type, xmpp::ErrorType::modify);
    EXPECT_EQ(mapping(ErrorCondition::too_many_sets).type, xmpp::ErrorType::cancel);
    EXPECT_EQ(condition_from_name("rate-limited"), ErrorCondition::rate_limited);
    EXPECT_FALSE(condition_from_name("rate_limited").has_value());
}

TEST(ProtocolErrors, EveryConditionRoundTripsThroughXml) {
    for (std::size_t i = 0; i < kErrorConditionCount; ++i) {
        ProtocolError error;
        error.condition = static_cast<ErrorCondition>(i);
        const ConditionMapping& m = mapping(error.condition);
        if (m.has_max) error.max = 100;
        if (m.has_retry_after) error.retry_after = at(2026, 11, 20, 9, 41, 0);
        if (m.has_jid) error.jid = "carol@a.test";
        error.text = default_text(error);
        const std::string text =
            xml::to_string(xmpp::serialize(to_stanza_error(error), ns::kClient), ns::kClient);
        auto stanza_error = xmpp::parse_stanza_error(parse(text, ns::kClient));
        ASSERT_TRUE(stanza_error.ok()) << text;
        EXPECT_EQ(stanza_error->condition, m.defined_condition);
        auto back = parse_protocol_error(*stanza_error);
        ASSERT_TRUE(back.ok()) << back.error().message;
        EXPECT_EQ(*back, error) << text;
    }
}

TEST(ProtocolErrors, WritesOnlyTheAttributesOfTheCondition) {
    ProtocolError error{ErrorCondition::invalid_card, "No FN.", 5, at(2026, 1, 1, 0, 0, 0), "x"};
    EXPECT_EQ(xml::to_string(*to_stanza_error(error).application),
              "<invalid-card xmlns='urn:xmpp:bizcard:0'/>");
    error = {ErrorCondition::invalid_recipient, "", std::nullopt, std::nullopt, "<a'\"&>@x/y"};
    const std::string app = xml::to_string(*to_stanza_error(error).application);
    EXPECT_EQ(
        app,
        "<invalid-recipient xmlns='urn:xmpp:bizcard:0' jid='&lt;a&apos;&quot;&amp;&gt;@x/y'/>");
    auto back = parse_protocol_error({xmpp::ErrorType::modify, "jid-malformed", "", parse(app)});
    ASSERT_TRUE(back.ok()) << back.error().message;
    EXPECT_EQ(back->jid, "<a'\"&>@x/y");
}

TEST(ProtocolErrors, RefusesMismatchedOrMissingConditions) {
    xmpp::StanzaError wrong{xmpp::ErrorType::cancel, "bad-request", "",
                            parse("<invalid-token xmlns='urn:xmpp:bizcard:0'/>")};
    EXPECT_EQ(parse_protocol_error(wrong).error().message,
              "stanza error 'bad-request' of type 'cancel': <invalid-token/> comes with "
              "'item-not-found' of type 'cancel'");
    wrong.condition = "item-not-found";
    wrong.type = xmpp::ErrorType::modify;
    EXPECT_EQ(contains(parse_protocol_error(wrong).error().message, "of type 'modify'"), "yes");
    EXPECT_EQ(
        contains(
            parse_protocol_error({xmpp::ErrorType::modify, "bad-request", "", {}}).error().message,
            "has no application condition"),
        "yes");
    xmpp::StanzaError unknown{xmpp::ErrorType::modify, "bad-request", "",
                              parse("<frobnicated xmlns='urn:xmpp:bizcard:0'/>")};
    EXPECT_EQ(contains(parse_protocol_error(unknown).error().message, "unknown condition"), "yes");
    xmpp::StanzaError bad_max{xmpp::ErrorType::modify, "not-acceptable", "",
                              parse("<card-too-large xmlns='urn:xmpp:bizcard:0' max='lots'/>")};
    EXPECT_EQ(parse_protocol_error(bad_max).error().message,
              "<card-too-large/>: attribute 'max' must be a positive integer, got 'lots'");
}

TEST(ProtocolErrors, RequestErrorNamesTheApplicationCondition) {
    auto condition = [](std::string_view payload) {
        const xml::Element e = parse(payload);
        const auto error = request_error(e, make_error("parse failed"));
        EXPECT_EQ(error.text, "parse failed");
        return error.condition +
               (error.application ? " " + xml::to_string(*error.application) : std::string{});
    };
    EXPECT_EQ(condition("<submit xmlns='urn:xmpp:bizcard:0' set='work'>"
                        "<recipient jid='bob@b.test/laptop'/></submit>"),
              "jid-malformed <invalid-recipient xmlns='urn:xmpp:bizcard:0' "
              "jid='bob@b.test/laptop'/>");
    EXPECT_EQ(condition("<publish xmlns='urn:xmpp:bizcard:0' name='work'><card/></publish>"),
              "bad-request <invalid-card xmlns='urn:xmpp:bizcard:0'/>");
    EXPECT_EQ(condition("<exchange xmlns='urn:xmpp:bizcard:0' token='x' share='1'/>"),
              "bad-request <invalid-card xmlns='urn:xmpp:bizcard:0'/>");
    EXPECT_EQ(condition("<ack xmlns='urn:xmpp:bizcard:0' status='saved'/>"), "bad-request");
}

TEST(ProtocolFallback, DeliveryBodyHasTheDraftsWording) {
    CardDelivery delivery = alice_to_bob();
    EXPECT_EQ(delivery_body(delivery, "Alice Example"),
              "Alice Example (alice@a.test) sent you a business card:\n"
              "Alice Example \xC2\xB7 Head of Sales, Example Widgets GmbH \xC2\xB7 +49 30 1234567 "
              "\xC2\xB7 alice@example.org\n"
              "Open this message in a client that supports business cards to save it. To reply, "
              "write to alice@a.test.");
    delivery.via = Via::token;
    EXPECT_EQ(contains(delivery_body(delivery, ""),
                       "alice@a.test scanned your QR code and shared a business card:\n"),
              "yes");
    delivery.via.reset();
    delivery.update = true;
    EXPECT_EQ(contains(delivery_body(delivery, "Alice"),
                       "Alice (alice@a.test) updated their business card:\n"),
              "yes");
    delivery.update = false;
    delivery.via = Via::web;
    delivery.from = *xmpp::Jid::parse("cards.a.test");
    EXPECT_EQ(delivery_body(delivery, ""),
              "Someone opened your QR code in a web browser and sent you a business card:\n"
              "Alice Example \xC2\xB7 Head of Sales, Example Widgets GmbH \xC2\xB7 +49 30 1234567 "
              "\xC2\xB7 alice@example.org\n"
              "Open this message in a client that supports business cards to save it. To reply, "
              "use the details on the card.")
        << "the service is not the sender";
}

TEST(ProtocolFallback, DeliveryBodyNamesThePictureOfTheCard) {
    CardDelivery delivery = alice_to_bob();
    vcard::set_card_image(
        delivery.card,
        {vcard::CardImageKind::scan, {"https://upload.a.test/x/paper.jpg", "image/jpeg"}, {}});
    EXPECT_EQ(delivery_body(delivery, "").find("icture"), std::string::npos)
        << "the photo of a paper card is not the owner's picture of the card";
    vcard::set_card_image(delivery.card, {vcard::CardImageKind::design,
                                          {"https://upload.a.test/5f3c9d2e/card.png", "image/png"},
                                          "classic"});
    EXPECT_EQ(contains(delivery_body(delivery, ""),
                       "alice@example.org\nPicture of the card: "
                       "https://upload.a.test/5f3c9d2e/card.png\nOpen this message"),
              "yes");
    vcard::set_card_image(delivery.card,
                          {vcard::CardImageKind::design,
                           {vcard::make_data_uri("image/png", "\x89PNG"), "image/png"},
                           "classic"});
    EXPECT_EQ(contains(delivery_body(delivery, ""),
                       "\nA picture of the card comes with it.\nOpen this message"),
              "yes");
}

TEST(ProtocolFallback, ReceiptBodiesHaveTheDraftsWording) {
    const Timestamp sent = at(2026, 10, 21, 11, 2, 40);
    Receipt receipt{std::string(kId), jid("dave@c.test"), ReceiptStatus::expired,
                    at(2026, 11, 20, 11, 2, 40), std::nullopt};
    EXPECT_EQ(receipt_body(receipt, sent, seconds{2592000}),
              "dave@c.test did not collect your business card within 30 days (sent 2026-10-21 "
              "11:02 UTC).");
    EXPECT_EQ(contains(receipt_body(receipt, sent, hours{36}), "within 36 hours"), "yes");
    receipt.status = ReceiptStatus::saved;
    EXPECT_EQ(receipt_body(receipt, sent, seconds{0}),
              "dave@c.test saved your business card (sent 2026-10-21 11:02 UTC).");
    receipt.status = ReceiptStatus::rejected;
    receipt.reason = "The card has no formatted name (FN).";
    EXPECT_EQ(receipt_body(receipt, sent, seconds{0}),
              "dave@c.test rejected your business card (sent 2026-10-21 11:02 UTC): The card has "
              "no formatted name (FN).");
}

TEST(ProtocolMessages, DeliverMessageIsShapedAsTheDraftSays) {
    DeliveryMessage message{
        {jid("cards.a.test"), jid("bob@b.test"), "0d9b3c4e-7f3a-4a55-9a4e-2b1f6c8d1e01", "en", ""},
        alice_to_bob()};
    message.envelope.body = delivery_body(message.delivery, "Alice Example");
    const xml::Element stanza = build_message(message, ns::kComponentAccept);
    EXPECT_EQ(stanza.ns, ns::kComponentAccept);
    EXPECT_EQ(stanza.attr_or_empty("type"), "chat");
    EXPECT_EQ(stanza.attr_or_empty("id"), message.envelope.id);
    EXPECT_EQ(stanza.attr_or_empty("xml:lang"), "en");
    EXPECT_EQ(stanza.child_text("body"), message.envelope.body);
    EXPECT_EQ(stanza.child("fallback", ns::kFallback)->attr_or_empty("for"), ns::kBizcard);
    EXPECT_EQ(stanza.child("origin-id", ns::kStanzaIds)->attr_or_empty("id"), message.envelope.id);
    EXPECT_NE(stanza.child("store", ns::kHints), nullptr);
    EXPECT_NE(stanza.child("card", ns::kBizcard), nullptr);

    const std::string text = xml::to_string(stanza, ns::kComponentAccept);
    EXPECT_EQ(text.find("jabber:component:accept"), std::string::npos);  // inherited
    auto back = parse_delivery_message(parse(text, ns::kComponentAccept));
    ASSERT_TRUE(back.ok()) << back.error().message;
    EXPECT_EQ(*back, message);
}

TEST(ProtocolMessages, ReceiptMessageIsShapedAsTheDraftSays) {
    ReceiptMessage message{{jid("cards.a.test"), jid("alice@a.test"),
                            "8c1f7a52-3d3e-4c1b-b0f4-5e2a9d7c6b10", "en", ""},
                           {{std::string(kId), jid("bob@b.test"), ReceiptStatus::rejected,
                             at(2026, 11, 20, 18, 5, 14), "<No FN> & 'more'"}}};
    message.envelope.body = receipt_body(message.receipts[0], at(2026, 11, 20, 9, 30, 0), hours{1});
    const std::string text = xml::to_string(build_message(message, ns::kClient), ns::kClient);
    EXPECT_EQ(contains(text,
                       "<body>bob@b.test rejected your business card (sent 2026-11-20 09:30 "
                       "UTC): &lt;No FN&gt; &amp; &apos;more&apos;</body>"),
              "yes");
    EXPECT_EQ(contains(text,
                       "<fallback xmlns='urn:xmpp:fallback:0' for='urn:xmpp:bizcard:0'/>"
                       "<origin-id xmlns='urn:xmpp:sid:0' id='8c1f7a52-3d3e-4c1b-b0f4-"
                       "5e2a9d7c6b10'/><store xmlns='urn:xmpp:hints'/>"),
              "yes");
    auto back = parse_receipt_message(parse(text, ns::kClient));
    ASSERT_TRUE(back.ok()) << back.error().message;
    EXPECT_EQ(*back, message);
}

TEST(ProtocolMessages, AReceiptMessageCarriesOneToAHundredReceipts) {
    ReceiptMessage message{{jid("cards.a.test"), jid("alice@a.test"), "m1", "en", "body"}, {}};
    for (int i = 0; i < 2; ++i)
        message.receipts.push_back({std::string(kId) + std::to_string(i), jid("bob@b.test"),
                                    ReceiptStatus::saved, at(2026, 11, 20, 18, 5, 14),
                                    std::nullopt});
    auto back = parse_receipt_message(build_message(message, ns::kClient));
    ASSERT_TRUE(back.ok()) << back.error().message;
    EXPECT_EQ(*back, message);
    message.receipts.resize(kMaxReceiptsPerMessage + 1, message.receipts[0]);
    EXPECT_EQ(parse_receipt_message(build_message(message, ns::kClient)).error().message,
              "<message/>: must hold 1 to 100 <receipt/> and no other element of "
              "'urn:xmpp:bizcard:0'; found 101 elements of that namespace");
}

// An update travels as a headline that servers never store, so an offline follower gets only
// the newest version, at its next sync; everything else as a chat message they keep.
TEST(ProtocolMessages, AnUpdateIsAHeadlineThatServersDoNotStore) {
    DeliveryMessage update{{jid("cards.a.test"), jid("bob@b.test"), "m1", "en", "body"},
                           alice_to_bob()};
    update.delivery.set = "work";
    update.delivery.version = 5;
    update.delivery.update = true;
    const xml::Element stanza = build_message(update, ns::kClient);
    EXPECT_EQ(stanza.attr_or_empty("type"), "headline");
    EXPECT_NE(stanza.child("no-store", ns::kHints), nullptr);
    EXPECT_EQ(stanza.child("store", ns::kHints), nullptr);
    auto back = parse_delivery_message(stanza);
    ASSERT_TRUE(back.ok()) << back.error().message;
    EXPECT_EQ(*back, update);
    xml::Element as_chat = stanza;
    as_chat.set_attr("type", "chat");
    as_chat.children.back().name = "store";
    EXPECT_EQ(parse_delivery_message(as_chat).error().message,
              "<message/>: an update travels as a headline with <no-store/>, got type 'chat'");
}

TEST(ProtocolMessages, RefusesMessagesThatBreakTheDraft) {
    DeliveryMessage message{{jid("cards.a.test"), jid("bob@b.test"), "m1", "en", "body"},
                            alice_to_bob()};
    auto error_after = [&](auto change) {
        xml::Element stanza = build_message(message, ns::kClient);
        change(stanza);
        auto parsed = parse_delivery_message(stanza);
        return parsed ? std::string("(parsed)") : parsed.error().message;
    };
    EXPECT_EQ(error_after([](xml::Element&) {}), "(parsed)");
    EXPECT_EQ(error_after([](xml::Element& s) { s.set_attr("type", "normal"); }),
              "<message/>: type must be 'chat' (or 'headline' for an update), got 'normal'");
    EXPECT_EQ(error_after([](xml::Element& s) {
                  s.set_attr("type", "headline");
                  s.children.back().name = "no-store";
              }),
              "<message/>: only an update travels as a headline; this card is none");
    EXPECT_EQ(error_after([](xml::Element& s) { s.set_attr("type", "headline"); }),
              "<message/>: missing the <no-store xmlns='urn:xmpp:hints'/> hint");
    EXPECT_EQ(error_after([](xml::Element& s) { s.set_attr("from", "mallory@evil.test"); }),
              "<message/>: 'from' must be the domain JID of a card service, got "
              "'mallory@evil.test'");
    EXPECT_EQ(contains(error_after([](xml::Element& s) {
                           std::erase_if(s.children, [](auto& c) { return c.name == "store"; });
                       }),
                       "missing the <store xmlns='urn:xmpp:hints'/> hint"),
              "yes");
    EXPECT_EQ(contains(error_after([](xml::Element& s) { s.children.push_back(s.children[1]); }),
                       "found 2 elements"),
              "yes");
    EXPECT_EQ(contains(error_after([](xml::Element& s) { s.children[1].set_attr("id", "x"); }),
                       "<message/>: <card/>: attribute 'id'"),
              "yes");
}

TEST(ProtocolServiceInfo, DefaultsAndRoundTrip) {
    const ServiceLimits limits;
    EXPECT_EQ(limits.max_card_bytes, 65536u);
    EXPECT_EQ(limits.max_recipients, 50u);
    EXPECT_EQ(limits.max_pending_per_recipient, 100u);
    EXPECT_EQ(limits.submits_per_minute, 10u);
    EXPECT_EQ(limits.card_lifetime_seconds, 2592000u);
    EXPECT_EQ(limits.max_backup_bytes, 67108864u);
    EXPECT_EQ(limits.max_sets, 10u);

    ServiceInfo info;
    info.other_features = {std::string(ns::kDiscoInfo), std::string(ns::kPing)};
    info.features.tokens = false;
    info.limits->max_recipients = 5;
    const std::string text = xml::to_string(serialize(info));
    EXPECT_EQ(contains(text,
                       "<feature var='urn:xmpp:bizcard:0'/><feature "
                       "var='urn:xmpp:bizcard:0#sets'/><feature "
                       "var='urn:xmpp:bizcard:0#updates'/>"),
              "yes");
    EXPECT_EQ(contains(text, "<field var='max-recipients'><value>5</value></field>"), "yes");
    auto back = parse_service_info(parse(text));
    ASSERT_TRUE(back.ok()) << back.error().message;
    EXPECT_EQ(*back, info);
}

// A limit of a feature the service does not offer (here max-backup-bytes without #backup) is
// ignored on reading, as it is left out on writing, so the value reads back the same.
TEST(ProtocolServiceInfo, IgnoresTheLimitOfAFeatureNotOffered) {
    ServiceInfo info;
    info.features.backup = false;
    xml::Element query = serialize(info);
    ServiceLimits sent;
    sent.max_backup_bytes = 7;
    query.children.back() = limits_form(sent);  // the form lists max-backup-bytes anyway
    auto read = parse_service_info(query);
    ASSERT_TRUE(read.ok()) << read.error().message;
    EXPECT_EQ(read->limits->max_backup_bytes, ServiceLimits{}.max_backup_bytes);
    auto again = parse_service_info(serialize(*read));
    ASSERT_TRUE(again.ok()) << again.error().message;
    EXPECT_EQ(*again, *read);
}

TEST(ProtocolServiceInfo, RefusesWhatTheDraftForbids) {
    ServiceInfo info;
    info.features.sets = false;
    EXPECT_EQ(contains(parse_service_info(serialize(info)).error().message,
                       "'urn:xmpp:bizcard:0#tokens' is advertised without "
                       "'urn:xmpp:bizcard:0#sets'"),
              "yes");
    EXPECT_EQ(contains(parse_service_info(xmpp::serialize(xmpp::DiscoInfo{})).error().message,
                       "not a card service"),
              "yes");
    xml::Element form = limits_form(ServiceLimits{});
    form.children[3].children[0].text = "-1";  // FORM_TYPE, max-card-bytes, max-copy-bytes
    EXPECT_EQ(parse_limits_form(form).error().message,
              "limits form: field 'max-recipients' must hold a non-negative integer, got '-1'");
    form.children[0].children[0].text = "urn:example";
    EXPECT_EQ(contains(parse_limits_form(form).error().message, "FORM_TYPE must be"), "yes");
}

}  // namespace
}  // namespace cardex::protocol
