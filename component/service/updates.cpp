#include "component/service/updates.hpp"

#include "component/service/ids.hpp"
#include "core/protocol/sets.hpp"
#include "core/xmpp/namespaces.hpp"

namespace cardex::component {

std::shared_ptr<store::NewCard> store_updates(store::Stores& s, const std::string& owner,
                                              const std::string& name, std::uint64_t version,
                                              const std::string& xml, protocol::Timestamp now) {
    const auto followers = s.sets.followers(owner, name);
    if (followers.empty()) return nullptr;
    auto card = std::make_shared<store::NewCard>(
        store::NewCard{owner,
                       now,
                       xml,
                       {},
                       std::nullopt,
                       content_digest(xml),
                       store::CardOrigin{name, version, std::nullopt, true}});
    for (const auto& follower : followers)
        card->deliveries.push_back({delivery_id(), follower});
    s.deliveries.add_card(*card, store::kCountAll, now);  // updates are not limited
    return card;
}

void follow_by_ack(store::Stores& s, const protocol::Ack& ack, const store::FinalDelivery& final,
                   protocol::Timestamp now) {
    if (!final.origin.set) return;
    const std::string& set = *final.origin.set;
    if (final.state == protocol::DeliveryState::acked && ack.follow) {
        s.sets.follow(final.sender, set, final.recipient, now);
    } else if (final.state == protocol::DeliveryState::rejected && final.origin.update) {
        s.sets.unfollow(final.sender, set, final.recipient);
    }
}

void unfollow_expired(store::Stores& s, const std::vector<store::FinalDelivery>& expired) {
    for (const auto& final : expired) {
        if (final.origin.update && final.origin.set)
            s.sets.unfollow(final.sender, *final.origin.set, final.recipient);
    }
}

Updates::Updates(RequestSupport& support, store::StoreExecutor& store, Clock& clock,
                 UpdatesPolicy policy)
    : support_(support), store_(store), clock_(clock), policy_(policy) {}

void Updates::register_with(IqRouter& router) {
    if (!policy_.enabled) return;
    router.add(xmpp::IqType::set, std::string(ns::kBizcard), "unfollow",
               support_.admitting([this](const xmpp::Iq& request, const Reply& reply) {
                   unfollow(request, reply);
               }));
}

void Updates::describe(protocol::ServiceInfo& info) const {
    info.features.updates = policy_.enabled;
}

void Updates::unfollow(const xmpp::Iq& request, const Reply& reply) {
    auto asked = protocol::parse_unfollow(*request.payload);
    if (!asked) return support_.malformed(request, reply, asked.error());
    store_.run<bool>(
        [owner = asked->from.bare_str(), set = asked->set, follower = request.from->bare_str(),
         now = clock_.now()](store::Stores& s) {
            s.deliveries.make_capable(follower, now);
            return s.sets.unfollow(owner, set, follower);
        },
        [this, request = request_head(request), reply, owner = asked->from.bare_str(),
         set = asked->set](Result<bool> removed) {
            if (!removed) return support_.store_failed(request, reply, removed.error());
            if (*removed) {
                support_.log()->info("{} no longer follows card set '{}' of {}",
                                     request.from->bare_str(), set, owner);
            }
            reply(xmpp::result_reply(request));
        });
}

}  // namespace cardex::component
