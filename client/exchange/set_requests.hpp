// The requests about card sets, their QR tokens and the one-step exchange (the draft's
// "Managing Card Sets", "Sharing a Card Set by QR Code" and "Exchanging Cards in One Step"), as
// IQ stanzas, and the typed reading of their answers. Submitting a set is in
// service_requests.hpp, beside submitting a card.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "client/exchange/replies.hpp"
#include "core/protocol/sets.hpp"
#include "core/protocol/timestamp.hpp"
#include "core/protocol/tokens.hpp"
#include "core/vcard/card.hpp"
#include "core/xmpp/jid.hpp"
#include "core/xmpp/stanza.hpp"

namespace cardex::client::exchange {

xmpp::Iq publish_request(const xmpp::Jid& service, const std::string& set, const vcard::Card& card);
xmpp::Iq sets_request(const xmpp::Jid& service);
xmpp::Iq set_request(const xmpp::Jid& service, const std::string& set);
xmpp::Iq retract_request(const xmpp::Jid& service, const std::string& set);
// Without `expires` or `uses`, the service's defaults apply. Without `web_replies`, the
// token's web page (where the service has one) offers no form for sending a card back.
xmpp::Iq create_token_request(const xmpp::Jid& service, const std::string& set,
                              std::optional<protocol::Timestamp> expires,
                              std::optional<std::uint64_t> uses, bool web_replies = true);
xmpp::Iq tokens_request(const xmpp::Jid& service);
xmpp::Iq revoke_token_request(const xmpp::Jid& service, const std::string& token);
// To the service the token's URI names. With a card, share="true" and the card goes to the
// token's owner; without, share="false" and only the owner's card comes back. With `follow`,
// the owner's new versions of the set come as updates.
xmpp::Iq exchange_request(const protocol::TokenUri& token, const std::optional<vcard::Card>& shared,
                          bool follow = false);
// To the service the token's URI names, before the exchange: whose card the token leads to.
// It uses nothing up; a token that cannot be used is refused as the exchange would refuse it.
xmpp::Iq preview_request(const protocol::TokenUri& token);
// To the service that delivered the set's cards: no more updates of owner's set.
xmpp::Iq unfollow_request(const xmpp::Jid& service, const xmpp::Jid& owner, const std::string& set);

Result<ServiceReply<protocol::Published>> read_published(const xmpp::Iq& answer);
Result<ServiceReply<protocol::SetsResult>> read_sets(const xmpp::Iq& answer);
Result<ServiceReply<protocol::SetResult>> read_set(const xmpp::Iq& answer);
// retract and revoke-token are answered with an empty result.
Result<ServiceReply<Ok>> read_retracted(const xmpp::Iq& answer);
Result<ServiceReply<protocol::Token>> read_token(const xmpp::Iq& answer);
Result<ServiceReply<protocol::TokensResult>> read_tokens(const xmpp::Iq& answer);
Result<ServiceReply<Ok>> read_revoked(const xmpp::Iq& answer);
Result<ServiceReply<Ok>> read_unfollowed(const xmpp::Iq& answer);
Result<ServiceReply<protocol::ExchangeResult>> read_exchange(const xmpp::Iq& answer);
Result<ServiceReply<protocol::TokenPreview>> read_preview(const xmpp::Iq& answer);
// Whether the refusal of a preview says only that the service has none (a service older than
// previews: service-unavailable or feature-not-implemented, without a condition of the
// protocol); the exchange is then offered without naming the owner.
bool preview_not_offered(const ServiceReply<protocol::TokenPreview>& reply);

// True for a set name the draft allows: 1 to 64 characters from a-z, 0-9 and "-".
bool valid_set_name(const std::string& name);

}  // namespace cardex::client::exchange
