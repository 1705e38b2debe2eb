// End to end on the federation, at the protocol level: card sets, tokens and the one-step
// exchange at each card service, scanned by a user of the other server (a token of
// cards.a.test scanned from b.test, and the reverse). The owner is offline while the scanner
// exchanges, and the owner's cardexd is killed (SIGKILL) and started again after the token is
// made and after the exchange: sets, tokens and the pending exchange survive, the scanner's
// repeat gets the same delivery, the owner receives the scanner's card once and acknowledges
// it, and the scanner gets the receipt. Then every token that cannot be used gives the same
// error over the federation, and guessing is cut off by the service's limit.
#include <gtest/gtest.h>

#include <algorithm>
#include <random>
#include <thread>

#include "core/protocol/sets.hpp"
#include "core/protocol/tokens.hpp"
#include "tests/integration/card_client.hpp"
#include "tests/integration/component_kill.hpp"
#include "tests/integration/federation_env.hpp"

namespace cardex::testing {
namespace {

using namespace std::chrono_literals;

constexpr auto kWait = 60s;

std::string run_id() {
    return std::to_string(std::random_device{}());
}

template <class T>
Result<Reply<T>> ask(CardClient& client, const std::string& service, xmpp::IqType type,
                     xml::Element payload, Result<T> (*parse)(const xml::Element&)) {
    auto answer = client.request(service, type, std::move(payload));
    if (!answer) return answer.error();
    return client::exchange::decode_reply<T>(*answer, parse);
}

// A request whose answer is an empty result (revoke-token, retract).
Result<Reply<Ok>> ask_empty(CardClient& client, const std::string& service, xml::Element payload) {
    auto answer = client.request(service, xmpp::IqType::set, std::move(payload));
    if (!answer) return answer.error();
    return client::exchange::decode_empty_reply(*answer);
}

std::uint64_t publish(CardClient& owner, const std::string& service, const std::string& set,
                      const vcard::Card& card) {
    auto reply = ask<protocol::Published>(owner, service, xmpp::IqType::set,
                                          protocol::serialize(protocol::Publish{set, card}),
                                          &protocol::parse_published);
    EXPECT_TRUE(reply && reply->ok()) << (reply ? describe(reply->error) : reply.error().message);
    return reply && reply->ok() ? reply->value->version : 0;
}

protocol::Token create_token(CardClient& owner, const std::string& service, const std::string& set,
                             std::uint64_t uses,
                             std::optional<protocol::Timestamp> expires = std::nullopt) {
    auto reply = ask<protocol::Token>(
        owner, service, xmpp::IqType::set,
        protocol::serialize(protocol::CreateToken{set, expires, uses}), &protocol::parse_token);
    EXPECT_TRUE(reply && reply->ok()) << (reply ? describe(reply->error) : reply.error().message);
    return reply && reply->ok() ? *reply->value : protocol::Token{};
}

Result<Reply<protocol::ExchangeResult>> exchange(CardClient& scanner, const std::string& service,
                                                 const std::string& token,
                                                 std::optional<vcard::Card> card) {
    protocol::Exchange request{token, card.has_value(), false, std::move(card)};
    return ask<protocol::ExchangeResult>(scanner, service, xmpp::IqType::set,
                                         protocol::serialize(request),
                                         &protocol::parse_exchange_result);
}

std::vector<protocol::Token> tokens_of(CardClient& owner, const std::string& service) {
    auto reply = ask<protocol::TokensResult>(owner, service, xmpp::IqType::get,
                                             protocol::serialize(protocol::TokensQuery{}),
                                             &protocol::parse_tokens_result);
    EXPECT_TRUE(reply && reply->ok());
    return reply && reply->ok() ? reply->value->tokens : std::vector<protocol::Token>{};
}

// The parameter names the owner's side: "a" (alice at cards.a.test, scanned by bob@b.test)
// or "b" (bob at cards.b.test, scanned by alice@a.test).
class CardExchangeService : public ::testing::TestWithParam<std::string> {
  protected:
    bool on_a() const { return GetParam() == "a"; }
    std::string owner_user() const { return on_a() ? "ALICE" : "BOB"; }
    std::string scanner_user() const { return on_a() ? "BOB" : "ALICE"; }
    std::string service() const {
        return Federation::get().var(on_a() ? "A_SERVICE" : "B_SERVICE");
    }
};

TEST_P(CardExchangeService, ExchangesAcrossServersAndSurvivesCrashes) {
    const std::string run = run_id();
    const auto owner_card = test_card("Owner " + run, "urn:uuid:owner-" + run);
    const auto scanner_card = test_card("Scanner " + run, "urn:uuid:scanner-" + run);

    const std::string set = "work-" + run;
    CardClient owner(owner_user());
    ASSERT_TRUE(owner.connect()) << owner.last_error();
    ASSERT_EQ(publish(owner, service(), set, owner_card), 1u);
    const auto token = create_token(owner, service(), set, 3);
    ASSERT_FALSE(token.value.empty());
    EXPECT_EQ(token.uri, "xmpp:" + service() + "?bizcard;token=" + token.value);
    const std::string owner_jid = owner.jid().bare_str();
    owner.disconnect();

    ComponentKill crash(GetParam());
    ASSERT_TRUE(crash.kill()) << "could not kill cardexd";
    ASSERT_TRUE(crash.restart()) << "cardexd did not start again";

    CardClient scanner(scanner_user());
    ASSERT_TRUE(scanner.connect()) << scanner.last_error();
    auto first = exchange(scanner, service(), token.value, scanner_card);
    ASSERT_TRUE(first && first->ok()) << (first ? describe(first->error) : first.error().message);
    const auto& got = *first->value;
    EXPECT_EQ(got.card.from.bare_str(), owner_jid);
    EXPECT_EQ(got.card.set, set);
    EXPECT_EQ(got.card.version, 1u);
    EXPECT_EQ(got.card.card, owner_card) << "the owner's card, as published";
    ASSERT_TRUE(got.delivery) << "the scanner's card is on its way";
    const std::string delivery = got.delivery->id;

    ASSERT_TRUE(crash.kill()) << "could not kill cardexd";
    ASSERT_TRUE(crash.restart()) << "cardexd did not start again";

    auto again = exchange(scanner, service(), token.value, scanner_card);
    ASSERT_TRUE(again && again->ok()) << (again ? describe(again->error) : again.error().message);
    ASSERT_TRUE(again->value->delivery);
    EXPECT_EQ(again->value->delivery->id, delivery) << "a repeat makes no second delivery";

    CardClient owner_again(owner_user());
    ASSERT_TRUE(owner_again.connect()) << owner_again.last_error();
    auto synced = owner_again.sync(service());
    ASSERT_TRUE(synced && synced->ok());
    const DeliveryKey key{service(), delivery};
    ASSERT_TRUE(owner_again.run_until([&] { return owner_again.cards().count(key) > 0; }, kWait))
        << "the scanner's card did not reach the owner";
    const auto& received = owner_again.cards().at(key).delivery;
    EXPECT_EQ(received.from, scanner.jid().bare());
    EXPECT_EQ(received.via, protocol::Via::token);
    EXPECT_EQ(received.card, scanner_card);
    auto acked = owner_again.ack(service(), delivery);
    ASSERT_TRUE(acked && acked->ok());

    ASSERT_TRUE(scanner.run_until([&] { return scanner.receipts_for(delivery) > 0; }, kWait))
        << "no receipt reached the scanner";
    EXPECT_EQ(scanner.receipts().back().receipt.status, protocol::ReceiptStatus::saved);

    const auto listed = tokens_of(owner_again, service());
    const auto left = std::find_if(listed.begin(), listed.end(), [&](const protocol::Token& t) {
        return t.value == token.value;
    });
    ASSERT_NE(left, listed.end());
    EXPECT_EQ(left->uses_left, 2u) << "one use, however often it was repeated";

    // A new version of the set, sent by name: the scanner receives it with set and version.
    auto changed = owner_card;
    changed.properties.push_back({"", "TITLE", {}, "text", {{"Managing Director"}}});
    ASSERT_EQ(publish(owner_again, service(), set, changed), 2u);
    auto sent = ask<protocol::Submitted>(
        owner_again, service(), xmpp::IqType::set,
        protocol::serialize(protocol::Submit{{scanner.jid().bare()}, set, {}, {}}),
        &protocol::parse_submitted);
    ASSERT_TRUE(sent && sent->ok()) << (sent ? describe(sent->error) : sent.error().message);
    const DeliveryKey set_key{service(), sent->value->deliveries.at(0).id};
    ASSERT_TRUE(scanner.run_until([&] { return scanner.cards().count(set_key) > 0; }, kWait));
    const auto& from_set = scanner.cards().at(set_key).delivery;
    EXPECT_EQ(from_set.set, set);
    EXPECT_EQ(from_set.version, 2u);
    EXPECT_EQ(from_set.card, changed);
    auto set_acked = scanner.ack(service(), set_key.second);
    EXPECT_TRUE(set_acked && set_acked->ok());
}

INSTANTIATE_TEST_SUITE_P(Sides, CardExchangeService, ::testing::Values("a", "b"),
                         [](const auto& info) {
                             return info.param == "a" ? std::string("TokenOfATestScannedFromB")
                                                      : std::string("TokenOfBTestScannedFromA");
                         });

// Tokens at cards.a.test, tried from b.test: used up, revoked, expired, of a retracted set,
// and never made all give one error; a receive-only exchange gets the card and makes no
// delivery; and mallory, who keeps guessing, is cut off even with a valid token.
TEST(CardExchangeTokens, UnusableTokensAreIndistinguishableAndGuessingIsCutOff) {
    const std::string service = Federation::get().var("A_SERVICE");
    const std::string run = run_id();
    CardClient alice("ALICE");
    ASSERT_TRUE(alice.connect()) << alice.last_error();
    const std::string work = "work-" + run, gone = "gone-" + run;
    ASSERT_EQ(publish(alice, service, work, test_card("Alice " + run, "urn:uuid:a-" + run)), 1u);
    ASSERT_EQ(publish(alice, service, gone, test_card("Old " + run, "urn:uuid:o-" + run)), 1u);
    const auto used_up = create_token(alice, service, work, 1);
    const auto revoked = create_token(alice, service, work, 5);
    const auto of_retracted = create_token(alice, service, gone, 5);
    const auto expiring = create_token(
        alice, service, work, 5,
        std::chrono::time_point_cast<std::chrono::milliseconds>(std::chrono::system_clock::now()) +
            2s);
    const auto valid = create_token(alice, service, work, 5);
    auto revoke =
        ask_empty(alice, service, protocol::serialize(protocol::RevokeToken{revoked.value}));
    ASSERT_TRUE(revoke && revoke->ok());
    auto retract = ask_empty(alice, service, protocol::serialize(protocol::Retract{gone}));
    ASSERT_TRUE(retract && retract->ok());

    CardClient bob("BOB");
    ASSERT_TRUE(bob.connect()) << bob.last_error();
    auto receive_only = exchange(bob, service, used_up.value, std::nullopt);
    ASSERT_TRUE(receive_only && receive_only->ok());
    EXPECT_FALSE(receive_only->value->delivery);
    EXPECT_EQ(receive_only->value->card.set, work);
    std::this_thread::sleep_for(3s);  // past the expiry of `expiring`

    CardClient mallory("MALLORY");
    ASSERT_TRUE(mallory.connect()) << mallory.last_error();
    const auto card = test_card("Mallory " + run, "urn:uuid:m-" + run);
    std::vector<Reply<protocol::ExchangeResult>> refused;
    for (const auto& value : {used_up.value, revoked.value, of_retracted.value, expiring.value,
                              std::string("AAAAAAAAAAAAAAAAAAAAAA")}) {
        auto reply = exchange(mallory, service, value, card);
        ASSERT_TRUE(reply) << reply.error().message;
        ASSERT_FALSE(reply->ok()) << "token " << value << " was accepted";
        refused.push_back(*reply);
    }
    for (const auto& reply : refused) {
        EXPECT_TRUE(reply.failed_with(protocol::ErrorCondition::invalid_token))
            << describe(reply.error);
        EXPECT_EQ(reply.error->condition, "item-not-found");
        EXPECT_EQ(describe(reply.error), describe(refused.front().error))
            << "the errors tell them apart";
    }

    auto cut_off = exchange(mallory, service, valid.value, card);
    ASSERT_TRUE(cut_off);
    EXPECT_TRUE(cut_off->failed_with(protocol::ErrorCondition::rate_limited))
        << describe(cut_off->error);
    auto bob_still = exchange(bob, service, valid.value, std::nullopt);
    ASSERT_TRUE(bob_still);
    EXPECT_TRUE(bob_still->ok()) << "another user of mallory's server is not cut off: "
                                 << describe(bob_still->error);
}

}  // namespace
}  // namespace cardex::testing
