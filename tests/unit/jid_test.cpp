#include "core/xmpp/jid.hpp"

#include <gtest/gtest.h>

namespace cardex::xmpp {
namespace {

TEST(Jid, ParsesAllParts) {
    auto jid = Jid::parse("Alice@A.Test/Phone One");
    ASSERT_TRUE(jid.ok()) << jid.error().message;
    EXPECT_EQ(jid->local, "alice");
    EXPECT_EQ(jid->domain, "a.test");
    EXPECT_EQ(jid->resource, "Phone One");
    EXPECT_EQ(jid->bare_str(), "alice@a.test");
    EXPECT_EQ(jid->str(), "alice@a.test/Phone One");
    EXPECT_EQ(jid->bare(), *Jid::parse("alice@a.test"));
}

TEST(Jid, DomainOnlyAndTrailingDot) {
    auto jid = Jid::parse("cards.a.test.");
    ASSERT_TRUE(jid.ok());
    EXPECT_EQ(jid->str(), "cards.a.test");
    EXPECT_TRUE(jid->local.empty());
}

TEST(Jid, ResourceMayContainSlashAndAt) {
    auto jid = Jid::parse("a@b/c/d@e");
    ASSERT_TRUE(jid.ok());
    EXPECT_EQ(jid->resource, "c/d@e");
}

TEST(Jid, RejectsMalformedAddressesWithReasons) {
    struct Case {
        const char* text;
        const char* reason;
    };
    for (const auto& c :
         {Case{"", "domain is empty"}, Case{"@b", "localpart before '@' is empty"},
          Case{"a@", "domain is empty"}, Case{"a@b/", "resource after '/' is empty"},
          Case{"a b@c", "space or control"}, Case{"a<x@c", "localpart contains"}}) {
        auto jid = Jid::parse(c.text);
        ASSERT_FALSE(jid.ok()) << c.text;
        EXPECT_NE(jid.error().message.find(c.reason), std::string::npos)
            << c.text << ": " << jid.error().message;
    }
}

TEST(Jid, RejectsEmptyDomainLabels) {
    // Only one trailing dot is dropped: "a@.." would become "a@.", which does not parse.
    for (const char* text : {"a@..", "a@.", ".", "a@.b", "a@b..c", "b..", "a@b/."}) {
        auto jid = Jid::parse(text);
        if (std::string_view(text) == "a@b/.") {
            EXPECT_TRUE(jid.ok()) << text;  // a resource may be anything
            continue;
        }
        ASSERT_FALSE(jid.ok()) << text << " parsed as " << jid->str();
        EXPECT_NE(jid.error().message.find("empty"), std::string::npos) << jid.error().message;
    }
    EXPECT_EQ(Jid::parse("a@b.test.")->str(), "a@b.test");
}

TEST(Jid, RejectsOverlongParts) {
    EXPECT_FALSE(Jid::parse(std::string(1024, 'a') + "@b").ok());
    EXPECT_TRUE(Jid::parse(std::string(1023, 'a') + "@b").ok());
}

}  // namespace
}  // namespace cardex::xmpp
