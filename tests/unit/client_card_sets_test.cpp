// The client's side of card sets, QR tokens and the exchange, without a network: the requests
// as the protocol's codecs read them, the answers read back, the exchange that keeps the
// owner's card (set and version in its provenance) and records the delivery of the shared
// card, the confirmation dialogue with a fake terminal, durations, the default set and the
// sentences people read.
#include <gtest/gtest.h>

#include <algorithm>
#include <deque>

#include "client/exchange/card_exchange.hpp"
#include "client/exchange/service_requests.hpp"
#include "client/exchange/set_choice.hpp"
#include "client/exchange/set_requests.hpp"
#include "client/ui/duration.hpp"
#include "client/ui/exchange_prompt.hpp"
#include "client/ui/token_text.hpp"
#include "core/xml/parser.hpp"
#include "core/xmpp/namespaces.hpp"
#include "tests/unit/book_test_support.hpp"

namespace cardex::testing {
namespace {

namespace exchange = client::exchange;
namespace ui = client::ui;
using std::chrono::hours;
using std::chrono::minutes;
using std::chrono::seconds;

const xmpp::Jid kService = *xmpp::Jid::parse("cards.a.test");
const xmpp::Jid kBob = *xmpp::Jid::parse("bob@b.test/phone");
const protocol::TokenUri kToken{kService, "K2nCb02UV6mUZuAByZeB9A"};

protocol::Timestamp at(const char* text) {
    return *protocol::parse_timestamp(text);
}

// ---- requests and answers ------------------------------------------------------------------

TEST(SetRequests, EachRequestIsTheCodecsElementInTheRightIqType) {
    const vcard::Card card = card_of({"UID:urn:uuid:1", "FN:Alice Example"});
    auto publish = exchange::publish_request(kService, "work", card);
    EXPECT_EQ(publish.type, xmpp::IqType::set);
    EXPECT_EQ(publish.to, kService);
    auto p = protocol::parse_publish(*publish.payload);
    ASSERT_TRUE(p) << p.error().message;
    EXPECT_EQ(p->name, "work");
    EXPECT_EQ(p->card.formatted_name(), "Alice Example");

    auto sets = exchange::sets_request(kService);
    EXPECT_EQ(sets.type, xmpp::IqType::get);
    EXPECT_TRUE(protocol::parse_sets_query(*sets.payload));

    auto set = exchange::set_request(kService, "private");
    EXPECT_EQ(set.type, xmpp::IqType::get);
    EXPECT_EQ(protocol::parse_set_query(*set.payload)->name, "private");

    auto retract = exchange::retract_request(kService, "private");
    EXPECT_EQ(retract.type, xmpp::IqType::set);
    EXPECT_EQ(protocol::parse_retract(*retract.payload)->name, "private");

    auto create = exchange::create_token_request(kService, "work", at("2026-11-28T08:10:00Z"), 10);
    EXPECT_EQ(create.type, xmpp::IqType::set);
    auto c = protocol::parse_create_token(*create.payload);
    ASSERT_TRUE(c) << c.error().message;
    EXPECT_EQ(*c, (protocol::CreateToken{"work", at("2026-11-28T08:10:00Z"), 10, true}));
    auto defaults = exchange::create_token_request(kService, "work", std::nullopt, std::nullopt);
    auto without_form =
        exchange::create_token_request(kService, "work", std::nullopt, std::nullopt, false);
    EXPECT_EQ(without_form.payload->attr_or_empty("web-replies"), "false");
    EXPECT_EQ(defaults.payload->attr_or_empty("web-replies"), "") << "the default is left out";
    EXPECT_EQ(*protocol::parse_create_token(*defaults.payload),
              (protocol::CreateToken{"work", std::nullopt, std::nullopt, true}));

    auto tokens = exchange::tokens_request(kService);
    EXPECT_EQ(tokens.type, xmpp::IqType::get);
    EXPECT_TRUE(protocol::parse_tokens_query(*tokens.payload));

    auto revoke = exchange::revoke_token_request(kService, "slgIQ-vBPs2RwX2aOq6aCA");
    EXPECT_EQ(protocol::parse_revoke_token(*revoke.payload)->value, "slgIQ-vBPs2RwX2aOq6aCA");

    auto submit = exchange::submit_set_request(kService, "work", {*xmpp::Jid::parse("bob@b.test")},
                                               "h6l2kD8n5Wv7HNEBSFKQ3g");
    auto s = protocol::parse_submit(*submit.payload);
    ASSERT_TRUE(s) << s.error().message;
    EXPECT_EQ(s->set, "work");
    EXPECT_FALSE(s->card);
    EXPECT_EQ(s->id, "h6l2kD8n5Wv7HNEBSFKQ3g");
}

TEST(SetRequests, AnExchangeSharesACardOnlyWhenOneIsGiven) {
    auto give = exchange::exchange_request(kToken, card_of({"FN:Bob Beispiel"}));
    EXPECT_EQ(give.to, kService) << "the service the URI names";
    auto g = protocol::parse_exchange(*give.payload);
    ASSERT_TRUE(g) << g.error().message;
    EXPECT_EQ(g->token, kToken.token);
    EXPECT_TRUE(g->share);
    ASSERT_TRUE(g->card);
    EXPECT_EQ(g->card->formatted_name(), "Bob Beispiel");

    auto take = exchange::exchange_request(kToken, std::nullopt);
    auto t = protocol::parse_exchange(*take.payload);
    ASSERT_TRUE(t);
    EXPECT_FALSE(t->share);
    EXPECT_FALSE(t->card);
    EXPECT_EQ(take.payload->attr_or_empty("share"), "false") << "share is required";
}

xmpp::Iq answer(const std::string& body) {
    auto e = xml::parse_document(
        "<iq xmlns='jabber:client' from='cards.a.test' id='x' " + body + "</iq>", {}, ns::kClient);
    EXPECT_TRUE(e) << e.error().message;
    auto iq = xmpp::parse_iq(*e);
    EXPECT_TRUE(iq) << iq.error().message;
    return *iq;
}

TEST(SetRequests, APreviewIsAQuestionToTheServiceTheUriNames) {
    auto preview = exchange::preview_request(kToken);
    EXPECT_EQ(preview.type, xmpp::IqType::get);
    EXPECT_EQ(preview.to, kService);
    EXPECT_EQ(protocol::parse_preview_query(*preview.payload)->token, kToken.token);

    auto shown = exchange::read_preview(
        answer("type='result'><preview xmlns='urn:xmpp:bizcard:0' from='alice@a.test' "
               "set='work' fn='Alice Example' accepts-card='true'/>"));
    ASSERT_TRUE(shown && shown->ok()) << (shown ? "" : shown.error().message);
    EXPECT_EQ(shown->value->card.fn, "Alice Example");
    EXPECT_FALSE(exchange::preview_not_offered(*shown));

    const std::string stanzas = "xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/>";
    for (const char* older : {"service-unavailable", "feature-not-implemented"}) {
        auto refused =
            exchange::read_preview(answer("type='error'><error type='cancel'><" +
                                          std::string(older) + " " + stanzas + "</error>"));
        ASSERT_TRUE(refused);
        EXPECT_TRUE(exchange::preview_not_offered(*refused)) << older;
    }
    auto invalid = exchange::read_preview(
        answer("type='error'><error type='cancel'><item-not-found " + stanzas +
               "<invalid-token xmlns='urn:xmpp:bizcard:0'/></error>"));
    ASSERT_TRUE(invalid);
    EXPECT_FALSE(exchange::preview_not_offered(*invalid)) << "a refusal of the token itself";
    EXPECT_TRUE(invalid->failed_with(protocol::ErrorCondition::invalid_token));
}

TEST(SetRequests, AnswersAreReadWithTheCodecs) {
    auto published = exchange::read_published(
        answer("type='result'><published xmlns='urn:xmpp:bizcard:0' name='work' version='4'/>"));
    ASSERT_TRUE(published && published->ok());
    EXPECT_EQ(published->value->version, 4u);

    auto token = exchange::read_token(
        answer("type='result'><token xmlns='urn:xmpp:bizcard:0' value='K2nCb02UV6mUZuAByZeB9A' "
               "set='work' created='2026-11-21T08:10:00Z' expires='2026-11-28T08:10:00Z' "
               "uses-left='10' uri='xmpp:cards.a.test?bizcard;token=K2nCb02UV6mUZuAByZeB9A'/>"));
    ASSERT_TRUE(token && token->ok()) << (token ? "" : token.error().message);
    EXPECT_EQ(token->value->uses_left, 10u);
    EXPECT_EQ(token->value->uri, "xmpp:cards.a.test?bizcard;token=K2nCb02UV6mUZuAByZeB9A");

    auto retracted = exchange::read_retracted(answer("type='result'>"));
    ASSERT_TRUE(retracted && retracted->ok());

    auto invalid = exchange::read_exchange(
        answer("type='error'><error type='cancel'><item-not-found "
               "xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/><invalid-token "
               "xmlns='urn:xmpp:bizcard:0'/></error>"));
    ASSERT_TRUE(invalid);
    EXPECT_FALSE(invalid->ok());
    EXPECT_TRUE(invalid->failed_with(protocol::ErrorCondition::invalid_token));

    auto broken =
        exchange::read_sets(answer("type='result'><sets xmlns='urn:xmpp:bizcard:0'>"
                                   "<set name='Not Valid' version='1' "
                                   "updated='2026-06-02T19:41:07Z'/></sets>"));
    EXPECT_FALSE(broken) << "a result that does not parse is an error, not a refusal";
}

TEST(SetRequests, SetNamesAreThoseTheDraftAllows) {
    EXPECT_TRUE(exchange::valid_set_name("work"));
    EXPECT_TRUE(exchange::valid_set_name("trade-fair-2026"));
    EXPECT_TRUE(exchange::valid_set_name(std::string(64, 'a')));
    EXPECT_FALSE(exchange::valid_set_name(""));
    EXPECT_FALSE(exchange::valid_set_name(std::string(65, 'a')));
    EXPECT_FALSE(exchange::valid_set_name("Work"));
    EXPECT_FALSE(exchange::valid_set_name("my set"));
}

// ---- the exchange --------------------------------------------------------------------------

struct Sink : exchange::StanzaSink {
    std::vector<xml::Element> sent;
    void send(const xml::Element& stanza) override { sent.push_back(stanza); }
};

class ExchangeTest : public ::testing::Test {
  protected:
    ExchangeTest() : book(open_test_book(":memory:")), agent(*book, sink, kBob) {}

