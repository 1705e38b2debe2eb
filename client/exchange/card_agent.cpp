#include "client/exchange/card_agent.hpp"

#include <openssl/rand.h>

#include <algorithm>

#include "client/exchange/client_features.hpp"
#include "client/exchange/forwarded.hpp"
#include "core/protocol/syntax.hpp"
#include "core/xmpp/disco.hpp"
#include "core/xmpp/namespaces.hpp"

namespace cardex::client::exchange {
namespace {

std::string random_prefix() {
    unsigned char bytes[6] = {};
    RAND_bytes(bytes, sizeof bytes);
    static constexpr char kDigits[] = "0123456789abcdef";
    std::string out = "cx";
    for (unsigned char b : bytes) {
        out.push_back(kDigits[b >> 4]);
        out.push_back(kDigits[b & 0xF]);
    }
    return out + "-";
}

// A card service: a domain JID, without localpart or resource.
std::optional<xmpp::Jid> service_jid(const xml::Element& stanza) {
    auto jid = xmpp::Jid::parse(stanza.attr_or_empty("from"));
    if (!jid || !jid->local.empty() || !jid->resource.empty()) return std::nullopt;
    return std::move(jid).value();
}

// Errors after which an ack is worth sending again later: the service or the way to it is
// away for now (Prosody bounces stanzas to a component that is not connected).
bool is_temporary(const xmpp::StanzaError& e) {
    return e.type == xmpp::ErrorType::wait || e.condition == "remote-server-timeout" ||
           e.condition == "remote-server-not-found" || e.condition == "internal-server-error" ||
           e.condition == "recipient-unavailable";
}

xmpp::StanzaError unavailable() {
    return xmpp::StanzaError{xmpp::ErrorType::cancel, "service-unavailable", {}, {}};
}

}  // namespace

CardAgent::CardAgent(book::AddressBook& book, StanzaSink& sink, xmpp::Jid own, AgentOptions options)
    : book_(book),
      sink_(sink),
      own_(std::move(own)),
      options_(std::move(options)),
      id_prefix_(random_prefix()) {}

SteadyTime CardAgent::now() const {
    return options_.clock ? options_.clock() : std::chrono::steady_clock::now();
}

void CardAgent::problem(const std::string& what) const {
    if (events.problem) events.problem(what);
}

bool CardAgent::handle(const xml::Element& stanza) {
    if (stanza.name == "iq") return handle_iq(stanza);
    if (stanza.name == "message") return handle_message(stanza);
    return false;
}

std::string CardAgent::request(xmpp::Iq iq, Answer done,
                               std::optional<std::chrono::milliseconds> timeout) {
    iq.id = id_prefix_ + std::to_string(++next_id_);
    const xmpp::Jid to = iq.to.value_or(own_.bare());
    const auto wait = timeout.value_or(options_.request_timeout);
    pending_.emplace(iq.id, Pending{to, now() + wait, wait, std::move(done)});
    sink_.send(xmpp::serialize(iq, ns::kClient));
    return iq.id;
}

void CardAgent::expire_requests() {
    const SteadyTime t = now();
    for (auto it = pending_.begin(); it != pending_.end();) {
        if (it->second.deadline > t) {
            ++it;
            continue;
        }
        Pending expired = std::move(it->second);
        it = pending_.erase(it);
        const auto seconds =
            std::chrono::duration_cast<std::chrono::seconds>(expired.timeout).count();
        expired.done(make_error("no answer from " + expired.to.str() + " within " +
                                std::to_string(seconds) + " s"));
    }
}

void CardAgent::abandon_requests(const std::string& why) {
    auto abandoned = std::move(pending_);
    pending_.clear();
    for (auto& [id, p] : abandoned)
        p.done(make_error(why));
}

bool CardAgent::handle_iq(const xml::Element& stanza) {
    const auto type = stanza.attr_or_empty("type");
    if (type == "result" || type == "error") return handle_answer(stanza);
    if (type != "get" && type != "set") return false;
    const bool ours = std::any_of(stanza.children.begin(), stanza.children.end(),
                                  [](const xml::Element& c) { return c.ns == ns::kBizcard; });
    if (!options_.answer_iqs && !ours) return false;
    answer_request(stanza);
    return true;
}

// An answer counts only from the entity the request went to (an absent 'from' is the
// user's own account), so that nobody else can answer in its name.
bool CardAgent::handle_answer(const xml::Element& stanza) {
    const auto it = pending_.find(std::string(stanza.attr_or_empty("id")));
    if (it == pending_.end()) return false;
    auto from = xmpp::Jid::parse(stanza.attr_or_empty("from"));
    const xmpp::Jid sender = from ? *from : own_.bare();
    // No 'from' is the user's server answering for the account or for itself (RFC 6120 8.1.2.1).
    const bool own_server = !from && it->second.to == xmpp::Jid{"", own_.domain, ""};
    if (!(sender == it->second.to) && !own_server) return false;
    Pending answered = std::move(it->second);
    pending_.erase(it);
    answered.done(xmpp::parse_iq(stanza));
    return true;
}

void CardAgent::answer_request(const xml::Element& stanza) {
    auto iq = xmpp::parse_iq(stanza);
    if (!iq) return;  // nothing to answer: not even an id or a valid address
    const xml::Element* payload = iq->payload ? &*iq->payload : nullptr;
    xmpp::Iq reply;
    if (iq->type == xmpp::IqType::get && payload && payload->name == "query" &&
        payload->ns == ns::kDiscoInfo) {
        xmpp::DiscoInfo info = client_disco_info();
        info.node = std::string(payload->attr_or_empty("node"));
        reply = xmpp::result_reply(*iq, xmpp::serialize(info));
    } else if (iq->type == xmpp::IqType::get && payload && payload->name == "ping" &&
               payload->ns == ns::kPing) {
        reply = xmpp::result_reply(*iq);
    } else {
        reply = xmpp::error_reply(*iq, unavailable());
    }
    reply.from.reset();
    sink_.send(xmpp::serialize(reply, ns::kClient));
}

bool CardAgent::handle_message(const xml::Element& stanza) {
    if (stanza.attr_or_empty("type") == "error") return false;
    if (auto inner = forwarded_message(stanza, own_)) return handle_message(*inner);
    const xml::Element* card = stanza.child("card", ns::kBizcard);
    const xml::Element* receipt = stanza.child("receipt", ns::kBizcard);
    if (card == nullptr && receipt == nullptr) {
        const auto body = stanza.child_text("body", ns::kClient);
        auto from = xmpp::Jid::parse(stanza.attr_or_empty("from"));
        if (body && from && events.message) events.message(*from, std::string(*body));
        return false;
    }
    const auto service = service_jid(stanza);
    if (!service) {
        problem("ignored a card message from '" + std::string(stanza.attr_or_empty("from")) +
                "': cards come only from card services (a domain address)");
        return true;
    }
    if (card != nullptr) handle_card(*card, *service);
    // A receipt message may tell of several deliveries of the user's.
    for (const auto& child : stanza.children) {
        if (child.name == "receipt" && child.ns == ns::kBizcard) handle_receipt(child, *service);
    }
    return true;
}

void CardAgent::handle_card(const xml::Element& card, const xmpp::Jid& service) {
    const std::string from = service.str();
    auto& seen = activity_[from];
    ++seen.copies;
    seen.last_copy = now();
    auto delivery = protocol::parse_card_delivery(card);
    if (!delivery) return store_invalid(card, from, delivery.error().message);
    const vcard::Property* fn = delivery->card.first("FN");
    if (fn == nullptr || fn->first_value().find_first_not_of(" \t") == std::string::npos)
        return store_invalid(card, from, "The card has no formatted name (FN).");
    after_stored(book_.receive(*delivery, from), from, delivery->id, delivery->from.bare_str());
}

void CardAgent::store_invalid(const xml::Element& card, const std::string& service,
                              const std::string& reason) {
    const std::string id(card.attr_or_empty("id"));
    if (!protocol::is_opaque_id(id)) {
        problem("ignored a card from " + service + " without a usable delivery id: " + reason);
        return;
    }
    const std::string sender(card.attr_or_empty("from"));
    after_stored(book_.receive_invalid(service, id, sender, reason), service, id, sender);
}

// The ack goes out only once the book has committed the card; when the book could not store
// it, no ack is sent, so the service keeps the card and sends it again.
void CardAgent::after_stored(const Result<book::Receiving>& stored, const std::string& service,
                             const std::string& delivery_id, const std::string& sender) {
    if (!stored) {
        unsaved_[service].insert(delivery_id);
        problem("could not store the card from " + sender + " (" + service +
                "); it stays with the service: " + stored.error().message);
        // The next sync asks this service for the card, if the book can still take this much
        // (a smaller write than the card's); the error above already says why it may not.
        remember_service(service, /*quietly=*/true);
        return;
    }
    if (auto it = unsaved_.find(service); it != unsaved_.end()) it->second.erase(delivery_id);
    remember_service(service, /*quietly=*/false);
    const book::ReceivedCard& r = stored->record;
    const bool follow = !stored->duplicate && r.set && !r.update &&
                        r.state != book::ReceivedState::invalid && options_.follow &&
                        options_.follow(r);
    send_ack(service, r.delivery_id, r.ack_status(), r.reason, follow);
    if (events.card) events.card(*stored);
}

void CardAgent::send_ack(const std::string& service, const std::string& delivery_id,
                         protocol::AckStatus status, const std::optional<std::string>& reason,
                         bool follow) {
    if (!acks_in_flight_.insert({service, delivery_id}).second) return;  // answer still to come
    protocol::Ack ack{delivery_id, status, follow, reason};
    const std::size_t batch = std::min(options_.ack_batch, protocol::kMaxBatchAcks);
    if (batch <= 1 || single_ack_services_.contains(service))
        return send_one_ack(service, std::move(ack));
    auto& gathered = gathered_acks_[service];
    gathered.push_back(std::move(ack));
    if (gathered.size() >= batch) flush_acks(service);
}

void CardAgent::flush_acks() {
    while (!gathered_acks_.empty()) {
        const std::string service = gathered_acks_.begin()->first;  // flushing erases the key
        flush_acks(service);
    }
}

void CardAgent::flush_acks(const std::string& service) {
    const auto it = gathered_acks_.find(service);
    if (it == gathered_acks_.end()) return;
    std::vector<protocol::Ack> acks = std::move(it->second);
    gathered_acks_.erase(it);
    if (acks.empty()) return;
    if (acks.size() == 1) return send_one_ack(service, std::move(acks.front()));
    xmpp::Iq iq;
    iq.type = xmpp::IqType::set;
    iq.to = *xmpp::Jid::parse(service);
    iq.payload = protocol::serialize(protocol::AckBatch{acks});
    request(std::move(iq), [this, service, acks = std::move(acks)](Result<xmpp::Iq> answer) {
        batch_answered(service, acks, answer);
    });
}

void CardAgent::send_one_ack(const std::string& service, protocol::Ack ack) {
    xmpp::Iq iq;
    iq.type = xmpp::IqType::set;
    iq.to = *xmpp::Jid::parse(service);
    const std::string id = ack.id;
    iq.payload = protocol::serialize(ack);
    request(std::move(iq), [this, service, id](Result<xmpp::Iq> answer) {
        acks_in_flight_.erase({service, id});
        if (!answer) return;  // no answer: the ack stays unanswered in the book
        if (answer->type == xmpp::IqType::error && is_temporary(*answer->error)) return;
        ack_answered(service, id, answer->error);
    });
}

void CardAgent::batch_answered(const std::string& service, const std::vector<protocol::Ack>& acks,
                               const Result<xmpp::Iq>& answer) {
    for (const auto& ack : acks)
        acks_in_flight_.erase({service, ack.id});
    if (!answer) return;  // no answer: the acks stay unanswered in the book
    if (answer->type == xmpp::IqType::error) {
        if (is_temporary(*answer->error)) return;
        // A service of an earlier revision, or one that cannot take these together: one by one.
        single_ack_services_.insert(service);
        for (const auto& ack : acks)
            send_ack(service, ack.id, ack.status, ack.reason, ack.follow);
        return;
    }
    std::map<std::string, std::string> failed;
    if (answer->payload) {
        auto result = protocol::parse_ack_batch_result(*answer->payload);
        if (!result) {
            problem(service +
                    " answered acks with something unreadable: " + result.error().message);
        } else {
            for (auto& f : result->failed)
                failed.emplace(std::move(f.id), std::move(f.condition));
        }
    }
    for (const auto& ack : acks) {
        const auto it = failed.find(ack.id);
        ack_answered(service, ack.id,
                     it == failed.end() ? std::nullopt
                                        : std::optional(xmpp::StanzaError{
                                              xmpp::ErrorType::cancel, it->second, {}, {}}));
    }
}

// The service answered: the ack is done, also when it was refused (say why).
void CardAgent::ack_answered(const std::string& service, const std::string& delivery_id,
                             const std::optional<xmpp::StanzaError>& refusal) {
    if (refusal) {
        problem(service + " refused the ack of delivery " + delivery_id + ": " +
                refusal->condition + (refusal->text.empty() ? "" : " (" + refusal->text + ")"));
    }
    if (auto ok = book_.mark_ack_answered(service, delivery_id); !ok) problem(ok.error().message);
}

void CardAgent::resend_unanswered_acks(const std::string& service) {
    auto unanswered = book_.unanswered_acks(service);
    if (!unanswered) return problem(unanswered.error().message);
    for (const auto& r : *unanswered)
        send_ack(service, r.delivery_id, r.ack_status(), r.reason);
}

void CardAgent::handle_receipt(const xml::Element& element, const xmpp::Jid& service) {
    auto receipt = protocol::parse_receipt(element);
    if (!receipt) {
        problem("ignored an unreadable receipt from " + service.str() + ": " +
                receipt.error().message);
        return;
    }
    if (auto ok = book_.apply_receipt(service.str(), *receipt); !ok) problem(ok.error().message);
    if (events.receipt) events.receipt(service.str(), *receipt);
}

void CardAgent::remember_service(const std::string& service, bool quietly) {
    if (services_remembered_.contains(service)) return;
    auto ok = book_.remember_service(service);
    if (ok) {
        services_remembered_.insert(service);
    } else if (!quietly) {
        services_remembered_.insert(service);  // said once; not tried for every card
        problem(ok.error().message);
    }
}

std::vector<std::string> CardAgent::services_seen() const {
    std::vector<std::string> services;
    for (const auto& [service, activity] : activity_)
        services.push_back(service);
    return services;
}

ServiceActivity CardAgent::activity(const std::string& service) const {
    const auto it = activity_.find(service);
    return it == activity_.end() ? ServiceActivity{} : it->second;
}

std::size_t CardAgent::unsaved(const std::string& service) const {
    const auto it = unsaved_.find(service);
    return it == unsaved_.end() ? 0 : it->second.size();
}

}  // namespace cardex::client::exchange
