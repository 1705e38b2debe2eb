// The updates module (component/service/updates.hpp) through the card service, with the fakes:
// following by ack and by exchange, one update per follower for each new version, no receipt
// and no pending limit for updates, a newer version superseding an older one still open, and
// the ways a follower stops following (unfollow, a rejected update, an expired one, a
// retracted set).
#include <gtest/gtest.h>

#include "core/protocol/service_info.hpp"
#include "core/protocol/sets.hpp"
#include "core/protocol/tokens.hpp"
#include "tests/unit/service_fixture.hpp"

namespace cardex::component {
namespace {

using namespace std::chrono_literals;

std::string work_card(std::string_view title) {
    return "<vcard xmlns='urn:ietf:params:xml:ns:vcard-4.0'>"
           "<uid><uri>urn:uuid:4fbe8971-0bc3-424c-9c26-36c3e1eff6b1</uri></uid>"
           "<fn><text>Alice Example</text></fn><title><text>" +
           std::string(title) + "</text></title></vcard>";
}

constexpr std::string_view kBob = "bob@b.test/phone";

class UpdatesTest : public testing::ServiceFixture {
  protected:
    UpdatesTest() {
        settings.sets.enabled = true;
        settings.updates.enabled = true;
        settings.tokens.enabled = true;
    }

    std::string next_id() { return "u" + std::to_string(++ids_); }

    // alice sends her set `work` to bob, who saves it with `follow`; returns the delivery id.
    std::string bob_saves_work(bool follow = true) {
        const std::string id = next_id();
        receive(iq(id, "set",
                   "<submit xmlns='urn:xmpp:bizcard:0' set='work'><recipient jid='bob@b.test'/>"
                   "</submit>"));
        auto submitted = protocol::parse_submitted(*reply_to(id).payload);
        EXPECT_TRUE(submitted.ok());
        if (!submitted) return {};
        const std::string delivery = submitted->deliveries.at(0).id;
        ack(delivery, "saved", follow);
        return delivery;
    }
    xmpp::Iq ack(const std::string& delivery, std::string_view status, bool follow = false) {
        const std::string id = next_id();
        receive(iq(id, "set",
                   "<ack xmlns='urn:xmpp:bizcard:0' id='" + delivery + "' status='" +
                       std::string(status) + "'" + (follow ? " follow='true'" : "") + "/>",
                   kBob));
        return reply_to(id);
    }
    std::uint64_t followers_of_work() {
        const std::string id = next_id();
        receive(iq(id, "get", "<sets xmlns='urn:xmpp:bizcard:0'/>"));
        auto sets = protocol::parse_sets_result(*reply_to(id).payload);
        EXPECT_TRUE(sets.ok());
        for (const auto& s : sets ? sets->sets : std::vector<protocol::SetInfo>{}) {
            if (s.name == "work") return s.followers.value_or(999);
        }
        return 999;
    }
    // The updates sent so far, in order.
    std::vector<protocol::CardDelivery> updates() {
        std::vector<protocol::CardDelivery> out;
        for (const auto& m : copies()) {
            if (m.delivery.update) out.push_back(m.delivery);
        }
        return out;
    }
    xmpp::Iq unfollow() {
        const std::string id = next_id();
        receive(iq(id, "set",
                   "<unfollow xmlns='urn:xmpp:bizcard:0' from='alice@a.test' set='work'/>", kBob));
        return reply_to(id);
    }