    void start(std::optional<exchange::SharedCard> shared) {
        exchange::exchange_cards(agent, *book, kToken, shared,
                                 [this](auto r) { outcome.emplace(std::move(r)); });
        ASSERT_EQ(sink.sent.size(), 1u);
    }
    void reply(const std::string& body) {
        const std::string id(sink.sent.back().attr_or_empty("id"));
        auto stanza = xml::parse_document(
            "<iq from='cards.a.test' to='bob@b.test/phone' id='" + id + "' " + body + "</iq>", {},
            ns::kClient);
        ASSERT_TRUE(stanza) << stanza.error().message;
        ASSERT_TRUE(agent.handle(*stanza));
    }
    static std::string result(bool delivery) {
        return "type='result'><exchange xmlns='urn:xmpp:bizcard:0'><card from='alice@a.test' "
               "set='work' version='4'><vcard xmlns='urn:ietf:params:xml:ns:vcard-4.0'><uid><uri>"
               "urn:uuid:4fbe8971-0bc3-424c-9c26-36c3e1eff6b1</uri></uid><fn><text>Alice "
               "Example</text></fn><email><text>alice@example.org</text></email></vcard></card>" +
               std::string(delivery ? "<delivery id='3Oy2OIPrT6PEa8Q6rFhw9A' to='alice@a.test'/>"
                                    : "") +
               "</exchange>";
    }

