// IqRouter: dispatches request IQs (get/set) by payload element to their handler, and answers
// every request nobody handles with service-unavailable (RFC 6120 8.4), so each request gets
// exactly one reply.
#pragma once

#include <functional>
#include <map>
#include <string>
#include <utility>

#include "core/xmpp/stanza.hpp"

namespace cardex::component {

class IqRouter {
  public:
    // A handler answers by calling `reply` exactly once, now or later.
    using Reply = std::function<void(xmpp::Iq)>;
    using Handler = std::function<void(const xmpp::Iq& request, const Reply& reply)>;

    void add(xmpp::IqType type, std::string ns, std::string name, Handler handler);
    // Handles the requests in namespace `ns` that no handler was added for (instead of the
    // default service-unavailable).
    void set_fallback(std::string ns, Handler handler);
    // Routes a get or set request; `reply` sends the answer.
    void route(const xmpp::Iq& request, const Reply& reply) const;

  private:
    std::map<std::tuple<xmpp::IqType, std::string, std::string>, Handler> handlers_;
    std::map<std::string, Handler> fallbacks_;
};

}  // namespace cardex::component
