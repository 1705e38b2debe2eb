#include "component/service/iq_router.hpp"

namespace cardex::component {

void IqRouter::add(xmpp::IqType type, std::string ns, std::string name, Handler handler) {
    handlers_[{type, std::move(ns), std::move(name)}] = std::move(handler);
}

void IqRouter::set_fallback(std::string ns, Handler handler) {
    fallbacks_[std::move(ns)] = std::move(handler);
}

void IqRouter::route(const xmpp::Iq& request, const Reply& reply) const {
    const auto it = handlers_.find({request.type, request.payload->ns, request.payload->name});
    if (it == handlers_.end()) {
        if (const auto fallback = fallbacks_.find(request.payload->ns);
            fallback != fallbacks_.end()) {
            return fallback->second(request, reply);
        }
        reply(xmpp::error_reply(request, {xmpp::ErrorType::cancel, "service-unavailable",
                                          "this service does not handle <" + request.payload->name +
                                              " xmlns='" + request.payload->ns + "'/>",
                                          std::nullopt}));
        return;
    }
    it->second(request, reply);
}

}  // namespace cardex::component
