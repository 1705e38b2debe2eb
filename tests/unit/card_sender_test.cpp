// The card sender with an in-memory sink and a fake clock: a submit that gets no answer, or a
// temporary error from the servers on the way, is sent again with the same submit id; the
// service's own refusals and results end it at once.
#include "client/exchange/card_sender.hpp"

#include <gtest/gtest.h>

#include <optional>
#include <vector>

#include "client/exchange/home_service.hpp"
#include "client/exchange/service_requests.hpp"
#include "core/xml/parser.hpp"
#include "core/xmpp/namespaces.hpp"
#include "tests/unit/book_test_support.hpp"

namespace cardex::testing {
namespace {

using client::exchange::CardSender;
using client::exchange::SendOutcome;
using client::exchange::SendPolicy;
using std::chrono::milliseconds;
using std::chrono::seconds;

const xmpp::Jid kAlice = *xmpp::Jid::parse("alice@a.test/phone");
const xmpp::Jid kService = *xmpp::Jid::parse("cards.a.test");
const xmpp::Jid kBob = *xmpp::Jid::parse("bob@b.test");

struct Sink : client::exchange::StanzaSink {
    std::vector<xml::Element> sent;
    void send(const xml::Element& stanza) override { sent.push_back(stanza); }
};

class CardSenderTest : public ::testing::Test {
  protected:
    CardSenderTest() : book(open_test_book(":memory:")) {
        options.clock = [this] { return now; };
        agent = std::make_unique<client::exchange::CardAgent>(*book, sink, kAlice, options);
        policy.attempts = 4;
        policy.answer_timeout = seconds(10);
        policy.first_pause = seconds(1);
        sender = std::make_unique<CardSender>(*agent, policy);
    }

    void send() {
        const vcard::Card card = card_of({"FN:Alice Example"});
        sender->send(kService, card, {kBob}, [this](SendOutcome o) { outcome = std::move(o); });
    }
    void pass(milliseconds by) {
        now += by;
        agent->expire_requests();
        sender->tick();
    }
    // The submits sent so far: (IQ id, submit id).
    std::vector<std::pair<std::string, std::string>> submits() const {
        std::vector<std::pair<std::string, std::string>> out;
        for (const auto& s : sink.sent) {
            if (const auto* submit = s.child("submit", ns::kBizcard))
                out.emplace_back(s.attr_or_empty("id"), submit->attr_or_empty("id"));
        }
        return out;
    }
    void answer(const std::string& iq_id, const std::string& body) {
        auto stanza = xml::parse_document(
            "<iq from='cards.a.test' to='alice@a.test/phone' id='" + iq_id + "' " + body + "</iq>",
            {}, ns::kClient);
        ASSERT_TRUE(stanza) << stanza.error().message;
        agent->handle(*stanza);
    }
    void answer_result(const std::string& iq_id) {
        answer(iq_id,
               "type='result'><submitted xmlns='urn:xmpp:bizcard:0'><delivery "
               "id='h6l2kD8n5Wv7HNEBSFKQ3g' to='bob@b.test'/></submitted>");
    }
    void answer_error(const std::string& iq_id, const std::string& type,
                      const std::string& condition, const std::string& app = "") {
        answer(iq_id, "type='error'><error type='" + type + "'><" + condition +
                          " xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/>" + app + "</error>");
    }

