#include "client/exchange/home_service.hpp"

#include <memory>
#include <vector>

#include "client/exchange/card_sender.hpp"
#include "client/exchange/service_requests.hpp"
#include "core/xmpp/disco.hpp"

namespace cardex::client::exchange {
namespace {

struct Search {
    CardAgent& agent;
    xmpp::Jid server;
    std::vector<xmpp::Jid> items;
    std::size_t next = 0;
    std::vector<std::string> refusals;  // why each item did not qualify
    ServiceFound done;
};

void try_next(const std::shared_ptr<Search>& search) {
    if (search->next == search->items.size()) {
        std::string why = "no card service among the " + std::to_string(search->items.size()) +
                          " services of " + search->server.str();
        for (const auto& r : search->refusals)
            why += "\n  " + r;
        search->done(make_error(why + "\n(give the service with --service JID)"));
        return;
    }
    const xmpp::Jid item = search->items[search->next++];
    describe_service(search->agent, item, [search, item](Result<CardService> found) {
        if (found) return search->done(std::move(found));
        search->refusals.push_back(found.error().message);
        try_next(search);
    });
}

// The card service that answered `answer`, or why `entity` is none.
void describe_answer(const xmpp::Jid& entity, const Result<xmpp::Iq>& answer,
                     const ServiceFound& done) {
    if (!answer) return done(answer.error());
    auto reply = read_disco_info(*answer);
    if (!reply) return done(make_error(entity.str() + ": " + reply.error().message));
    if (!reply->ok()) return done(make_error(entity.str() + " answered " + describe(reply->error)));
    if (!answer->payload) return done(make_error(entity.str() + ": empty disco#info"));
    auto info = protocol::parse_service_info(*answer->payload);
    if (!info) return done(make_error(entity.str() + ": " + info.error().message));
    done(CardService{entity, std::move(info).value(), true});
}

}  // namespace

void describe_service(CardAgent& agent, const xmpp::Jid& entity, ServiceFound done) {
    agent.request(disco_info_request(entity), [entity, done](const Result<xmpp::Iq>& answer) {
        describe_answer(entity, answer, done);
    });
}

void describe_known_service(CardAgent& agent, const xmpp::Jid& entity, ServiceFound done) {
    agent.request(disco_info_request(entity), [entity, done](const Result<xmpp::Iq>& a) {
        if (!worth_repeating(a)) return describe_answer(entity, a, done);
        CardService known{entity, {}, false};
        known.info.limits.reset();
        done(std::move(known));
    });
}

void find_home_service(CardAgent& agent, ServiceFound done) {
    const xmpp::Jid server{{}, agent.own_jid().domain, {}};
    agent.request(
        disco_items_request(server), [&agent, server, done](const Result<xmpp::Iq>& answer) {
            if (!answer) return done(answer.error());
            auto reply = read_disco_items(*answer);
            if (!reply) return done(make_error(server.str() + ": " + reply.error().message));
            if (!reply->ok()) {
                return done(make_error(server.str() +
                                       " does not list its services: " + describe(reply->error)));
            }
            auto search = std::make_shared<Search>(Search{agent, server, {}, 0, {}, done});
            for (const auto& item : *reply->value) {
                auto jid = xmpp::Jid::parse(item.jid);
                if (jid && item.node.empty()) search->items.push_back(std::move(jid).value());
            }
            try_next(search);
        });
}

namespace {

// Disco now; the book remembers what it found.
void discover(CardAgent& agent, book::AddressBook& book, ServiceFound done) {
    find_home_service(agent, [&agent, &book, done](Result<CardService> found) {
        if (found) {
            if (auto ok = book.set_home_service(agent.own_jid().bare_str(), found->jid.str());
                !ok && agent.events.problem)
                agent.events.problem(ok.error().message);
        }
        done(std::move(found));
    });
}

}  // namespace

void locate_home_service(CardAgent& agent, book::AddressBook& book, const std::string& configured,
                         ServiceFound done) {
    if (!configured.empty()) {
        auto jid = xmpp::Jid::parse(configured);
        if (!jid)
            return done(
                make_error("the card service '" + configured + "': " + jid.error().message));
        return describe_known_service(agent, *jid, std::move(done));
    }
    // The one found before, unless it is no longer there: then disco again.
    auto known = book.home_service(agent.own_jid().bare_str());
    std::optional<xmpp::Jid> before;
    if (known && *known) {
        if (auto jid = xmpp::Jid::parse(**known)) before = std::move(jid).value();
    }
    if (!before) return discover(agent, book, std::move(done));
    describe_known_service(agent, *before, [&agent, &book, done](Result<CardService> found) {
        if (found) return done(std::move(found));
        discover(agent, book, done);
    });
}

protocol::CardForm submit_form(const CardService& service) {
    return service.answered && service.info.features.text ? protocol::CardForm::text
                                                          : protocol::CardForm::xcard;
}

}  // namespace cardex::client::exchange
