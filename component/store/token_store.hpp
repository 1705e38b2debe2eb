// TokenStore: the tokens that point at card sets, who has used them, and failed attempts (the
// draft's "Tokens and Exchange"). A token that is revoked, or whose set is retracted, is
// deleted: it then behaves exactly like one that never existed. Using a token is guarded by
// the uses it has left, so that two exchanges can never take its last use both.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/protocol/timestamp.hpp"

namespace cardex::component::store {

struct StoredToken {
    std::string value;
    std::string owner;  // bare JID
    std::string set;
    protocol::Timestamp created{};
    protocol::Timestamp expires{};
    std::uint64_t uses_left = 0;
    bool web_replies = true;  // its web page offers the form for sending a card back
};

// An exchange made with a token: who, when, and the delivery of their card (if they shared).
struct TokenUse {
    std::string scanner;  // bare JID
    protocol::Timestamp used{};
    std::optional<std::string> delivery;
};

class TokenStore {
  public:
    virtual ~TokenStore() = default;

    virtual void create(const StoredToken& token) = 0;
    // The owner's tokens that can still be used at `now`, newest first.
    virtual std::vector<StoredToken> usable(const std::string& owner, protocol::Timestamp now) = 0;
    // The token, unless it expired before `now` (a used-up one is returned: a repeat by one
    // who used it is still answered).
    virtual std::optional<StoredToken> find(const std::string& value, protocol::Timestamp now) = 0;
    // Deletes the owner's token; false when it is unknown, another's, or cannot be used at
    // `now` any more (expired or used up: those get the same answer as unknown ones).
    virtual bool revoke(const std::string& value, const std::string& owner,
                        protocol::Timestamp now) = 0;
    // Deletes every token of a set (it is being retracted).
    virtual void forget_set(const std::string& owner, const std::string& set) = 0;

    // The exchange `scanner` made with the token before, if any.
    virtual std::optional<TokenUse> use_of(const std::string& value,
                                           const std::string& scanner) = 0;
    // Takes one use of the token for `scanner`; false when none is left.
    virtual bool consume(const std::string& value, const TokenUse& use) = 0;

    // Failed attempts by `requester` (a bare JID or a domain) since `since`.
    virtual std::uint64_t failures(const std::string& requester, protocol::Timestamp since) = 0;
    virtual void record_failure(const std::string& requester, protocol::Timestamp now) = 0;

    // Forgets expired tokens and their uses, and failures before `failures_before`.
    virtual void purge(protocol::Timestamp now, protocol::Timestamp failures_before) = 0;
};

}  // namespace cardex::component::store
