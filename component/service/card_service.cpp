#include "component/service/card_service.hpp"

#include "component/service/bounce_policy.hpp"
#include "component/service/ids.hpp"
#include "component/service/token_pages.hpp"
#include "core/protocol/messages.hpp"
#include "core/protocol/service_info.hpp"
#include "core/xmpp/namespaces.hpp"

namespace cardex::component {
namespace {

CourierOptions courier_options(const ServiceSettings& settings) {
    CourierOptions options = settings.courier;
    options.service = *xmpp::Jid::parse(settings.identity.jid);
    options.max_copy_bytes = settings.requests.limits.max_copy_bytes;
    return options;
}

bool updates_enabled(const ServiceSettings& settings) {
    return settings.updates.enabled && settings.sets.enabled;  // updates are of sets
}

DeliveryPolicy delivery_policy(const ServiceSettings& settings) {
    DeliveryPolicy policy;
    policy.limits = settings.requests.limits;
    policy.min_sync_interval = settings.requests.min_sync_interval;
    policy.max_queue = settings.requests.max_queue;
    policy.sets = settings.sets.enabled;
    policy.updates = updates_enabled(settings);
    return policy;
}

SetsPolicy sets_policy(const ServiceSettings& settings) {
    SetsPolicy policy = settings.sets;
    policy.max_card_bytes = settings.requests.limits.max_card_bytes;
    policy.max_copy_bytes = settings.requests.limits.max_copy_bytes;
    policy.updates = updates_enabled(settings);
    return policy;
}

UpdatesPolicy updates_policy(const ServiceSettings& settings) {
    return {updates_enabled(settings)};
}

TokenPolicy token_policy(const ServiceSettings& settings) {
    TokenPolicy policy = settings.tokens;
    policy.enabled = policy.enabled && settings.sets.enabled;  // a token points at a set
    policy.service = *xmpp::Jid::parse(settings.identity.jid);
    policy.max_card_bytes = settings.requests.limits.max_card_bytes;
    policy.max_pending_per_recipient = settings.requests.limits.max_pending_per_recipient;
    policy.updates = updates_enabled(settings);
    return policy;
}

protocol::Context context_of(xmpp::IqType type) {
    return type == xmpp::IqType::get ? protocol::Context::iq_get : protocol::Context::iq_set;
}

}  // namespace

CardService::CardService(StanzaChannel& channel, store::StoreExecutor& store, Clock& clock,
                         ServiceSettings settings, std::shared_ptr<spdlog::logger> log)
    : channel_(channel),
      store_(store),
      clock_(clock),
      settings_(std::move(settings)),
      log_(std::move(log)),
      courier_(channel_, store_, clock_, courier_options(settings_), log_),
      support_(settings_.requests.local_domains, log_),
      deliveries_(support_, store_, courier_, clock_, delivery_policy(settings_)),
      sets_(support_, store_, courier_, clock_, sets_policy(settings_)),
      tokens_(support_, store_, clock_, token_policy(settings_)),
      exchange_(support_, store_, courier_, clock_, token_policy(settings_)),
      updates_(support_, store_, clock_, updates_policy(settings_)),
      backups_(support_, store_, clock_, settings_.backups),
      features_{&deliveries_, &sets_, &tokens_, &exchange_, &updates_, &backups_} {
    register_basics();
    for (Feature* feature : features_)
        feature->register_with(router_);
}

void CardService::register_basics() {
    using xmpp::IqType;
    router_.add(IqType::get, std::string(ns::kDiscoInfo), "query",
                [this](const xmpp::Iq& request, const IqRouter::Reply& reply) {
                    if (!request.payload->attr_or_empty("node").empty()) {
                        return reply(xmpp::error_reply(
                            request, {xmpp::ErrorType::cancel, "item-not-found",
                                      "this service has no disco nodes", std::nullopt}));
                    }
                    reply(xmpp::result_reply(request, disco_info()));
                });
    router_.add(IqType::get, std::string(ns::kPing), "ping",
                [](const xmpp::Iq& request, const IqRouter::Reply& reply) {
                    reply(xmpp::result_reply(request));
                });
    router_.add(IqType::get, std::string(ns::kVersion), "query",
                [this](const xmpp::Iq& request, const IqRouter::Reply& reply) {
                    xml::Element version("query", std::string(ns::kVersion));
                    version.add_text_child("name", std::string(ns::kVersion), "cardexd");
                    version.add_text_child("version", std::string(ns::kVersion),
                                           settings_.identity.version);
                    reply(xmpp::result_reply(request, std::move(version)));
                });
    // Protocol elements this service does not answer: the wrong IQ type, or a feature it
    // does not offer.
    router_.set_fallback(std::string(ns::kBizcard), [](const xmpp::Iq& request,
                                                       const IqRouter::Reply& reply) {
        const auto& name = request.payload->name;
        const auto context = context_of(request.type);
        if (protocol::is_known_element(name) && !protocol::is_defined(name, context)) {
            return reply(xmpp::error_reply(
                request, {xmpp::ErrorType::modify, "bad-request",
                          "<" + name + "/> is not a request of type '" +
                              std::string(request.type == xmpp::IqType::get ? "get" : "set") + "'",
                          std::nullopt}));
        }
        reply(xmpp::error_reply(request,
                                {xmpp::ErrorType::cancel, "service-unavailable",
                                 "this service does not offer <" + name + "/>", std::nullopt}));
    });
}

xml::Element CardService::disco_info() const {
    protocol::ServiceInfo info;
    info.name = settings_.identity.name;
    info.other_features = {std::string(ns::kDiscoInfo), std::string(ns::kPing),
                           std::string(ns::kVersion)};
    info.features = {false, false, false, false};  // each module sets its own
    for (const Feature* feature : features_)
        feature->describe(info);
    return protocol::serialize(info);
}

void CardService::stop_accepting() {
    support_.set_accepting(false);
    courier_.stop();
}

void CardService::handle(xml::Element stanza) {
    if (stanza.name == "iq") return handle_iq(std::move(stanza));
    if (stanza.name == "message") return handle_message(stanza);
    log_->debug("ignoring <{}/> from {}", stanza.name, stanza.attr_or_empty("from"));
}

void CardService::handle_iq(xml::Element&& stanza) {
    auto iq = xmpp::parse_iq(std::move(stanza));
    if (!iq) return answer_malformed_iq(stanza, iq.error());
    if (iq->type == xmpp::IqType::result || iq->type == xmpp::IqType::error) return;
    router_.route(*iq, [this](const xmpp::Iq& reply) { send_iq(reply); });
}

// Answers what can be answered: addresses are echoed as received.
void CardService::answer_malformed_iq(const xml::Element& stanza, const Error& error) {
    log_->info("malformed <iq/> from {}: {}", stanza.attr_or_empty("from"), error.message);
    reply_error(stanza, {xmpp::ErrorType::modify, "bad-request", error.message, std::nullopt});
}

// An error for an IQ get or set of which only the head is known; nothing for other stanzas.
void CardService::reply_error(const xml::Element& head, const xmpp::StanzaError& error) {
    const auto type = head.attr_or_empty("type");
    if (head.name != "iq" || (type != "get" && type != "set") || !head.attr("id") ||
        !head.attr("from")) {
        return;
    }
    xml::Element reply("iq", std::string(ns::kComponentAccept));
    reply.set_attr("type", "error").set_attr("id", head.attr_or_empty("id"));
    reply.set_attr("to", head.attr_or_empty("from"));
    if (auto to = head.attr("to")) reply.set_attr("from", *to);
    reply.add_child(serialize(error, ns::kComponentAccept));
    channel_.send(reply);
}

// A stanza over the link's size or depth limit, not read: a request gets policy-violation
// naming the limit; a copy of a card that came back is treated as bounced for an unknown
// reason (retried).
void CardService::handle_skipped(const xml::StanzaSkipped& skipped) {
    const xml::Element& head = skipped.head;
    log_->info("<{}/> from {} not read: {}", head.name, head.attr_or_empty("from"), skipped.reason);
    if (head.name == "iq") {
        return reply_error(head, {xmpp::ErrorType::modify, "policy-violation",
                                  skipped.reason + "; the request was not read", std::nullopt});
    }
    if (head.name == "message" && head.attr_or_empty("type") == "error") {
        const auto id = delivery_of_message_id(head.attr_or_empty("id"));
        const auto from = xmpp::Jid::parse(head.attr_or_empty("from"));
        if (id && from) {
            record_bounce(*id, *from,
                          {xmpp::ErrorType::cancel, "undefined-condition",
                           "the error message was not read: " + skipped.reason, std::nullopt});
        }
    }
}

// An error returned for a copy of a card (see bounce_policy.hpp).
void CardService::handle_message(const xml::Element& stanza) {
    if (stanza.attr_or_empty("type") != "error") {
        log_->debug("ignoring a message from {}", stanza.attr_or_empty("from"));
        return;
    }
    const auto id = delivery_of_message_id(stanza.attr_or_empty("id"));
    const auto from = xmpp::Jid::parse(stanza.attr_or_empty("from"));
    const xml::Element* error_element = stanza.child("error");
    auto error = error_element != nullptr ? xmpp::parse_stanza_error(*error_element)
                                          : Result<xmpp::StanzaError>(make_error("no <error/>"));
    if (!id || !from || !error) {
        log_->info("ignoring an error message from {} that matches no card copy",
                   stanza.attr_or_empty("from"));
        return;
    }
    record_bounce(*id, *from, *error);
}

void CardService::record_bounce(const std::string& id, const xmpp::Jid& from,
                                const xmpp::StanzaError& error) {
    courier_.flush_copies();  // the copy's own record must not land after its bounce
    store_.run<std::optional<store::FinalDelivery>>(
        [log = log_, id, from, error, now = clock_.now()](store::Stores& s) {
            std::optional<store::FinalDelivery> final;
            const auto recipient = s.deliveries.open_recipient(id);
            const auto to = recipient ? xmpp::Jid::parse(*recipient)
                                      : Result<xmpp::Jid>(make_error("the delivery is final"));
            const auto verdict = to ? classify_bounce(error, from, *to) : std::nullopt;
            if (!verdict) return final;
            const bool retry = verdict->outcome == BounceOutcome::retry;
            // Logged on the store thread, where the verdict is known (spdlog is thread-safe).
            log->info("delivery {}: {} after an error from {}: {}", id,
                      retry ? "to be sent again" : "rejected", from.str(), verdict->reason);
            return s.deliveries.bounce(id, retry, verdict->reason, now);
        },
        [this](Result<std::optional<store::FinalDelivery>> final) {
            if (!final) return log_->error("recording a bounce: {}", final.error().message);
            if (*final) courier_.send_receipt(**final);
        });
}

void CardService::send_iq(const xmpp::Iq& iq) {
    channel_.send(serialize(iq, ns::kComponentAccept));
}

std::unique_ptr<web::TokenPages> CardService::token_pages(
    std::function<void(std::function<void()>)> post) {
    return std::make_unique<ServiceTokenPages>(std::move(post), store_, courier_, clock_,
                                               token_policy(settings_));
}

}  // namespace cardex::component
