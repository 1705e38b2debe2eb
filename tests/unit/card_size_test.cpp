// The client's check of a card against a service's limits before it goes out: a submit, a set's
// card and a card given in an exchange, each within max-card-bytes and with a copy within
// max-copy-bytes, or refused in a sentence that names the size and the limit.
#include "client/exchange/card_size.hpp"

#include <gtest/gtest.h>

#include "client/exchange/service_requests.hpp"
#include "tests/unit/book_test_support.hpp"

namespace cardex::testing {
namespace {

namespace exchange = client::exchange;

const xmpp::Jid kService = *xmpp::Jid::parse("cards.a.test");
const xmpp::Jid kBob = *xmpp::Jid::parse("bob@b.test");
const protocol::TokenUri kToken{kService, "K2nCb02UV6mUZuAByZeB9A"};

// A card of about `bytes` bytes as the service measures it.
vcard::Card card_near(std::size_t bytes) {
    return card_of({"FN:Alice Example", "UID:urn:uuid:alice", "NOTE:" + std::string(bytes, 'x')});
}

std::string message(const Status& status) {
    return status ? std::string() : status.error().message;
}

TEST(CardSize, ACardWithinTheLimitsPassesEveryCheck) {
    const protocol::ServiceLimits limits;
    const vcard::Card card = card_near(2000);
    EXPECT_EQ(message(exchange::check_submit_size(kService, limits, card, {kBob})), "");
    EXPECT_EQ(message(exchange::check_set_size(kService, limits, card)), "");
    EXPECT_EQ(message(exchange::check_exchange_size(kToken, limits, card)), "");
}

TEST(CardSize, ACardOverMaxCardBytesIsRefusedWithItsSizeAndTheLimit) {
    const protocol::ServiceLimits limits;
    const vcard::Card card = card_near(70000);
    const std::string size = std::to_string(exchange::card_bytes(card));
    const std::string expected =
        "the card has " + size + " bytes; cards.a.test takes at most 65536 (max-card-bytes)";
    EXPECT_EQ(message(exchange::check_submit_size(kService, limits, card, {kBob})), expected);
    EXPECT_EQ(message(exchange::check_set_size(kService, limits, card)), expected);
    EXPECT_EQ(message(exchange::check_exchange_size(kToken, limits, card)), expected);
}

// Within max-card-bytes, but the copy, with the message around the card, would be over
// max-copy-bytes: a server with a 64 KiB stanza limit would stall on it.
TEST(CardSize, ACardWhoseCopyWouldBeOverMaxCopyBytesIsRefused) {
    const protocol::ServiceLimits limits;
    const vcard::Card card = card_near(63900);
    ASSERT_LT(exchange::card_bytes(card), limits.max_card_bytes);
    for (const std::string& why :
         {message(exchange::check_submit_size(kService, limits, card, {kBob})),
          message(exchange::check_exchange_size(kToken, limits, card))}) {
        EXPECT_NE(why.find("the card would go out in a copy of about 64"), std::string::npos)
            << why;
        EXPECT_NE(why.find("cards.a.test sends no copy larger than 64000 bytes (max-copy-bytes)"),
                  std::string::npos)
            << why;
    }
    // A set's card leaves room for the copies to recipients not known yet.
    const vcard::Card set_card = card_near(62600);
    EXPECT_EQ(message(exchange::check_submit_size(kService, limits, set_card, {kBob})), "");
    const std::string why = message(exchange::check_set_size(kService, limits, set_card));
    EXPECT_EQ(why.rfind("the card has " + std::to_string(exchange::card_bytes(set_card)) +
                            " bytes; a set's card at cards.a.test has at most 62464, so that its "
                            "copies stay within 64000 bytes (max-copy-bytes)",
                        0),
              0u)
        << why;
}

TEST(CardSize, AServiceLimitOfZeroOrNoLimitsAdvertisedChecksNothing) {
    const vcard::Card card = card_near(70000);
    protocol::ServiceLimits none;
    none.max_card_bytes = 0;
    none.max_copy_bytes = 0;
    EXPECT_EQ(message(exchange::check_submit_size(kService, none, card, {kBob})), "");
    EXPECT_EQ(message(exchange::check_set_size(kService, none, card)), "");
    EXPECT_EQ(message(exchange::check_exchange_size(kToken, none, card)), "");
    EXPECT_EQ(message(exchange::check_submit_size(kService, std::nullopt, card, {kBob})), "");
}

// A larger limit the service advertises is the one that counts.
TEST(CardSize, TheServicesOwnLimitsCount) {
    protocol::ServiceLimits large;
    large.max_card_bytes = 200000;
    large.max_copy_bytes = 200000;
    const vcard::Card card = card_near(70000);
    EXPECT_EQ(message(exchange::check_submit_size(kService, large, card, {kBob})), "");
    EXPECT_EQ(message(exchange::check_set_size(kService, large, card)), "");
}

}  // namespace
}  // namespace cardex::testing
