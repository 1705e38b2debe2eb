// SetStore: the card sets the service's users publish (the draft's "Managing Card Sets"). A
// set is a named card of one owner; publishing it again replaces the card and increments the
// version, atomically (two publishers cannot both make version 3).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/protocol/timestamp.hpp"

namespace cardex::component::store {

struct StoredSet {
    std::string owner;  // bare JID
    std::string name;
    std::uint64_t version = 1;
    protocol::Timestamp updated{};
    std::string xml;              // the card's <vcard/>, canonical; empty in list()
    std::uint64_t followers = 0;  // filled in by list()
};

struct PublishOutcome {
    std::optional<std::uint64_t> version;  // the new version; nullopt: too many sets
};

class SetStore {
  public:
    virtual ~SetStore() = default;

    // Creates the set (unless the owner already has `max_sets`; 0: no limit) or replaces its
    // card.
    virtual PublishOutcome publish(const std::string& owner, const std::string& name,
                                   const std::string& xml, std::uint64_t max_sets,
                                   protocol::Timestamp now) = 0;
    // The owner's sets by name, without their cards.
    virtual std::vector<StoredSet> list(const std::string& owner) = 0;
    virtual std::optional<StoredSet> find(const std::string& owner, const std::string& name) = 0;
    // Deletes the set and its followers; false when there is none of that name.
    virtual bool retract(const std::string& owner, const std::string& name) = 0;

    // Following (the draft's "Following Updates"), keyed by owner, set and follower (bare
    // JIDs). follow() adds the follower if the set exists (false if it does not); following
    // twice is following once. unfollow() is true if there was such a follower.
    virtual bool follow(const std::string& owner, const std::string& name,
                        const std::string& follower, protocol::Timestamp now) = 0;
    virtual bool unfollow(const std::string& owner, const std::string& name,
                          const std::string& follower) = 0;
    virtual std::vector<std::string> followers(const std::string& owner,
                                               const std::string& name) = 0;
};

}  // namespace cardex::component::store