    std::unique_ptr<client::book::AddressBook> book;
    Sink sink;
    exchange::CardAgent agent;
    std::optional<Result<exchange::ServiceReply<exchange::ExchangeOutcome>>> outcome;
};

TEST_F(ExchangeTest, TheOwnersCardIsKeptLikeADeliveredOneAndTheSharedCardIsRecorded) {
    start(exchange::SharedCard{card_of({"UID:urn:uuid:bob", "FN:Bob Beispiel"}), "set work"});
    reply(result(true));
    ASSERT_TRUE(outcome && *outcome) << (*outcome).error().message;
    const auto& reply = **outcome;
    ASSERT_TRUE(reply.ok());
    const auto& o = *reply.value;
    EXPECT_EQ(o.owner.from.bare_str(), "alice@a.test");
    ASSERT_TRUE(o.received.stored);
    EXPECT_EQ(o.received.record.set, "work");
    EXPECT_EQ(o.received.record.version, 4u);

    auto contacts = book->contacts();
    ASSERT_TRUE(contacts);
    ASSERT_EQ(contacts->size(), 1u);
    EXPECT_EQ(contacts->front().card.formatted_name(), "Alice Example");
    auto provenance = book->provenance(contacts->front().id);
    ASSERT_TRUE(provenance);
    ASSERT_EQ(provenance->size(), 1u);
    EXPECT_EQ(provenance->front().origin.describe(),
              "card from alice@a.test (cards.a.test, set work, version 4, by QR code, delivery " +
                  exchange::exchange_delivery_id(kToken, 4) + ")");

    auto unanswered = book->unanswered_acks("cards.a.test");
    ASSERT_TRUE(unanswered);
    EXPECT_TRUE(unanswered->empty()) << "no ack is ever sent for the owner's card";

    auto sent = book->sent("");
    ASSERT_TRUE(sent);
    ASSERT_EQ(sent->size(), 1u);
    EXPECT_EQ(sent->front().delivery_id, "3Oy2OIPrT6PEa8Q6rFhw9A");
    EXPECT_EQ(sent->front().service, "cards.a.test");
    EXPECT_EQ(sent->front().recipient, "alice@a.test");
    EXPECT_EQ(sent->front().contact_name, "Bob Beispiel");

    EXPECT_EQ(ui::exchange_outcome_text(o),
              "Alice Example (alice@a.test, set work, version 4) saved as new contact " +
                  std::to_string(contacts->front().id) +
                  "; your card is on its way to alice@a.test (delivery 3Oy2OIPrT6PEa8Q6rFhw9A)");
}

TEST_F(ExchangeTest, TheSameExchangeAgainIsACopyNotASecondContact) {
    start(std::nullopt);
    reply(result(false));
    ASSERT_TRUE(outcome && *outcome && (*outcome)->ok());
    EXPECT_EQ(ui::exchange_outcome_text(*(*outcome)->value).substr(0, 51),
              "Alice Example (alice@a.test, set work, version 4) s");
    EXPECT_NE(ui::exchange_outcome_text(*(*outcome)->value).find("you kept your card to yourself"),
              std::string::npos);
    outcome.reset();
    sink.sent.clear();
    start(std::nullopt);
    reply(result(false));
    ASSERT_TRUE(outcome && *outcome && (*outcome)->ok());
    EXPECT_TRUE((*outcome)->value->received.duplicate);
    EXPECT_EQ(book->contacts()->size(), 1u);
    EXPECT_TRUE(book->sent("")->empty()) << "nothing was shared";
}

TEST_F(ExchangeTest, AnInvalidTokenReadsAsOneSentence) {
    start(std::nullopt);
    reply(
        "type='error'><error type='cancel'><item-not-found "
        "xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/><invalid-token "
        "xmlns='urn:xmpp:bizcard:0'/><text xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'>The token "
        "is not valid.</text></error>");
    ASSERT_TRUE(outcome && *outcome);
    const auto& r = **outcome;
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(ui::token_refusal_text(*r.error, r.protocol_error, at("2026-11-21T08:00:00Z")),
              "this QR code is not valid any more: it expired, was used up or revoked, or never "
              "existed");
    EXPECT_TRUE(book->contacts()->empty());
}

TEST_F(ExchangeTest, AnOwnersCardWithoutANameIsRefusedNotStored) {
    start(std::nullopt);
    reply(
        "type='result'><exchange xmlns='urn:xmpp:bizcard:0'><card from='alice@a.test' set='work' "
        "version='1'><vcard xmlns='urn:ietf:params:xml:ns:vcard-4.0'><fn><text> "
        "</text></fn></vcard></card></exchange>");
    ASSERT_TRUE(outcome);
    EXPECT_FALSE(*outcome);
    EXPECT_TRUE(book->contacts()->empty());
}

// A card whose copy would be over the draft's max-copy-bytes is not given: the service would
// refuse it, and a server with a 64 KiB stanza limit would stall on its copy.
TEST_F(ExchangeTest, ACardTooLargeToGiveIsNotSent) {
    const vcard::Card large =
        card_of({"UID:urn:uuid:bob", "FN:Bob Beispiel", "NOTE:" + std::string(63900, 'x')});
    exchange::exchange_cards(agent, *book, kToken, exchange::SharedCard{large, "your own card"},
                             [this](auto r) { outcome.emplace(std::move(r)); });
    EXPECT_TRUE(sink.sent.empty());
    ASSERT_TRUE(outcome);
    ASSERT_FALSE(*outcome);
    EXPECT_NE((*outcome).error().message.find(
                  "cards.a.test sends no copy larger than 64000 bytes (max-copy-bytes)"),
              std::string::npos)
        << (*outcome).error().message;
    EXPECT_TRUE(book->sent("")->empty());
}

// ---- cards that came through a token ---------------------------------------------------------

protocol::CardDelivery delivery_via(const std::string& id, const std::string& from,
                                    std::optional<protocol::Via> via, const std::string& name) {
    return protocol::CardDelivery{
        id,  *xmpp::Jid::parse(from), at("2026-11-21T08:00:00Z"), std::nullopt, std::nullopt, false,
        via, card_of({"FN:" + name}), protocol::CardForm::xcard};
}

TEST(ReceivedThroughATokenTest, AScannersCardIsVerifiedWhenTheUsersHomeServiceDeliversIt) {
    auto book = open_test_book(":memory:");
    ASSERT_TRUE(book->set_home_service("alice@a.test", "cards.a.test"));
    auto home = book->receive(
        delivery_via("AAAAAAAAAAAAAAAAAAAAAA", "bob@b.test", protocol::Via::token, "Bob"),
        "cards.a.test");
    ASSERT_TRUE(home);
    EXPECT_TRUE(home->record.verified) << "the draft: via token at the recipient's home service";
    auto plain =
        book->receive(delivery_via("BBBBBBBBBBBBBBBBBBBBBB", "dave@b.test", std::nullopt, "Dave"),
                      "cards.a.test");
    ASSERT_TRUE(plain);
    EXPECT_FALSE(plain->record.verified) << "an ordinary card of another domain's user";
    auto elsewhere = book->receive(
        delivery_via("CCCCCCCCCCCCCCCCCCCCCC", "carol@c.test", protocol::Via::token, "Carol"),
        "cards.c2.test");
    ASSERT_TRUE(elsewhere);
    EXPECT_FALSE(elsewhere->record.verified) << "not the user's home service";
}

TEST(ReceivedThroughATokenTest, ACardFromATokensWebPageIsNotShownAsFromTheService) {
    auto book = open_test_book(":memory:");
    auto web = book->receive(
        delivery_via("DDDDDDDDDDDDDDDDDDDDDD", "cards.a.test", protocol::Via::web, "Walk In"),
        "cards.a.test");
    ASSERT_TRUE(web);
    EXPECT_TRUE(web->record.from_web_page());
    ASSERT_TRUE(web->stored);
    auto provenance = book->provenance(web->stored->contact);
    ASSERT_TRUE(provenance);
    EXPECT_NE(provenance->front().origin.describe().find("from the web page of a QR code"),
              std::string::npos)
        << provenance->front().origin.describe();
}

// ---- what people read ----------------------------------------------------------------------

TEST(TokenText, RateLimitedSaysWhenToTryAgain) {
    protocol::ProtocolError limited{protocol::ErrorCondition::rate_limited, "slow down",
                                    std::nullopt, at("2026-11-20T09:41:00Z"), std::nullopt};
    const auto error = protocol::to_stanza_error(limited);
    EXPECT_EQ(ui::token_refusal_text(error, limited, at("2026-11-20T09:29:00Z")),
              "too many attempts; try again in 12 minutes (at 2026-11-20 09:41 UTC)");
    limited.retry_after.reset();
    EXPECT_EQ(ui::token_refusal_text(protocol::to_stanza_error(limited), limited,
                                     at("2026-11-20T09:29:00Z")),
              "too many attempts; try again in a few minutes");
}

TEST(TokenText, AnUnknownSetIsNamed) {
    protocol::ProtocolError unknown{protocol::ErrorCondition::unknown_set, "no such set",
                                    std::nullopt, std::nullopt, std::nullopt};
    EXPECT_EQ(ui::token_refusal_text(protocol::to_stanza_error(unknown), unknown,
                                     at("2026-11-20T09:29:00Z"), "fair"),
              "you have no card set named 'fair' (`cardex set list` shows them)");
}

TEST(TokenText, ATokensValiditySaysUsesAndExpiry) {
    protocol::Token t;
    t.uses_left = 1;
    t.expires = at("2026-11-28T08:10:00Z");
    EXPECT_EQ(ui::token_validity_text(t, at("2026-11-21T08:10:00Z")),
              "1 use left, expires 2026-11-28 08:10 UTC (in 7 days)");
    t.uses_left = 10;
    EXPECT_EQ(ui::token_validity_text(t, at("2026-11-28T06:00:00Z")),
              "10 uses left, expires 2026-11-28 08:10 UTC (in 2 hours 10 minutes)");
}

TEST(Duration, NumbersWithAUnit) {
    EXPECT_EQ(*ui::parse_duration("45s"), seconds(45));
    EXPECT_EQ(*ui::parse_duration("30m"), minutes(30));
    EXPECT_EQ(*ui::parse_duration("12h"), hours(12));
    EXPECT_EQ(*ui::parse_duration("7d"), hours(7 * 24));
    for (const char* bad :
         {"", "7", "d", "0d", "-1h", "1.5h", "7 d", "7D", "7w", "h7", "99999999999999999999d"})
        EXPECT_FALSE(ui::parse_duration(bad)) << bad;
    EXPECT_EQ(ui::parse_duration("7w").error().message,
              "'7w' is not a duration: give a number and a unit, s, m, h or d (30m, 12h, 7d)");
}

TEST(DefaultSet, WorkElseTheOnlyOneElseAnError) {
    auto info = [](const char* name) { return protocol::SetInfo{name, 1, {}, std::nullopt}; };
    EXPECT_EQ(*exchange::default_token_set({info("private"), info("work")}), "work");
    EXPECT_EQ(*exchange::default_token_set({info("private")}), "private");
    auto none = exchange::default_token_set({});
    ASSERT_FALSE(none);
    EXPECT_NE(none.error().message.find("cardex set publish work"), std::string::npos);
    auto several = exchange::default_token_set({info("private"), info("fair")});
    ASSERT_FALSE(several);
    EXPECT_NE(several.error().message.find("--set NAME"), std::string::npos);
}

// ---- the dialogue --------------------------------------------------------------------------

struct FakeTerminal : ui::Prompt {
    bool tty = true;
    std::deque<std::string> answers;
    std::vector<std::string> said;
    std::vector<std::string> asked;
    bool interactive() const override { return tty; }
    void say(const std::string& line) override { said.push_back(line); }
    std::optional<std::string> ask(const std::string& question) override {
        asked.push_back(question);
        if (answers.empty()) return std::nullopt;
        std::string a = answers.front();
        answers.pop_front();
        return a;
    }
};

const std::vector<std::string> kSets = {"private", "work"};
const ui::ExchangeOffer kServiceOnly{"cards.a.test", std::nullopt, true};  // no preview

TEST(ExchangeDialogue, ShowsTheServiceAndOffersEachCardToGive) {
    FakeTerminal t;
    t.answers = {"2"};
    const auto d = ui::decide_exchange({}, kServiceOnly, kSets, "Bob Beispiel", t);
    EXPECT_EQ(d.choice, ui::ExchangeChoice::exchange);
    EXPECT_EQ(d.set, "work");
    ASSERT_FALSE(t.said.empty());
    EXPECT_NE(t.said.front().find("cards.a.test"), std::string::npos);
    const std::vector<std::string> menu(t.said.end() - 5, t.said.end());
    EXPECT_EQ(menu, (std::vector<std::string>{
                        "  1) exchange cards, giving your set 'private'",
                        "  2) exchange cards, giving your set 'work'",
                        "  3) exchange cards, giving your own card (Bob Beispiel)",
                        "  r) only receive the owner's card", "  c) cancel: send nothing"}));
}

TEST(ExchangeDialogue, NamesWhoseCardItIsFromThePreview) {
    const protocol::TokenPreview preview{xmpp::Jid::parse("alice@a.test").value(),
                                         "work",
                                         {"Alice Example", "Example Corp", "CTO"},
                                         true};
    const ui::ExchangeOffer offer{
        "cards.a.test", ui::preview_text(preview, xmpp::Jid::parse("cards.a.test").value()), true};
    EXPECT_EQ(*offer.owner,
              "Alice Example (Example Corp, CTO), alice@a.test, card set 'work' at cards.a.test");
    FakeTerminal t;
    t.answers = {"r"};
    EXPECT_EQ(ui::decide_exchange({}, offer, kSets, "Bob Beispiel", t).choice,
              ui::ExchangeChoice::receive_only);
    ASSERT_GE(t.said.size(), 2u);
    EXPECT_EQ(t.said[0], "This QR code gives the card of " + *offer.owner + ".");
    EXPECT_EQ(t.said[1], "Nothing is sent before you choose.");
    EXPECT_EQ(t.said.size(), 2u + 1u + 5u) << "the lines, the question and the whole menu";

    FakeTerminal again;
    again.answers = {"1", "c"};
    const ui::ExchangeOffer repeat{"cards.a.test", offer.owner, false};
    EXPECT_EQ(ui::decide_exchange({}, repeat, kSets, "Bob Beispiel", again).choice,
              ui::ExchangeChoice::cancel)
        << "no card to give is offered where none would reach the owner";
    const auto question =
        std::find(again.said.begin(), again.said.end(), "What do you want to do?");
    ASSERT_LE(question + 3, again.said.end());
    EXPECT_EQ(std::vector<std::string>(question + 1, question + 3),
              (std::vector<std::string>{"  r) only receive the owner's card",
                                        "  c) cancel: send nothing"}));
    EXPECT_EQ(again.said.back(), "Please answer with one of the choices above.")
        << "1 is not offered";

    const auto hostile = protocol::TokenPreview{xmpp::Jid::parse("eve@e.test").value(),
                                                "work",
                                                {"Eve[2J", std::nullopt, std::nullopt},
                                                true};
    EXPECT_EQ(ui::preview_text(hostile, xmpp::Jid::parse("cards.e.test").value()).find('\x1b'),
              std::string::npos);
}

TEST(ExchangeDialogue, OwnCardReceiveOnlyAndCancel) {
    FakeTerminal own;
    own.answers = {"3"};
    auto d = ui::decide_exchange({}, kServiceOnly, kSets, "Bob Beispiel", own);
    EXPECT_EQ(d.choice, ui::ExchangeChoice::exchange);
    EXPECT_FALSE(d.set);

    FakeTerminal receive;
    receive.answers = {"r"};
    EXPECT_EQ(ui::decide_exchange({}, kServiceOnly, kSets, std::nullopt, receive).choice,
              ui::ExchangeChoice::receive_only);

    FakeTerminal enter;
    enter.answers = {""};
    EXPECT_EQ(ui::decide_exchange({}, kServiceOnly, kSets, std::nullopt, enter).choice,
              ui::ExchangeChoice::cancel)
        << "the default is to send nothing";

    FakeTerminal eof;
    EXPECT_EQ(ui::decide_exchange({}, kServiceOnly, kSets, std::nullopt, eof).choice,
              ui::ExchangeChoice::cancel);

    FakeTerminal wrong;
    wrong.answers = {"9", "x", "3"};  // 3 is not offered without an own card
    EXPECT_EQ(ui::decide_exchange({}, kServiceOnly, kSets, std::nullopt, wrong).choice,
              ui::ExchangeChoice::cancel);
    EXPECT_EQ(wrong.asked.size(), 3u);
}

TEST(ExchangeDialogue, AChoiceOnTheCommandLineIsConfirmedUnlessYes) {
    ui::ExchangeFlags flags;
    flags.share_set = "work";
    FakeTerminal t;
    t.answers = {"y"};
    auto d = ui::decide_exchange(flags, kServiceOnly, {}, std::nullopt, t);
    EXPECT_EQ(d.choice, ui::ExchangeChoice::exchange);
    EXPECT_EQ(d.set, "work");
    EXPECT_EQ(t.asked, std::vector<std::string>{"exchange cards, giving your set 'work'? [y/N] "});

    FakeTerminal no;
    no.answers = {"n"};
    EXPECT_EQ(ui::decide_exchange(flags, kServiceOnly, {}, std::nullopt, no).choice,
              ui::ExchangeChoice::cancel);

    flags.yes = true;
    FakeTerminal silent;
    silent.tty = false;
    d = ui::decide_exchange(flags, kServiceOnly, {}, std::nullopt, silent);
    EXPECT_EQ(d.choice, ui::ExchangeChoice::exchange);
    EXPECT_TRUE(silent.asked.empty());
    EXPECT_TRUE(silent.said.empty());
}

TEST(ExchangeDialogue, WithoutATerminalNothingIsDecidedWithoutYes) {
    FakeTerminal script;
    script.tty = false;
    ui::ExchangeFlags flags;
    flags.receive_only = true;
    auto d = ui::decide_exchange(flags, kServiceOnly, kSets, std::nullopt, script);
    EXPECT_EQ(d.usage_error,
              "there is no terminal to ask whether to exchange cards: add --yes with --share SET, "
              "--share-own or --receive-only");
    EXPECT_TRUE(script.asked.empty());

    ui::ExchangeFlags yes_alone;
    yes_alone.yes = true;
    EXPECT_NE(ui::exchange_flags_error(yes_alone, false).find("--yes needs a choice"),
              std::string::npos)
        << "never share without an explicit choice";

    ui::ExchangeFlags both;
    both.receive_only = true;
    both.share_own = true;
    EXPECT_EQ(ui::exchange_flags_error(both, true),
              "choose one of --share SET, --share-own and --receive-only");

    ui::ExchangeFlags own;
    own.share_own = true;
    own.yes = true;
    FakeTerminal t;
    EXPECT_NE(ui::decide_exchange(own, kServiceOnly, {}, std::nullopt, t)
                  .usage_error.find("no card of your own"),
              std::string::npos);
}

}  // namespace
}  // namespace cardex::testing
