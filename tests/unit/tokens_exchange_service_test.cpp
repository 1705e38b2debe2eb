// The tokens and exchange modules (component/service/tokens.hpp, exchange.hpp) through the card
// service, with the fakes: tokens with the service's defaults and maximums, listing and
// revoking them, the exchange with and without the scanner's card, its repeat, one error for
// every token that cannot be used, and the limit on failed attempts; the preview, which takes
// no use, refuses what the exchange refuses and counts its failures the same way; and the service's
// side of the tokens' web pages (service/token_pages.hpp): a page takes no use, a card sent from
// its form reaches the owner and takes one, and unusable tokens count per visitor address.
#include <gtest/gtest.h>

#include "core/protocol/tokens.hpp"
#include "core/vcard/reader.hpp"
#include "core/xml/writer.hpp"
#include "tests/unit/service_fixture.hpp"

namespace cardex::component {
namespace {

using namespace std::chrono_literals;

constexpr std::string_view kBobCard =
    "<vcard xmlns='urn:ietf:params:xml:ns:vcard-4.0'>"
    "<uid><uri>urn:uuid:9d3e6f0a-2b4c-4e8d-a1f7-3c5b7d9e1f20</uri></uid>"
    "<fn><text>Bob Beispiel</text></fn></vcard>";

class TokensTest : public testing::ServiceFixture {
  protected:
    TokensTest() {
        settings.sets.enabled = true;
        settings.tokens.enabled = true;
        settings.tokens.failures_allowed = 3;
        settings.tokens.failures_allowed_per_domain = 5;
        settings.tokens.failure_window = 600s;
    }

    std::string request(std::string_view type, std::string_view payload,
                        std::string_view from = "alice@a.test/phone") {
        const std::string id = "q" + std::to_string(++requests_);
        receive("<iq type='" + std::string(type) + "' id='" + id + "' from='" + std::string(from) +
                "' to='cards.a.test'>" + std::string(payload) + "</iq>");
        return id;
    }
    void publish_work() {
        const auto id = request("set", "<publish xmlns='urn:xmpp:bizcard:0' name='work'><card>" +
                                           std::string(testing::kCard) + "</card></publish>");
        ASSERT_EQ(reply_to(id).type, xmpp::IqType::result);
    }
    protocol::Token create_token(std::string_view attributes = "") {
        const auto id = request("set", "<create-token xmlns='urn:xmpp:bizcard:0' set='work' " +
                                           std::string(attributes) + "/>");
        const auto reply = reply_to(id);
        EXPECT_EQ(reply.type, xmpp::IqType::result) << (reply.error ? reply.error->text : "");
        if (reply.type != xmpp::IqType::result) return {};
        auto token = protocol::parse_token(*reply.payload);
        EXPECT_TRUE(token.ok()) << token.error().message;
        return token ? *token : protocol::Token{};
    }
    xmpp::Iq exchange(std::string_view token, std::string_view from = "bob@b.test/phone",
                      bool share = true) {
        std::string payload = "<exchange xmlns='urn:xmpp:bizcard:0' token='" + std::string(token) +
                              "' share='" + (share ? "true" : "false") + "'>";
        if (share) payload += "<card>" + std::string(kBobCard) + "</card>";
        return reply_to(request("set", payload + "</exchange>", from));
    }
    // The payload of a result `reply`, read by `parse`; a default T when it is none.
    template <class T>
    static T result_of(const xmpp::Iq& reply, Result<T> (*parse)(const xml::Element&)) {
        EXPECT_EQ(reply.type, xmpp::IqType::result) << (reply.error ? reply.error->text : "");
        if (reply.type != xmpp::IqType::result) return {};
        auto result = parse(*reply.payload);
        EXPECT_TRUE(result.ok()) << result.error().message;
        return result ? *result : T{};
    }
    protocol::ExchangeResult exchanged(const xmpp::Iq& reply) {
        return result_of(reply, &protocol::parse_exchange_result);
    }
    xmpp::Iq preview(std::string_view token, std::string_view from = "bob@b.test/phone") {
        return reply_to(request(
            "get", "<preview xmlns='urn:xmpp:bizcard:0' token='" + std::string(token) + "'/>",
            from));
    }
    protocol::TokenPreview previewed(const xmpp::Iq& reply) {
        return result_of(reply, &protocol::parse_token_preview);
    }
    std::vector<protocol::Token> tokens() {
        auto reply = reply_to(request("get", "<tokens xmlns='urn:xmpp:bizcard:0'/>"));
        auto result = protocol::parse_tokens_result(*reply.payload);
        EXPECT_TRUE(result.ok());
        return result ? result->tokens : std::vector<protocol::Token>{};
    }

