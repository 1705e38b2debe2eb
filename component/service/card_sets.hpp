// CardSets: the feature urn:xmpp:bizcard:0#sets as a module: publish, sets, set and retract
// (the draft's "Managing Card Sets"). A set is one named card of a local user; publishing it
// again replaces the card and increments its version in the same transaction. Retracting a
// set also deletes every token that points at it (one transaction), so that such a token
// behaves like one that never existed. Cards of a set already on their way are delivered as
// submitted. With updates, a new version also becomes one update delivery per follower, in the
// publish's transaction (updates.hpp), and <sets/> tells each set's number of followers.
//
// Failure cases: a user of another service (not-local-user); a card over max-card-bytes
// (card-too-large), without UID or FN (invalid-card); a new name beyond max-sets
// (too-many-sets); an unknown name in set or retract (unknown-set); a store that fails
// (internal-server-error, wait: nothing was kept).
#pragma once

#include <cstdint>
#include <optional>

#include "component/service/clock.hpp"
#include "component/service/courier.hpp"
#include "component/service/feature.hpp"
#include "component/service/request_support.hpp"
#include "component/store/store_worker.hpp"

namespace cardex::component {

struct SetsPolicy {
    bool enabled = false;
    std::uint64_t max_sets = 10;           // per user; 0: no limit
    std::uint64_t max_card_bytes = 65536;  // the same limit as for submitted cards
    std::uint64_t max_copy_bytes = 0;      // a set's card leaves room for its copies' message
    bool updates = false;                  // a new version goes to the set's followers
};

class CardSets final : public Feature {
  public:
    CardSets(RequestSupport& support, store::StoreExecutor& store, Courier& courier, Clock& clock,
             SetsPolicy policy);

    void register_with(IqRouter& router) override;
    void describe(protocol::ServiceInfo& info) const override;

  private:
    using Reply = IqRouter::Reply;
    void publish(const xmpp::Iq& request, const Reply& reply);
    void list(const xmpp::Iq& request, const Reply& reply);
    void fetch(const xmpp::Iq& request, const Reply& reply);
    void retract(const xmpp::Iq& request, const Reply& reply);
    void unknown_set(const xmpp::Iq& request, const Reply& reply, const std::string& name) const;

    RequestSupport& support_;
    store::StoreExecutor& store_;
    Courier& courier_;
    Clock& clock_;
    SetsPolicy policy_;
};

}  // namespace cardex::component
