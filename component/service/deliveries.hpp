// Deliveries: the core of urn:xmpp:bizcard:0 as a feature module: submit, ack, sync and
// status. Each handler checks the request (who asks, limits, syntax), hands the work to the
// stores, and replies once it is durable; then the courier sends what follows (the first
// copies, resends, receipts). Every request gets exactly one reply.
#pragma once

#include <spdlog/logger.h>

#include <chrono>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "component/service/clock.hpp"
#include "component/service/courier.hpp"
#include "component/service/feature.hpp"
#include "component/service/iq_router.hpp"
#include "component/service/rate_limiter.hpp"
#include "component/service/request_support.hpp"
#include "component/store/store_worker.hpp"
#include "core/protocol/errors.hpp"
#include "core/protocol/service_info.hpp"

namespace cardex::component {

struct DeliveryPolicy {
    protocol::ServiceLimits limits;
    std::chrono::seconds min_sync_interval{60};
    std::size_t max_queue = 4096;  // store requests waiting before submits get 'wait'
    bool sets = false;             // whether a submit may name a card set
    bool updates = false;          // whether an ack may follow a set (updates.hpp)
};

class Deliveries final : public Feature {
  public:
    Deliveries(RequestSupport& support, store::StoreExecutor& store, Courier& courier, Clock& clock,
               DeliveryPolicy policy);

    void register_with(IqRouter& router) override;
    void describe(protocol::ServiceInfo& info) const override;

  private:
    using Reply = IqRouter::Reply;
    struct AcceptedSubmit;
    struct SubmitId;
    // Submit (deliveries_submit.cpp).
    void submit(const xmpp::Iq& request, const Reply& reply);
    std::optional<AcceptedSubmit> accept_submit(const xmpp::Iq& request, const Reply& reply);
    std::optional<xmpp::StanzaError> check_limits(const protocol::Submit& submit,
                                                  std::size_t recipients, AcceptedSubmit& accepted);
    std::optional<protocol::ProtocolError> check_submit(const protocol::Submit& submit,
                                                        std::size_t recipients, std::size_t bytes);
    void refuse_submit(const xmpp::Iq& request, const Reply& reply, const AcceptedSubmit& accepted,
                       xmpp::StanzaError refusal);
    void refuse(const xmpp::Iq& request, const Reply& reply, xmpp::StanzaError refusal) const;
    bool answer_earlier(const xmpp::Iq& request, const Reply& reply, const SubmitId& submit,
                        const store::SubmitOutcome& outcome);
    void answer_submit(const xmpp::Iq& request, const Reply& reply, const AcceptedSubmit& accepted,
                       const store::SubmitOutcome& outcome);
    // Ack, acks, sync and status (deliveries.cpp).
    void ack(const xmpp::Iq& request, const Reply& reply);
    void acks(const xmpp::Iq& request, const Reply& reply);
    static store::AckOutcome apply_ack(store::Stores& s, const protocol::Ack& ack,
                                       const std::string& requester, bool updates,
                                       protocol::Timestamp now);
    void sync(const xmpp::Iq& request, const Reply& reply);
    void status(const xmpp::Iq& request, const Reply& reply);

    RequestSupport& support_;
    store::StoreExecutor& store_;
    Courier& courier_;
    Clock& clock_;
    DeliveryPolicy policy_;
    std::shared_ptr<spdlog::logger> log_;
    RateLimiter submits_;
    RateLimiter syncs_;
};

}  // namespace cardex::component
