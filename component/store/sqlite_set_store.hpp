// SqliteSetStore: the SetStore in the service's SQLite database (table card_sets, schema.cpp).
#pragma once

#include "component/store/set_store.hpp"
#include "component/store/sqlite.hpp"

namespace cardex::component::store {

class SqliteSetStore final : public SetStore {
  public:
    explicit SqliteSetStore(Database& db) : db_(db) {}

    PublishOutcome publish(const std::string& owner, const std::string& name,
                           const std::string& xml, std::uint64_t max_sets,
                           protocol::Timestamp now) override;
    std::vector<StoredSet> list(const std::string& owner) override;
    std::optional<StoredSet> find(const std::string& owner, const std::string& name) override;
    bool retract(const std::string& owner, const std::string& name) override;
    bool follow(const std::string& owner, const std::string& name, const std::string& follower,
                protocol::Timestamp now) override;
    bool unfollow(const std::string& owner, const std::string& name,
                  const std::string& follower) override;
    std::vector<std::string> followers(const std::string& owner, const std::string& name) override;

  private:
    Database& db_;
};

}  // namespace cardex::component::store
