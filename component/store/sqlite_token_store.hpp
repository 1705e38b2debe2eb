// SqliteTokenStore: the TokenStore in the service's SQLite database (tables tokens,
// token_uses and token_failures, schema.cpp).
#pragma once

#include "component/store/sqlite.hpp"
#include "component/store/token_store.hpp"

namespace cardex::component::store {

class SqliteTokenStore final : public TokenStore {
  public:
    explicit SqliteTokenStore(Database& db) : db_(db) {}

    void create(const StoredToken& token) override;
    std::vector<StoredToken> usable(const std::string& owner, protocol::Timestamp now) override;
    std::optional<StoredToken> find(const std::string& value, protocol::Timestamp now) override;
    bool revoke(const std::string& value, const std::string& owner,
                protocol::Timestamp now) override;
    void forget_set(const std::string& owner, const std::string& set) override;
    std::optional<TokenUse> use_of(const std::string& value, const std::string& scanner) override;
    bool consume(const std::string& value, const TokenUse& use) override;
    std::uint64_t failures(const std::string& requester, protocol::Timestamp since) override;
    void record_failure(const std::string& requester, protocol::Timestamp now) override;
    void purge(protocol::Timestamp now, protocol::Timestamp failures_before) override;

  private:
    Database& db_;
};

}  // namespace cardex::component::store
