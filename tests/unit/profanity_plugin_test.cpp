// The Profanity plugin's logic with an in-memory host: cards delivered in stanzas as Profanity
// hands them over are stored, acknowledged and shown in the sender's window, copies are stored
// once, other stanzas are left to Profanity, and the /card subcommands answer in the window.
#include <gtest/gtest.h>

#include <fstream>
#include <map>
#include <set>

#include "client/profanity/card_plugin.hpp"
#include "core/protocol/backup.hpp"
#include "core/protocol/service_info.hpp"
#include "core/protocol/service_messages.hpp"
#include "core/xml/parser.hpp"
#include "core/xml/writer.hpp"
#include "core/xmpp/namespaces.hpp"
#include "tests/unit/book_test_support.hpp"
#include "tests/unit/temp_dir.hpp"

namespace cardex::testing {
namespace {

using profanity::CardPlugin;

struct FakeHost : profanity::Host {
    std::vector<std::string> shown;
    std::map<std::string, std::vector<std::string>> chats;               // windows that exist
    std::vector<std::pair<std::string, std::string>> incoming_messages;  // sender, lines joined
    std::optional<std::string> current;
    std::vector<xml::Element> sent;
    std::map<std::string, std::vector<std::string>> completions;

    void show(const std::vector<std::string>& lines) override {
        if (current && show_in_chat(*current, lines)) return;
        shown.insert(shown.end(), lines.begin(), lines.end());
    }
    bool show_in_chat(const std::string& jid, const std::vector<std::string>& lines) override {
        auto it = chats.find(jid);
        if (it == chats.end()) return false;
        it->second.insert(it->second.end(), lines.begin(), lines.end());
        return true;
    }
    void show_from(const std::string& jid, const std::vector<std::string>& lines) override {
        std::string text;
        for (const auto& l : lines)
            text += l + "\n";
        incoming_messages.emplace_back(jid, text);
    }
    std::optional<std::string> current_recipient() override { return current; }
    std::optional<std::string> roster_jid(const std::string& name) override {
        if (name == "Bob") return std::string("bob@b.test");
        return std::nullopt;
    }
    void send(const std::string& stanza) override {
        sent.push_back(*xml::parse_document(stanza, {}, ns::kClient));
    }
    void complete(const std::string& key, const std::vector<std::string>& items) override {
        completions[key] = items;
    }

