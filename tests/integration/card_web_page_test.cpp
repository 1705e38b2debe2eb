// End to end: the web page of a token, served by the federation's cardexd on a.test (as it
// would be behind a reverse proxy), fetched with curl as a browser would: the page shows the
// owner's card with strict headers; "Save to contacts" downloads a vCard our reader reads back;
// the form sends a card back, which reaches the owner over XMPP as via="web" from the service;
// and a revoked or unknown token gets the same 404 page.
#include <gtest/gtest.h>

#include <random>

#include "core/protocol/sets.hpp"
#include "core/protocol/tokens.hpp"
#include "core/vcard/reader.hpp"
#include "tests/integration/card_client.hpp"
#include "tests/integration/federation_env.hpp"
#include "tests/integration/process.hpp"

namespace cardex::testing {
namespace {

using namespace std::chrono_literals;

struct Fetched {
    std::string head;  // status line and headers
    std::string body;
};

Fetched curl(std::vector<std::string> arguments) {
    std::vector<std::string> argv = {"/usr/bin/curl", "-sS", "-i", "--noproxy", "*",
                                     "--max-time",    "30"};
    argv.insert(argv.end(), arguments.begin(), arguments.end());
    const auto outcome = run_command(argv, {}, 40s);
    EXPECT_EQ(outcome.exit_code, 0) << outcome.output;
    const auto split = outcome.output.find("\r\n\r\n");
    if (split == std::string::npos) return {outcome.output, ""};
    return {outcome.output.substr(0, split), outcome.output.substr(split + 4)};
}

bool has(const std::string& text, const std::string& part) {
    return text.find(part) != std::string::npos;
}

xmpp::Iq ask(CardClient& client, xmpp::IqType type, xml::Element payload) {
    auto answer = client.request(Federation::get().var("A_SERVICE"), type, std::move(payload));
    EXPECT_TRUE(answer) << (answer ? "" : answer.error().message);
    return answer ? *answer : xmpp::Iq{};
}

TEST(CardWebPage, ShowsTheCardDownloadsItAndTakesACardBack) {
    const std::string run = std::to_string(std::random_device{}());
    const std::string set = "web-" + run;
    const std::string web = Federation::get().var("A_WEB_URL");
    CardClient alice("ALICE");
    ASSERT_TRUE(alice.connect()) << alice.last_error();
    const auto owner_card = test_card("Alice Web " + run, "urn:uuid:web-" + run);
    ASSERT_EQ(
        ask(alice, xmpp::IqType::set, protocol::serialize(protocol::Publish{set, owner_card})).type,
        xmpp::IqType::result);
    auto created = ask(alice, xmpp::IqType::set,
                       protocol::serialize(protocol::CreateToken{set, std::nullopt, 5, true}));
    ASSERT_EQ(created.type, xmpp::IqType::result);
    auto token = protocol::parse_token(*created.payload);
    ASSERT_TRUE(token) << token.error().message;
    EXPECT_EQ(token->web, "https://" + Federation::get().var("A_SERVICE") + "/c/" + token->value);
    const std::string page = web + "/c/" + token->value;

    const auto shown = curl({page});
    EXPECT_TRUE(has(shown.head, "HTTP/1.1 200")) << shown.head;
    EXPECT_TRUE(has(shown.head, "Content-Security-Policy: default-src 'none'")) << shown.head;
    EXPECT_TRUE(has(shown.head, "X-Frame-Options: DENY"));
    EXPECT_FALSE(has(shown.head, "Set-Cookie"));
    EXPECT_TRUE(has(shown.body, "<h1>Alice Web " + run + "</h1>")) << shown.body;
    EXPECT_TRUE(has(shown.body, "xmpp:" + Federation::get().var("A_SERVICE") +
                                    "?bizcard;token=" + token->value));

    const auto download = curl({page + "/card.vcf"});
    EXPECT_TRUE(has(download.head, "Content-Type: text/vcard")) << download.head;
    const auto read = vcard::read_vcard_text(download.body);
    ASSERT_EQ(read.cards.size(), 1u) << download.body;
    EXPECT_EQ(read.cards[0].formatted_name(), "Alice Web " + run);
    EXPECT_EQ(read.cards[0].uid(), "urn:uuid:web-" + run);

    const auto sent = curl({"--data-urlencode", "name=Visitor " + run, "--data-urlencode",
                            "phone=+41 79 555 01 23", "--data-urlencode", "note=Met at the fair",
                            page + "/reply"});
    EXPECT_TRUE(has(sent.head, "HTTP/1.1 200")) << sent.head << sent.body;
    EXPECT_TRUE(has(sent.body, "on its way"));
    const protocol::CardDelivery* received = nullptr;
    ASSERT_TRUE(alice.run_until(
        [&] {
            for (const auto& [key, card] : alice.cards()) {
                if (card.delivery.card.formatted_name() == "Visitor " + run)
                    received = &card.delivery;
            }
            return received != nullptr;
        },
        60s))
        << "the card from the web page did not reach alice";
    EXPECT_EQ(received->via, protocol::Via::web);
    EXPECT_EQ(received->from.bare_str(), Federation::get().var("A_SERVICE"));
    EXPECT_EQ(received->card.note(), "Met at the fair");
    auto acked = alice.ack(Federation::get().var("A_SERVICE"), received->id);
    ASSERT_TRUE(acked && acked->ok());

    auto listed = ask(alice, xmpp::IqType::get, protocol::serialize(protocol::TokensQuery{}));
    auto tokens = protocol::parse_tokens_result(*listed.payload);
    ASSERT_TRUE(tokens);
    for (const auto& t : tokens->tokens) {
        if (t.value == token->value) {
            EXPECT_EQ(t.uses_left, 4u) << "the reply took one use";
        }
    }

    ASSERT_EQ(
        ask(alice, xmpp::IqType::set, protocol::serialize(protocol::RevokeToken{token->value}))
            .type,
        xmpp::IqType::result);
    const auto revoked = curl({page});
    const auto unknown = curl({web + "/c/AAAAAAAAAAAAAAAAAAAAAA"});
    EXPECT_TRUE(has(revoked.head, "HTTP/1.1 404")) << revoked.head;
    EXPECT_TRUE(has(unknown.head, "HTTP/1.1 404"));
    EXPECT_EQ(revoked.body, unknown.body) << "a revoked and an unknown token look the same";
    EXPECT_FALSE(has(revoked.body, "Alice Web"));
}

}  // namespace
}  // namespace cardex::testing
