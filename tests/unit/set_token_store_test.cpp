// The SQLite card-set and token stores on real SQLite (in memory): versions, the set limit,
// retracting; tokens that expire, are used up, revoked or forgotten with their set; failed
// attempts counted in a window.
#include <gtest/gtest.h>

#include "component/store/schema.hpp"
#include "component/store/sqlite_set_store.hpp"
#include "component/store/sqlite_token_store.hpp"

namespace cardex::component::store {
namespace {

using namespace std::chrono_literals;
const protocol::Timestamp kT0{std::chrono::milliseconds(1'800'000'000'000)};

class SetTokenStoreTest : public ::testing::Test {
  protected:
    SetTokenStoreTest() { prepare_database(db); }
    Database db{":memory:"};
    SqliteSetStore sets{db};
    SqliteTokenStore tokens{db};

    StoredToken token(const std::string& value, std::uint64_t uses = 2,
                      const std::string& owner = "alice@a.test") {
        return {value, owner, "work", kT0, kT0 + 24h, uses};
    }
};

TEST_F(SetTokenStoreTest, PublishingAgainReplacesTheCardAndIncrementsTheVersion) {
    EXPECT_EQ(sets.publish("alice@a.test", "work", "<v1/>", 10, kT0).version, 1u);
    EXPECT_EQ(sets.publish("alice@a.test", "work", "<v2/>", 10, kT0 + 1s).version, 2u);
    const auto found = sets.find("alice@a.test", "work");
    ASSERT_TRUE(found);
    EXPECT_EQ(found->version, 2u);
    EXPECT_EQ(found->xml, "<v2/>");
    EXPECT_EQ(found->updated, kT0 + 1s);
    EXPECT_FALSE(sets.find("bob@b.test", "work")) << "sets are per owner";
}

TEST_F(SetTokenStoreTest, ANewSetBeyondTheLimitIsRefusedButAnExistingOneIsStillPublished) {
    ASSERT_TRUE(sets.publish("alice@a.test", "work", "<w/>", 2, kT0).version);
    ASSERT_TRUE(sets.publish("alice@a.test", "private", "<p/>", 2, kT0).version);
    EXPECT_FALSE(sets.publish("alice@a.test", "third", "<t/>", 2, kT0).version);
    EXPECT_EQ(sets.publish("alice@a.test", "work", "<w2/>", 2, kT0).version, 2u);
    const auto listed = sets.list("alice@a.test");
    ASSERT_EQ(listed.size(), 2u);
    EXPECT_EQ(listed[0].name, "private");
    EXPECT_TRUE(listed[0].xml.empty()) << "a list carries no cards";
    EXPECT_TRUE(sets.retract("alice@a.test", "work"));
    EXPECT_FALSE(sets.retract("alice@a.test", "work"));
    EXPECT_FALSE(sets.find("alice@a.test", "work"));
}

TEST_F(SetTokenStoreTest, ATokenIsFoundUntilItExpiresAndListedWhileItHasUses) {
    tokens.create(token("t1"));
    EXPECT_TRUE(tokens.find("t1", kT0 + 1h));
    EXPECT_FALSE(tokens.find("t1", kT0 + 24h)) << "expired";
    EXPECT_EQ(tokens.usable("alice@a.test", kT0).size(), 1u);
    EXPECT_TRUE(tokens.usable("bob@b.test", kT0).empty());
}

TEST_F(SetTokenStoreTest, TheLastUseIsTakenOnceAndAUseIsRemembered) {
    tokens.create(token("t1", 1));
    EXPECT_TRUE(tokens.consume("t1", {"bob@b.test", kT0, "d1"}));
    EXPECT_FALSE(tokens.consume("t1", {"carol@a.test", kT0, std::nullopt})) << "used up";
    const auto use = tokens.use_of("t1", "bob@b.test");
    ASSERT_TRUE(use);
    EXPECT_EQ(use->delivery, "d1");
    EXPECT_FALSE(tokens.use_of("t1", "carol@a.test"));
    EXPECT_TRUE(tokens.usable("alice@a.test", kT0).empty()) << "no use left";
    EXPECT_TRUE(tokens.find("t1", kT0)) << "a used-up token still answers a repeat";
}

TEST_F(SetTokenStoreTest, OnlyTheOwnerRevokesAndRetractingTheSetForgetsItsTokens) {
    tokens.create(token("t1"));
    tokens.create(token("t2"));
    tokens.create(token("t3", 1));
    EXPECT_FALSE(tokens.revoke("t1", "mallory@a.test", kT0));
    EXPECT_TRUE(tokens.revoke("t1", "alice@a.test", kT0));
    EXPECT_TRUE(tokens.consume("t3", {"bob@b.test", kT0, std::nullopt}));
    EXPECT_FALSE(tokens.revoke("t3", "alice@a.test", kT0)) << "used up: as if unknown";
    EXPECT_FALSE(tokens.revoke("t2", "alice@a.test", kT0 + 25h)) << "expired";
    EXPECT_FALSE(tokens.find("t1", kT0));
    tokens.forget_set("alice@a.test", "work");
    EXPECT_FALSE(tokens.find("t2", kT0));
}

TEST_F(SetTokenStoreTest, FailuresAreCountedWithinTheWindowAndPurged) {
    tokens.record_failure("mallory@evil.test", kT0);
    tokens.record_failure("mallory@evil.test", kT0 + 5min);
    tokens.record_failure("evil.test", kT0 + 5min);
    EXPECT_EQ(tokens.failures("mallory@evil.test", kT0 - 1s), 2u);
    EXPECT_EQ(tokens.failures("mallory@evil.test", kT0 + 1min), 1u);
    EXPECT_EQ(tokens.failures("evil.test", kT0), 1u);
    tokens.create(token("t1"));
    tokens.purge(kT0 + 48h, kT0 + 1min);
    EXPECT_EQ(tokens.failures("mallory@evil.test", kT0 - 1s), 1u);
    EXPECT_FALSE(tokens.find("t1", kT0)) << "expired tokens are purged";
}

}  // namespace
}  // namespace cardex::component::store
