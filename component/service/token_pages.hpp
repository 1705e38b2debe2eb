// ServiceTokenPages: the card service's side of the tokens' web pages (web/web_site.hpp). A
// page shows the owner's current card of the token's set while the token can be used; a card
// sent back through the form is stored as a delivery to the owner (via="web", from the
// service's own JID, no receipt) and takes one use, in one transaction. Unusable tokens count
// as failed attempts of the visitor's address, limited as a domain's are for the exchange
// (failures_allowed_per_domain: many people share one address).
//
// The HTTP threads call it; each call is handed to the service's thread (`post`), runs as a
// store job there, and is waited for (at most kWait; then 'unavailable').
#pragma once

#include <functional>

#include "component/service/clock.hpp"
#include "component/service/courier.hpp"
#include "component/service/tokens.hpp"
#include "component/store/store_worker.hpp"
#include "component/web/web_site.hpp"

namespace cardex::component {

class ServiceTokenPages final : public web::TokenPages {
  public:
    using Post = std::function<void(std::function<void()>)>;

    ServiceTokenPages(Post post, store::StoreExecutor& store, Courier& courier, Clock& clock,
                      TokenPolicy policy);

    web::PageOutcome page(const std::string& token, const std::string& address) override;
    web::ReplyOutcome reply(const std::string& token, const std::string& address,
                            const vcard::Card& card) override;

  private:
    // Runs `work` on the service's thread and waits for what it hands to its callback.
    template <class T>
    T on_service_thread(std::function<void(std::function<void(T)>)> work, T timed_out);

    Post post_;
    store::StoreExecutor& store_;
    Courier& courier_;
    Clock& clock_;
    TokenPolicy policy_;
};

}  // namespace cardex::component
