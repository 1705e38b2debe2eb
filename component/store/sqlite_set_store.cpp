#include "component/store/sqlite_set_store.hpp"

namespace cardex::component::store {

PublishOutcome SqliteSetStore::publish(const std::string& owner, const std::string& name,
                                       const std::string& xml, std::uint64_t max_sets,
                                       protocol::Timestamp now) {
    // A new version is one statement, so that two publishers cannot both make the same one.
    auto& update = db_.cached(
        "UPDATE card_sets SET version = version + 1, updated = ?, xml = ? WHERE owner = ? AND "
        "name = ? RETURNING version");
    update.bind(1, ms(now)).bind(2, xml).bind(3, owner).bind(4, name);
    std::optional<std::uint64_t> version;
    if (update.step()) version = static_cast<std::uint64_t>(update.integer(0));
    update.reset();
    if (version) return {version};

    auto& count = db_.cached("SELECT count(*) FROM card_sets WHERE owner = ?");
    count.bind(1, owner);
    count.step();
    const auto sets = static_cast<std::uint64_t>(count.integer(0));
    count.reset();
    if (max_sets > 0 && sets >= max_sets) return {std::nullopt};  // 0: no limit
    auto& insert = db_.cached(
        "INSERT INTO card_sets (owner, name, version, updated, xml) VALUES (?, ?, 1, ?, ?)");
    insert.bind(1, owner).bind(2, name).bind(3, ms(now)).bind(4, xml).run();
    return {1};
}

std::vector<StoredSet> SqliteSetStore::list(const std::string& owner) {
    auto& select = db_.cached(
        "SELECT name, version, updated, (SELECT count(*) FROM followers f WHERE f.owner = s.owner"
        " AND f.set_name = s.name) FROM card_sets s WHERE owner = ? ORDER BY name");
    select.bind(1, owner);
    std::vector<StoredSet> sets;
    while (select.step()) {
        sets.push_back({owner,
                        select.text(0),
                        static_cast<std::uint64_t>(select.integer(1)),
                        at_ms(select.integer(2)),
                        {},
                        static_cast<std::uint64_t>(select.integer(3))});
    }
    select.reset();
    return sets;
}

std::optional<StoredSet> SqliteSetStore::find(const std::string& owner, const std::string& name) {
    auto& select =
        db_.cached("SELECT version, updated, xml FROM card_sets WHERE owner = ? AND name = ?");
    select.bind(1, owner).bind(2, name);
    std::optional<StoredSet> set;
    if (select.step()) {
        set = StoredSet{owner,
                        name,
                        static_cast<std::uint64_t>(select.integer(0)),
                        at_ms(select.integer(1)),
                        select.text(2),
                        0};
    }
    select.reset();
    return set;
}

bool SqliteSetStore::retract(const std::string& owner, const std::string& name) {
    auto& remove = db_.cached("DELETE FROM card_sets WHERE owner = ? AND name = ?");
    remove.bind(1, owner).bind(2, name).run();
    if (db_.changes() != 1) return false;
    auto& forget = db_.cached("DELETE FROM followers WHERE owner = ? AND set_name = ?");
    forget.bind(1, owner).bind(2, name).run();
    return true;
}

bool SqliteSetStore::follow(const std::string& owner, const std::string& name,
                            const std::string& follower, protocol::Timestamp now) {
    auto& insert = db_.cached(
        "INSERT OR IGNORE INTO followers (owner, set_name, follower, since)"
        " SELECT owner, name, ?3, ?4 FROM card_sets WHERE owner = ?1 AND name = ?2");
    insert.bind(1, owner).bind(2, name).bind(3, follower).bind(4, ms(now)).run();
    if (db_.changes() == 1) return true;
    auto& exists =
        db_.cached("SELECT 1 FROM followers WHERE owner = ? AND set_name = ? AND follower = ?");
    exists.bind(1, owner).bind(2, name).bind(3, follower);
    const bool following = exists.step();
    exists.reset();
    return following;
}

bool SqliteSetStore::unfollow(const std::string& owner, const std::string& name,
                              const std::string& follower) {
    auto& remove =
        db_.cached("DELETE FROM followers WHERE owner = ? AND set_name = ? AND follower = ?");
    remove.bind(1, owner).bind(2, name).bind(3, follower).run();
    return db_.changes() == 1;
}

std::vector<std::string> SqliteSetStore::followers(const std::string& owner,
                                                   const std::string& name) {
    auto& select = db_.cached(
        "SELECT follower FROM followers WHERE owner = ? AND set_name = ? ORDER BY follower");
    select.bind(1, owner).bind(2, name);
    std::vector<std::string> out;
    while (select.step())
        out.push_back(select.text(0));
    select.reset();
    return out;
}

}  // namespace cardex::component::store