    // One token of each kind that can no longer be used, read after the service restarted with
    // room for 100 failures: an unknown value, then expired, used up and revoked tokens.
    std::vector<std::string> unusable_tokens() {
        publish_work();
        auto expired =
            create_token("expires='" + protocol::format_timestamp(clock.now() + 1h) + "'");
        auto used_up = create_token("uses='1'");
        auto revoked = create_token();
        exchanged(exchange(used_up.value, "carol@c.test/x"));
        request("set", "<revoke-token xmlns='urn:xmpp:bizcard:0' value='" + revoked.value + "'/>");
        advance(2h);
        settings.tokens.failures_allowed = 100;
        settings.tokens.failures_allowed_per_domain = 100;
        restart_service();
        return {"AAAAAAAAAAAAAAAAAAAAAA", expired.value, used_up.value, revoked.value};
    }

    int requests_ = 0;
};

TEST_F(TokensTest, ATokenHasTheDefaultsAndNoMoreThanTheMaximums) {
    publish_work();
    auto token = create_token();
    EXPECT_EQ(token.value.size(), 22u) << "128 bits, URL-safe Base64";
    EXPECT_EQ(token.set, "work");
    EXPECT_EQ(token.uses_left, 100u);
    EXPECT_EQ(token.expires, clock.now() + 7 * 24h);
    EXPECT_EQ(token.uri, "xmpp:cards.a.test?bizcard;token=" + token.value);

    auto big = create_token("uses='999999' expires='2099-01-01T00:00:00Z'");
    EXPECT_EQ(big.uses_left, 10000u);
    EXPECT_EQ(big.expires, clock.now() + 365 * 24h);
    EXPECT_NE(big.value, token.value);

    auto small = create_token("uses='3'");
    EXPECT_EQ(small.uses_left, 3u);
}

TEST_F(TokensTest, ATokenNamesItsWebPageWhenTheServiceHasOne) {
    publish_work();
    auto plain = create_token();
    EXPECT_FALSE(plain.web);
    EXPECT_TRUE(plain.web_replies);

    settings.tokens.web_base = "https://cards.a.test";
    restart_service();
    auto token = create_token("web-replies='false'");
    EXPECT_EQ(token.web, "https://cards.a.test/c/" + token.value);
    EXPECT_FALSE(token.web_replies);
    const auto listed = tokens();
    ASSERT_EQ(listed.size(), 2u);
    EXPECT_EQ(listed[0].web, "https://cards.a.test/c/" + listed[0].value);
    EXPECT_EQ(listed[0].web_replies, listed[0].value != token.value);
}

TEST_F(TokensTest, AnExpiryInThePastOrAnUnknownSetIsRefused) {
    publish_work();
    auto reply = reply_to(request("set",
                                  "<create-token xmlns='urn:xmpp:bizcard:0' set='work' "
                                  "expires='2020-01-01T00:00:00Z'/>"));
    EXPECT_EQ(reply.error->condition, "bad-request");
    EXPECT_NE(reply.error->text.find("2020-01-01"), std::string::npos) << reply.error->text;
    reply = reply_to(request("set", "<create-token xmlns='urn:xmpp:bizcard:0' set='club'/>"));
    EXPECT_EQ(app_condition(reply), "unknown-set");
    reply = reply_to(request("set", "<create-token xmlns='urn:xmpp:bizcard:0' set='work'/>",
                             "mallory@b.test/x"));
    EXPECT_EQ(app_condition(reply), "not-local-user");
}

TEST_F(TokensTest, TheListShowsUsableTokensAndRevokingOneMakesItInvalid) {
    publish_work();
    auto first = create_token();
    auto second = create_token("uses='1'");
    ASSERT_EQ(tokens().size(), 2u);

    exchanged(exchange(second.value));
    const auto left = tokens();
    ASSERT_EQ(left.size(), 1u) << "a used-up token is not listed";
    EXPECT_EQ(left[0].value, first.value);

    auto reply = reply_to(
        request("set", "<revoke-token xmlns='urn:xmpp:bizcard:0' value='" + first.value + "'/>",
                "carol@a.test/x"));
    EXPECT_EQ(app_condition(reply), "invalid-token") << "only its owner revokes a token";
    reply = reply_to(
        request("set", "<revoke-token xmlns='urn:xmpp:bizcard:0' value='" + first.value + "'/>"));
    EXPECT_EQ(reply.type, xmpp::IqType::result);
    EXPECT_TRUE(tokens().empty());
    EXPECT_EQ(app_condition(exchange(first.value)), "invalid-token");
}

TEST_F(TokensTest, AnExchangeGivesEachTheOthersCard) {
    publish_work();
    auto token = create_token("uses='5'");
    auto result = exchanged(exchange(token.value));
    EXPECT_EQ(result.card.from.bare_str(), "alice@a.test");
    EXPECT_EQ(result.card.set, "work");
    EXPECT_EQ(result.card.version, 1u);
    ASSERT_NE(result.card.card.first("FN"), nullptr);
    EXPECT_EQ(result.card.card.first("FN")->first_value(), "Alice Example");
    ASSERT_TRUE(result.delivery);
    EXPECT_EQ(result.delivery->to.bare_str(), "alice@a.test");

    const auto sent = copies();
    ASSERT_EQ(sent.size(), 1u);
    EXPECT_EQ(sent[0].envelope.to.bare_str(), "alice@a.test");
    EXPECT_EQ(sent[0].delivery.id, result.delivery->id);
    EXPECT_EQ(sent[0].delivery.from.bare_str(), "bob@b.test");
    EXPECT_EQ(sent[0].delivery.via, protocol::Via::token);
    EXPECT_NE(sent[0].envelope.body.find("scanned your QR code"), std::string::npos);
    EXPECT_EQ(tokens()[0].uses_left, 4u);

    receive(ack_iq("a1", "alice@a.test/phone", result.delivery->id));
    const auto told = receipts();
    ASSERT_EQ(told.size(), 1u);
    EXPECT_EQ(told[0].envelope.to.bare_str(), "bob@b.test") << "the scanner learns the outcome";
    EXPECT_EQ(told[0].receipt.status, protocol::ReceiptStatus::saved);
}

TEST_F(TokensTest, ReceiveOnlyTakesAUseAndDeliversNothing) {
    publish_work();
    auto token = create_token("uses='5'");
    auto result = exchanged(exchange(token.value, "bob@b.test/phone", false));
    EXPECT_EQ(result.card.set, "work");
    EXPECT_FALSE(result.delivery);
    EXPECT_TRUE(copies().empty());
    EXPECT_EQ(tokens()[0].uses_left, 4u);
}

TEST_F(TokensTest, ARepeatIsAnsweredAsTheFirstTimeWithoutTakingAnotherUse) {
    publish_work();
    auto token = create_token("uses='1'");
    auto first = exchanged(exchange(token.value));
    auto again = exchanged(exchange(token.value, "bob@b.test/laptop"));
    EXPECT_EQ(again.delivery, first.delivery) << "the same delivery, not a second card";
    EXPECT_EQ(copies().size(), 1u);
    EXPECT_EQ(app_condition(exchange(token.value, "carol@c.test/x")), "invalid-token")
        << "the one use went to bob";
}

TEST_F(TokensTest, TheOwnerGetsTheCardWithoutUsingTheToken) {
    publish_work();
    auto token = create_token("uses='1'");
    auto result = exchanged(exchange(token.value, "alice@a.test/laptop"));
    EXPECT_EQ(result.card.set, "work");
    EXPECT_FALSE(result.delivery);
    EXPECT_TRUE(copies().empty());
    EXPECT_EQ(tokens()[0].uses_left, 1u);
}

TEST_F(TokensTest, EveryTokenThatCannotBeUsedGetsTheSameError) {
    std::vector<xmpp::Iq> replies;
    for (const auto& value : unusable_tokens())
        replies.push_back(exchange(value));
    for (const auto& reply : replies) {
        ASSERT_TRUE(reply.error);
        EXPECT_EQ(reply.error->condition, "item-not-found");
        EXPECT_EQ(app_condition(reply), "invalid-token");
        EXPECT_EQ(reply.error->text, replies[0].error->text);
        EXPECT_EQ(xml::to_string(xmpp::serialize(*reply.error, ns::kComponentAccept)),
                  xml::to_string(xmpp::serialize(*replies[0].error, ns::kComponentAccept)));
    }
    EXPECT_TRUE(copies().empty()) << "no card of bob's was kept";
}

TEST_F(TokensTest, RetractingTheSetInvalidatesItsTokens) {
    publish_work();
    auto token = create_token();
    request("set", "<retract xmlns='urn:xmpp:bizcard:0' name='work'/>");
    EXPECT_EQ(app_condition(exchange(token.value)), "invalid-token");
    EXPECT_TRUE(tokens().empty());
}

TEST_F(TokensTest, FailedAttemptsAreLimitedPerJidAndDomainAcrossARestart) {
    publish_work();
    auto token = create_token();
    for (int i = 0; i < 3; ++i)
        EXPECT_EQ(
            app_condition(exchange(std::string(21, 'A') + char('a' + i), "mallory@evil.test/x")),
            "invalid-token");

    restart_service();
    auto reply = exchange(token.value, "mallory@evil.test/x");
    EXPECT_EQ(app_condition(reply), "rate-limited") << "even with a valid token";
    ASSERT_TRUE(reply.error);
    EXPECT_EQ(reply.error->type, xmpp::ErrorType::wait);
    exchanged(exchange(token.value, "eve@evil.test/x"));  // the domain has 2 failures left
    for (int i = 0; i < 2; ++i)
        exchange(std::string(21, 'B') + char('a' + i), "trudy@evil.test/x");
    EXPECT_EQ(app_condition(exchange(token.value, "oscar@evil.test/x")), "rate-limited")
        << "the domain's allowance is used up";
    exchanged(exchange(token.value, "bob@b.test/x"));

    advance(601s);
    exchanged(exchange(token.value, "mallory@evil.test/x"));
}

TEST_F(TokensTest, APreviewNamesOwnerSetAndCardWithoutTakingAUse) {
    const auto id =
        request("set",
                "<publish xmlns='urn:xmpp:bizcard:0' name='work'><card>"
                "<vcard xmlns='urn:ietf:params:xml:ns:vcard-4.0'>"
                "<uid><uri>urn:uuid:4fbe8971-0bc3-424c-9c26-36c3e1eff6b1</uri></uid>"
                "<fn><text>Alice Example</text></fn><org><text>Example Corp</text></org>"
                "<title><text>CTO</text></title><tel><uri>tel:+49-30-1234567</uri></tel>"
                "</vcard></card></publish>");
    ASSERT_EQ(reply_to(id).type, xmpp::IqType::result);
    auto token = create_token("uses='1'");
    const auto shown = previewed(preview(token.value));
    EXPECT_EQ(shown.from.bare_str(), "alice@a.test");
    EXPECT_EQ(shown.set, "work");
    EXPECT_EQ(shown.card, (protocol::CardSummary{"Alice Example", "Example Corp", "CTO"}));
    EXPECT_TRUE(shown.accepts_card);
    const auto reply = preview(token.value, "bob@b.test/laptop");
    ASSERT_TRUE(reply.payload);
    EXPECT_EQ(xml::to_string(*reply.payload).find("tel:"), std::string::npos)
        << "a preview shows no more than the summary";
    EXPECT_EQ(tokens()[0].uses_left, 1u) << "previews take no use";
    EXPECT_TRUE(copies().empty());

    exchanged(exchange(token.value));  // the one use
    EXPECT_FALSE(previewed(preview(token.value)).accepts_card)
        << "a repeat would deliver no second card";
    EXPECT_FALSE(previewed(preview(token.value, "alice@a.test/phone")).accepts_card)
        << "nor would the owner's own exchange";
    EXPECT_EQ(app_condition(preview(token.value, "carol@c.test/x")), "invalid-token")
        << "used up for everybody else, as for the exchange";
}

TEST_F(TokensTest, APreviewOfATokenThatCannotBeUsedGetsTheExchangesError) {
    const auto values = unusable_tokens();
    const auto refused = exchange("AAAAAAAAAAAAAAAAAAAAAA");
    ASSERT_TRUE(refused.error);
    const std::string exchange_error =
        xml::to_string(xmpp::serialize(*refused.error, ns::kComponentAccept));
    for (const auto& value : values) {
        const auto reply = preview(value);
        ASSERT_TRUE(reply.error) << value;
        EXPECT_EQ(app_condition(reply), "invalid-token");
        EXPECT_EQ(xml::to_string(xmpp::serialize(*reply.error, ns::kComponentAccept)),
                  exchange_error);
    }
}

TEST_F(TokensTest, FailedPreviewsCountAgainstTheLimitsOfTheExchange) {
    publish_work();
    auto token = create_token("uses='5'");
    for (int i = 0; i < 3; ++i)
        EXPECT_EQ(
            app_condition(preview(std::string(21, 'A') + char('a' + i), "mallory@evil.test/x")),
            "invalid-token");
    EXPECT_EQ(app_condition(exchange(token.value, "mallory@evil.test/x")), "rate-limited")
        << "failed previews count like failed exchanges";
    EXPECT_EQ(app_condition(preview(token.value, "mallory@evil.test/x")), "rate-limited")
        << "and beyond the limit a preview is refused, valid token or not";
    previewed(preview(token.value, "eve@evil.test/x"));  // the domain has 2 failures left
    for (int i = 0; i < 2; ++i)
        preview(std::string(21, 'B') + char('a' + i), "trudy@evil.test/x");
    EXPECT_EQ(app_condition(preview(token.value, "oscar@evil.test/x")), "rate-limited")
        << "the domain's allowance is used up by previews too";
    EXPECT_EQ(tokens()[0].uses_left, 5u);

    advance(601s);
    previewed(preview(token.value, "mallory@evil.test/x"));
}

TEST_F(TokensTest, TheScannersCardIsCheckedLikeASubmittedOne) {
    publish_work();
    auto token = create_token("uses='5'");
    auto reply = reply_to(request("set",
                                  "<exchange xmlns='urn:xmpp:bizcard:0' token='" + token.value +
                                      "' share='true'><card><vcard "
                                      "xmlns='urn:ietf:params:xml:ns:vcard-4.0'><note><text>no "
                                      "name</text></note></vcard></card></exchange>",
                                  "bob@b.test/x"));
    EXPECT_EQ(app_condition(reply), "invalid-card");
    reply = reply_to(request(
        "set", "<exchange xmlns='urn:xmpp:bizcard:0' token='" + token.value + "' share='true'/>",
        "bob@b.test/x"));
    EXPECT_EQ(reply.error->condition, "bad-request");
    EXPECT_EQ(tokens()[0].uses_left, 5u) << "a refused exchange takes no use";
}

// Within max-card-bytes, but its copy to the owner would be over max-copy-bytes: refused as a
// submit is, before a use is taken, and nothing is sent.
TEST_F(TokensTest, AScannersCardWhoseCopyWouldBeTooLargeIsRefusedAsASubmitIs) {
    publish_work();
    auto token = create_token("uses='5'");
    const std::string large =
        "<vcard xmlns='urn:ietf:params:xml:ns:vcard-4.0'><fn><text>Bob "
        "Beispiel</text></fn><note><text>" +
        std::string(63'800, 'n') + "</text></note></vcard>";
    ASSERT_LT(large.size(), settings.requests.limits.max_card_bytes);
    const auto reply =
        reply_to(request("set",
                         "<exchange xmlns='urn:xmpp:bizcard:0' token='" + token.value +
                             "' share='true'><card>" + large + "</card></exchange>",
                         "bob@b.test/x"));
    ASSERT_TRUE(reply.error);
    EXPECT_EQ(reply.error->condition, "policy-violation");
    EXPECT_EQ(reply.error->type, xmpp::ErrorType::modify);
    EXPECT_NE(reply.error->text.find("no copy larger than 64000 bytes (max-copy-bytes)"),
              std::string::npos)
        << reply.error->text;
    EXPECT_TRUE(copies().empty());
    EXPECT_EQ(tokens()[0].uses_left, 5u) << "a refused exchange takes no use";
    EXPECT_TRUE(status_of("bob@b.test").empty()) << "no delivery was made";
    exchanged(exchange(token.value, "bob@b.test/x"));
    EXPECT_EQ(copies().size(), 1u);
}

TEST_F(TokensTest, AStoreFailureTakesNoUseAndKeepsNoCard) {
    publish_work();
    auto token = create_token("uses='1'");
    store.fail_next();
    auto reply = exchange(token.value);
    ASSERT_TRUE(reply.error);
    EXPECT_EQ(reply.error->condition, "internal-server-error");
    EXPECT_TRUE(copies().empty());
    exchanged(exchange(token.value));
    EXPECT_EQ(copies().size(), 1u);
}

TEST_F(TokensTest, NothingIsOfferedWithoutSets) {
    settings.sets.enabled = false;
    auto info = protocol::parse_service_info(service().disco_info());
    ASSERT_TRUE(info.ok());
    EXPECT_FALSE(info->features.tokens);
    auto reply = exchange("AAAAAAAAAAAAAAAAAAAAAA");
    EXPECT_EQ(reply.error->condition, "service-unavailable");
    EXPECT_EQ(preview("AAAAAAAAAAAAAAAAAAAAAA").error->condition, "service-unavailable")
        << "what a client falls back on with a service that has no previews";
}

// ---- the web pages --------------------------------------------------------------------------

class TokenPagesTest : public TokensTest {
  protected:
    // The pages as the HTTP threads use them; here each call runs on the test's thread.
    web::TokenPages& pages() {
        if (!pages_) {
            pages_ = service().token_pages([this](std::function<void()> work) {
                work();
                settle();
            });
        }
        return *pages_;
    }
    static vcard::Card visitor_card() {
        auto read = vcard::read_vcard_text(
            "BEGIN:VCARD\r\nVERSION:4.0\r\nUID:urn:uuid:6f1c2a0e-8d3b-4f7a-9e21-5b4c3d2a1f00\r\n"
            "FN:Vera Visitor\r\nTEL:+41 79 555 01 23\r\nNOTE:Met at the fair\r\nEND:VCARD\r\n");
        EXPECT_EQ(read.cards.size(), 1u);
        return read.cards.at(0);
    }

    std::unique_ptr<web::TokenPages> pages_;
};

TEST_F(TokenPagesTest, APageShowsTheSetsCardWithoutTakingAUse) {
    publish_work();
    auto token = create_token("uses='2'");
    for (int view = 0; view < 3; ++view) {
        const auto shown = pages().page(token.value, "192.0.2.1");
        ASSERT_EQ(shown.kind, web::PageOutcome::Kind::shown);
        EXPECT_EQ(shown.page.card.formatted_name(), "Alice Example");
        EXPECT_EQ(shown.page.xmpp_uri, "xmpp:cards.a.test?bizcard;token=" + token.value);
        EXPECT_TRUE(shown.page.replies);
    }
    EXPECT_EQ(tokens()[0].uses_left, 2u) << "browsers and link previews load a page repeatedly";
}

TEST_F(TokenPagesTest, ACardFromTheFormReachesTheOwnerTakesAUseAndHasNoReceipt) {
    publish_work();
    auto token = create_token("uses='2'");
    const auto sent = pages().reply(token.value, "192.0.2.1", visitor_card());
    ASSERT_EQ(sent.kind, web::ReplyOutcome::Kind::sent) << sent.why;
    EXPECT_EQ(sent.owner_name, "Alice Example");
    EXPECT_EQ(tokens()[0].uses_left, 1u);
    const auto delivered = copies();
    ASSERT_EQ(delivered.size(), 1u);
    EXPECT_EQ(delivered[0].envelope.to.bare_str(), "alice@a.test");
    EXPECT_EQ(delivered[0].delivery.via, protocol::Via::web);
    EXPECT_EQ(delivered[0].delivery.from.str(), "cards.a.test") << "no XMPP account sent it";
    EXPECT_EQ(delivered[0].delivery.card.formatted_name(), "Vera Visitor");
    // A sync sends it again from what was stored: the same card, read back.
    channel.sent.clear();
    receive(sync_iq("s1", "alice@a.test/phone"));
    const auto again = copies();
    ASSERT_EQ(again.size(), 1u);
    EXPECT_EQ(again[0].delivery.id, delivered[0].delivery.id);
    EXPECT_EQ(again[0].delivery.card, delivered[0].delivery.card);
    receive(ack_iq("a1", "alice@a.test/phone", delivered[0].delivery.id));
    EXPECT_EQ(reply_to("a1").type, xmpp::IqType::result);
    EXPECT_TRUE(receipts().empty()) << "there is nobody to send a receipt to";

    // The last use goes to the second card; a third finds the token used up.
    ASSERT_EQ(pages().reply(token.value, "192.0.2.2", visitor_card()).kind,
              web::ReplyOutcome::Kind::sent);
    EXPECT_EQ(pages().reply(token.value, "192.0.2.3", visitor_card()).kind,
              web::ReplyOutcome::Kind::invalid);
    EXPECT_EQ(pages().page(token.value, "192.0.2.3").kind, web::PageOutcome::Kind::invalid);
}

TEST_F(TokenPagesTest, TheOwnerCanTurnTheFormOffForAToken) {
    publish_work();
    auto token = create_token("uses='2' web-replies='false'");
    EXPECT_FALSE(pages().page(token.value, "192.0.2.1").page.replies);
    EXPECT_EQ(pages().reply(token.value, "192.0.2.1", visitor_card()).kind,
              web::ReplyOutcome::Kind::not_offered);
    EXPECT_EQ(tokens()[0].uses_left, 2u);
    EXPECT_TRUE(copies().empty());
}

// An address may be a whole venue's: it gets the domain's allowance (5 here), not a person's (3).
TEST_F(TokenPagesTest, UnusableTokensCountPerAddressWithTheDomainsAllowance) {
    publish_work();
    auto token = create_token();
    for (int attempt = 0; attempt < 5; ++attempt) {
        EXPECT_EQ(pages().page("AAAAAAAAAAAAAAAAAAAAA" + std::to_string(attempt), "192.0.2.1").kind,
                  web::PageOutcome::Kind::invalid)
            << attempt;
    }
    EXPECT_EQ(pages().page(token.value, "192.0.2.1").kind, web::PageOutcome::Kind::limited);
    EXPECT_EQ(pages().reply(token.value, "192.0.2.1", visitor_card()).kind,
              web::ReplyOutcome::Kind::limited);
    EXPECT_EQ(pages().page(token.value, "192.0.2.9").kind, web::PageOutcome::Kind::shown)
        << "another address is not held up";
    advance(601s);
    EXPECT_EQ(pages().page(token.value, "192.0.2.1").kind, web::PageOutcome::Kind::shown)
        << "after the window";
}

}  // namespace
}  // namespace cardex::component
