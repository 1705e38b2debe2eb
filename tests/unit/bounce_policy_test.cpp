// The table of errors returned for a copy of a card: who can have sent each, and whether the
// card is sent again or the delivery ends.
#include "component/service/bounce_policy.hpp"

#include <gtest/gtest.h>

namespace cardex::component {
namespace {

const xmpp::Jid kBob = *xmpp::Jid::parse("bob@b.test");

std::optional<BounceVerdict> verdict(xmpp::ErrorType type, const std::string& condition,
                                     const std::string& from, const std::string& text = {}) {
    return classify_bounce({type, condition, text, std::nullopt}, *xmpp::Jid::parse(from), kBob);
}

BounceOutcome outcome(xmpp::ErrorType type, const std::string& condition,
                      const std::string& from = "bob@b.test") {
    const auto v = verdict(type, condition, from);
    EXPECT_TRUE(v) << condition << " from " << from;
    return v ? v->outcome : BounceOutcome::retry;
}

using xmpp::ErrorType;

TEST(BouncePolicy, FederationFailuresTimeoutsAndFullStoresAreRetried) {
    for (const char* condition : {"remote-server-not-found", "remote-server-timeout",
                                  "resource-constraint", "internal-server-error"}) {
        for (auto type : {ErrorType::cancel, ErrorType::wait}) {
            EXPECT_EQ(outcome(type, condition), BounceOutcome::retry) << condition;
            EXPECT_EQ(outcome(type, condition, "b.test"), BounceOutcome::retry) << condition;
        }
    }
}

TEST(BouncePolicy, TheRecipientsServerRefusingTheAccountEndsTheDelivery) {
    for (const char* condition :
         {"item-not-found", "service-unavailable", "gone", "jid-malformed"}) {
        EXPECT_EQ(outcome(ErrorType::cancel, condition), BounceOutcome::reject) << condition;
        EXPECT_EQ(outcome(ErrorType::cancel, condition, "b.test"), BounceOutcome::reject)
            << condition;
    }
    EXPECT_EQ(outcome(ErrorType::modify, "not-acceptable"), BounceOutcome::reject)
        << "a message refused as it is would be refused again";
    EXPECT_EQ(outcome(ErrorType::modify, "policy-violation"), BounceOutcome::reject);
}

TEST(BouncePolicy, WaitAlwaysMeansRetry) {
    EXPECT_EQ(outcome(ErrorType::wait, "service-unavailable"), BounceOutcome::retry);
    EXPECT_EQ(outcome(ErrorType::wait, "policy-violation"), BounceOutcome::retry);
    const auto v = verdict(ErrorType::wait, "service-unavailable", "bob@b.test");
    EXPECT_EQ(v->reason.find("does not exist"), std::string::npos)
        << "a temporary refusal does not claim the account is missing: " << v->reason;
}

TEST(BouncePolicy, PolicyRefusalsThatCanChangeAndUnknownConditionsAreRetried) {
    for (const char* condition : {"forbidden", "not-allowed", "subscription-required",
                                  "undefined-condition", "recipient-unavailable", "conflict"}) {
        EXPECT_EQ(outcome(ErrorType::cancel, condition), BounceOutcome::retry) << condition;
    }
}

TEST(BouncePolicy, AnErrorFromOneOfTheRecipientsClientsIsRetried) {
    EXPECT_EQ(outcome(ErrorType::cancel, "service-unavailable", "bob@b.test/laptop"),
              BounceOutcome::retry);
    EXPECT_EQ(outcome(ErrorType::cancel, "item-not-found", "bob@b.test/phone"),
              BounceOutcome::retry);
}

TEST(BouncePolicy, ErrorsFromAnybodyElseSayNothingAboutTheDelivery) {
    EXPECT_FALSE(verdict(ErrorType::cancel, "item-not-found", "mallory@b.test"));
    EXPECT_FALSE(verdict(ErrorType::cancel, "item-not-found", "c.test"));
    EXPECT_FALSE(verdict(ErrorType::cancel, "item-not-found", "cards.b.test"));
    EXPECT_FALSE(verdict(ErrorType::wait, "resource-constraint", "b.test/x"));
}

TEST(BouncePolicy, TheReasonNamesTheConditionQuotesTheServerAndSaysWhatHappensNext) {
    const auto retry = verdict(ErrorType::cancel, "remote-server-not-found", "bob@b.test",
                               "Server-to-server connection failed: Connection refused");
    EXPECT_EQ(retry->reason,
              "the recipient's server could not be reached (remote-server-not-found: "
              "\"Server-to-server connection failed: Connection refused\"); the card will be "
              "sent again");
    const auto reject = verdict(ErrorType::cancel, "item-not-found", "b.test");
    EXPECT_EQ(reject->reason, "the account does not exist (item-not-found)")
        << "said of the recipient's server, which refused it";
    const auto long_text = verdict(ErrorType::cancel, "gone", "bob@b.test", std::string(5000, 'x'));
    EXPECT_LT(long_text->reason.size(), 400u) << "a server's text is quoted in part";
}

}  // namespace
}  // namespace cardex::component
