// Requests: the IQ requests of urn:xmpp:bizcard:0 that the card service answers: submit, ack,
// sync and status. Each handler checks the request (who asks, limits, syntax), hands the work
// to the card store, and replies once the store has made it durable; then the courier sends
// what follows (the first copies, resends, receipts). Every request gets exactly one reply.
#pragma once

#include <spdlog/logger.h>

#include <chrono>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "component/service/clock.hpp"
#include "component/service/courier.hpp"
#include "component/service/iq_router.hpp"
#include "component/service/rate_limiter.hpp"
#include "component/store/store_worker.hpp"
#include "core/protocol/errors.hpp"
#include "core/protocol/service_info.hpp"

namespace cardex::component {

struct RequestPolicy {
    protocol::ServiceLimits limits;
    std::vector<std::string> local_domains;  // whose users may submit
    std::chrono::seconds min_sync_interval{60};
    std::size_t max_queue = 50000;  // store requests waiting before submits get 'wait'
};

class Requests {
  public:
    Requests(store::StoreExecutor& store, Courier& courier, Clock& clock, RequestPolicy policy,
             std::shared_ptr<spdlog::logger> log);

    void register_with(IqRouter& router);
    // While not accepting (shutting down), every request gets a 'wait' error.
    void set_accepting(bool accepting) { accepting_ = accepting; }

  private:
    using Reply = IqRouter::Reply;
    struct AcceptedSubmit;
    void submit(const xmpp::Iq& request, const Reply& reply);
    std::optional<AcceptedSubmit> accept_submit(const xmpp::Iq& request, const Reply& reply);
    std::optional<protocol::ProtocolError> check_sender(const xmpp::Jid& from);
    std::optional<protocol::ProtocolError> check_card(const protocol::Submit& submit,
                                                      std::size_t recipients, std::size_t bytes);
    void answer_submit(const xmpp::Iq& request, const Reply& reply, const AcceptedSubmit& accepted,
                       const Result<store::SubmitOutcome>& outcome);
    void ack(const xmpp::Iq& request, const Reply& reply);
    void sync(const xmpp::Iq& request, const Reply& reply);
    void status(const xmpp::Iq& request, const Reply& reply);

    // Checks common to every request; answers and returns false when one fails.
    bool admissible(const xmpp::Iq& request, const Reply& reply);
    void refuse(const xmpp::Iq& request, const Reply& reply, protocol::ProtocolError error);
    void store_failed(const xmpp::Iq& request, const Reply& reply, const Error& error);
    bool is_local(const xmpp::Jid& jid) const;

    store::StoreExecutor& store_;
    Courier& courier_;
    Clock& clock_;
    RequestPolicy policy_;
    std::shared_ptr<spdlog::logger> log_;
    RateLimiter submits_;
    RateLimiter syncs_;
    bool accepting_ = true;
};

}  // namespace cardex::component