    int ids_ = 0;
};

TEST_F(UpdatesTest, AFollowerGetsEachNewVersionAsAnUpdateWithoutReceipts) {
    ASSERT_EQ(publish_set("work", work_card("Sales")), 1u);
    bob_saves_work();
    EXPECT_EQ(followers_of_work(), 1u) << "the owner sees how many, never who";
    const auto receipts_before = receipts().size();

    ASSERT_EQ(publish_set("work", work_card("Head of Sales")), 2u);
    auto sent = updates();
    ASSERT_EQ(sent.size(), 1u);
    EXPECT_EQ(sent[0].from.str(), "alice@a.test");
    EXPECT_EQ(sent[0].set, "work");
    EXPECT_EQ(sent[0].version, 2u);
    EXPECT_EQ(sent[0].card.title(), "Head of Sales");
    EXPECT_EQ(ack(sent[0].id, "saved").type, xmpp::IqType::result);
    EXPECT_EQ(receipts().size(), receipts_before) << "updates produce no receipts";
    EXPECT_EQ(followers_of_work(), 1u) << "an ack of an update without follow keeps following";
}

TEST_F(UpdatesTest, WithoutFollowNothingComesLater) {
    publish_set("work", work_card("Sales"));
    bob_saves_work(false);
    EXPECT_EQ(followers_of_work(), 0u);
    publish_set("work", work_card("Head of Sales"));
    EXPECT_TRUE(updates().empty());
}

TEST_F(UpdatesTest, AFollowerOfflineDuringThreePublicationsGetsTheLatestOnce) {
    publish_set("work", work_card("v1"));
    bob_saves_work();
    for (const auto* title : {"v2", "v3", "v4"})
        publish_set("work", work_card(title));
    ASSERT_EQ(updates().size(), 3u) << "each went out as it was published";
    const auto statuses = status_of("alice@a.test");
    std::size_t open = 0, superseded = 0;
    for (const auto& st : statuses) {
        open += st.state == protocol::DeliveryState::pending ||
                st.state == protocol::DeliveryState::sent;
        superseded += st.reason == std::optional<std::string>("superseded by a newer version");
    }
    EXPECT_EQ(superseded, 2u);
    EXPECT_EQ(open, 1u) << "only the newest update is still open";

    channel.sent.clear();
    receive(sync_iq("s1", "bob@b.test/laptop"));
    auto resent = updates();
    ASSERT_EQ(resent.size(), 1u) << "bob's sync brings the latest version once";
    EXPECT_EQ(resent[0].version, 4u);
    EXPECT_EQ(resent[0].card.title(), "v4");
}

TEST_F(UpdatesTest, UpdatesDoNotCountAgainstThePendingLimit) {
    settings.requests.limits.max_pending_per_recipient = 1;
    publish_set("work", work_card("v1"));
    bob_saves_work();
    publish_set("work", work_card("v2"));  // an open update to bob
    EXPECT_EQ(submit({"bob@b.test"}).size(), 1u) << "a card still fits beside the update";
    receive(submit_iq("over", "alice@a.test/phone", {"bob@b.test"}));
    EXPECT_EQ(app_condition(reply_to("over")), "recipient-quota") << "but no second one";
}

TEST_F(UpdatesTest, UnfollowStopsUpdatesAndSucceedsTwice) {
    publish_set("work", work_card("v1"));
    bob_saves_work();
    EXPECT_EQ(unfollow().type, xmpp::IqType::result);
    EXPECT_EQ(unfollow().type, xmpp::IqType::result) << "unfollowing what one does not follow";
    EXPECT_EQ(followers_of_work(), 0u);
    publish_set("work", work_card("v2"));
    EXPECT_TRUE(updates().empty());
}

TEST_F(UpdatesTest, ARejectedOrExpiredUpdateEndsFollowing) {
    settings.courier.scan_interval = 1h;  // a month passes below: fewer scans
    publish_set("work", work_card("v1"));
    bob_saves_work();
    publish_set("work", work_card("v2"));
    ack(updates().back().id, "rejected");
    EXPECT_EQ(followers_of_work(), 0u) << "a rejected update";

    bob_saves_work();
    publish_set("work", work_card("v3"));
    EXPECT_EQ(followers_of_work(), 1u);
    advance(std::chrono::duration_cast<std::chrono::milliseconds>(31 * 24h));
    EXPECT_EQ(followers_of_work(), 0u) << "an update that expired";
}

TEST_F(UpdatesTest, RetractingTheSetForgetsItsFollowers) {
    publish_set("work", work_card("v1"));
    bob_saves_work();
    receive(iq("r1", "set", "<retract xmlns='urn:xmpp:bizcard:0' name='work'/>"));
    ASSERT_EQ(reply_to("r1").type, xmpp::IqType::result);
    publish_set("work", work_card("new"));
    EXPECT_EQ(followers_of_work(), 0u);
    publish_set("work", work_card("newer"));
    EXPECT_TRUE(updates().empty());
}

TEST_F(UpdatesTest, AnExchangeWithFollowFollowsTheTokensSet) {
    publish_set("work", work_card("v1"));
    receive(iq("t1", "set", "<create-token xmlns='urn:xmpp:bizcard:0' set='work'/>"));
    auto token = protocol::parse_token(*reply_to("t1").payload);
    ASSERT_TRUE(token.ok());
    receive(iq("x1", "set",
               "<exchange xmlns='urn:xmpp:bizcard:0' token='" + token->value +
                   "' share='false' follow='true'/>",
               kBob));
    ASSERT_EQ(reply_to("x1").type, xmpp::IqType::result);
    EXPECT_EQ(followers_of_work(), 1u);
    publish_set("work", work_card("v2"));
    ASSERT_EQ(updates().size(), 1u);
    EXPECT_EQ(updates()[0].version, 2u);
}

TEST_F(UpdatesTest, WithoutUpdatesFollowIsIgnoredAndUnfollowIsUnavailable) {
    settings.updates.enabled = false;
    auto info = protocol::parse_service_info(service().disco_info());
    ASSERT_TRUE(info.ok());
    EXPECT_FALSE(info->features.updates);
    publish_set("work", work_card("v1"));
    bob_saves_work();
    publish_set("work", work_card("v2"));
    EXPECT_TRUE(updates().empty());
    EXPECT_EQ(unfollow().error->condition, "service-unavailable");
}

}  // namespace
}  // namespace cardex::component
