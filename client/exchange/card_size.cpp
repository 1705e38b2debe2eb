#include "client/exchange/card_size.hpp"

#include <string>

#include "client/exchange/card_sender.hpp"
#include "client/exchange/service_requests.hpp"
#include "client/exchange/set_requests.hpp"

namespace cardex::client::exchange {
namespace {

constexpr std::string_view kWhy =
    "servers with a 64 KiB stanza limit stall the connection that brings them a larger one";

Status check_card(const xmpp::Jid& service, const protocol::ServiceLimits& limits,
                  std::size_t bytes) {
    if (limits.max_card_bytes == 0 || bytes <= limits.max_card_bytes) return Ok{};
    return make_error("the card has " + std::to_string(bytes) + " bytes; " + service.str() +
                      " takes at most " + std::to_string(limits.max_card_bytes) +
                      " (max-card-bytes)");
}

Status check_copy(const xmpp::Jid& service, const protocol::ServiceLimits& limits,
                  std::size_t copy) {
    const std::uint64_t max = limits.max_copy_bytes;
    if (max == 0 || copy <= max) return Ok{};
    return make_error("the card would go out in a copy of about " + std::to_string(copy) +
                      " bytes; " + service.str() + " sends no copy larger than " +
                      std::to_string(max) + " bytes (max-copy-bytes), since " + std::string(kWhy));
}

}  // namespace

Status check_submit_size(const xmpp::Jid& service,
                         const std::optional<protocol::ServiceLimits>& limits,
                         const vcard::Card& card, const std::vector<xmpp::Jid>& recipients) {
    if (!limits) return Ok{};
    if (auto ok = check_card(service, *limits, card_bytes(card)); !ok) return ok;
    // Measured with an id as the client gives one, so that the size is the submit's as sent.
    return check_copy(service, *limits,
                      stanza_bytes(submit_request(service, card, recipients, new_submit_id())));
}

Status check_set_size(const xmpp::Jid& service,
                      const std::optional<protocol::ServiceLimits>& limits,
                      const vcard::Card& card) {
    if (!limits) return Ok{};
    const std::size_t bytes = card_bytes(card);
    if (auto ok = check_card(service, *limits, bytes); !ok) return ok;
    const std::uint64_t max = limits->max_copy_bytes;
    if (max == 0 || bytes + kSetCopyRoom <= max) return Ok{};
    return make_error("the card has " + std::to_string(bytes) + " bytes; a set's card at " +
                      service.str() + " has at most " +
                      std::to_string(max > kSetCopyRoom ? max - kSetCopyRoom : 0) +
                      ", so that its copies stay within " + std::to_string(max) +
                      " bytes (max-copy-bytes), since " + std::string(kWhy));
}

Status check_exchange_size(const protocol::TokenUri& token,
                           const std::optional<protocol::ServiceLimits>& limits,
                           const vcard::Card& card) {
    if (!limits) return Ok{};
    if (auto ok = check_card(token.service, *limits, card_bytes(card)); !ok) return ok;
    return check_copy(token.service, *limits, stanza_bytes(exchange_request(token, card)));
}

}  // namespace cardex::client::exchange
