// End to end: one user sends the card service a stanza over its limits (nested far deeper
// than it reads, or larger than its stanza limit) through Prosody and through ejabberd, while
// another user of the same server keeps submitting cards. The hostile request gets
// policy-violation naming the limit; the service keeps its connection to the server, so
// every submit of the other user is answered with its deliveries; cardexd neither crashes nor
// reconnects.
#include <gtest/gtest.h>

#include <fstream>
#include <ostream>
#include <sstream>
#include <tuple>

#include "core/xmpp/namespaces.hpp"
#include "tests/integration/bad_requests.hpp"
#include "tests/integration/card_client.hpp"
#include "tests/integration/card_requests.hpp"
#include "tests/integration/federation_env.hpp"

namespace cardex::testing {
namespace {

using namespace std::chrono_literals;

constexpr int kOtherSubmits = 40;
constexpr std::size_t kFederationStanzaLimit = 131072;  // scripts/federation's cardexd profile

struct Side {
    std::string name;      // "a" or "b"
    std::string attacker;  // the user who sends the hostile stanza
    std::string other;     // the user who keeps submitting
};

void PrintTo(const Side& side, std::ostream* os) {
    *os << side.attacker << " on " << side.name << ".test";
}

// A submit whose only recipient holds 200 nested elements (the service reads 64 levels).
xml::Element deep_submit() {
    xml::Element submit = bizcard("submit");
    xml::Element inner("n", std::string(ns::kBizcard));
    for (int i = 0; i < 200; ++i) {
        xml::Element outer("n", std::string(ns::kBizcard));
        outer.add_child(std::move(inner));
        inner = std::move(outer);
    }
    submit.add_child(std::move(inner));
    return submit;
}

// A submit of a card whose note makes the stanza larger than the federation's stanza limit
// (and smaller than Prosody's c2s limit, so that the server passes it on).
xml::Element large_submit(const std::string& recipient) {
    xml::Element submit =
        submit_payload({recipient}, test_card("Large Card", "urn:uuid:cardex-large-stanza"));
    xml::Element* vcard = submit.child("card")->child("vcard", ns::kVcard4);
    vcard->add_child("note", std::string(ns::kVcard4))
        .add_text_child("text", std::string(ns::kVcard4), std::string(160 * 1024, 'x'));
    return submit;
}

std::size_t reconnects_in_log(const std::string& side) {
    std::ifstream log(Federation::get().var("FEDERATION_DIR") + "/cardexd-" + side + ".log");
    std::stringstream text;
    text << log.rdbuf();
    std::size_t n = 0;
    for (std::size_t at = 0; (at = text.str().find("reconnecting in", at)) != std::string::npos;
         ++at)
        ++n;
    return n;
}

vcard::Card beside(int i) {
    return test_card("Beside " + std::to_string(i), "urn:uuid:cardex-beside-" + std::to_string(i));
}

class HostileStanza : public ::testing::TestWithParam<std::tuple<Side, std::string>> {};

TEST_P(HostileStanza, IsAnsweredWithPolicyViolationAndOtherUsersCarryOn) {
    const auto& [side, kind] = GetParam();
    const std::string service = Federation::get().var(side.name == "a" ? "A_SERVICE" : "B_SERVICE");
    const std::string recipient = Federation::get().var(side.attacker + "_JID");
    const std::string pid = component_pid(side.name);
    const std::size_t reconnects = reconnects_in_log(side.name);
    auto attacker = login(side.attacker);
    CardClient other(side.other);
    ASSERT_TRUE(other.connect(false).ok()) << other.last_error();

    std::vector<std::string> ids;
    for (int i = 0; i < kOtherSubmits / 2; ++i)
        ids.push_back(other.send_submit(service, beside(i), {recipient}));
    const auto answer = ask(*attacker, xmpp::IqType::set, service,
                            kind == "deep" ? deep_submit() : large_submit(recipient));
    for (int i = kOtherSubmits / 2; i < kOtherSubmits; ++i)
        ids.push_back(other.send_submit(service, beside(i), {recipient}));

    const std::string limit =
        kind == "deep"
            ? "deeper than 64 levels"
            : "exceeds the limit of " + std::to_string(kFederationStanzaLimit) + " bytes";
    expect_error(
        answer, {"policy-violation", xmpp::ErrorType::modify, std::nullopt, {limit}, std::nullopt});
    ASSERT_TRUE(other.run_until(
        [&] { return other.submits_answered() >= static_cast<std::size_t>(kOtherSubmits); }, 60s));
    for (const auto& id : ids) {
        const auto reply = other.submit_reply(id);
        ASSERT_TRUE(reply);
        EXPECT_TRUE(reply->ok()) << "a submit beside the hostile one failed: "
                                 << describe(reply->error);
    }
    EXPECT_TRUE(answers_ping(*attacker, service)) << "the attacker is still served";
    EXPECT_EQ(component_pid(side.name), pid) << "cardexd was restarted";
    EXPECT_EQ(reconnects_in_log(side.name), reconnects) << "cardexd lost its connection";

    // The recipient takes the cards, so that the service does not resend them to her server
    // for the rest of the run (a capable recipient's open deliveries come again every few
    // seconds).
    CardClient taker(side.attacker);
    ASSERT_TRUE(taker.connect().ok()) << taker.last_error();
    taker.set_auto_ack(true);
    ASSERT_TRUE(taker.sync(service).ok());
    EXPECT_TRUE(taker.run_until([&] { return taker.acked().size() >= ids.size(); }, 60s))
        << taker.acked().size() << " of " << ids.size() << " cards acknowledged";
}

INSTANTIATE_TEST_SUITE_P(ThroughBothServers, HostileStanza,
                         ::testing::Combine(::testing::Values(Side{"a", "ALICE", "CAROL"},
                                                              Side{"b", "BOB", "DAVE"}),
                                            ::testing::Values("deep", "large")),
                         [](const auto& info) {
                             const Side& side = std::get<0>(info.param);
                             return std::string(side.name == "a" ? "Prosody" : "Ejabberd") + "_" +
                                    std::get<1>(info.param);
                         });

}  // namespace
}  // namespace cardex::testing
