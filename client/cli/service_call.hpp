// One request to a card service from a command, waiting for its answer and reading it with
// the protocol's codec (client/exchange): the reply, or nullopt after saying why there was
// none (no answer, an answer that does not read).
#pragma once

#include <chrono>
#include <optional>
#include <string>

#include "client/cli/context.hpp"
#include "client/cli/online.hpp"
#include "client/exchange/replies.hpp"
#include "client/session/card_session.hpp"
#include "client/ui/token_text.hpp"
#include "core/xmpp/stanza.hpp"

namespace cardex::cli {

template <class T>
std::optional<client::exchange::ServiceReply<T>> ask_service(
    Context& ctx, client::CardSession& session, xmpp::Iq request,
    Result<client::exchange::ServiceReply<T>> (*read)(const xmpp::Iq&)) {
    const std::string to = request.to ? request.to->str() : std::string("the card service");
    auto answer = session.call(std::move(request));
    if (!answer) {
        ctx.fail(answer.error().message);
        return std::nullopt;
    }
    auto reply = read(*answer);
    if (!reply) {
        ctx.fail(to + ": " + reply.error().message);
        return std::nullopt;
    }
    return std::move(reply).value();
}

inline protocol::Timestamp now() {
    return std::chrono::time_point_cast<std::chrono::milliseconds>(
        std::chrono::system_clock::now());
}

// Says why `service` refused a request (about `set`, if it names one) and returns the exit
// code. An unusable token is the code's fault, not the service's: it is not named then.
template <class T>
int refused(Context& ctx, const xmpp::Jid& service, const client::exchange::ServiceReply<T>& reply,
            const std::string& set = {}) {
    const std::string why =
        client::ui::token_refusal_text(*reply.error, reply.protocol_error, now(), set);
    if (reply.failed_with(protocol::ErrorCondition::invalid_token)) return ctx.fail(why);
    return ctx.fail(service.str() + ": " + why);
}

// An answer of the home card service, and that service's address.
template <class T>
struct HomeAnswer {
    xmpp::Jid service;
    T value;
};

// A command's one request to the user's home card service: logs in (without presence), finds
// the service, sends `request(service)`, reads the answer with `read` and logs out. nullopt
// after saying why (ctx.exit_code is set): no login, no service, no answer, or a refusal.
template <class T, class Request>
std::optional<HomeAnswer<T>> ask_home_service(
    Context& ctx, Request request,
    Result<client::exchange::ServiceReply<T>> (*read)(const xmpp::Iq&),
    const std::string& set = {}) {
    auto session = go_online(ctx, false);
    if (!session) return std::nullopt;
    auto service = home_service(ctx, *session);
    if (!service) return std::nullopt;
    auto reply = ask_service(ctx, *session, request(service->jid), read);
    if (!reply) return std::nullopt;
    if (!reply->ok()) {
        refused(ctx, service->jid, *reply, set);
        return std::nullopt;
    }
    session->close();
    return HomeAnswer<T>{service->jid, std::move(*reply->value)};
}

}  // namespace cardex::cli
