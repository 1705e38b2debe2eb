// Updates: the feature urn:xmpp:bizcard:0#updates (the draft's "Following Updates"). A
// recipient follows a card set by acknowledging a card of the set with follow="true", or by an
// exchange with follow="true"; each new version of the set then becomes one update delivery
// per follower, stored in the same transaction as the version (store_updates, called by the
// publish). Updates are delivered, redelivered and acknowledged like cards, but are not counted
// against max-pending-per-recipient, produce no receipts, and a newer one supersedes an older
// one still open (the store expires it). A follower is removed by <unfollow/>, by retracting the
// set, when it rejects an update and when an update to it expires.
//
// The module answers <unfollow/> (open to any JID, like ack: a follower is usually on another
// server; unfollowing what one does not follow succeeds) and declares the feature. The helpers
// below run inside other modules' store jobs, so that following changes in the transaction of
// the request that caused it.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "component/service/clock.hpp"
#include "component/service/feature.hpp"
#include "component/service/request_support.hpp"
#include "component/store/store_worker.hpp"
#include "core/protocol/delivery.hpp"

namespace cardex::component {

struct UpdatesPolicy {
    bool enabled = false;  // needs card sets
};

// The update deliveries of version `version` of owner's set `name` (card `xml`), one per
// follower, stored; nullptr when nobody follows the set.
std::shared_ptr<store::NewCard> store_updates(store::Stores& s, const std::string& owner,
                                              const std::string& name, std::uint64_t version,
                                              const std::string& xml, protocol::Timestamp now);

// What an acknowledgement that made `final` final changes: follow="true" on a saved card of a
// set adds its recipient as a follower (if the set still exists); a rejected update removes it.
void follow_by_ack(store::Stores& s, const protocol::Ack& ack, const store::FinalDelivery& final,
                   protocol::Timestamp now);

// Updates that expired unacknowledged remove their recipients from the followers.
void unfollow_expired(store::Stores& s, const std::vector<store::FinalDelivery>& expired);

class Updates final : public Feature {
  public:
    Updates(RequestSupport& support, store::StoreExecutor& store, Clock& clock,
            UpdatesPolicy policy);

    void register_with(IqRouter& router) override;
    void describe(protocol::ServiceInfo& info) const override;

  private:
    using Reply = IqRouter::Reply;
    void unfollow(const xmpp::Iq& request, const Reply& reply);

    RequestSupport& support_;
    store::StoreExecutor& store_;
    Clock& clock_;
    UpdatesPolicy policy_;
};

}  // namespace cardex::component
