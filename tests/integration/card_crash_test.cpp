// End to end: cardexd on a.test is killed with SIGKILL while alice's submits to bob are in
// flight, and started again. Bob is online throughout, acknowledging every card he receives;
// after the restart he syncs (which also repeats the acks the crash swallowed). Every submit
// carries a submit id; alice sends every submit that got an error or no answer again, with
// the same id, as a client must. Then every card must be delivered, exactly once: a submit
// that was stored but whose result the crash swallowed gets its first deliveries again, not
// a second card.
#include <gtest/gtest.h>

#include <algorithm>
#include <csignal>
#include <fstream>
#include <iostream>
#include <random>
#include <thread>

#include "client/exchange/card_sender.hpp"
#include "tests/integration/card_client.hpp"
#include "tests/integration/component_kill.hpp"
#include "tests/integration/federation_env.hpp"

namespace cardex::testing {
namespace {

using namespace std::chrono_literals;

constexpr int kCards = 1000;
constexpr std::size_t kKillAfterResults = 300;

struct SentCard {
    std::string uid;
    std::string name;
    std::string iq_id;
    std::string delivery_id;  // once a <submitted/> result named it
    std::string submit_id = client::exchange::new_submit_id();
};

std::vector<SentCard> send_cards(CardClient& alice, const std::string& service,
                                 const std::string& bob) {
    const std::string run = std::to_string(std::random_device{}());
    std::vector<SentCard> cards(kCards);
    for (int i = 0; i < kCards; ++i) {
        cards[i].uid = "urn:uuid:cardex-crash-" + run + "-" + std::to_string(i);
        cards[i].name = "Crash card " + std::to_string(i);
        cards[i].iq_id = alice.send_submit(service, test_card(cards[i].name, cards[i].uid), {bob},
                                           cards[i].submit_id);
    }
    return cards;
}

// Sends again, with the same submit id, every submit that has no <submitted/> result, and
// waits for their answers; returns how many were sent again.
std::size_t resubmit_unanswered(CardClient& alice, CardClient& bob, const std::string& service,
                                std::vector<SentCard>& cards) {
    std::size_t again = 0;
    for (auto& card : cards) {
        if (!card.delivery_id.empty()) continue;
        card.iq_id = alice.send_submit(service, test_card(card.name, card.uid),
                                       {Federation::get().var("BOB_JID")}, card.submit_id);
        ++again;
    }
    const auto answered = [&] {
        return std::all_of(cards.begin(), cards.end(), [&](const SentCard& c) {
            return alice.submit_reply(c.iq_id).has_value();
        });
    };
    EXPECT_TRUE(run_all_until({&alice, &bob}, answered, 120s)) << "repeated submits unanswered";
    return again;
}

// Fills in the delivery id of every card whose submit got a <submitted/> result so far.
std::size_t collect_results(const CardClient& alice, std::vector<SentCard>& cards) {
    std::size_t submitted = 0;
    for (auto& card : cards) {
        const auto reply = alice.submit_reply(card.iq_id);
        if (reply && reply->ok() && reply->value->deliveries.size() == 1)
            card.delivery_id = reply->value->deliveries[0].id;
        submitted += !card.delivery_id.empty();
    }
    return submitted;
}

TEST(Crash, EveryCardIsDeliveredOnceAfterSigkillWhenUnansweredSubmitsAreSentAgain) {
    const std::string service = Federation::get().var("A_SERVICE");
    const std::string bob_jid = Federation::get().var("BOB_JID");
    CardClient alice("ALICE");
    CardClient bob("BOB");
    ASSERT_TRUE(alice.connect().ok()) << alice.last_error();
    ASSERT_TRUE(bob.connect().ok()) << bob.last_error();
    bob.set_auto_ack(true);

    std::vector<SentCard> cards = send_cards(alice, service, bob_jid);
    ASSERT_TRUE(run_all_until(
        {&alice, &bob}, [&] { return alice.submits_answered() >= kKillAfterResults; }, 120s))
        << "only " << alice.submits_answered() << " submits answered";
    ComponentKill component("a");
    ASSERT_TRUE(component.kill()) << "could not kill cardexd for " << service;
    const std::size_t before_kill = collect_results(alice, cards);
    std::cout << before_kill << " of " << kCards
              << " submits had a <submitted/> result when cardexd was killed\n";
    ASSERT_TRUE(component.restart()) << "cardexd did not start again";

    // Submits still on their way reach the new process (or bounce); one more submit sent
    // after them is answered after them.
    const std::string last_uid =
        "urn:uuid:cardex-crash-last-" + std::to_string(std::random_device{}());
    SentCard last{last_uid, "Last card", {}, {}};
    last.iq_id =
        alice.send_submit(service, test_card(last.name, last.uid), {bob_jid}, last.submit_id);
    cards.push_back(last);
    ASSERT_TRUE(run_all_until(
        {&alice, &bob}, [&] { return alice.submit_reply(cards.back().iq_id).has_value(); }, 120s))
        << "the submit after the restart was not answered";
    const std::size_t submitted = collect_results(alice, cards);
    std::cout << submitted << " of " << cards.size()
              << " submits had a <submitted/> result in all, "
              << alice.submits_answered() - submitted << " an error, "
              << cards.size() - alice.submits_answered() << " no answer\n";
    std::map<std::string, int> errors;
    for (const auto& card : cards) {
        const auto reply = alice.submit_reply(card.iq_id);
        if (reply && !reply->ok()) ++errors[describe(reply->error)];
    }
    for (const auto& [error, n] : errors)
        std::cout << n << " x " << error << "\n";
    ASSERT_FALSE(cards.back().delivery_id.empty()) << "the submit after the restart failed";
    for (int round = 0; round < 3 && collect_results(alice, cards) < cards.size(); ++round) {
        std::cout << resubmit_unanswered(alice, bob, service, cards)
                  << " submits sent again with their submit ids\n";
    }
    ASSERT_EQ(collect_results(alice, cards), cards.size())
        << "every submit has a result once the unanswered ones were sent again";

    auto sync = bob.sync(service);
    ASSERT_TRUE(sync.ok()) << sync.error().message;
    ASSERT_TRUE(sync->ok()) << describe(sync->error);
    const auto all_arrived = [&] {
        for (const auto& card : cards)
            if (!card.delivery_id.empty() && bob.cards().count({service, card.delivery_id}) == 0)
                return false;
        return true;
    };
    EXPECT_TRUE(bob.run_until(all_arrived, 180s)) << "cards with a result never arrived";

    std::map<std::string, std::string> sent_uid;  // delivery id -> UID
    std::map<std::string, std::size_t> ids_per_uid;
    for (const auto& card : cards) {
        ids_per_uid[card.uid] = 0;
        if (card.delivery_id.empty()) continue;
        sent_uid[card.delivery_id] = card.uid;
        EXPECT_EQ(bob.cards().count({service, card.delivery_id}), 1u)
            << card.uid << " (delivery " << card.delivery_id << ") was not delivered";
    }
    for (const auto& [key, stored] : bob.cards()) {
        const auto ours = ids_per_uid.find(stored.delivery.card.uid());
        if (key.first != service || ours == ids_per_uid.end()) continue;
        ++ours->second;
        const auto sent = sent_uid.find(key.second);
        if (sent != sent_uid.end()) {
            EXPECT_EQ(stored.delivery.card.uid(), sent->second);
        }
    }
    for (const auto& [uid, n] : ids_per_uid)
        EXPECT_EQ(n, 1u) << uid << " came under " << n << " delivery ids";
    std::cout << bob.raw_copies() << " copies received for " << bob.cards().size() << " cards\n";

    // Leave nothing pending: acks lost in the crash are sent again with a sync, and every card
    // bob holds is acknowledged.
    auto resync = bob.sync(service);
    ASSERT_TRUE(resync.ok()) << resync.error().message;
    const auto all_acked = [&] { return bob.acked().size() >= bob.cards().size(); };
    EXPECT_TRUE(bob.run_until(all_acked, 120s))
        << bob.acked().size() << " of " << bob.cards().size() << " cards acknowledged";
}

}  // namespace
}  // namespace cardex::testing
