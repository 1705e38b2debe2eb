// End to end, following a card set on the local federation: the owner sends a set's card, the
// recipient on the other server saves it and follows it (cardex's default), the owner publishes
// three new versions while the follower is offline, and the follower's next sync brings the
// latest one once, merged into the contact it had, as one history entry that undo reverts; the
// owner sees one follower, never who; after `cardex unfollow` new versions no longer come.
// Both directions: an owner on Prosody's a.test and on ejabberd's b.test.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <random>
#include <sstream>
#include <string>

#include "tests/integration/cardex_user.hpp"

namespace cardex::testing {
namespace {

// How often `text` occurs in `output`.
std::size_t occurrences(const std::string& output, const std::string& text) {
    std::size_t n = 0;
    for (auto at = output.find(text); at != std::string::npos; at = output.find(text, at + 1))
        ++n;
    return n;
}

std::string title_of(const CardexUser& user, const std::string& name) {
    const auto listed = user.run({"show", name, "--json"});
    EXPECT_EQ(listed.exit_code, 0) << describe(listed);
    const auto json = nlohmann::json::parse(listed.output, nullptr, false);
    if (json.is_discarded()) return "(not json: " + listed.output + ")";
    return json.value("title", std::string("(no title)"));
}

void follow_and_update(const std::string& owner_user, const std::string& follower_user) {
    CardexUser owner(owner_user);
    CardexUser follower(follower_user);
    const std::string name = unique_name("Frieda");
    const std::string set_name = "upd-" + std::to_string(std::random_device{}());
    ASSERT_EQ(owner.run({"add", "--name", name, "--title", "Title 1", "--phone", "+49 30 5550101"})
                  .exit_code,
              0);
    ASSERT_EQ(owner.run({"set", "publish", set_name, name}).exit_code, 0);
    const auto sent = owner.run({"send", "--set", set_name, "--to", follower.jid()});
    ASSERT_EQ(sent.exit_code, 0) << describe(sent);

    const auto first = follower.run({"sync"});
    ASSERT_EQ(first.exit_code, 0) << describe(first);
    EXPECT_TRUE(contains(first.output, name)) << first.output;
    EXPECT_EQ(title_of(follower, name), "Title 1");
    // The owner sees one follower (the last column of the set's line), never who.
    const auto sets = owner.run({"set", "list"});
    std::istringstream lines(sets.output);
    std::string line, followers;
    while (std::getline(lines, line)) {
        if (line.starts_with(set_name + " ")) followers = line.substr(line.find_last_of(' ') + 1);
    }
    EXPECT_EQ(followers, "1") << sets.output;
    EXPECT_FALSE(contains(sets.output, follower.jid()));

    // Three new versions while the follower is offline.
    for (const std::string title : {"Title 2", "Title 3", "Title 4"}) {
        ASSERT_EQ(owner.run({"edit", name, "--title", title}).exit_code, 0);
        const auto published = owner.run({"set", "publish", set_name, name});
        ASSERT_EQ(published.exit_code, 0) << describe(published);
    }
    const auto synced = follower.run({"sync"});
    ASSERT_EQ(synced.exit_code, 0) << describe(synced);
    EXPECT_EQ(occurrences(synced.output, "updated their card"), 1u) << "the latest version, once:\n"
                                                                    << synced.output;
    EXPECT_TRUE(contains(synced.output, "version 4")) << synced.output;
    EXPECT_TRUE(contains(synced.output, "TITLE Title 4 (no longer TITLE Title 1)"))
        << synced.output;
    EXPECT_EQ(title_of(follower, name), "Title 4") << "merged into the contact it had";
    const auto listed = follower.run({"list", "--json"});
    EXPECT_EQ(occurrences(listed.output, name), 1u) << listed.output;
    const auto history = follower.run({"history", name});
    EXPECT_TRUE(contains(history.output, "updated")) << history.output;
    ASSERT_EQ(follower.run({"undo", name}).exit_code, 0);
    EXPECT_EQ(title_of(follower, name), "Title 1") << "undo reverts the update as one step";

    // Unfollowing: the next version stays with the owner.
    const auto unfollowed = follower.run({"unfollow", name});
    ASSERT_EQ(unfollowed.exit_code, 0) << describe(unfollowed);
    EXPECT_TRUE(contains(unfollowed.output, "No more updates of " + owner.jid()))
        << unfollowed.output;
    ASSERT_EQ(owner.run({"edit", name, "--title", "Title 5"}).exit_code, 0);
    ASSERT_EQ(owner.run({"set", "publish", set_name, name}).exit_code, 0);
    const auto after = follower.run({"sync"});
    ASSERT_EQ(after.exit_code, 0) << describe(after);
    EXPECT_FALSE(contains(after.output, "Title 5")) << after.output;
    EXPECT_EQ(title_of(follower, name), "Title 1");
}

TEST(CardUpdates, AProsodyUsersSetFollowedFromEjabberd) {
    follow_and_update("ALICE", "BOB");
}

TEST(CardUpdates, AnEjabberdUsersSetFollowedFromProsody) {
    follow_and_update("BOB", "ALICE");
}

}  // namespace
}  // namespace cardex::testing
