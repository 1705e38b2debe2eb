#include "client/exchange/card_sender.hpp"

#include <openssl/rand.h>

#include <algorithm>
#include <array>
#include <stdexcept>

#include "client/exchange/service_requests.hpp"
#include "core/text/base64url.hpp"

namespace cardex::client::exchange {

struct CardSender::Submission {
    xmpp::Iq request;
    std::string id;
    int attempts = 0;
    std::chrono::milliseconds pause{};
    SteadyTime due{};
    Done done;
};

bool worth_repeating(const Result<xmpp::Iq>& answer) {
    if (!answer) return true;  // no answer: the request or its answer was lost
    if (answer->type != xmpp::IqType::error || !answer->error) return false;
    const auto& error = *answer->error;
    if (protocol::parse_protocol_error(error)) return false;  // the service's own refusal
    return error.type == xmpp::ErrorType::wait || error.condition == "remote-server-timeout" ||
           error.condition == "remote-server-not-found" || error.condition == "service-unavailable";
}

std::string send_failure(const SendOutcome& outcome, const xmpp::Jid& service) {
    const std::string tries =
        outcome.attempts > 1 ? " (after " + std::to_string(outcome.attempts) + " attempts)" : "";
    const auto& reply = outcome.reply;
    if (!reply) return service.str() + tries + ": " + reply.error().message;
    if (!reply->ok())
        return service.str() + " refused the card" + tries + ": " + explain(*reply->error);
    return {};
}

std::vector<book::SentCard> sent_records(const xmpp::Jid& service,
                                         const std::vector<protocol::DeliveryRef>& deliveries,
                                         const std::string& contact_uid,
                                         const std::string& contact_name, protocol::Timestamp now) {
    std::vector<book::SentCard> sent;
    for (const auto& d : deliveries) {
        sent.push_back({service.str(), d.id, d.to.bare_str(), contact_uid, contact_name, now,
                        protocol::DeliveryState::pending, 0, now, std::nullopt});
    }
    return sent;
}

std::string new_submit_id() {
    std::array<unsigned char, 16> bytes{};
    if (RAND_bytes(bytes.data(), static_cast<int>(bytes.size())) != 1)
        throw std::runtime_error("no random bytes for a submit id");
    return base64url(bytes.data(), bytes.size());
}

CardSender::CardSender(CardAgent& agent, SendPolicy policy) : agent_(agent), policy_(policy) {}

void CardSender::send(const xmpp::Jid& service, const vcard::Card& card,
                      const std::vector<xmpp::Jid>& recipients, Done done,
                      protocol::CardForm form) {
    const std::string id = new_submit_id();
    xmpp::Iq request = submit_request(service, card, recipients, id, form);
    start(std::move(request), id, std::move(done));
}

void CardSender::send_set(const xmpp::Jid& service, const std::string& set,
                          const std::vector<xmpp::Jid>& recipients, Done done) {
    const std::string id = new_submit_id();
    xmpp::Iq request = submit_set_request(service, set, recipients, id);
    start(std::move(request), id, std::move(done));
}

void CardSender::start(xmpp::Iq request, std::string submit_id, Done done) {
    auto s = std::make_shared<Submission>();
    s->id = std::move(submit_id);
    s->request = std::move(request);
    s->pause = policy_.first_pause;
    s->done = std::move(done);
    ++in_progress_;
    attempt(s);
}

void CardSender::attempt(const std::shared_ptr<Submission>& s) {
    ++s->attempts;
    agent_.request(
        s->request, [this, s](const Result<xmpp::Iq>& answer) { answered(s, answer); },
        policy_.answer_timeout);
}

void CardSender::answered(const std::shared_ptr<Submission>& s, const Result<xmpp::Iq>& answer) {
    if (worth_repeating(answer) && s->attempts < policy_.attempts) {
        s->due = agent_.now() + s->pause;
        s->pause *= 2;
        waiting_.push_back(s);
        return;
    }
    --in_progress_;
    SendOutcome outcome{answer ? read_submitted(*answer)
                               : Result<ServiceReply<protocol::Submitted>>(answer.error()),
                        s->attempts, s->id};
    s->done(std::move(outcome));
}

void CardSender::tick() {
    const SteadyTime now = agent_.now();
    std::vector<std::shared_ptr<Submission>> due;
    const auto split =
        std::stable_partition(waiting_.begin(), waiting_.end(),
                              [now](const std::shared_ptr<Submission>& s) { return s->due > now; });
    due.assign(split, waiting_.end());
    waiting_.erase(split, waiting_.end());
    for (const auto& s : due)
        attempt(s);
}

}  // namespace cardex::client::exchange
