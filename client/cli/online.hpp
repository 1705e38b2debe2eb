// Going online for a command: logging in with the profile's account, finding the home card
// service, and showing what arrives while online (cards, receipts, other messages, problems).
#pragma once

#include <memory>
#include <optional>

#include "client/cli/context.hpp"
#include "client/exchange/home_service.hpp"
#include "client/session/card_session.hpp"

namespace cardex::cli {

// Whether to follow a card set (`cardex config --follow`): on, off, or ask: a question on the
// terminal about `what` ("alice@a.test's card set work"); without a terminal, no.
bool want_to_follow(Context& ctx, const std::string& what);

// A logged-in session with the agent's events printed on ctx.out / ctx.err; nullptr after
// reporting why not (exit code kCannotLogIn, or kFailed/kUsage for a bad account).
std::unique_ptr<client::CardSession> go_online(Context& ctx, bool presence);

// The home card service: --service or the account's, else the one found by disco before
// (remembered in the book), else found by disco now. nullopt after reporting why.
std::optional<client::exchange::CardService> home_service(Context& ctx,
                                                          client::CardSession& session);

// Synchronises with the home service, every service that ever delivered a card and every one
// that delivered a card in this session; prints a summary. Returns the exit code: kPartly when
// some received cards could not be saved (they still wait at their service; the summary says
// how many).
int sync_all(Context& ctx, client::CardSession& session);

}  // namespace cardex::cli
