// The card sets module (component/service/card_sets.hpp) through the card service, with the
// fakes: publish, sets, set and retract, and a submit that names a set.
#include <gtest/gtest.h>

#include "core/protocol/service_info.hpp"
#include "core/protocol/sets.hpp"
#include "core/xml/writer.hpp"
#include "core/xmpp/disco.hpp"
#include "tests/unit/service_fixture.hpp"

namespace cardex::component {
namespace {

using namespace std::chrono_literals;

constexpr std::string_view kWorkCard =
    "<vcard xmlns='urn:ietf:params:xml:ns:vcard-4.0'>"
    "<uid><uri>urn:uuid:4fbe8971-0bc3-424c-9c26-36c3e1eff6b1</uri></uid>"
    "<fn><text>Alice Example</text></fn><title><text>Head of Sales</text></title></vcard>";

class CardSetsTest : public testing::ServiceFixture {
  protected:
    CardSetsTest() { settings.sets.enabled = true; }

    std::string publish_iq(std::string_view id, std::string_view name,
                           std::string_view card = kWorkCard,
                           std::string_view from = "alice@a.test/phone") {
        return iq(id, "set",
                  "<publish xmlns='urn:xmpp:bizcard:0' name='" + std::string(name) + "'><card>" +
                      std::string(card) + "</card></publish>",
                  from);
    }
    std::string request(std::string_view id, std::string_view type, std::string_view payload,
                        std::string_view from = "alice@a.test/phone") {
        return iq(id, type, payload, from);
    }
    std::uint64_t publish(std::string_view name, std::string_view card = kWorkCard) {
        return publish_set(name, card);
    }
};

TEST_F(CardSetsTest, PublishingAgainIncrementsTheVersionAndTheListShowsIt) {
    EXPECT_EQ(publish("work"), 1u);
    EXPECT_EQ(publish("work"), 2u);
    EXPECT_EQ(publish("private"), 1u);

    receive(request("l1", "get", "<sets xmlns='urn:xmpp:bizcard:0'/>"));
    auto list = protocol::parse_sets_result(*reply_to("l1").payload);
    ASSERT_TRUE(list.ok()) << list.error().message;
    ASSERT_EQ(list->sets.size(), 2u);
    EXPECT_EQ(list->sets[0].name, "private");
    EXPECT_EQ(list->sets[1].name, "work");
    EXPECT_EQ(list->sets[1].version, 2u);
    EXPECT_EQ(list->sets[1].updated, clock.now());

    receive(request("l2", "get", "<sets xmlns='urn:xmpp:bizcard:0'/>", "bob@a.test/x"));
    auto other = protocol::parse_sets_result(*reply_to("l2").payload);
    ASSERT_TRUE(other.ok());
    EXPECT_TRUE(other->sets.empty()) << "every user sees only their own sets";
}

TEST_F(CardSetsTest, FetchingASetGivesItsCurrentCard) {
    publish("work");
    const std::string v2 = std::string(kWorkCard).replace(
        std::string(kWorkCard).find("Head of Sales"), 13, "Managing Director");
    publish("work", v2);
    receive(request("f1", "get", "<set xmlns='urn:xmpp:bizcard:0' name='work'/>"));
    auto set = protocol::parse_set_result(*reply_to("f1").payload);
    ASSERT_TRUE(set.ok()) << set.error().message;
    EXPECT_EQ(set->version, 2u);
    ASSERT_NE(set->card.first("TITLE"), nullptr);
    EXPECT_EQ(set->card.first("TITLE")->first_value(), "Managing Director");
}

TEST_F(CardSetsTest, UnknownSetsAreNamedInTheError) {
    receive(request("f1", "get", "<set xmlns='urn:xmpp:bizcard:0' name='work'/>"));
    EXPECT_EQ(app_condition(reply_to("f1")), "unknown-set");
    receive(request("r1", "set", "<retract xmlns='urn:xmpp:bizcard:0' name='work'/>"));
    const auto reply = reply_to("r1");
    EXPECT_EQ(app_condition(reply), "unknown-set");
    EXPECT_NE(reply.error->text.find("'work'"), std::string::npos) << reply.error->text;
}

TEST_F(CardSetsTest, RetractingDeletesTheSet) {
    publish("work");
    receive(request("r1", "set", "<retract xmlns='urn:xmpp:bizcard:0' name='work'/>"));
    EXPECT_EQ(reply_to("r1").type, xmpp::IqType::result);
    receive(request("f1", "get", "<set xmlns='urn:xmpp:bizcard:0' name='work'/>"));
    EXPECT_EQ(app_condition(reply_to("f1")), "unknown-set");
    EXPECT_EQ(publish("work"), 1u) << "a set published again after a retract starts anew";
}

TEST_F(CardSetsTest, ACardWithoutUidOrNameOrOverTheLimitIsRefused) {
    receive(publish_iq("p1", "work",
                       "<vcard xmlns='urn:ietf:params:xml:ns:vcard-4.0'>"
                       "<fn><text>Alice</text></fn></vcard>"));
    auto reply = reply_to("p1");
    EXPECT_EQ(app_condition(reply), "invalid-card");
    EXPECT_NE(reply.error->text.find("UID"), std::string::npos) << reply.error->text;

    receive(publish_iq("p2", "work",
                       "<vcard xmlns='urn:ietf:params:xml:ns:vcard-4.0'>"
                       "<uid><uri>urn:uuid:1</uri></uid></vcard>"));
    EXPECT_EQ(app_condition(reply_to("p2")), "invalid-card");

    settings.requests.limits.max_card_bytes = 100;
    restart_service();
    receive(publish_iq("p3", "work"));
    EXPECT_EQ(app_condition(reply_to("p3")), "card-too-large");
}

// Its copies must stay within max-copy-bytes (servers with a 64 KiB stanza limit stall on
// larger ones), whoever they go to later.
TEST_F(CardSetsTest, ACardThatLeavesNoRoomForItsCopiesIsAPolicyViolation) {
    const auto card = [](std::size_t note) {
        return "<vcard xmlns='urn:ietf:params:xml:ns:vcard-4.0'><fn><text>Alice</text></fn>"
               "<uid><uri>urn:uuid:1</uri></uid><note><text>" +
               std::string(note, 'n') + "</text></note></vcard>";
    };
    receive(publish_iq("p1", "work", card(63'000)));
    const auto reply = reply_to("p1");
    ASSERT_TRUE(reply.error);
    EXPECT_EQ(reply.error->condition, "policy-violation");
    EXPECT_FALSE(reply.error->application);
    EXPECT_NE(reply.error->text.find("no copy larger than 64000 bytes (max-copy-bytes)"),
              std::string::npos)
        << reply.error->text;
    receive(publish_iq("p2", "work", card(62'000)));
    EXPECT_EQ(reply_to("p2").type, xmpp::IqType::result);
}

TEST_F(CardSetsTest, ANewSetBeyondTheLimitIsRefusedButAnExistingOneCanBeReplaced) {
    settings.sets.max_sets = 2;
    EXPECT_EQ(publish("work"), 1u);
    EXPECT_EQ(publish("private"), 1u);
    receive(publish_iq("p3", "club"));
    const auto reply = reply_to("p3");
    EXPECT_EQ(app_condition(reply), "too-many-sets");
    EXPECT_EQ(reply.error->type, xmpp::ErrorType::cancel);
    EXPECT_EQ(publish("work"), 2u);
}

TEST_F(CardSetsTest, NoLimitWhenMaxSetsIsZero) {
    settings.sets.max_sets = 0;
    for (int i = 0; i < 12; ++i)
        EXPECT_EQ(publish("set-" + std::to_string(i)), 1u);
}

TEST_F(CardSetsTest, OnlyUsersOfTheServicePublish) {
    receive(publish_iq("p1", "work", kWorkCard, "mallory@b.test/x"));
    EXPECT_EQ(app_condition(reply_to("p1")), "not-local-user");
}

TEST_F(CardSetsTest, ASubmitNamingASetSendsItsCurrentVersion) {
    publish("work");
    publish("work");
    receive(request("s1", "set",
                    "<submit xmlns='urn:xmpp:bizcard:0' set='work'>"
                    "<recipient jid='bob@b.test'/></submit>"));
    ASSERT_EQ(reply_to("s1").type, xmpp::IqType::result);
    const auto sent = copies();
    ASSERT_EQ(sent.size(), 1u);
    EXPECT_EQ(sent[0].delivery.set, "work");
    EXPECT_EQ(sent[0].delivery.version, 2u);
    ASSERT_NE(sent[0].delivery.card.first("TITLE"), nullptr);
    EXPECT_EQ(sent[0].delivery.card.first("TITLE")->first_value(), "Head of Sales");

    receive(request("s2", "set",
                    "<submit xmlns='urn:xmpp:bizcard:0' set='club'>"
                    "<recipient jid='bob@b.test'/></submit>"));
    EXPECT_EQ(app_condition(reply_to("s2")), "unknown-set");
    EXPECT_EQ(copies().size(), 1u);
}

TEST_F(CardSetsTest, ARepeatedSubmitOfASetIsAnsweredWithItsDeliveries) {
    publish("work");
    const std::string submit =
        "<submit xmlns='urn:xmpp:bizcard:0' set='work' id='Zm9vYmFyYmF6cXV4cXV1eA'>"
        "<recipient jid='bob@b.test'/></submit>";
    receive(request("s1", "set", submit));
    publish("work");  // a new version in between does not make the repeat a new submit
    receive(request("s2", "set", submit));
    auto first = protocol::parse_submitted(*reply_to("s1").payload);
    auto second = protocol::parse_submitted(*reply_to("s2").payload);
    ASSERT_TRUE(first.ok() && second.ok());
    EXPECT_EQ(first->deliveries, second->deliveries);
    EXPECT_EQ(copies().size(), 1u);
}

TEST_F(CardSetsTest, DiscoOffersSetsAndTheirLimitOnlyWhenEnabled) {
    settings.sets.max_sets = 7;
    auto info = protocol::parse_service_info(service().disco_info());
    ASSERT_TRUE(info.ok()) << info.error().message;
    EXPECT_TRUE(info->features.sets);
    ASSERT_TRUE(info->limits);
    EXPECT_EQ(info->limits->max_sets, 7u);
    EXPECT_NE(xml::to_string(service().disco_info()).find("max-sets"), std::string::npos);

    settings.sets.enabled = false;
    restart_service();
    info = protocol::parse_service_info(service().disco_info());
    ASSERT_TRUE(info.ok());
    EXPECT_FALSE(info->features.sets);
    EXPECT_EQ(xml::to_string(service().disco_info()).find("max-sets"), std::string::npos);
    receive(publish_iq("p1", "work"));
    EXPECT_EQ(reply_to("p1").error->condition, "service-unavailable");
}

TEST_F(CardSetsTest, AStoreFailureKeepsNothing) {
    service();  // started, with its own first store requests done
    store.fail_next();
    receive(publish_iq("p1", "work"));
    const auto reply = reply_to("p1");
    ASSERT_TRUE(reply.error);
    EXPECT_EQ(reply.error->condition, "internal-server-error");
    EXPECT_EQ(reply.error->type, xmpp::ErrorType::wait);
    receive(request("f1", "get", "<set xmlns='urn:xmpp:bizcard:0' name='work'/>"));
    EXPECT_EQ(app_condition(reply_to("f1")), "unknown-set");
}

}  // namespace
}  // namespace cardex::component
