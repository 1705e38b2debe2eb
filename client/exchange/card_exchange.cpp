#include "client/exchange/card_exchange.hpp"

#include <chrono>

#include "client/exchange/card_sender.hpp"
#include "client/exchange/card_size.hpp"
#include "client/exchange/set_requests.hpp"

namespace cardex::client::exchange {
namespace {

protocol::Timestamp now() {
    return std::chrono::time_point_cast<std::chrono::milliseconds>(
        std::chrono::system_clock::now());
}

// The outcome of an answered exchange: the owner's card kept, the shared card's delivery
// recorded.
Result<ServiceReply<ExchangeOutcome>> conclude(book::AddressBook& book,
                                               const protocol::TokenUri& token,
                                               const std::optional<SharedCard>& shared,
                                               const xmpp::Iq& answer) {
    auto reply = read_exchange(answer);
    if (!reply) return make_error(token.service.str() + ": " + reply.error().message);
    ServiceReply<ExchangeOutcome> out;
    out.error = std::move(reply->error);
    out.protocol_error = std::move(reply->protocol_error);
    if (!reply->ok()) return out;
    protocol::ExchangeResult& result = *reply->value;
    auto received = keep_owner_card(book, token, result.card);
    if (!received) return received.error();
    if (result.delivery && shared) {
        const std::string uid = [&] {
            const vcard::Property* p = shared->card.first("UID");
            return p ? p->first_value() : std::string();
        }();
        auto sent = sent_records(token.service, {*result.delivery}, uid,
                                 shared->card.formatted_name(), now());
        if (auto ok = book.record_sent(sent); !ok) return ok.error();
    }
    out.value = ExchangeOutcome{std::move(result.card), std::move(received).value(),
                                std::move(result.delivery)};
    return out;
}

}  // namespace

std::string exchange_delivery_id(const protocol::TokenUri& token, std::uint64_t version) {
    return "exchange-" + token.token + "-" + std::to_string(version);
}

Result<book::Receiving> keep_owner_card(book::AddressBook& book, const protocol::TokenUri& token,
                                        const protocol::OwnerCard& owner) {
    const vcard::Property* fn = owner.card.first("FN");
    if (fn == nullptr || fn->first_value().find_first_not_of(" \t") == std::string::npos)
        return make_error("the card " + token.service.str() + " gave has no formatted name (FN)");
    protocol::CardDelivery delivery;
    delivery.id = exchange_delivery_id(token, owner.version);
    delivery.from = owner.from.bare();
    delivery.stamp = now();
    delivery.set = owner.set;
    delivery.version = owner.version;
    delivery.via = protocol::Via::token;
    delivery.card = owner.card;
    const std::string service = token.service.str();
    auto received = book.receive(delivery, service);
    if (!received) return received.error();
    if (auto ok = book.mark_ack_answered(service, delivery.id); !ok) return ok.error();
    return received;
}

void exchange_cards(CardAgent& agent, book::AddressBook& book, const protocol::TokenUri& token,
                    const std::optional<SharedCard>& shared, ExchangeDone done, bool follow) {
    // The token's service is not asked for its limits: a card over the draft's defaults is not
    // given (the service checks against its own).
    if (shared) {
        if (auto fits = check_exchange_size(token, protocol::ServiceLimits{}, shared->card); !fits)
            return done(fits.error());
    }
    const std::optional<vcard::Card> card =
        shared ? std::optional(shared->card) : std::optional<vcard::Card>();
    agent.request(exchange_request(token, card, follow),
                  [&book, token, shared, done](Result<xmpp::Iq> answer) {
                      if (!answer) return done(answer.error());
                      done(conclude(book, token, shared, *answer));
                  });
}

}  // namespace cardex::client::exchange
