// The protocol engine with an in-memory sink and a fake clock: cards stored once and acked
// only after the book has committed them, invalid and forged cards, acks kept until answered,
// carbons, receipts, request timeouts, the IQs a client must answer, and cards the book cannot
// save (a full disk), which stay with the service and are counted as waiting there.
#include <gtest/gtest.h>

#include <algorithm>
#include <vector>

#include "client/exchange/card_agent.hpp"
#include "client/exchange/client_features.hpp"
#include "client/exchange/sync_run.hpp"
#include "core/protocol/service_messages.hpp"
#include "core/xml/parser.hpp"
#include "core/xmpp/namespaces.hpp"
#include "tests/unit/book_test_support.hpp"
#include "tests/unit/full_disk_vfs.hpp"
#include "tests/unit/temp_dir.hpp"

namespace cardex::testing {
namespace {

using client::exchange::AgentOptions;
using client::exchange::CardAgent;

struct RecordingSink : client::exchange::StanzaSink {
    std::vector<xml::Element> sent;
    std::function<void(const xml::Element&)> on_send;
    void send(const xml::Element& stanza) override {
        if (on_send) on_send(stanza);
        sent.push_back(stanza);
    }
};

const xmpp::Jid kBob = *xmpp::Jid::parse("bob@b.test/laptop");
constexpr const char* kService = "cards.a.test";

xml::Element delivery_stanza(const std::string& id, vcard::Card card,
                             const std::string& from = kService) {
    protocol::DeliveryMessage m;
    m.envelope.from = *xmpp::Jid::parse(from);
    m.envelope.to = kBob.bare();
    m.envelope.id = "origin-" + id;
    m.envelope.body = "Alice sent you a card";
    m.delivery = delivery_of(id, "alice@a.test", std::move(card));
    return protocol::build_message(m, ns::kClient);
}

xml::Element parse(const std::string& text) {
    return *xml::parse_document(text, {}, ns::kClient);
}

// The acks the agent sent: (IQ id, the <ack/>).
std::vector<std::pair<std::string, protocol::Ack>> acks(const RecordingSink& sink) {
    std::vector<std::pair<std::string, protocol::Ack>> out;
    for (const auto& s : sink.sent) {
        const auto* ack = s.child("ack", ns::kBizcard);
        if (s.name == "iq" && ack)
            out.emplace_back(s.attr_or_empty("id"), *protocol::parse_ack(*ack));
    }
    return out;
}

xml::Element result_for(const std::string& id, const std::string& from = kService) {
    return parse("<iq type='result' from='" + from + "' to='bob@b.test/laptop' id='" + id + "'/>");
}

// Answers the ping a sync run sends to the user's own server first; the syncs follow it.
void answer_ping(CardAgent& agent, const RecordingSink& sink, bool with_from = true) {
    const auto ping = std::find_if(sink.sent.begin(), sink.sent.end(), [](const auto& s) {
        return s.child("ping", ns::kPing) != nullptr;
    });
    ASSERT_NE(ping, sink.sent.end());
    ASSERT_EQ(ping->attr_or_empty("to"), "b.test");
    const std::string id(ping->attr_or_empty("id"));
    agent.handle(with_from ? result_for(id, "b.test")
                           : parse("<iq type='result' to='bob@b.test/laptop' id='" + id + "'/>"));
}

struct Fixture {
    explicit Fixture(const std::string& path = ":memory:", std::size_t ack_batch = 1)
        : book(open_test_book(path)) {
        options.clock = [this] { return now; };
        options.ack_batch = ack_batch;
        options.request_timeout = std::chrono::seconds(30);
        agent = std::make_unique<CardAgent>(*book, sink, kBob, options);
        agent->events.problem = [this](const std::string& p) { problems.push_back(p); };
    }
    std::unique_ptr<client::book::AddressBook> book;
    RecordingSink sink;
    client::exchange::SteadyTime now{};
    AgentOptions options;
    std::unique_ptr<CardAgent> agent;
    std::vector<std::string> problems;
};

TEST(ExchangeAgent, StoresACardAndAcksItOnlyAfterTheBookCommittedIt) {
    TempDir dir;
    const std::string path = dir.file("book.db").string();
    Fixture f(path);
    bool stored_when_acked = false;
    f.sink.on_send = [&](const xml::Element& stanza) {
        if (stanza.child("ack", ns::kBizcard) == nullptr) return;
        // Another connection sees only what is committed.
        auto other = open_test_book(path);
        stored_when_acked = *other->count() == 1;
    };
    EXPECT_TRUE(f.agent->handle(delivery_stanza("AAAAAAAAAAAAAAAAAAAAAA", card_of({"FN:Alice"}))));
    EXPECT_TRUE(stored_when_acked);
    const auto sent = acks(f.sink);
    ASSERT_EQ(sent.size(), 1u);
    EXPECT_EQ(sent[0].second.id, "AAAAAAAAAAAAAAAAAAAAAA");
    EXPECT_EQ(sent[0].second.status, protocol::AckStatus::saved);
    EXPECT_EQ(f.sink.sent[0].attr_or_empty("to"), kService);
    EXPECT_TRUE(f.problems.empty());
}

TEST(ExchangeAgent, ACardTheBookCannotSaveIsNotAckedAndCountsAsWaitingUntilSaved) {
    FullDiskVfs disk;
    TempDir dir;
    Fixture f(dir.file("book.db").string());
    const auto alice = delivery_stanza("DDDDDDDDDDDDDDDDDDDDDD", card_of({"FN:Alice"}));
    disk.fill();
    f.agent->handle(alice);
    f.agent->handle(alice);  // a second copy of the same card
    f.agent->handle(delivery_stanza("EEEEEEEEEEEEEEEEEEEEEE", card_of({"FN:Bob"})));
    EXPECT_TRUE(acks(f.sink).empty());
    EXPECT_EQ(f.agent->unsaved(kService), 2u);
    // The book could not remember the service either; this run still knows to sync with it.
    EXPECT_TRUE(f.book->services()->empty());
    EXPECT_EQ(f.agent->services_seen(), std::vector<std::string>{kService});
    ASSERT_EQ(f.problems.size(), 3u);
    EXPECT_NE(f.problems[0].find("it stays with the service: cannot save to " +
                                 dir.file("book.db").string() + ": the disk is full"),
              std::string::npos)
        << f.problems[0];
    disk.make_room();
    f.agent->handle(alice);  // sent again by the service
    EXPECT_EQ(acks(f.sink).size(), 1u);
    EXPECT_EQ(f.agent->unsaved(kService), 1u);
    EXPECT_EQ(f.agent->unsaved("cards.b.test"), 0u);
}

TEST(ExchangeAgent, ASyncTellsHowManyCardsCouldNotBeSaved) {
    FullDiskVfs disk;
    TempDir dir;
    Fixture f(dir.file("book.db").string());
    client::exchange::SyncRun run(*f.agent, {kService});
    run.start();
    answer_ping(*f.agent, f.sink);
    const auto& request = f.sink.sent.back();
    ASSERT_NE(request.child("sync", ns::kBizcard), nullptr);
    xmpp::Iq answer;
    answer.type = xmpp::IqType::result;
    answer.id = std::string(request.attr_or_empty("id"));
    answer.from = *xmpp::Jid::parse(kService);
    answer.to = kBob;
    answer.payload = protocol::serialize(protocol::SyncResult{2});
    f.agent->handle(xmpp::serialize(answer, ns::kClient));
    disk.fill();
    f.agent->handle(delivery_stanza("FFFFFFFFFFFFFFFFFFFFFF", card_of({"FN:Carol"})));
    f.agent->handle(delivery_stanza("GGGGGGGGGGGGGGGGGGGGGG", card_of({"FN:Dave"})));
    EXPECT_TRUE(run.done());
    const auto outcomes = run.outcomes();
    ASSERT_EQ(outcomes.size(), 1u);
    EXPECT_EQ(outcomes[0].pending, std::optional<std::uint64_t>(2));
    EXPECT_EQ(outcomes[0].copies, 2u);
    EXPECT_EQ(outcomes[0].unsaved, 2u);
    EXPECT_TRUE(outcomes[0].error.empty()) << outcomes[0].error;
}

TEST(ExchangeAgent, ASyncCountsTheCardsThatCameBeforeItInTheSameSession) {
    Fixture f;
    f.agent->handle(delivery_stanza("HHHHHHHHHHHHHHHHHHHHHH", card_of({"FN:Erin"})));  // offline
    client::exchange::SyncRun run(*f.agent, {kService});
    run.start();
    answer_ping(*f.agent, f.sink);
    const auto& request = f.sink.sent.back();
    xmpp::Iq answer;
    answer.type = xmpp::IqType::result;
    answer.id = std::string(request.attr_or_empty("id"));
    answer.from = *xmpp::Jid::parse(kService);
    answer.to = kBob;
    answer.payload = protocol::serialize(protocol::SyncResult{0});
    f.agent->handle(xmpp::serialize(answer, ns::kClient));
    const auto outcomes = run.outcomes();
    ASSERT_EQ(outcomes.size(), 1u);
    EXPECT_EQ(outcomes[0].pending, std::optional<std::uint64_t>(0));
    EXPECT_EQ(outcomes[0].before, 1u) << "the card the server kept counts";
    EXPECT_EQ(outcomes[0].copies, 0u);
}

// The server hands over what it kept in offline storage before it answers a later request: the
// sync waits for the answer to a ping, so the acks of those cards go out before it and the
// service does not send them a second time.
TEST(ExchangeAgent, ASyncGoesOutAfterTheServerAnsweredAPingAndAfterTheAcksOfWhatCameBefore) {
    for (const bool with_from : {true, false}) {
        Fixture f;
        client::exchange::SyncRun run(*f.agent, {kService});
        run.start();
        ASSERT_EQ(f.sink.sent.size(), 1u) << "only the ping, no sync yet";
        f.agent->handle(delivery_stanza("IIIIIIIIIIIIIIIIIIIIII", card_of({"FN:Ivy"})));
        EXPECT_FALSE(run.done());
        answer_ping(*f.agent, f.sink, with_from);
        ASSERT_EQ(f.sink.sent.size(), 3u);
        EXPECT_NE(f.sink.sent[1].child("ack", ns::kBizcard), nullptr) << "the ack first";
        EXPECT_NE(f.sink.sent[2].child("sync", ns::kBizcard), nullptr) << "then the sync";
        EXPECT_EQ(run.outcomes().at(0).before, 1u);
    }
}

// Acks gathered for a batch go out before the sync to their service, not after it.
TEST(ExchangeAgent, GatheredAcksGoOutBeforeTheSync) {
    Fixture f(":memory:", 100);
    client::exchange::SyncRun run(*f.agent, {kService});
    run.start();
    f.agent->handle(delivery_stanza("GATHERAAAAAAAAAAAAAAAA", card_of({"FN:Ivy"})));
    f.agent->handle(delivery_stanza("GATHERBBBBBBBBBBBBBBBB", card_of({"FN:Jo"})));
    ASSERT_EQ(f.sink.sent.size(), 1u) << "only the ping: the acks wait to go together";
    answer_ping(*f.agent, f.sink);
    ASSERT_EQ(f.sink.sent.size(), 3u);
    const auto* batch = f.sink.sent[1].child("acks", ns::kBizcard);
    ASSERT_NE(batch, nullptr) << "the acks first";
    EXPECT_EQ(batch->children.size(), 2u);
    EXPECT_NE(f.sink.sent[2].child("sync", ns::kBizcard), nullptr) << "then the sync";
}

TEST(ExchangeAgent, ASyncGoesOutAlsoWhenTheServerDoesNotAnswerThePing) {
    Fixture f;
    client::exchange::SyncRun run(*f.agent, {kService});
    run.start();
    f.now += std::chrono::seconds(31);
    f.agent->expire_requests();
    ASSERT_EQ(f.sink.sent.size(), 2u);
    EXPECT_NE(f.sink.sent[1].child("sync", ns::kBizcard), nullptr);
}

TEST(ExchangeAgent, ACopyIsStoredOnceAndAckedAgain) {
    Fixture f;
    std::vector<bool> duplicates;
    f.agent->events.card = [&](const client::book::Receiving& r) {
        duplicates.push_back(r.duplicate);
    };
    const auto stanza = delivery_stanza("BBBBBBBBBBBBBBBBBBBBBB", card_of({"FN:Alice"}));
    f.agent->handle(stanza);
    f.agent->handle(result_for(acks(f.sink).at(0).first));
    f.agent->handle(stanza);
    EXPECT_EQ(duplicates, (std::vector<bool>{false, true}));
    EXPECT_EQ(*f.book->count(), 1u);
    EXPECT_EQ(acks(f.sink).size(), 2u);
    EXPECT_EQ(f.agent->activity(kService).copies, 2u);
}

TEST(ExchangeAgent, ACopyWhileTheAckIsOnItsWaySendsNoSecondAck) {
    Fixture f;
    const auto stanza = delivery_stanza("CCCCCCCCCCCCCCCCCCCCCC", card_of({"FN:Alice"}));
    f.agent->handle(stanza);
    f.agent->handle(stanza);
    EXPECT_EQ(acks(f.sink).size(), 1u);
    EXPECT_EQ(f.agent->acks_in_flight(), 1u);
}

// A card of a card set is followed when the user's choice says so (asked once per card); a
// plain card, an update (already followed) and a copy of a stored card are acked without.
TEST(ExchangeAgent, FollowsTheSetOfACardWhenTheUserChoosesTo) {
    Fixture f;
    std::vector<std::string> asked;
    f.options.follow = [&](const client::book::ReceivedCard& r) {
        asked.push_back(r.sender + " " + r.set.value_or(""));
        return true;
    };
    CardAgent agent(*f.book, f.sink, kBob, f.options);
    auto with_set = [&](const std::string& id, std::uint64_t version, bool update) {
        protocol::DeliveryMessage m;
        m.envelope = {*xmpp::Jid::parse(kService), kBob.bare(), "origin-" + id, "en", "card"};
        m.delivery = delivery_of(id, "alice@a.test", card_of({"FN:Alice", "UID:urn:uuid:a"}));
        m.delivery.set = "work";
        m.delivery.version = version;
        m.delivery.update = update;
        return protocol::build_message(m, ns::kClient);
    };
    agent.handle(delivery_stanza("PPPPPPPPPPPPPPPPPPPPPP", card_of({"FN:Plain"})));
    agent.handle(with_set("SSSSSSSSSSSSSSSSSSSSSS", 1, false));
    agent.handle(with_set("SSSSSSSSSSSSSSSSSSSSSS", 1, false));  // a copy
    agent.handle(with_set("UUUUUUUUUUUUUUUUUUUUUU", 2, true));
    EXPECT_EQ(asked, std::vector<std::string>{"alice@a.test work"}) << "asked once";
    const auto sent = acks(f.sink);
    ASSERT_EQ(sent.size(), 3u) << "the copy's ack is still on its way: none again";
    EXPECT_FALSE(sent[0].second.follow) << "a plain card";
    EXPECT_TRUE(sent[1].second.follow) << "the set's card";
    EXPECT_FALSE(sent[2].second.follow) << "an update";

    Fixture no;
    no.options.follow = [](const client::book::ReceivedCard&) { return false; };
    CardAgent declined(*no.book, no.sink, kBob, no.options);
    declined.handle(with_set("SSSSSSSSSSSSSSSSSSSSSS", 1, false));
    ASSERT_EQ(acks(no.sink).size(), 1u);
    EXPECT_FALSE(acks(no.sink)[0].second.follow);
}

TEST(ExchangeAgent, ACardWithoutFormattedNameIsRejectedWithTheReason) {
    Fixture f;
    vcard::Card nameless = card_of({"FN:x"});
    nameless.remove("FN");
    nameless.add(vcard::make_text("NOTE", "no name"));
    f.agent->handle(delivery_stanza("DDDDDDDDDDDDDDDDDDDDDD", nameless));
    const auto sent = acks(f.sink);
    ASSERT_EQ(sent.size(), 1u);
    EXPECT_EQ(sent[0].second.status, protocol::AckStatus::rejected);
    EXPECT_EQ(sent[0].second.reason, "The card has no formatted name (FN).");
    EXPECT_EQ(*f.book->count(), 0u);
}

TEST(ExchangeAgent, ACardThatDoesNotParseIsRejectedAndNothingElseIsLost) {
    Fixture f;
    f.agent->handle(delivery_stanza("EEEEEEEEEEEEEEEEEEEEEE", card_of({"FN:Kept"})));
    auto broken = delivery_stanza("FFFFFFFFFFFFFFFFFFFFFF", card_of({"FN:Broken"}));
    broken.child("card", ns::kBizcard)->set_attr("stamp", "yesterday");
    f.agent->handle(broken);
    const auto sent = acks(f.sink);
    ASSERT_EQ(sent.size(), 2u);
    EXPECT_EQ(sent[1].second.status, protocol::AckStatus::rejected);
    ASSERT_TRUE(sent[1].second.reason.has_value());
    EXPECT_NE(sent[1].second.reason->find("stamp"), std::string::npos) << *sent[1].second.reason;
    EXPECT_EQ(*f.book->count(), 1u);
}

TEST(ExchangeAgent, ACardFromAUserAddressIsIgnored) {
    Fixture f;
    f.agent->handle(
        delivery_stanza("GGGGGGGGGGGGGGGGGGGGGG", card_of({"FN:Forged"}), "mallory@a.test/x"));
    EXPECT_TRUE(acks(f.sink).empty());
    EXPECT_EQ(*f.book->count(), 0u);
    ASSERT_EQ(f.problems.size(), 1u);
    EXPECT_NE(f.problems[0].find("mallory@a.test/x"), std::string::npos);
}

TEST(ExchangeAgent, ACarbonFromTheOwnAccountIsUnwrappedAndAForgedOneIsNot) {
    Fixture f;
    auto wrap = [](const xml::Element& inner, const std::string& from) {
        xml::Element m("message", std::string(ns::kClient));
        m.set_attr("from", from).set_attr("to", kBob.str());
        auto& received = m.add_child("received", std::string(ns::kCarbons));
        received.add_child("forwarded", std::string(ns::kForward)).add_child(inner);
        return m;
    };
    f.agent->handle(
        wrap(delivery_stanza("HHHHHHHHHHHHHHHHHHHHHH", card_of({"FN:Copy"})), "mallory@evil.test"));
    EXPECT_EQ(*f.book->count(), 0u);
    f.agent->handle(
        wrap(delivery_stanza("HHHHHHHHHHHHHHHHHHHHHH", card_of({"FN:Copy"})), "bob@b.test"));
    EXPECT_EQ(*f.book->count(), 1u);
    EXPECT_EQ(acks(f.sink).size(), 1u);
}

TEST(ExchangeAgent, AnAckWithoutAnswerIsSentAgainBeforeTheNextSync) {
    Fixture f;
    f.agent->handle(delivery_stanza("IIIIIIIIIIIIIIIIIIIIII", card_of({"FN:Alice"})));
    // Prosody bounced the ack: the component is not connected.
    f.agent->handle(parse("<iq type='error' from='cards.a.test' id='" + acks(f.sink)[0].first +
                          "'><error type='cancel'><remote-server-timeout "
                          "xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/></error></iq>"));
    EXPECT_EQ(f.agent->acks_in_flight(), 0u);
    EXPECT_EQ(f.book->unanswered_acks(kService)->size(), 1u);
    f.agent->resend_unanswered_acks(kService);
    ASSERT_EQ(acks(f.sink).size(), 2u);
    f.agent->handle(result_for(acks(f.sink)[1].first));
    EXPECT_TRUE(f.book->unanswered_acks(kService)->empty());
}

TEST(ExchangeAgent, AnAckTheServiceRefusesForGoodIsNotSentAgain) {
    Fixture f;
    f.agent->handle(delivery_stanza("JJJJJJJJJJJJJJJJJJJJJJ", card_of({"FN:Alice"})));
    f.agent->handle(parse("<iq type='error' from='cards.a.test' id='" + acks(f.sink)[0].first +
                          "'><error type='cancel'><item-not-found "
                          "xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/></error></iq>"));
    EXPECT_TRUE(f.book->unanswered_acks(kService)->empty());
    EXPECT_EQ(f.problems.size(), 1u);
}

// The <acks/> the agent sent: (IQ id, the batch).
std::vector<std::pair<std::string, protocol::AckBatch>> batches(const RecordingSink& sink) {
    std::vector<std::pair<std::string, protocol::AckBatch>> out;
    for (const auto& s : sink.sent) {
        const auto* batch = s.child("acks", ns::kBizcard);
        if (s.name == "iq" && batch)
            out.emplace_back(s.attr_or_empty("id"), *protocol::parse_ack_batch(*batch));
    }
    return out;
}

std::vector<std::string> ids_of(const protocol::AckBatch& batch) {
    std::vector<std::string> ids;
    for (const auto& ack : batch.acks)
        ids.push_back(ack.id);
    return ids;
}

TEST(ExchangeAgent, GathersAcksForOneServiceIntoOneRequest) {
    Fixture f(":memory:", 100);
    f.agent->handle(delivery_stanza("BATCHAAAAAAAAAAAAAAAAA", card_of({"FN:Alice"})));
    f.agent->handle(delivery_stanza("BATCHBBBBBBBBBBBBBBBBB", card_of({"FN:Bob"})));
    f.agent->handle(
        delivery_stanza("BATCHCCCCCCCCCCCCCCCCC", card_of({"FN:Carol"}), "cards.c.test"));
    EXPECT_TRUE(f.sink.sent.empty());  // nothing until the host flushes
    EXPECT_EQ(f.agent->acks_in_flight(), 3u);
    f.agent->flush_acks();
    const auto sent = batches(f.sink);
    ASSERT_EQ(sent.size(), 1u);
    EXPECT_EQ(ids_of(sent[0].second),
              (std::vector<std::string>{"BATCHAAAAAAAAAAAAAAAAA", "BATCHBBBBBBBBBBBBBBBBB"}));
    ASSERT_EQ(acks(f.sink).size(), 1u);  // alone for its service: a plain <ack/>
    EXPECT_EQ(f.sink.sent.back().attr_or_empty("to"), "cards.c.test");
    f.agent->handle(result_for(sent[0].first));
    EXPECT_TRUE(f.book->unanswered_acks(kService)->empty());
    EXPECT_EQ(f.agent->acks_in_flight(), 1u);
    EXPECT_TRUE(f.problems.empty());
}

TEST(ExchangeAgent, SendsABatchOnceItIsFull) {
    Fixture f(":memory:", 2);
    f.agent->handle(delivery_stanza("FULLAAAAAAAAAAAAAAAAAA", card_of({"FN:Alice"})));
    EXPECT_TRUE(f.sink.sent.empty());
    f.agent->handle(delivery_stanza("FULLBBBBBBBBBBBBBBBBBB", card_of({"FN:Bob"})));
    ASSERT_EQ(batches(f.sink).size(), 1u);
    EXPECT_EQ(batches(f.sink)[0].second.acks.size(), 2u);
}

TEST(ExchangeAgent, AnAckABatchResultListsAsFailedIsReportedAndDone) {
    Fixture f(":memory:", 100);
    f.agent->handle(delivery_stanza("FAILAAAAAAAAAAAAAAAAAA", card_of({"FN:Alice"})));
    f.agent->handle(delivery_stanza("FAILBBBBBBBBBBBBBBBBBB", card_of({"FN:Bob"})));
    f.agent->flush_acks();
    const auto sent = batches(f.sink);
    ASSERT_EQ(sent.size(), 1u);
    f.agent->handle(
        parse("<iq type='result' from='cards.a.test' id='" + sent[0].first +
              "'><acks xmlns='urn:xmpp:bizcard:0'><failed "
              "id='FAILBBBBBBBBBBBBBBBBBB' condition='unknown-delivery'/></acks></iq>"));
    EXPECT_TRUE(f.book->unanswered_acks(kService)->empty());
    ASSERT_EQ(f.problems.size(), 1u);
    EXPECT_EQ(f.problems[0],
              "cards.a.test refused the ack of delivery FAILBBBBBBBBBBBBBBBBBB: unknown-delivery");
}

// A service of an earlier revision answers <acks/> with service-unavailable: the same acks go
// one by one, and so do later ones.
TEST(ExchangeAgent, AServiceThatRefusesBatchesGetsSingleAcks) {
    Fixture f(":memory:", 100);
    f.agent->handle(delivery_stanza("OLDAAAAAAAAAAAAAAAAAAA", card_of({"FN:Alice"})));
    f.agent->handle(delivery_stanza("OLDBBBBBBBBBBBBBBBBBBB", card_of({"FN:Bob"})));
    f.agent->flush_acks();
    ASSERT_EQ(batches(f.sink).size(), 1u);
    f.agent->handle(parse("<iq type='error' from='cards.a.test' id='" + batches(f.sink)[0].first +
                          "'><error type='cancel'><service-unavailable "
                          "xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/></error></iq>"));
    ASSERT_EQ(acks(f.sink).size(), 2u);
    EXPECT_EQ(f.agent->acks_in_flight(), 2u);
    f.agent->handle(delivery_stanza("OLDCCCCCCCCCCCCCCCCCCC", card_of({"FN:Carol"})));
    EXPECT_EQ(acks(f.sink).size(), 3u);  // sent at once, not gathered
    for (const auto& [id, ack] : acks(f.sink))
        f.agent->handle(result_for(id));
    EXPECT_TRUE(f.book->unanswered_acks(kService)->empty());
    EXPECT_TRUE(f.problems.empty());
    EXPECT_EQ(batches(f.sink).size(), 1u);
}

TEST(ExchangeAgent, ABatchWithATemporaryErrorStaysUnansweredForTheNextSync) {
    Fixture f(":memory:", 100);
    f.agent->handle(delivery_stanza("WAITAAAAAAAAAAAAAAAAAA", card_of({"FN:Alice"})));
    f.agent->handle(delivery_stanza("WAITBBBBBBBBBBBBBBBBBB", card_of({"FN:Bob"})));
    f.agent->flush_acks();
    f.agent->handle(parse("<iq type='error' from='cards.a.test' id='" + batches(f.sink)[0].first +
                          "'><error type='wait'><resource-constraint "
                          "xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/></error></iq>"));
    EXPECT_EQ(f.agent->acks_in_flight(), 0u);
    EXPECT_EQ(f.book->unanswered_acks(kService)->size(), 2u);
    f.agent->resend_unanswered_acks(kService);
    f.agent->flush_acks(kService);
    ASSERT_EQ(batches(f.sink).size(), 2u);
    EXPECT_EQ(batches(f.sink)[1].second.acks.size(), 2u);
}

TEST(ExchangeAgent, AnAnswerFromSomeoneElseIsNotTakenForTheServices) {
    Fixture f;
    f.agent->handle(delivery_stanza("KKKKKKKKKKKKKKKKKKKKKK", card_of({"FN:Alice"})));
    EXPECT_FALSE(f.agent->handle(result_for(acks(f.sink)[0].first, "mallory@a.test/x")));
    EXPECT_EQ(f.agent->acks_in_flight(), 1u);
    EXPECT_EQ(f.book->unanswered_acks(kService)->size(), 1u);
}

TEST(ExchangeAgent, ARequestWithoutAnswerFailsAfterTheTimeout) {
    Fixture f;
    std::optional<Result<xmpp::Iq>> answer;
    xmpp::Iq iq;
    iq.type = xmpp::IqType::get;
    iq.to = *xmpp::Jid::parse(kService);
    iq.payload = xml::Element("ping", std::string(ns::kPing));
    f.agent->request(iq, [&](Result<xmpp::Iq> a) { answer = std::move(a); });
    f.now += std::chrono::seconds(29);
    f.agent->expire_requests();
    EXPECT_FALSE(answer.has_value());
    f.now += std::chrono::seconds(2);
    f.agent->expire_requests();
    ASSERT_TRUE(answer.has_value());
    ASSERT_FALSE(answer->ok());
    EXPECT_EQ(answer->error().message, "no answer from cards.a.test within 30 s");
}

TEST(ExchangeAgent, ReceiptsUpdateTheSentCards) {
    Fixture f;
    client::book::SentCard s{kService,
                             "LLLLLLLLLLLLLLLLLLLLLL",
                             "bob@b.test",
                             "u",
                             "Alice",
                             at_second(1),
                             protocol::DeliveryState::pending,
                             0,
                             at_second(1),
                             std::nullopt};
    must(f.book->record_sent({s}));
    protocol::ReceiptMessage m;
    m.envelope.from = *xmpp::Jid::parse(kService);
    m.envelope.to = *xmpp::Jid::parse("alice@a.test");
    m.envelope.id = "r1";
    m.envelope.body = "bob saved your card";
    m.receipts = {{s.delivery_id, *xmpp::Jid::parse("bob@b.test"), protocol::ReceiptStatus::saved,
                   at_second(5), std::nullopt}};
    int receipts = 0;
    f.agent->events.receipt = [&](const std::string&, const protocol::Receipt&) { ++receipts; };
    EXPECT_TRUE(f.agent->handle(protocol::build_message(m, ns::kClient)));
    EXPECT_EQ(receipts, 1);
    EXPECT_EQ((*f.book->sent())[0].state, protocol::DeliveryState::acked);
}

TEST(ExchangeAgent, EveryReceiptOfAMessageIsRecorded) {
    Fixture f;
    std::vector<std::string> ids;
    f.agent->events.receipt = [&](const std::string&, const protocol::Receipt& r) {
        ids.push_back(r.id);
    };
    protocol::ReceiptMessage m;
    m.envelope = {*xmpp::Jid::parse(kService), *xmpp::Jid::parse("bob@b.test"), "r2", "en",
                  "two receipts"};
    for (const char* id : {"RECEIPTAAAAAAAAAAAAAAA", "RECEIPTBBBBBBBBBBBBBBB"})
        m.receipts.push_back({id, *xmpp::Jid::parse("carol@a.test"), protocol::ReceiptStatus::saved,
                              at_second(5), std::nullopt});
    EXPECT_TRUE(f.agent->handle(protocol::build_message(m, ns::kClient)));
    EXPECT_EQ(ids, (std::vector<std::string>{"RECEIPTAAAAAAAAAAAAAAA", "RECEIPTBBBBBBBBBBBBBBB"}));
}

TEST(ExchangeAgent, AnswersDiscoInfoPingAndEverythingElseOnce) {
    Fixture f;
    f.agent->handle(
        parse("<iq type='get' from='alice@a.test/x' to='bob@b.test/laptop' id='q1'>"
              "<query xmlns='http://jabber.org/protocol/disco#info'/></iq>"));
    f.agent->handle(
        parse("<iq type='get' from='alice@a.test/x' id='q2'><ping "
              "xmlns='urn:xmpp:ping'/></iq>"));
    f.agent->handle(
        parse("<iq type='set' from='alice@a.test/x' id='q3'><query "
              "xmlns='jabber:iq:roster'/></iq>"));
    ASSERT_EQ(f.sink.sent.size(), 3u);
    auto info = xmpp::parse_iq(f.sink.sent[0]);
    ASSERT_TRUE(info.ok());
    EXPECT_EQ(info->type, xmpp::IqType::result);
    EXPECT_EQ(info->to->str(), "alice@a.test/x");
    EXPECT_TRUE(xmpp::parse_disco_info(*info->payload)->has_feature(ns::kBizcard));
    EXPECT_EQ(xmpp::parse_iq(f.sink.sent[1])->type, xmpp::IqType::result);
    auto refused = xmpp::parse_iq(f.sink.sent[2]);
    EXPECT_EQ(refused->type, xmpp::IqType::error);
    EXPECT_EQ(refused->error->condition, "service-unavailable");
}

TEST(ExchangeAgent, InsideAClientThatAnswersItsOwnIqsItLeavesThemAlone) {
    Fixture f;
    f.options.answer_iqs = false;
    CardAgent quiet(*f.book, f.sink, kBob, f.options);
    EXPECT_FALSE(
        quiet.handle(parse("<iq type='get' from='alice@a.test/x' id='q1'><query "
                           "xmlns='http://jabber.org/protocol/disco#info'/></iq>")));
    EXPECT_TRUE(f.sink.sent.empty());
    // The host knows nothing of this protocol: a request in its namespace gets its one answer.
    EXPECT_TRUE(
        quiet.handle(parse("<iq type='set' from='alice@a.test/x' id='q2'><sync "
                           "xmlns='urn:xmpp:bizcard:0'/></iq>")));
    ASSERT_EQ(f.sink.sent.size(), 1u);
    EXPECT_EQ(xmpp::parse_iq(f.sink.sent[0])->error->condition, "service-unavailable");
}

TEST(ExchangeAgent, CapsHashFollowsXep0115) {
    // The example of XEP-0115 section 5.2.
    xmpp::DiscoInfo info;
    info.identities.push_back({"client", "pc", "Exodus 0.9.1"});
    info.features = {"http://jabber.org/protocol/muc", "http://jabber.org/protocol/disco#info",
                     "http://jabber.org/protocol/disco#items", "http://jabber.org/protocol/caps"};
    EXPECT_EQ(client::exchange::caps_ver(info), "QgayPKawpkPSDYmwT/WM94uAlu0=");
}

}  // namespace
}  // namespace cardex::testing
