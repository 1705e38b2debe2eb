// End to end: bad input to the card service on Prosody (cards.a.test), from alice@a.test and
// across server-to-server federation from bob@b.test. Every bad request gets the error the
// draft prescribes (defined condition, type, application condition, a text naming the
// problem); afterwards the same cardexd process still answers, and a card stored before the
// bad input still reaches its recipient.
#include <gtest/gtest.h>

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "core/xml/writer.hpp"
#include "core/xmpp/namespaces.hpp"
#include "tests/integration/bad_requests.hpp"
#include "tests/integration/card_client.hpp"
#include "tests/integration/card_requests.hpp"
#include "tests/integration/federation_env.hpp"

namespace cardex::testing {
namespace {

using xmpp::IqType;

const std::string& service() {
    return Federation::get().var("A_SERVICE");
}

// Logged-in users, connected on first use; the service's limits; and the cardexd that served
// the test from start to end.
class CardServiceInput : public ::testing::Test {
  protected:
    void SetUp() override {
        pid_ = component_pid("a");
        ASSERT_FALSE(pid_.empty()) << "no cardexd-a.pid in the federation directory";
        auto limits = service_limits(user("ALICE"), service());
        ASSERT_TRUE(limits.ok()) << limits.error().message;
        limits_ = *limits;
    }

    // The service keeps running: the same process, still answering.
    void TearDown() override {
        EXPECT_EQ(component_pid("a"), pid_) << "cardexd was restarted";
        EXPECT_TRUE(answers_ping(user("ALICE"), service())) << "cardexd stopped answering";
    }

    client::Session& user(const std::string& name) {
        auto& session = sessions_[name];
        if (!session) session = login(name);
        return *session;
    }

    // Why the request `name` cannot be made to this service ("" when it can).
    std::string unsendable(const std::string& name) const {
        return bad_requests(limits_).at(name).unsendable;
    }

    void send_bad_request(const std::string& name) {
        SCOPED_TRACE(name);
        const auto cases = bad_requests(limits_);
        const BadRequest& bad = cases.at(name);
        if (!bad.unsendable.empty()) return;
        expect_error(ask(user(bad.user), bad.type, service(), bad.payload), bad.expected, bad.max);
    }

