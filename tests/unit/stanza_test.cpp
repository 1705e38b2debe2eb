#include "core/xmpp/stanza.hpp"

#include <gtest/gtest.h>

#include "core/xml/parser.hpp"
#include "core/xml/writer.hpp"
#include "core/xmpp/disco.hpp"
#include "core/xmpp/namespaces.hpp"

namespace cardex::xmpp {
namespace {

xml::Element parse(std::string_view text) {
    auto e = xml::parse_document(text, {}, ns::kClient);
    EXPECT_TRUE(e.ok()) << e.error().message;
    return e.ok() ? *e : xml::Element();
}

TEST(Iq, ParsesARequest) {
    auto iq =
        parse_iq(parse("<iq type='get' id='x1' from='alice@a.test/r' to='cards.b.test'>"
                       "<query xmlns='http://jabber.org/protocol/disco#info'/></iq>"));
    ASSERT_TRUE(iq.ok()) << iq.error().message;
    EXPECT_EQ(iq->type, IqType::get);
    EXPECT_EQ(iq->id, "x1");
    EXPECT_EQ(iq->from->str(), "alice@a.test/r");
    EXPECT_EQ(iq->to->str(), "cards.b.test");
    EXPECT_EQ(iq->payload->ns, ns::kDiscoInfo);
}

TEST(Iq, RefusesRequestsThatBreakRfc6120) {
    EXPECT_FALSE(parse_iq(parse("<iq type='get'><ping xmlns='urn:xmpp:ping'/></iq>")).ok());
    EXPECT_FALSE(
        parse_iq(parse("<iq type='fetch' id='1'><ping xmlns='urn:xmpp:ping'/></iq>")).ok());
    EXPECT_FALSE(parse_iq(parse("<iq type='set' id='1'/>")).ok());
    auto two = parse_iq(parse("<iq type='set' id='1'><a xmlns='u'/><b xmlns='u'/></iq>"));
    ASSERT_FALSE(two.ok());
    EXPECT_NE(two.error().message.find("more than one payload"), std::string::npos);
    auto bad_jid = parse_iq(parse("<iq type='get' id='1' from='@x'><a xmlns='u'/></iq>"));
    ASSERT_FALSE(bad_jid.ok());
    EXPECT_NE(bad_jid.error().message.find("'from' attribute"), std::string::npos);
}

TEST(Iq, TakesThePayloadOutOfAStanzaItIsGivenAndLeavesARefusedOneWhole) {
    const auto text =
        "<iq type='set' id='x2' from='alice@a.test/r' to='cards.b.test'>"
        "<submit xmlns='urn:xmpp:bizcard:0'><recipient jid='bob@b.test'/></submit>"
        "</iq>";
    auto stanza = parse(text);
    const auto copied = parse_iq(stanza);
    ASSERT_TRUE(copied.ok()) << copied.error().message;
    auto moved = parse_iq(std::move(stanza));
    ASSERT_TRUE(moved.ok()) << moved.error().message;
    EXPECT_EQ(*moved, *copied);
    EXPECT_EQ(moved->payload->children.size(), 1u);

    auto refused = parse("<iq type='set' id='1' from='@x'><a xmlns='u'><b/></a></iq>");
    const auto before = refused;
    EXPECT_FALSE(parse_iq(std::move(refused)).ok());
    EXPECT_EQ(refused, before) << "an answer to a refused request still reads it";
}

TEST(Iq, ErrorReplySwapsAddressesAndRoundTrips) {
    auto request =
        parse_iq(parse("<iq type='set' id='7' from='bob@b.test/x' to='cards.a.test'>"
                       "<unknown xmlns='urn:example'/></iq>"));
    ASSERT_TRUE(request.ok());
    Iq reply =
        error_reply(*request, {ErrorType::cancel, "service-unavailable", "no such thing", {}});
    EXPECT_EQ(reply.to->str(), "bob@b.test/x");
    EXPECT_EQ(reply.from->str(), "cards.a.test");
    const std::string text = xml::to_string(serialize(reply, ns::kClient), ns::kClient);
    EXPECT_EQ(
        text,
        "<iq type='error' id='7' from='cards.a.test' to='bob@b.test/x'><error type='cancel'>"
        "<service-unavailable xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/>"
        "<text xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'>no such thing</text></error></iq>");
    auto back = parse_iq(parse(text));
    ASSERT_TRUE(back.ok()) << back.error().message;
    EXPECT_EQ(*back, reply);
}

TEST(Disco, RoundTripsInfo) {
    DiscoInfo info;
    info.identities.push_back({"component", "generic", "Cards"});
    info.features = {std::string(ns::kDiscoInfo), std::string(ns::kBizcard)};
    auto back = parse_disco_info(serialize(info));
    ASSERT_TRUE(back.ok()) << back.error().message;
    EXPECT_EQ(*back, info);
    EXPECT_TRUE(back->has_feature(ns::kBizcard));
    EXPECT_FALSE(back->has_feature("urn:nope"));
}

TEST(Disco, RefusesWrongElementsAndIncompleteEntries) {
    EXPECT_FALSE(parse_disco_info(xml::Element("query", "urn:other")).ok());
    auto q = disco_info_query();
    q.add_child("feature", std::string(ns::kDiscoInfo));
    auto r = parse_disco_info(q);
    ASSERT_FALSE(r.ok());
    EXPECT_NE(r.error().message.find("without 'var'"), std::string::npos);
}

TEST(Disco, RoundTripsItems) {
    const std::vector<DiscoItem> items = {{"cards.b.test", "Business cards", ""},
                                          {"b.test", "", "http://jabber.org/protocol/commands"}};
    const xml::Element query = serialize(items);
    EXPECT_EQ(query.ns, ns::kDiscoItems);
    // Empty name and node are left out, not written as empty attributes.
    EXPECT_EQ(xml::to_string(query),
              "<query xmlns='http://jabber.org/protocol/disco#items'>"
              "<item jid='cards.b.test' name='Business cards'/>"
              "<item jid='b.test' node='http://jabber.org/protocol/commands'/></query>");
    auto back = parse_disco_items(query);
    ASSERT_TRUE(back.ok()) << back.error().message;
    EXPECT_EQ(*back, items);
}

TEST(Disco, ReadsItemsFromAServersAnswerAndRefusesOnesWithoutJid) {
    auto items = parse_disco_items(
        parse("<query xmlns='http://jabber.org/protocol/disco#items'>"
              "<item jid='conference.b.test'/><other xmlns='urn:x' jid='ignored'/>"
              "<item jid='cards.b.test' name='Cards'/></query>"));
    ASSERT_TRUE(items.ok()) << items.error().message;
    ASSERT_EQ(items->size(), 2u);
    EXPECT_EQ((*items)[0].jid, "conference.b.test");
    EXPECT_EQ((*items)[1], (DiscoItem{"cards.b.test", "Cards", ""}));
    EXPECT_TRUE(disco_items_query().children.empty());

    EXPECT_FALSE(parse_disco_items(disco_info_query()).ok());
    auto q = disco_items_query();
    q.add_child("item", std::string(ns::kDiscoItems)).set_attr("name", "nameless");
    auto r = parse_disco_items(q);
    ASSERT_FALSE(r.ok());
    EXPECT_NE(r.error().message.find("without 'jid'"), std::string::npos) << r.error().message;
}

}  // namespace
}  // namespace cardex::xmpp
