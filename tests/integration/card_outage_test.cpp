// End to end: the recipient's server goes away while cards to its user are on their way.
// alice@a.test keeps submitting cards to bob@b.test, who is offline, while ejabberd (b.test)
// is restarted, or killed and kept down for longer than the first steps of the retry backoff.
// Prosody returns the copies it cannot pass on with remote-server-not-found or
// remote-server-timeout; the card service must send them again until they arrive. Then bob
// logs in and syncs: every accepted card arrives, each exactly once, and is acknowledged.
#include <gtest/gtest.h>

#include <future>
#include <iostream>
#include <map>
#include <random>
#include <thread>

#include "tests/integration/card_client.hpp"
#include "tests/integration/card_requests.hpp"
#include "tests/integration/federation_env.hpp"

namespace cardex::testing {
namespace {

using namespace std::chrono_literals;

constexpr int kBefore = 150;   // cards submitted before the outage
constexpr int kPerBatch = 10;  // cards submitted every half second during it

struct Sent {
    std::string uid;
    std::string iq_id;
    std::string delivery_id;
};

class Outage : public ::testing::TestWithParam<std::string> {
  protected:
    // The card service of b.test reconnects by itself, after its own backoff; the tests that
    // come next need it.
    void TearDown() override {
        auto bob = login("BOB");
        const std::string service = Federation::get().var("B_SERVICE");
        const auto deadline = std::chrono::steady_clock::now() + 90s;
        while (!answers_ping(*bob, service) && std::chrono::steady_clock::now() < deadline)
            std::this_thread::sleep_for(500ms);
        EXPECT_TRUE(answers_ping(*bob, service)) << service << " did not come back";
    }

    void submit(int n) {
        for (int i = 0; i < n; ++i) {
            const std::string uid = "urn:uuid:cardex-outage-" + run_ + "-" + std::to_string(next_);
            const std::string name = "Outage card " + std::to_string(next_++);
            sent_.push_back(
                {uid, alice_.send_submit(service_, test_card(name, uid), {bob_jid_}), {}});
        }
    }
    bool all_answered() const { return alice_.submits_answered() >= sent_.size(); }
    // The status of every delivery, asked 100 at a time.
    std::vector<protocol::DeliveryStatus> status_of_all() {
        std::vector<protocol::DeliveryStatus> out;
        for (std::size_t i = 0; i < sent_.size(); i += 100) {
            std::vector<std::string> ids;
            for (std::size_t k = i; k < std::min(sent_.size(), i + 100); ++k)
                ids.push_back(sent_[k].delivery_id);
            auto status = alice_.status(service_, ids);
            EXPECT_TRUE(status.ok() && status->ok());
            if (status.ok() && status->ok())
                out.insert(out.end(), status->value->deliveries.begin(),
                           status->value->deliveries.end());
        }
        return out;
    }

    const std::string service_ = Federation::get().var("A_SERVICE");
    const std::string bob_jid_ = Federation::get().var("BOB_JID");
    const std::string run_ = std::to_string(std::random_device{}());
    int next_ = 0;
    CardClient alice_{"ALICE"};
    std::vector<Sent> sent_;
};

TEST_P(Outage, EveryAcceptedCardArrivesExactlyOnce) {
    ASSERT_TRUE(alice_.connect().ok()) << alice_.last_error();
    submit(kBefore);
    ASSERT_TRUE(alice_.run_until([&] { return alice_.submits_answered() >= kBefore / 2; }, 60s));

    auto restart = std::async(std::launch::async,
                              [args = GetParam()] { return Federation::get().script(args); });
    while (restart.wait_for(0s) != std::future_status::ready) {
        submit(kPerBatch);
        alice_.run_for(500ms);
    }
    ASSERT_EQ(restart.get(), 0) << "scripts/federation " << GetParam() << " failed";
    ASSERT_TRUE(alice_.run_until([&] { return all_answered(); }, 120s));
    for (auto& s : sent_) {
        const auto reply = alice_.submit_reply(s.iq_id);
        ASSERT_TRUE(reply && reply->ok()) << "a submit failed: " << describe(reply->error);
        s.delivery_id = reply->value->deliveries.at(0).id;
    }
    std::cout << sent_.size() << " cards accepted, " << sent_.size() - kBefore
              << " of them during the outage\n";

    // The outage was real: copies came back from the servers, and the deliveries wait to be
    // sent again (bob is offline: nothing is acknowledged yet), none of them rejected.
    std::size_t retried = 0;
    for (const auto& status : status_of_all()) {
        EXPECT_NE(status.state, protocol::DeliveryState::refused) << status.reason.value_or("");
        if (status.reason && status.reason->find("will be sent again") != std::string::npos)
            ++retried;
    }
    std::cout << retried << " deliveries had a copy returned and wait to be sent again\n";
    EXPECT_GT(retried, 0u) << "no copy came back during the outage: the test proved nothing";

    CardClient bob("BOB");
    bob.set_auto_ack(true);
    ASSERT_TRUE(bob.connect().ok()) << bob.last_error();
    // The card service on b.test reconnects by itself; nothing here needs it.
    auto sync = bob.sync(service_);
    ASSERT_TRUE(sync.ok() && sync->ok()) << "bob's sync with " << service_ << " failed";
    const auto all_arrived = [&] {
        for (const auto& s : sent_)
            if (bob.cards().count({service_, s.delivery_id}) == 0) return false;
        return true;
    };
    EXPECT_TRUE(bob.run_until(all_arrived, 240s)) << "accepted cards never reached bob";

    std::map<std::string, int> ids_per_uid;
    for (const auto& [key, stored] : bob.cards()) {
        if (key.first == service_) ++ids_per_uid[stored.delivery.card.uid()];
    }
    for (const auto& s : sent_) {
        EXPECT_EQ(bob.cards().count({service_, s.delivery_id}), 1u) << s.uid << " did not arrive";
        EXPECT_EQ(ids_per_uid[s.uid], 1) << s.uid << " came under " << ids_per_uid[s.uid] << " ids";
    }
    std::cout << bob.raw_copies() << " copies received for " << sent_.size() << " cards\n";
    EXPECT_TRUE(bob.run_until([&] { return bob.acked().size() >= sent_.size(); }, 120s));

    std::map<std::string, int> states;
    for (const auto& status : status_of_all())
        ++states[std::string(protocol::to_string(status.state))];
    for (const auto& [state, n] : states)
        std::cout << n << " deliveries " << state << "\n";
    EXPECT_EQ(states["acked"], static_cast<int>(sent_.size()));
}

INSTANTIATE_TEST_SUITE_P(RecipientsServer, Outage,
                         ::testing::Values("restart b", "restart b --kill --down 6"),
                         [](const ::testing::TestParamInfo<std::string>& info) {
                             return info.param == "restart b" ? std::string("Restarted")
                                                              : std::string("KilledAndDown");
                         });

}  // namespace
}  // namespace cardex::testing
