// Tokens: the feature urn:xmpp:bizcard:0#tokens as a module, the owner's side: create-token,
// tokens and revoke-token (the draft's "Sharing a Card Set by QR Code"). A token is 128 bits
// from the system's CSPRNG, points at one set of one local user, and has an expiry and a
// number of uses: what a request asks, within the service's maximums, else its defaults.
// The scanner's side, the exchange, is exchange.hpp.
//
// Failure cases: a user of another service (not-local-user); an expiry in the past
// (bad-request); a set the user does not have (unknown-set); revoking a token that is
// unknown, expired, used up, revoked or another user's (invalid-token, the same error the
// exchange gives for every token it cannot use); a store that fails (internal-server-error).
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>

#include "component/service/clock.hpp"
#include "component/service/feature.hpp"
#include "component/service/request_support.hpp"
#include "component/store/store_worker.hpp"
#include "core/protocol/tokens.hpp"
#include "core/xmpp/jid.hpp"

namespace cardex::component {

struct TokenPolicy {
    bool enabled = false;
    xmpp::Jid service;                 // the service's JID, for the token's URI
    std::uint64_t default_uses = 100;  // when a request names none
    std::uint64_t max_uses = 10000;    // a request for more gets this
    std::chrono::seconds default_lifetime{7 * 24 * 3600};
    std::chrono::seconds max_lifetime{365 * 24 * 3600};
    std::uint64_t failures_allowed = 10;              // failed exchanges per bare JID...
    std::uint64_t failures_allowed_per_domain = 100;  // ...and per domain...
    std::chrono::seconds failure_window{600};  // ...within this; beyond, exchanges are refused
    std::uint64_t max_card_bytes = 65536;      // for the scanner's card
    std::uint64_t max_pending_per_recipient = 100;
    // The web pages' base address (https://cards.example.org), when the service serves them;
    // a token's page is <web_base>/c/<value>.
    std::optional<std::string> web_base;
    bool updates = false;  // whether an exchange may follow the token's set (updates.hpp)
};

// The address of a token's web page.
std::string token_page(const std::string& web_base, const std::string& value);

// The one error for every token that cannot be used, whatever the reason.
protocol::ProtocolError invalid_token();

class Tokens final : public Feature {
  public:
    Tokens(RequestSupport& support, store::StoreExecutor& store, Clock& clock, TokenPolicy policy);

    void register_with(IqRouter& router) override;
    void describe(protocol::ServiceInfo& info) const override;

  private:
    using Reply = IqRouter::Reply;
    void create(const xmpp::Iq& request, const Reply& reply);
    void list(const xmpp::Iq& request, const Reply& reply);
    void revoke(const xmpp::Iq& request, const Reply& reply);
    protocol::Token described(const store::StoredToken& token) const;

    RequestSupport& support_;
    store::StoreExecutor& store_;
    Clock& clock_;
    TokenPolicy policy_;
};

}  // namespace cardex::component