    std::string pid_;
    protocol::ServiceLimits limits_;
    std::map<std::string, std::unique_ptr<client::Session>> sessions_;
};

class BadInput : public CardServiceInput, public ::testing::WithParamInterface<std::string> {};

TEST_P(BadInput, AnsweredWithTheDraftsError) {
    if (const auto why = unsendable(GetParam()); !why.empty()) GTEST_SKIP() << why;
    send_bad_request(GetParam());
}

INSTANTIATE_TEST_SUITE_P(CardService, BadInput, ::testing::ValuesIn(bad_request_names()),
                         [](const auto& info) { return info.param; });

// <message type='error'/> to the service, shaped like a server's bounce of a copy, with an id
// the sender made up.
xml::Element forged_bounce(const std::string& id, const std::string& condition) {
    xml::Element message("message", std::string(ns::kClient));
    message.set_attr("to", service()).set_attr("type", "error").set_attr("id", id);
    xml::Element& error = message.add_child("error", std::string(ns::kClient));
    error.set_attr("type", "cancel");
    error.add_child(condition, std::string(ns::kStanzas));
    return message;
}

xml::Element chat(const std::string& body) {
    xml::Element message("message", std::string(ns::kClient));
    message.set_attr("to", service()).set_attr("type", "chat").set_attr("id", "chat-1");
    message.add_text_child("body", std::string(ns::kClient), body);
    return message;
}

// Sends `stanza` and then a ping; returns what the service sent to `session` in between. The
// service handles the stanzas of one sender in order, so anything it answers to `stanza`
// arrives before the ping's result.
std::vector<xml::Element> answers_to(client::Session& session, const xml::Element& stanza) {
    std::vector<xml::Element> seen;
    session.on_stanza = [&](const xml::Element& s) {
        if (s.attr_or_empty("from") == service()) seen.push_back(s);
    };
    session.send(stanza);
    EXPECT_TRUE(answers_ping(session, service()));
    session.on_stanza = nullptr;
    return seen;
}

std::optional<protocol::DeliveryStatus> status_of(client::Session& sender, const std::string& id) {
    auto reply = ask(sender, IqType::get, service(), status_payload({id, kUnknownId}));
    EXPECT_TRUE(reply.ok() && reply->type == IqType::result && reply->payload)
        << (reply.ok() ? (reply->error ? reply->error->condition : "") : reply.error().message);
    if (!reply.ok() || !reply->payload) return std::nullopt;
    auto result = protocol::parse_status_result(*reply->payload);
    EXPECT_TRUE(result.ok()) << result.error().message;
    if (!result.ok()) return std::nullopt;
    EXPECT_EQ(result->deliveries.size(), 1u) << "unknown ids must be left out";
    if (result->deliveries.empty()) return std::nullopt;
    return result->deliveries.front();
}

void expect_not_final(const std::optional<protocol::DeliveryStatus>& status) {
    ASSERT_TRUE(status);
    EXPECT_TRUE(status->state == protocol::DeliveryState::pending ||
                status->state == protocol::DeliveryState::sent)
        << "state " << protocol::to_string(status->state);
}

TEST_F(CardServiceInput, ErrorMessageWithAForgedIdIsIgnored) {
    for (const std::string& id : {std::string(kUnknownId), std::string(kUnknownId) + ".forged"}) {
        const auto answers = answers_to(user("ALICE"), forged_bounce(id, "item-not-found"));
        EXPECT_TRUE(answers.empty()) << "answered an error with " << xml::to_string(answers[0]);
    }
}

TEST_F(CardServiceInput, ChatMessageGetsNoErrorAtMostAnExplanation) {
    for (const auto& answer : answers_to(user("BOB"), chat("saved"))) {
        EXPECT_EQ(answer.name, "message") << xml::to_string(answer);
        EXPECT_NE(answer.attr_or_empty("type"), "error") << xml::to_string(answer);
        EXPECT_TRUE(answer.child("body")) << xml::to_string(answer);
    }
}

TEST_F(CardServiceInput, SyncIgnoresUnknownAttributesAndForeignElements) {
    xml::Element sync = bizcard("sync");
    sync.set_attr("since", "yesterday");
    sync.add_child("hint", "urn:example:junk").set_attr("x", "y");
    auto reply = ask(user("DAVE"), IqType::set, service(), sync);
    ASSERT_TRUE(reply.ok()) << reply.error().message;
    ASSERT_EQ(reply->type, IqType::result) << reply->error->condition << ": " << reply->error->text;
    ASSERT_TRUE(reply->payload);
    EXPECT_TRUE(protocol::parse_sync_result(*reply->payload).ok());
}

TEST_F(CardServiceInput, StatusLeavesUnknownIdsOut) {
    for (const std::string who : {"ALICE", "BOB"}) {
        SCOPED_TRACE(who);
        auto reply = ask(user(who), IqType::get, service(),
                         status_payload({kUnknownId, "BBBBBBBBBBBBBBBBBBBBBB"}));
        ASSERT_TRUE(reply.ok()) << reply.error().message;
        ASSERT_EQ(reply->type, IqType::result) << reply->error->condition;
        ASSERT_TRUE(reply->payload);
        auto result = protocol::parse_status_result(*reply->payload);
        ASSERT_TRUE(result.ok()) << result.error().message;
        EXPECT_TRUE(result->deliveries.empty());
    }
}

// The whole sequence of bad input between storing a card and its recipient collecting it.
TEST_F(CardServiceInput, CardStoredBeforeAllBadInputIsDeliveredAfterIt) {
    const vcard::Card card = test_card("Stored Example", "urn:uuid:cardex-input-stored");
    const std::string dave = Federation::get().var("DAVE_JID");
    auto id = submit_card(user("ALICE"), service(), dave, card);
    ASSERT_TRUE(id.ok()) << id.error().message;

    for (const auto& name : bad_request_names())
        send_bad_request(name);
    // Bounces forged by the sender and by a stranger, and a chat from the recipient that
    // looks like an acknowledgement: none changes the delivery.
    answers_to(user("ALICE"), forged_bounce(*id + ".forged", "item-not-found"));
    answers_to(user("ALICE"), forged_bounce(*id, "service-unavailable"));
    answers_to(user("BOB"), forged_bounce(*id + ".x", "item-not-found"));
    answers_to(user("DAVE"), chat("saved " + *id));
    expect_not_final(status_of(user("ALICE"), *id));
    EXPECT_EQ(component_pid("a"), pid_);

    std::uint64_t pending = 0;
    auto delivered = sync_until_delivered(user("DAVE"), service(), *id, pending);
    ASSERT_TRUE(delivered.ok()) << delivered.error().message;
    EXPECT_GE(pending, 1u);
    EXPECT_EQ(delivered->envelope.to, user("DAVE").bound_jid())
        << "sync resends go to the full JID";
    EXPECT_EQ(delivered->delivery.from.bare_str(), Federation::get().var("ALICE_JID"));
    EXPECT_EQ(delivered->delivery.card, card) << "the card changed on its way";
    ack_saved(user("DAVE"), service(), *id);
    auto after = status_of(user("ALICE"), *id);
    ASSERT_TRUE(after);
    EXPECT_EQ(after->state, protocol::DeliveryState::acked);
}

}  // namespace
}  // namespace cardex::testing
