#include "client/session/card_session.hpp"

#include "client/exchange/client_features.hpp"
#include "core/xmpp/namespaces.hpp"

namespace cardex::client {

CardSession::CardSession(SessionConfig config, book::AddressBook& book,
                         exchange::AgentOptions options)
    : session_(std::move(config)), book_(book), options_(std::move(options)) {
    session_.on_stanza = [this](const xml::Element& stanza) {
        if (agent_) agent_->handle(stanza);
    };
}

void CardSession::send(const xml::Element& stanza) {
    session_.send(stanza);
}

Status CardSession::connect(bool presence) {
    if (auto ok = session_.connect(); !ok) return ok;
    exchange::StanzaSink& sink = *this;
    sender_.reset();
    agent_ = std::make_unique<exchange::CardAgent>(book_, sink, session_.bound_jid(), options_);
    sender_ = std::make_unique<exchange::CardSender>(*agent_);
    if (!presence) return Ok{};
    return announce();
}

Status CardSession::announce() {
    xml::Element p("presence", std::string(ns::kClient));
    p.add_child(exchange::caps_element(exchange::client_disco_info()));
    session_.send(p);
    xmpp::Iq ping;
    ping.type = xmpp::IqType::get;
    ping.to = xmpp::Jid{{}, session_.bound_jid().domain, {}};
    ping.payload = xml::Element("ping", std::string(ns::kPing));
    auto answer = call(std::move(ping));
    if (!answer)
        return make_error("the server did not answer after the presence: " +
                          answer.error().message);
    return Ok{};
}

Result<xmpp::Iq> CardSession::call(xmpp::Iq iq) {
    std::optional<Result<xmpp::Iq>> answer;
    agent_->request(std::move(iq), [&answer](Result<xmpp::Iq> a) { answer = std::move(a); });
    run_until([&] { return answer.has_value(); }, options_.request_timeout + kAgentSlice);
    if (!answer) agent_->abandon_requests("connection lost: " + session_.last_error());
    return std::move(*answer);
}

Result<exchange::SendOutcome> CardSession::send_card(const xmpp::Jid& service,
                                                     const vcard::Card& card,
                                                     const std::vector<xmpp::Jid>& recipients,
                                                     protocol::CardForm form) {
    return wait_for_send(service, [&](exchange::CardSender::Done done) {
        sender_->send(service, card, recipients, std::move(done), form);
    });
}

Result<exchange::SendOutcome> CardSession::send_set(const xmpp::Jid& service,
                                                    const std::string& set,
                                                    const std::vector<xmpp::Jid>& recipients) {
    return wait_for_send(service, [&](exchange::CardSender::Done done) {
        sender_->send_set(service, set, recipients, std::move(done));
    });
}

Result<exchange::SendOutcome> CardSession::wait_for_send(
    const xmpp::Jid& service, const std::function<void(exchange::CardSender::Done)>& start) {
    std::optional<exchange::SendOutcome> outcome;
    start([&outcome](exchange::SendOutcome o) { outcome = std::move(o); });
    // Every attempt may wait its whole answer timeout, and the pauses double in between.
    const exchange::SendPolicy policy;
    const auto longest = policy.attempts * policy.answer_timeout +
                         (1 << policy.attempts) * policy.first_pause + kAgentSlice;
    run_until([&] { return outcome.has_value(); }, longest);
    if (!outcome) {
        agent_->abandon_requests("connection lost: " + session_.last_error());
        return make_error("the connection was lost before " + service.str() +
                          " answered: " + session_.last_error());
    }
    return std::move(*outcome);
}

bool CardSession::run_until(const std::function<bool()>& done, std::chrono::milliseconds timeout) {
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    while (!done()) {
        const auto now = std::chrono::steady_clock::now();
        if (now >= deadline || !session_.connected()) break;
        const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - now);
        session_.run_until(done, std::min(left, kAgentSlice));
        if (agent_) {
            agent_->flush_acks();
            agent_->expire_requests();
        }
        if (sender_) sender_->tick();
    }
    return done();
}

void CardSession::run_for(std::chrono::milliseconds duration) {
    run_until([] { return false; }, duration);
}

void CardSession::close(std::chrono::milliseconds timeout) {
    if (agent_ && session_.connected())
        run_until([this] { return agent_->acks_in_flight() == 0; }, timeout);
    session_.disconnect();
}

}  // namespace cardex::client