    std::unique_ptr<client::book::AddressBook> book;
    Sink sink;
    client::exchange::SteadyTime now{};
    client::exchange::AgentOptions options;
    std::unique_ptr<client::exchange::CardAgent> agent;
    SendPolicy policy;
    std::unique_ptr<CardSender> sender;
    std::optional<SendOutcome> outcome;
};

// cardex compares this with the service's max-copy-bytes before it sends a card: a server with
// a 64 KiB stanza limit stalls the connection that brings it a larger stanza.
TEST(StanzaBytes, IsTheSubmitAsSentWithRoomForItsIdButNotMuchMore) {
    const vcard::Card card = card_of({"FN:Alice Example", "NOTE:" + std::string(5000, 'x')});
    const auto service = *xmpp::Jid::parse("cards.a.test");
    const auto bob = *xmpp::Jid::parse("bob@b.test");
    const std::size_t card_bytes = client::exchange::card_bytes(card);
    const std::size_t bytes = client::exchange::stanza_bytes(
        client::exchange::submit_request(service, card, {bob}, std::string(40, 'x')));
    EXPECT_GT(bytes, card_bytes + 100);
    EXPECT_LT(bytes, card_bytes + 500);
    const auto two = client::exchange::stanza_bytes(
        client::exchange::submit_request(service, card, {bob, *xmpp::Jid::parse("carol@a.test")}));
    EXPECT_GT(two, bytes - 40) << "each recipient counts";
}

// A card goes as text only to a service that said now that it takes it (#text).
TEST(SubmitForm, IsTextOnlyForAServiceThatAnsweredWithTheFeature) {
    client::exchange::CardService service{kService, {}, true};
    EXPECT_EQ(client::exchange::submit_form(service), protocol::CardForm::text);
    service.info.features.text = false;
    EXPECT_EQ(client::exchange::submit_form(service), protocol::CardForm::xcard);
    service.info.features.text = true;
    service.answered = false;  // the draft's defaults, not what this service said
    EXPECT_EQ(client::exchange::submit_form(service), protocol::CardForm::xcard);
    const auto request = client::exchange::submit_request(kService, card_of({"FN:Alice"}), {kBob},
                                                          std::nullopt, protocol::CardForm::text);
    auto submit = protocol::parse_submit(*request.payload);
    ASSERT_TRUE(submit.ok()) << submit.error().message;
    EXPECT_EQ(submit->form, protocol::CardForm::text);
    EXPECT_EQ(submit->card->formatted_name(), "Alice");
}

TEST_F(CardSenderTest, EverySubmitCarriesAnIdOfItsOwn) {
    send();
    send();
    const auto sent = submits();
    ASSERT_EQ(sent.size(), 2u);
    EXPECT_EQ(sent[0].second.size(), 22u) << "128 random bits";
    EXPECT_NE(sent[0].second, sent[1].second);
}

TEST_F(CardSenderTest, ASubmitWithoutAnAnswerGoesAgainWithTheSameIdUntilOneComes) {
    send();
    pass(seconds(10));  // no answer to the first
    EXPECT_EQ(submits().size(), 1u) << "not before the pause";
    pass(seconds(1));
    ASSERT_EQ(submits().size(), 2u);
    EXPECT_EQ(submits()[1].second, submits()[0].second) << "the same submit id";
    EXPECT_NE(submits()[1].first, submits()[0].first) << "a new IQ id";
    EXPECT_FALSE(outcome);
    answer_result(submits()[1].first);
    ASSERT_TRUE(outcome);
    EXPECT_EQ(outcome->attempts, 2);
    ASSERT_TRUE(outcome->reply.ok());
    EXPECT_TRUE(outcome->reply->ok());
    EXPECT_EQ(outcome->submit_id, submits()[0].second);
    EXPECT_EQ(sender->in_progress(), 0u);
}

TEST_F(CardSenderTest, ACardServiceThatIsNotConnectedIsTriedAgainWithDoublingPauses) {
    send();
    answer_error(submits()[0].first, "wait", "remote-server-timeout");
    pass(seconds(1));
    ASSERT_EQ(submits().size(), 2u);
    answer_error(submits()[1].first, "cancel", "service-unavailable");
    pass(seconds(1));
    EXPECT_EQ(submits().size(), 2u) << "the second pause is two seconds";
    pass(seconds(1));
    ASSERT_EQ(submits().size(), 3u);
    answer_result(submits()[2].first);
    ASSERT_TRUE(outcome);
    EXPECT_TRUE(outcome->reply->ok());
    EXPECT_EQ(outcome->attempts, 3);
}

TEST_F(CardSenderTest, TheServicesOwnRefusalIsFinalAtOnce) {
    send();
    answer_error(submits()[0].first, "wait", "policy-violation",
                 "<rate-limited xmlns='urn:xmpp:bizcard:0'/>");
    ASSERT_TRUE(outcome);
    EXPECT_EQ(outcome->attempts, 1);
    ASSERT_TRUE(outcome->reply.ok());
    EXPECT_TRUE(outcome->reply->failed_with(protocol::ErrorCondition::rate_limited));
    pass(seconds(60));
    EXPECT_EQ(submits().size(), 1u);
    EXPECT_NE(client::exchange::send_failure(*outcome, kService).find("refused the card"),
              std::string::npos);
}

TEST_F(CardSenderTest, AfterTheLastAttemptTheFailureSaysHowManyThereWere) {
    send();
    for (int i = 0; i < 100 && !outcome; ++i)
        pass(seconds(1));
    ASSERT_TRUE(outcome);
    EXPECT_EQ(outcome->attempts, 4);
    EXPECT_FALSE(outcome->reply.ok());
    const auto failure = client::exchange::send_failure(*outcome, kService);
    EXPECT_NE(failure.find("after 4 attempts"), std::string::npos) << failure;
    EXPECT_NE(failure.find("no answer"), std::string::npos) << failure;
    EXPECT_EQ(submits().size(), 4u);
}

}  // namespace
}  // namespace cardex::testing
