// One request to a card service from a command, waiting for its answer and reading it with
// the protocol's codec (client/exchange): the reply, or nullopt after saying why there was
// none (no answer, an answer that does not read).
#pragma once

#include <optional>

#include "client/cli/context.hpp"
#include "client/exchange/replies.hpp"
#include "client/session/card_session.hpp"
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

}  // namespace cardex::cli
