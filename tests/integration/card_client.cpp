#include "tests/integration/card_client.hpp"

#include "core/vcard/reader.hpp"
#include "core/xmpp/namespaces.hpp"
#include "tests/integration/federation_env.hpp"

namespace cardex::testing {
namespace {

template <class T>
using Parser = Result<T> (*)(const xml::Element&);

template <class T>
Result<Reply<T>> decode(Result<xmpp::Iq> answer, Parser<T> parse) {
    if (!answer) return answer.error();
    return client::exchange::decode_reply<T>(*answer, parse);
}

xml::Element submit_payload(const vcard::Card& card, const std::vector<std::string>& recipients,
                            std::optional<std::string> submit_id = std::nullopt) {
    protocol::Submit submit;
    for (const auto& recipient : recipients)
        submit.recipients.push_back(*xmpp::Jid::parse(recipient));
    submit.card = card;
    submit.id = std::move(submit_id);
    return protocol::serialize(submit);
}

}  // namespace

CardClient::CardClient(const std::string& user) : session_(Federation::get().account(user)) {
    session_.on_stanza = [this](const xml::Element& stanza) { handle(stanza); };
}

Status CardClient::connect(bool presence) {
    if (auto ok = session_.connect(); !ok) return ok;
    if (!presence) return Ok{};
    session_.send_presence();
    // The server handles a client's stanzas in order: once it answers a ping sent after the
    // presence, the user is available, and messages to him no longer go to offline storage.
    xmpp::Iq ping;
    ping.to = xmpp::Jid{{}, jid().domain, {}};
    ping.payload = xml::Element("ping", std::string(ns::kPing));
    auto reply = session_.request(std::move(ping), kRequestTimeout);
    if (!reply)
        return make_error("no answer to a ping after the presence: " + reply.error().message);
    return Ok{};
}

Result<xmpp::Iq> CardClient::request(const std::string& service, xmpp::IqType type,
                                     xml::Element payload) {
    xmpp::Iq iq;
    iq.type = type;
    iq.to = *xmpp::Jid::parse(service);
    iq.payload = std::move(payload);
    return session_.request(std::move(iq), kRequestTimeout);
}

std::string CardClient::send_request(const std::string& service, xmpp::IqType type,
                                     xml::Element payload) {
    xmpp::Iq iq;
    iq.type = type;
    iq.id = "pipelined-" + std::to_string(++sent_);
    iq.to = *xmpp::Jid::parse(service);
    iq.payload = std::move(payload);
    session_.send(xmpp::serialize(iq, ns::kClient));
    return iq.id;
}

Result<Reply<protocol::Submitted>> CardClient::submit(const std::string& service,
                                                      const vcard::Card& card,
                                                      const std::vector<std::string>& recipients) {
    return decode(request(service, xmpp::IqType::set, submit_payload(card, recipients)),
                  &protocol::parse_submitted);
}

Result<Reply<Ok>> CardClient::ack(const std::string& service, const std::string& delivery_id,
                                  protocol::AckStatus status, std::optional<std::string> reason) {
    auto answer = request(service, xmpp::IqType::set,
                          protocol::serialize(protocol::Ack{delivery_id, status, false, reason}));
    if (!answer) return answer.error();
    return client::exchange::decode_empty_reply(*answer);
}

Result<Reply<protocol::SyncResult>> CardClient::sync(const std::string& service,
                                                     protocol::CardForm form) {
    if (auto_ack_) {
        for (const auto& [key, card] : cards_)
            if (key.first == service && acked_.count(key) == 0) send_ack(key);
    }
    return decode(request(service, xmpp::IqType::set, protocol::serialize(protocol::Sync{form})),
                  &protocol::parse_sync_result);
}

Result<Reply<protocol::StatusResult>> CardClient::status(
    const std::string& service, const std::vector<std::string>& delivery_ids) {
    auto query = protocol::serialize(protocol::StatusQuery{delivery_ids});
    return decode(request(service, xmpp::IqType::get, std::move(query)),
                  &protocol::parse_status_result);
}

std::string CardClient::send_submit(const std::string& service, const vcard::Card& card,
                                    const std::vector<std::string>& recipients,
                                    std::optional<std::string> submit_id) {
    const std::string id = send_request(service, xmpp::IqType::set,
                                        submit_payload(card, recipients, std::move(submit_id)));
    pending_submits_.insert(id);
    return id;
}

std::optional<Reply<protocol::Submitted>> CardClient::submit_reply(const std::string& iq_id) const {
    const auto it = submit_answers_.find(iq_id);
    if (it == submit_answers_.end()) return std::nullopt;
    auto reply =
        client::exchange::decode_reply<protocol::Submitted>(it->second, &protocol::parse_submitted);
    if (!reply) {  // a result that does not parse counts as a failure, with the reason

        Reply<protocol::Submitted> broken;
        broken.error = xmpp::StanzaError{xmpp::ErrorType::cancel,
                                         "undefined-condition",
                                         "unreadable result: " + reply.error().message,
                                         {}};
        return broken;
    }
    return std::move(reply).value();
}

std::size_t CardClient::stored_of(const std::string& service,
                                  const std::set<std::string>& ids) const {
    std::size_t n = 0;
    for (const auto& id : ids)
        n += cards_.count({service, id});
    return n;
}

std::size_t CardClient::receipts_for(const std::string& delivery_id) const {
    std::size_t n = 0;
    for (const auto& r : receipts_)
        n += r.receipt.id == delivery_id ? 1 : 0;
    return n;
}

bool CardClient::run_until(const std::function<bool()>& done, std::chrono::milliseconds timeout) {
    return session_.run_until(done, timeout);
}

void CardClient::handle(const xml::Element& stanza) {
    if (stanza.name == "iq") return handle_answer(stanza);
    if (stanza.name == "message") return handle_message(stanza);
}

void CardClient::handle_answer(const xml::Element& stanza) {
    const std::string id(stanza.attr_or_empty("id"));
    if (pending_submits_.erase(id) > 0) {
        if (auto iq = xmpp::parse_iq(stanza)) submit_answers_.emplace(id, std::move(iq).value());
        return;
    }
    const auto ack = pending_acks_.find(id);
    if (ack == pending_acks_.end()) return;
    const auto iq = xmpp::parse_iq(stanza);
    if (iq && iq->type == xmpp::IqType::result && !iq->payload) {
        acked_.insert(ack->second);
    } else {
        ++ack_errors_;
    }
    pending_acks_.erase(ack);
}

void CardClient::handle_message(const xml::Element& stanza) {
    if (stanza.attr_or_empty("type") == "error") return;  // a bounce of something we sent
    if (stanza.child("card", ns::kBizcard) != nullptr) {
        auto message = protocol::parse_delivery_message(stanza);
        if (message) return store(*message, stanza.child("delay", ns::kDelay) != nullptr);
        malformed_.push_back(message.error().message);
    } else if (stanza.child("receipt", ns::kBizcard) != nullptr) {
        auto message = protocol::parse_receipt_message(stanza);
        if (!message) return malformed_.push_back(message.error().message);
        for (auto& r : protocol::each_receipt(*message))
            receipts_.push_back(std::move(r));
    }
}

void CardClient::store(const protocol::DeliveryMessage& message, bool delayed) {
    const DeliveryKey key{message.envelope.from.str(), message.delivery.id};
    ++raw_copies_;
    auto it = cards_.try_emplace(key, StoredCard{message.delivery, 0, 0}).first;
    ++it->second.copies;
    if (delayed) ++it->second.delayed_copies;
    if (auto_ack_ && acked_.count(key) == 0) send_ack(key);
}

void CardClient::send_ack(const DeliveryKey& key) {
    const protocol::Ack ack{key.second, protocol::AckStatus::saved, false, std::nullopt};
    const std::string iq_id = send_request(key.first, xmpp::IqType::set, protocol::serialize(ack));
    pending_acks_.emplace(iq_id, key);
}

bool run_all_until(std::initializer_list<CardClient*> clients, const std::function<bool()>& done,
                   std::chrono::milliseconds timeout) {
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    while (!done() && std::chrono::steady_clock::now() < deadline) {
        for (CardClient* client : clients)
            client->run_for(std::chrono::milliseconds(1));
    }
    return done();
}

vcard::Card test_card(const std::string& name, const std::string& uid) {
    static constexpr std::string_view kFields =
        "ORG:Example Widgets GmbH;Sales\r\n"
        "TITLE:Head of Sales\r\n"
        "TEL;VALUE=uri;TYPE=work,voice;PREF=1:tel:+49-30-1234567\r\n"
        "EMAIL;TYPE=work:sales@example.org\r\n"
        "ADR;TYPE=work:;;Friedrichstraße 100;Berlin;;10117;Germany\r\n"
        "NOTE:Met at the fair\\, stand 4 – ✓\r\n";
    const std::string text = "BEGIN:VCARD\r\nVERSION:4.0\r\nUID:" + uid + "\r\nFN:" + name +
                             "\r\nN:" + name + ";;;;\r\n" + std::string(kFields) + "END:VCARD\r\n";
    return vcard::read_vcard_text(text).cards.at(0);
}

}  // namespace cardex::testing
