// Finding the user's home card service (the draft's "Discovering Support"): the items of the
// user's own server (XEP-0030 disco#items), then the information of each item in turn; the
// first that advertises urn:xmpp:bizcard:0 is the home service.
#pragma once

#include <functional>

#include "client/book/address_book.hpp"
#include "client/exchange/card_agent.hpp"
#include "core/protocol/service_info.hpp"
#include "core/result.hpp"
#include "core/xmpp/jid.hpp"

namespace cardex::client::exchange {

struct CardService {
    xmpp::Jid jid;
    protocol::ServiceInfo info;
    // False for a service known from before that did not answer now (not connected to its
    // server, restarting): its information and limits are the draft's defaults.
    bool answered = true;
};

// How to send it a card: as text where it said it takes that (urn:xmpp:bizcard:0#text), else
// as xCard (also when it did not answer now).
protocol::CardForm submit_form(const CardService& service);

using ServiceFound = std::function<void(Result<CardService>)>;

// `done` gets the service, or an Error saying what was asked and why nothing qualified.
void find_home_service(CardAgent& agent, ServiceFound done);
// Asks one entity for its information; an Error when it is not a card service.
void describe_service(CardAgent& agent, const xmpp::Jid& entity, ServiceFound done);
// The same for a service the user already knows as a card service: when it does not answer
// now, or the servers on the way say it is not connected, `done` gets it unanswered (see
// CardService::answered) instead of an Error, so that requests to it can still be tried.
void describe_known_service(CardAgent& agent, const xmpp::Jid& entity, ServiceFound done);

// The user's home card service, as every front end finds it: the account's `configured` service
// (a JID; taken even when it does not answer now), else the one found before and remembered in
// the book for the account, if it still answers, else the one disco finds now, which the book
// then remembers (a book that cannot is told to the agent's problem event).
void locate_home_service(CardAgent& agent, book::AddressBook& book, const std::string& configured,
                         ServiceFound done);

}  // namespace cardex::client::exchange
