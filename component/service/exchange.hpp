// CardExchange: the scanner's side of urn:xmpp:bizcard:0#tokens, the <exchange/> (the draft's
// "Exchanging Cards in One Step"). Anyone may exchange, whatever their server: the token is the
// permission. One store job does all of it, so that it is atomic and its failures persist:
//
//   1. too many failed attempts by the requester's bare JID or domain within the window:
//      rate-limited, valid token or not (the failures are in the database: a restart does not
//      reset them);
//   2. the token is unknown, expired, or its set is gone: invalid-token, and a failure is
//      recorded for the bare JID and for the domain;
//   3. the owner exchanging with their own token: the card, nothing else;
//   4. a repeat by the same bare JID (a lost result): the card and the delivery made the first
//      time, without taking another use, even if the token has been used up since;
//   5. no use left: invalid-token, a failure recorded, as in 2;
//   6. otherwise, with share="true": the scanner's card becomes a delivery to the owner
//      (via="token", the scanner as sender; the owner's max-pending-per-recipient applies:
//      recipient-quota); one use is taken, and the scanner's client is known to speak the
//      protocol. With share="false", only the use is taken.
//   With follow="true" (where updates are offered), 4 and 6 also make the scanner a follower
//   of the token's set.
//
// The <preview/> (IQ get) runs steps 1, 2 and 5 (and 3 and 4, which it answers too) in one
// store job of its own and answers whose card the token leads to: the owner, the set and the
// summary of its card (FN, ORG, TITLE), and whether a shared card would reach the owner (not
// in 3 or 4). It takes no use, makes nobody capable or a follower, and stores nothing but the
// failures of 2 and 5, which count against the same limits as the exchange's: a preview is
// no free way to probe tokens.
//
// Every token that cannot be used gets invalid_token(), the same error and text, through the
// same path. The result carries the owner's current card of the set; the new delivery's
// copies go out once the job is durable.
#pragma once

#include "component/service/clock.hpp"
#include "component/service/courier.hpp"
#include "component/service/feature.hpp"
#include "component/service/request_support.hpp"
#include "component/service/tokens.hpp"
#include "component/store/store_worker.hpp"

namespace cardex::component {

class CardExchange final : public Feature {
  public:
    CardExchange(RequestSupport& support, store::StoreExecutor& store, Courier& courier,
                 Clock& clock, TokenPolicy policy);

    void register_with(IqRouter& router) override;
    // The exchange is part of the tokens feature, which Tokens describes.
    void describe(protocol::ServiceInfo&) const override {}

    struct Outcome;

  private:
    using Reply = IqRouter::Reply;
    void exchange(const xmpp::Iq& request, const Reply& reply);
    void preview(const xmpp::Iq& request, const Reply& reply);
    void answer(const xmpp::Iq& request, const Reply& reply, Outcome& outcome);

    RequestSupport& support_;
    store::StoreExecutor& store_;
    Courier& courier_;
    Clock& clock_;
    TokenPolicy policy_;
};

}  // namespace cardex::component