    std::string all_shown() const {
        std::string text;
        for (const auto& l : shown)
            text += l + "\n";
        return text;
    }
};

std::string read_text(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

// A card message as Profanity hands it to the plugin: serialised without the stream's
// namespace.
std::string delivery_text(const std::string& id, const std::string& name) {
    protocol::DeliveryMessage m;
    m.envelope.from = *xmpp::Jid::parse("cards.a.test");
    m.envelope.to = *xmpp::Jid::parse("bob@b.test");
    m.envelope.id = "o-" + id;
    m.envelope.body = name + " sent you a card";
    m.delivery = delivery_of(id, "alice@a.test",
                             card_of({"FN:" + name, "TEL:+49 30 1234567", "EMAIL:a@example.org"}));
    return xml::to_string(protocol::build_message(m, ns::kClient), ns::kClient);
}

struct Fixture {
    Fixture() : profile(*client::profile::Profile::open(dir.file("profile"))) {
        auto owned = open_test_book(dir.file("book.db").string());
        book = owned.get();
        plugin = std::make_unique<CardPlugin>(host, std::move(owned), profile,
                                              client::profile::Settings{}, [this] { return now; });
        plugin->connected("bob@b.test/profanity");
    }
    // The acks among the stanzas sent.
    std::size_t acks() const {
        std::size_t n = 0;
        for (const auto& s : host.sent)
            n += s.child("ack", ns::kBizcard) != nullptr ? 1 : 0;
        return n;
    }
    // Answers the last stanza sent (an IQ) with `payload` from its addressee.
    void answer(const std::string& payload) {
        const xml::Element& iq = host.sent.back();
        f_answer(iq.attr_or_empty("id"), iq.attr_or_empty("to"), payload);
    }
    // Answers the last stanza sent (an IQ) with an error from its addressee.
    void answer_error(const std::string& error) {
        const xml::Element& iq = host.sent.back();
        plugin->stanza("<iq type='error' id='" + std::string(iq.attr_or_empty("id")) + "' from='" +
                       std::string(iq.attr_or_empty("to")) + "' to='bob@b.test/profanity'>" +
                       error + "</iq>");
    }
    void f_answer(std::string_view id, std::string_view from, const std::string& payload) {
        plugin->stanza("<iq type='result' id='" + std::string(id) + "' from='" + std::string(from) +
                       "' to='bob@b.test/profanity'>" + payload + "</iq>");
    }
    // Moves the plugin's clock on by `by`, then gives it its tick.
    void advance(std::chrono::milliseconds by) {
        now += by;
        plugin->tick();
    }
    // The submits among the stanzas sent.
    std::vector<const xml::Element*> submits() const {
        std::vector<const xml::Element*> out;
        for (const auto& s : host.sent) {
            if (s.child("submit", ns::kBizcard) != nullptr) out.push_back(&s);
        }
        return out;
    }
    TempDir dir;
    client::exchange::SteadyTime now{};
    client::profile::Profile profile;
    FakeHost host;
    client::book::AddressBook* book = nullptr;
    std::unique_ptr<CardPlugin> plugin;
};

TEST(ProfanityPlugin, ACardIsStoredAckedAndShownInTheSendersWindow) {
    Fixture f;
    EXPECT_TRUE(f.plugin->stanza(delivery_text("AAAAAAAAAAAAAAAAAAAAAA", "Dana Example")));
    EXPECT_EQ(f.acks(), 0u);  // acks wait for the next tick, to go together
    f.plugin->tick();
    EXPECT_EQ(f.acks(), 1u);
    ASSERT_EQ(f.host.incoming_messages.size(), 1u);
    EXPECT_EQ(f.host.incoming_messages[0].first, "alice@a.test");
    const std::string& text = f.host.incoming_messages[0].second;
    EXPECT_NE(text.find("sent you a business card:"), std::string::npos) << text;
    EXPECT_NE(text.find("│ Dana Example"), std::string::npos) << text;
    EXPECT_NE(text.find("Saved as new contact 1 (Dana Example)."), std::string::npos) << text;
    // The contact can be completed now.
    EXPECT_EQ(f.host.completions["/card show"], std::vector<std::string>{"Dana Example"});
}

// A set's card is followed (the profile's default); its next version shows in the sender's
// window as what changed.
TEST(ProfanityPlugin, AnUpdateShowsWhatChangedInTheSendersWindow) {
    Fixture f;
    auto version = [](const std::string& id, std::uint64_t v, const std::string& title) {
        protocol::DeliveryMessage m;
        m.envelope = {*xmpp::Jid::parse("cards.a.test"), *xmpp::Jid::parse("bob@b.test"), "o-" + id,
                      "en", "card"};
        m.delivery = delivery_of(id, "alice@a.test",
                                 card_of({"FN:Alice", "UID:urn:uuid:alice", "TITLE:" + title}));
        m.delivery.set = "work";
        m.delivery.version = v;
        m.delivery.update = v > 1;
        return xml::to_string(protocol::build_message(m, ns::kClient), ns::kClient);
    };
    ASSERT_TRUE(f.plugin->stanza(version("VVVVVVVVVVVVVVVVVVVVV1", 1, "Sales")));
    f.plugin->tick();
    const xml::Element* first_ack = f.host.sent.back().child("ack", ns::kBizcard);
    ASSERT_NE(first_ack, nullptr);
    EXPECT_EQ(first_ack->attr_or_empty("follow"), "true");
    ASSERT_TRUE(f.plugin->stanza(version("VVVVVVVVVVVVVVVVVVVVV2", 2, "Head of Sales")));
    ASSERT_EQ(f.host.incoming_messages.size(), 2u);
    EXPECT_EQ(f.host.incoming_messages[1].first, "alice@a.test");
    EXPECT_EQ(f.host.incoming_messages[1].second,
              "updated their business card (set work, version 2): TITLE Head of Sales (no longer "
              "TITLE Sales)\n");
}

TEST(ProfanityPlugin, CardsThatArriveTogetherAreAckedInOneRequest) {
    Fixture f;
    f.plugin->stanza(delivery_text("TOGETHERAAAAAAAAAAAAAA", "Dana Example"));
    f.plugin->stanza(delivery_text("TOGETHERBBBBBBBBBBBBBB", "Erin Example"));
    f.plugin->tick();
    const xml::Element* batch = f.host.sent.back().child("acks", ns::kBizcard);
    ASSERT_NE(batch, nullptr);
    auto parsed = protocol::parse_ack_batch(*batch);
    ASSERT_TRUE(parsed.ok()) << parsed.error().message;
    ASSERT_EQ(parsed->acks.size(), 2u);
    EXPECT_EQ(parsed->acks[1].id, "TOGETHERBBBBBBBBBBBBBB");
}

TEST(ProfanityPlugin, ACarbonOfACardIsStoredOnce) {
    Fixture f;
    const std::string card = delivery_text("BBBBBBBBBBBBBBBBBBBBBB", "Dana Example");
    f.plugin->stanza(card);
    const std::string carbon =
        "<message from='bob@b.test' to='bob@b.test/profanity'><received "
        "xmlns='urn:xmpp:carbons:2'><forwarded xmlns='urn:xmpp:forward:0'>" +
        card + "</forwarded></received></message>";
    EXPECT_TRUE(f.plugin->stanza(carbon));
    EXPECT_EQ(f.host.incoming_messages.size(), 1u);
    f.plugin->command({"list"});
    EXPECT_NE(f.host.all_shown().find("Dana Example"), std::string::npos) << f.host.all_shown();
}

TEST(ProfanityPlugin, OtherStanzasAreLeftToProfanity) {
    Fixture f;
    f.host.sent.clear();  // the login's search for the home service
    EXPECT_FALSE(f.plugin->stanza(
        "<message type='chat' from='alice@a.test/x' to='bob@b.test'><body>hi</body></message>"));
    EXPECT_FALSE(
        f.plugin->stanza("<iq type='get' from='alice@a.test/x' id='1'><query "
                         "xmlns='http://jabber.org/protocol/disco#info'/></iq>"));
    EXPECT_FALSE(f.plugin->stanza("not xml at all <"));
    EXPECT_TRUE(f.host.sent.empty());
}

TEST(ProfanityPlugin, SendingNeedsARecipientAndFindsTheHomeServiceByDisco) {
    Fixture f;
    must(f.book->add(card_of({"FN:Dana Example", "TEL:+49 30 1234567"}),
                     client::book::Origin::user("add")));
    // The login started looking for the home service: disco#items of the user's server.
    ASSERT_EQ(f.host.sent.size(), 1u);
    EXPECT_EQ(f.host.sent.back().attr_or_empty("to"), "b.test");
    f.plugin->command({"send", "Dana"});
    EXPECT_NE(f.host.all_shown().find("to whom?"), std::string::npos) << f.host.all_shown();

    // In the chat window with alice, the recipient is alice; the card waits for the service.
    f.host.current = "alice@a.test";
    f.host.chats["alice@a.test"];
    f.plugin->command({"send", "Dana"});
    EXPECT_EQ(f.host.sent.size(), 1u);
    f.answer(
        "<query xmlns='http://jabber.org/protocol/disco#items'><item jid='cards.b.test'/></query>");
    EXPECT_EQ(f.host.sent.back().attr_or_empty("to"), "cards.b.test");
    f.answer(
        "<query xmlns='http://jabber.org/protocol/disco#info'><identity category='component' "
        "type='generic'/><feature var='urn:xmpp:bizcard:0'/></query>");
    // The login's ping to the server (its sync follows the answer), then the card.
    ASSERT_EQ(f.host.sent.size(), 4u);
    EXPECT_NE(f.host.sent[2].child("ping", ns::kPing), nullptr);
    const xml::Element& submit = f.host.sent.back();
    ASSERT_NE(submit.child("submit", ns::kBizcard), nullptr);
    EXPECT_EQ(submit.child("submit", ns::kBizcard)->child("recipient")->attr_or_empty("jid"),
              "alice@a.test");
    f.answer(
        "<submitted xmlns='urn:xmpp:bizcard:0'><delivery id='QQQQQQQQQQQQQQQQQQQQQQ' "
        "to='alice@a.test'/></submitted>");
    const auto& window = f.host.chats["alice@a.test"];
    ASSERT_FALSE(window.empty());
    EXPECT_EQ(window.back(),
              "cardex: sent Dana Example to alice@a.test (delivery QQQQQQQQQQQQQQQQQQQQQQ)");
    EXPECT_EQ(must(f.book->sent()).size(), 1u);
}

// The answer to a submit is lost (the connection dropped, the card service restarted): the
// plugin sends the same submit again, with the same submit id, so that the service answers it
// with the deliveries of the first instead of delivering the card twice.
TEST(ProfanityPlugin, ASubmitWithoutAnAnswerGoesAgainWithItsSubmitId) {
    Fixture f;
    must(f.book->add(card_of({"FN:Dana Example"}), client::book::Origin::user("add")));
    f.plugin->command({"send", "Dana", "alice@a.test"});
    f.answer(
        "<query xmlns='http://jabber.org/protocol/disco#items'><item jid='cards.b.test'/></query>");
    f.answer(
        "<query xmlns='http://jabber.org/protocol/disco#info'><identity category='component' "
        "type='generic'/><feature var='urn:xmpp:bizcard:0'/></query>");
    ASSERT_EQ(f.submits().size(), 1u);
    const std::string submit_id(f.submits()[0]->child("submit", ns::kBizcard)->attr_or_empty("id"));
    EXPECT_EQ(submit_id.size(), 22u) << "128 random bits: '" << submit_id << "'";

    f.advance(std::chrono::seconds(11));  // no answer within the answer timeout
    EXPECT_EQ(f.submits().size(), 1u) << "the repeat waits a pause";
    f.advance(std::chrono::seconds(2));
    ASSERT_EQ(f.submits().size(), 2u);
    const xml::Element& repeat = *f.submits()[1];
    EXPECT_EQ(repeat.child("submit", ns::kBizcard)->attr_or_empty("id"), submit_id);
    EXPECT_NE(repeat.attr_or_empty("id"), f.submits()[0]->attr_or_empty("id"))
        << "a new request that carries the same submit";

    f.f_answer(repeat.attr_or_empty("id"), "cards.b.test",
               "<submitted xmlns='urn:xmpp:bizcard:0'><delivery id='QQQQQQQQQQQQQQQQQQQQQQ' "
               "to='alice@a.test'/></submitted>");
    EXPECT_NE(f.host.all_shown().find("sent Dana Example to alice@a.test"), std::string::npos)
        << f.host.all_shown();
    EXPECT_EQ(must(f.book->sent()).size(), 1u);
}

TEST(ProfanityPlugin, ARosterNameNamesTheRecipient) {
    Fixture f;
    must(f.book->add(card_of({"FN:Dana Example"}), client::book::Origin::user("add")));
    f.plugin->command({"send", "\"Dana Example\"", "Bob"});
    EXPECT_EQ(f.host.all_shown(), "");  // bob is the recipient; the card waits for the service
    f.plugin->command({"send", "Dana", "Nobody"});
    EXPECT_NE(f.host.all_shown().find("'Nobody' is neither an address nor a name in your roster"),
              std::string::npos)
        << f.host.all_shown();
}

TEST(ProfanityPlugin, SubcommandsAnswerInTheWindow) {
    Fixture f;
    must(f.book->add(card_of({"FN:Alice One"}), client::book::Origin::user("add")));
    must(f.book->add(card_of({"FN:Alice Two"}), client::book::Origin::user("add")));
    f.plugin->command({"show", "Alice"});
    EXPECT_NE(f.host.all_shown().find("'Alice' matches 2 contacts"), std::string::npos);
    f.plugin->command({"show", "\"Alice Two\""});
    EXPECT_NE(f.host.all_shown().find("│ Alice Two"), std::string::npos) << f.host.all_shown();
    f.plugin->command({});
    EXPECT_NE(f.host.all_shown().find("no card of your own yet"), std::string::npos);
    f.plugin->command({"me", "Alice One"});
    f.plugin->command({});
    EXPECT_NE(f.host.all_shown().find("│ your own card"), std::string::npos) << f.host.all_shown();
    EXPECT_EQ(must(f.profile.load()).book.me, must(f.book->resolve("Alice One")).contact->uid);
    f.plugin->command({"frobnicate"});
    EXPECT_NE(f.host.all_shown().find("unknown subcommand 'frobnicate'"), std::string::npos);
    f.plugin->command({"inbox"});
    EXPECT_NE(f.host.all_shown().find("the inbox is empty"), std::string::npos);
}

TEST(ProfanityPlugin, ImportAndExportGoThroughFiles) {
    Fixture f;
    f.plugin->command({"import", std::string(CARDEX_CORPUS_DIR) + "/ez-vcard/gmail-list.vcf"});
    EXPECT_NE(f.host.all_shown().find("cardex: imported 1 file: 3 new, 0 merged, 0 failed."),
              std::string::npos)
        << f.host.all_shown();
    const std::string out = f.dir.file("out.vcf").string();
    f.plugin->command({"export", out});
    EXPECT_EQ(vcard::read_any(read_text(out)).cards.size(), 3u);
    f.plugin->command({"import", f.dir.file("missing.vcf").string()});
    EXPECT_NE(f.host.all_shown().find("cardex: cannot import " +
                                      f.dir.file("missing.vcf").string() + ": it does not exist"),
              std::string::npos)
        << f.host.all_shown();
}

// /card scan-card shows what it read from a photo of a paper card and saves it only when told;
// cancel drops it.
TEST(ProfanityPlugin, ScanCardShowsTheCardAndSavesItWhenTold) {
    Fixture f;
    const std::string photo = CARDEX_SOURCE_DIR "/tests/data/photos/sample-card.jpg";
    f.plugin->command({"scan-card", "save"});
    EXPECT_NE(f.host.all_shown().find("no card read from a photo waits to be saved"),
              std::string::npos);
    f.plugin->command({"scan-card", photo});
    std::string shown = f.host.all_shown();
    EXPECT_NE(shown.find("Name          Anna Schmidt"), std::string::npos) << shown;
    EXPECT_NE(shown.find("/card scan-card save saves it"), std::string::npos) << shown;
    f.plugin->command({"scan-card", "save"});
    shown = f.host.all_shown();
    EXPECT_NE(shown.find("Saved as new contact 1 (Anna Schmidt) (cardex undo 1 reverts it)."),
              std::string::npos)
        << shown;
    f.plugin->command({"scan-card", photo});
    f.plugin->command({"scan-card", "cancel"});
    EXPECT_NE(f.host.all_shown().find("dropped the card read from"), std::string::npos);
    f.plugin->command({"scan-card", f.dir.file("missing.jpg").string()});
    EXPECT_NE(f.host.all_shown().find("no such file"), std::string::npos);
}

// An iPhone's labels (item2.X-ABLabel:_$!<AssistantPhone>!$_ beside item2.TEL) are shown as
// the type of the number, as cardex show shows them: the card view is the same.
TEST(ProfanityPlugin, ACardShowsTheLabelsAPhoneGaveItsNumbers) {
    Fixture f;
    f.plugin->command({"import", std::string(CARDEX_CORPUS_DIR) + "/ez-vcard/John_Doe_IPHONE.vcf"});
    f.plugin->command({"show", "Doe"});
    const std::string shown = f.host.all_shown();
    EXPECT_NE(shown.find("│ phone (assistant phone)  905-222-1234"), std::string::npos) << shown;
    EXPECT_NE(shown.find("│ web (home page)"), std::string::npos) << shown;
}

// Answers the login's search for the home service: cards.b.test; the login's sync follows,
// once the server has answered its ping.
// The login finds cards.b.test, which answers disco#info with `info` (by default without a
// limits form).
void find_home(
    Fixture& f,
    const std::string& info =
        "<query xmlns='http://jabber.org/protocol/disco#info'><identity "
        "category='component' type='generic'/><feature var='urn:xmpp:bizcard:0'/></query>") {
    f.answer(
        "<query xmlns='http://jabber.org/protocol/disco#items'><item jid='cards.b.test'/></query>");
    f.answer(info);
    ASSERT_NE(f.host.sent.back().child("ping", ns::kPing), nullptr);
    f.answer("");
    ASSERT_NE(f.host.sent.back().child("sync", ns::kBizcard), nullptr);
}

// The home service advertises the draft's limits. A card within max-card-bytes whose copy would
// be over max-copy-bytes is neither sent, nor published as a set's card, nor given in an
// exchange: the window says why, with the size and the limit, and nothing goes out.
TEST(ProfanityPlugin, ACardOverTheServicesLimitsIsNotSentAndTheWindowSaysWhy) {
    Fixture f;
    find_home(f, xml::to_string(protocol::serialize(protocol::ServiceInfo{})));
    must(f.book->add(card_of({"FN:Dana Example", "NOTE:" + std::string(63900, 'x')}),
                     client::book::Origin::user("add")));
    const std::size_t before = f.host.sent.size();
    f.plugin->command({"send", "Dana", "alice@a.test"});
    EXPECT_NE(f.host.all_shown().find("cardex: the card would go out in a copy of about 64"),
              std::string::npos)
        << f.host.all_shown();
    EXPECT_NE(f.host.all_shown().find(
                  "cards.b.test sends no copy larger than 64000 bytes (max-copy-bytes)"),
              std::string::npos)
        << f.host.all_shown();
    EXPECT_EQ(f.host.sent.size(), before);
    EXPECT_TRUE(must(f.book->sent()).empty());

    f.host.shown.clear();
    f.plugin->command({"set", "publish", "work", "Dana"});
    EXPECT_NE(f.host.all_shown().find("a set's card at cards.b.test has at most 62464"),
              std::string::npos)
        << f.host.all_shown();
    EXPECT_EQ(f.host.sent.size(), before);

    f.host.shown.clear();
    f.plugin->command({"me", "Dana"});
    f.plugin->command(
        {"exchange", "xmpp:cards.a.test?bizcard;token=K2nCb02UV6mUZuAByZeB9A", "--share-own"});
    EXPECT_NE(f.host.all_shown().find(
                  "cards.a.test sends no copy larger than 64000 bytes (max-copy-bytes)"),
              std::string::npos)
        << f.host.all_shown();
    EXPECT_EQ(f.host.sent.size(), before);
}

TEST(ProfanityPlugin, QrShowsACodeForTheDefaultSet) {
    Fixture f;
    find_home(f);
    f.plugin->command({"qr"});
    ASSERT_NE(f.host.sent.back().child("sets", ns::kBizcard), nullptr);
    EXPECT_EQ(f.host.sent.back().attr_or_empty("to"), "cards.b.test");
    f.answer(
        "<sets xmlns='urn:xmpp:bizcard:0'><set name='private' version='1' "
        "updated='2026-06-02T19:41:07Z'/><set name='work' version='4' "
        "updated='2026-11-21T08:00:00Z'/></sets>");
    const xml::Element* create = f.host.sent.back().child("create-token", ns::kBizcard);
    ASSERT_NE(create, nullptr);
    EXPECT_EQ(create->attr_or_empty("set"), "work");
    f.answer(
        "<token xmlns='urn:xmpp:bizcard:0' value='K2nCb02UV6mUZuAByZeB9A' set='work' "
        "created='2026-11-21T08:10:00Z' expires='2099-11-28T08:10:00Z' uses-left='10' "
        "uri='xmpp:cards.b.test?bizcard;token=K2nCb02UV6mUZuAByZeB9A'/>");
    const std::string shown = f.host.all_shown();
    EXPECT_NE(shown.find("cardex: scan this to get your set work:"), std::string::npos) << shown;
    EXPECT_NE(shown.find("\u2588\u2588\u2588\u2588"), std::string::npos) << "the quiet zone";
    EXPECT_NE(shown.find("xmpp:cards.b.test?bizcard;token=K2nCb02UV6mUZuAByZeB9A\n"),
              std::string::npos);
    EXPECT_NE(shown.find("10 uses left, expires 2099-11-28 08:10 UTC"), std::string::npos);
}

TEST(ProfanityPlugin, SetCommandsCheckTheirArguments) {
    Fixture f;
    f.plugin->command({"set", "publish", "Work"});
    EXPECT_NE(f.host.all_shown().find("'Work' is not a set name"), std::string::npos);
    f.plugin->command({"set", "publish", "work"});
    EXPECT_NE(f.host.all_shown().find("no card of your own yet"), std::string::npos);
    f.plugin->command({"set"});
    EXPECT_NE(f.host.all_shown().find("/card set publish <name> [<contact>]"), std::string::npos);
}

TEST(ProfanityPlugin, ExchangeNamesTheServiceAndKeepsTheOwnersCard) {
    Fixture f;
    find_home(f);
    f.plugin->command({"exchange", "https://example.org/"});
    EXPECT_NE(f.host.all_shown().find("is not a card exchange code"), std::string::npos)
        << f.host.all_shown();
    const std::string uri = "xmpp:cards.a.test?bizcard;token=K2nCb02UV6mUZuAByZeB9A";
    f.plugin->command({"exchange", uri, "--share-own"});
    EXPECT_NE(f.host.all_shown().find("no card of your own to give"), std::string::npos)
        << "nothing is shared without a card to share";
    const std::size_t before = f.host.sent.size();
    f.plugin->command({"exchange", uri, "--receive-only"});
    EXPECT_NE(f.host.all_shown().find("cardex: exchanging cards through cards.a.test, only "
                                      "receiving the owner's card..."),
              std::string::npos)
        << f.host.all_shown();
    ASSERT_EQ(f.host.sent.size(), before + 1);
    const xml::Element& iq = f.host.sent.back();
    EXPECT_EQ(iq.attr_or_empty("to"), "cards.a.test");
    const xml::Element* exchange = iq.child("exchange", ns::kBizcard);
    ASSERT_NE(exchange, nullptr);
    EXPECT_EQ(exchange->attr_or_empty("share"), "false");
    EXPECT_EQ(exchange->attr_or_empty("token"), "K2nCb02UV6mUZuAByZeB9A");
    f.answer(
        "<exchange xmlns='urn:xmpp:bizcard:0'><card from='alice@a.test' set='work' "
        "version='4'><vcard xmlns='urn:ietf:params:xml:ns:vcard-4.0'><fn><text>Alice "
        "Example</text></fn></vcard></card></exchange>");
    ASSERT_EQ(f.host.incoming_messages.size(), 1u);
    EXPECT_EQ(f.host.incoming_messages[0].first, "alice@a.test") << "the owner's chat window";
    EXPECT_NE(f.host.incoming_messages[0].second.find("│ Alice Example"), std::string::npos);
    EXPECT_NE(f.host.all_shown().find("cardex: Alice Example (alice@a.test, set work, version 4) "
                                      "saved as new contact 1; you kept your card to yourself."),
              std::string::npos)
        << f.host.all_shown();
    EXPECT_EQ(must(f.book->contacts()).size(), 1u);
}

TEST(ProfanityPlugin, TheCodeAloneShowsWhoseCardItIsAndSendsNothingElse) {
    Fixture f;
    find_home(f);
    must(f.book->add(card_of({"FN:Bob Beispiel"}), client::book::Origin::user("add")));
    f.plugin->command({"me", "Bob Beispiel"});
    const std::string uri = "xmpp:cards.a.test?bizcard;token=K2nCb02UV6mUZuAByZeB9A";
    const std::size_t before = f.host.sent.size();
    f.plugin->command({"exchange", uri});
    ASSERT_EQ(f.host.sent.size(), before + 1) << "one question, and no exchange";
    const xml::Element& iq = f.host.sent.back();
    EXPECT_EQ(iq.attr_or_empty("type"), "get");
    EXPECT_EQ(iq.attr_or_empty("to"), "cards.a.test");
    const xml::Element* preview = iq.child("preview", ns::kBizcard);
    ASSERT_NE(preview, nullptr);
    EXPECT_EQ(preview->attr_or_empty("token"), "K2nCb02UV6mUZuAByZeB9A");
    f.answer(
        "<preview xmlns='urn:xmpp:bizcard:0' from='alice@a.test' set='work' fn='Alice Example' "
        "org='Example Corp' title='CTO' accepts-card='true'/>");
    const std::string shown = f.host.all_shown();
    EXPECT_NE(shown.find("cardex: this QR code gives the card of Alice Example (Example Corp, "
                         "CTO), alice@a.test, card set 'work' at cards.a.test."),
              std::string::npos)
        << shown;
    EXPECT_NE(shown.find("/card exchange " + uri + " --share-own  give your own card"),
              std::string::npos)
        << shown;
    EXPECT_NE(shown.find("/card exchange " + uri + " --receive-only"), std::string::npos);
    EXPECT_EQ(f.host.sent.size(), before + 1) << "nothing sent after the preview";

    f.plugin->command({"exchange", uri});
    f.answer_error(
        "<error type='cancel'><item-not-found "
        "xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/><invalid-token "
        "xmlns='urn:xmpp:bizcard:0'/></error>");
    EXPECT_EQ(f.host.sent.size(), before + 2) << "an unusable code: nothing but the question";
    EXPECT_NE(f.host.all_shown().find("this QR code is not valid any more"), std::string::npos);

    f.plugin->command({"exchange", uri});
    f.answer_error(
        "<error type='cancel'><service-unavailable "
        "xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/></error>");
    EXPECT_NE(f.host.all_shown().find("asks for a card exchange with the card service "
                                      "cards.a.test; it does not say whose card it is"),
              std::string::npos)
        << "an older service: the service alone, and the same choices";
    EXPECT_EQ(f.host.sent.size(), before + 3);
}

// Backups: the passphrase from the profile's file, the chunks answered as the service would.
void passphrase(Fixture& f, const std::string& text) {
    std::ofstream(f.profile.dir() / "backup-passphrase") << text << "\n";
}

// The IQs sent with a `name` payload that are not answered yet, answered by `answer`.
void answer_all(Fixture& f, const std::string& name, std::set<std::string>& answered,
                const std::function<std::string(const xml::Element&)>& answer) {
    for (std::size_t i = 0; i < f.host.sent.size(); ++i) {
        const xml::Element iq = f.host.sent[i];
        const xml::Element* payload = iq.child(name, ns::kBizcard);
        if (payload == nullptr || !answered.insert(std::string(iq.attr_or_empty("id"))).second)
            continue;
        f.f_answer(iq.attr_or_empty("id"), iq.attr_or_empty("to"), answer(*payload));
    }
}

// /card backup against a service that keeps what it gets; the ciphertext and its listing.
std::pair<std::string, protocol::BackupInfo> backed_up(Fixture& f) {
    f.plugin->command({"backup"});
    const xml::Element* begin = f.host.sent.back().child("backup-begin", ns::kBizcard);
    if (begin == nullptr) {
        ADD_FAILURE() << f.host.all_shown();
        return {};
    }
    const protocol::BackupInfo info{"kS7XizFW3wsbGtGQPo224Q", protocol::Timestamp{},
                                    std::stoull(std::string(begin->attr_or_empty("bytes"))),
                                    std::stoull(std::string(begin->attr_or_empty("chunks")))};
    f.answer("<backup-upload xmlns='urn:xmpp:bizcard:0' id='" + info.id +
             "' expires='2099-01-01T00:00:00Z' bytes='" + std::to_string(info.bytes) +
             "' chunks='" + std::to_string(info.chunks) + "'/>");
    std::map<std::uint64_t, std::string> chunks;
    std::set<std::string> answered;
    while (chunks.size() < info.chunks) {
        const auto before = chunks.size();
        answer_all(f, "backup-chunk", answered, [&](const xml::Element& e) {
            auto chunk = protocol::parse_backup_chunk(e);
            EXPECT_TRUE(chunk.ok());
            if (chunk) chunks[chunk->index] = chunk->data;
            return std::string();
        });
        if (chunks.size() == before) break;
    }
    EXPECT_NE(f.host.sent.back().child("backup-commit", ns::kBizcard), nullptr);
    f.answer(xml::to_string(protocol::serialize(protocol::BackupStored{info})));
    std::string ciphertext;
    for (const auto& [index, data] : chunks)
        ciphertext += data;
    return {ciphertext, info};
}

// /card restore answered with `ciphertext` as backup `info`.
void restore(Fixture& f, const std::string& ciphertext, const protocol::BackupInfo& info) {
    f.plugin->command({"restore"});
    ASSERT_NE(f.host.sent.back().child("backups", ns::kBizcard), nullptr) << f.host.all_shown();
    f.answer(xml::to_string(protocol::serialize(protocol::BackupsResult{{info}})));
    const std::uint64_t size = (ciphertext.size() + info.chunks - 1) / info.chunks;
    std::set<std::string> answered;
    for (int round = 0; round < 100; ++round) {
        answer_all(f, "restore", answered, [&](const xml::Element& e) {
            auto asked = protocol::parse_restore(e);
            EXPECT_TRUE(asked.ok());
            const protocol::RestoreChunk chunk{info.id, asked->index,
                                               ciphertext.substr(asked->index * size, size)};
            return xml::to_string(protocol::serialize(chunk));
        });
    }
}

TEST(ProfanityPlugin, BackupAndRestoreGoThroughTheHomeServiceEncrypted) {
    Fixture f;
    find_home(f);
    must(f.book->add(card_of({"FN:Dana Backup", "TEL:+49 30 1234567"}),
                     client::book::Origin::user("add")));
    passphrase(f, "correct horse");
    const auto [ciphertext, info] = backed_up(f);
    EXPECT_NE(f.host.all_shown().find("as backup kS7XizFW3wsbGtGQPo224Q"), std::string::npos)
        << f.host.all_shown();
    EXPECT_EQ(ciphertext.find("Dana Backup"), std::string::npos) << "only ciphertext leaves";
    EXPECT_EQ(ciphertext.substr(0, 8), "CARDXBAK");

    Fixture fresh;
    find_home(fresh);
    passphrase(fresh, "correct horse");
    restore(fresh, ciphertext, info);
    EXPECT_NE(fresh.host.all_shown().find("restored 1 contacts from backup"), std::string::npos)
        << fresh.host.all_shown();
    const auto contacts = must(fresh.book->contacts());
    ASSERT_EQ(contacts.size(), 1u);
    EXPECT_EQ(contacts[0].card.formatted_name(), "Dana Backup");

    Fixture wrong;
    find_home(wrong);
    passphrase(wrong, "not it");
    restore(wrong, ciphertext, info);
    EXPECT_NE(wrong.host.all_shown().find("wrong passphrase, or not a Cardex backup; nothing was "
                                          "restored"),
              std::string::npos)
        << wrong.host.all_shown();
    EXPECT_TRUE(must(wrong.book->contacts()).empty());
}

TEST(ProfanityPlugin, BackupWithoutAPassphraseSaysWhereToPutIt) {
    Fixture f;
    find_home(f);
    if (std::getenv("CARDEX_BACKUP_PASSPHRASE") != nullptr)
        GTEST_SKIP() << "$CARDEX_BACKUP_PASSPHRASE is set in this environment";
    f.plugin->command({"backup"});
    EXPECT_NE(f.host.all_shown().find("no backup passphrase: put it in"), std::string::npos)
        << f.host.all_shown();
}

}  // namespace
}  // namespace cardex::testing
