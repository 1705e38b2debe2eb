// Feature: one part of the protocol the card service offers (deliveries, card sets, tokens, the
// exchange and updates; later backups), as a module: it registers the requests it answers
// on the router, and says what it adds to the service's disco#info (its feature and limits).
#pragma once

#include "component/service/iq_router.hpp"
#include "core/protocol/service_info.hpp"

namespace cardex::component {

class Feature {
  public:
    virtual ~Feature() = default;

    virtual void register_with(IqRouter& router) = 0;
    // Sets its flag in info.features and its limits in *info.limits.
    virtual void describe(protocol::ServiceInfo& info) const = 0;
};

}  // namespace cardex::component
