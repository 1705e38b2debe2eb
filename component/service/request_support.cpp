#include "component/service/request_support.hpp"

#include <algorithm>

#include "core/protocol/syntax.hpp"
#include "core/xmpp/namespaces.hpp"

namespace cardex::component {

protocol::ProtocolError refusal(protocol::ErrorCondition condition, std::string text) {
    protocol::ProtocolError error;
    error.condition = condition;
    error.text = std::move(text);
    return error;
}

xmpp::StanzaError refusal_error(protocol::ProtocolError error) {
    if (error.text.empty()) error.text = protocol::default_text(error);
    return protocol::to_stanza_error(error);
}

std::string received_vcard(const xml::Element& parent) {
    const xml::Element* card = parent.child("card", ns::kBizcard);
    const xml::Element* vcard = card != nullptr ? card->child("vcard", ns::kVcard4) : nullptr;
    return vcard != nullptr ? protocol::canonical_form(*vcard) : std::string();
}

std::optional<protocol::ProtocolError> card_problem(const vcard::Card& card, std::size_t bytes,
                                                    std::uint64_t max_bytes) {
    using protocol::ErrorCondition;
    if (bytes > max_bytes) {
        return protocol::ProtocolError{ErrorCondition::card_too_large,
                                       "the card is " + std::to_string(bytes) +
                                           " bytes; this service accepts at most " +
                                           std::to_string(max_bytes),
                                       max_bytes,
                                       {},
                                       {}};
    }
    if (card.first("FN") == nullptr) {
        return refusal(ErrorCondition::invalid_card, "the card has no formatted name (FN)");
    }
    return std::nullopt;
}

xmpp::Iq request_head(const xmpp::Iq& request) {
    xmpp::Iq head{request.type, request.id, request.from, request.to, std::nullopt, std::nullopt};
    if (request.payload) head.payload.emplace(request.payload->name, request.payload->ns);
    return head;
}

xmpp::StanzaError wait_error(std::string condition, std::string text) {
    return {xmpp::ErrorType::wait, std::move(condition), std::move(text), std::nullopt};
}

RequestSupport::RequestSupport(std::vector<std::string> local_domains,
                               std::shared_ptr<spdlog::logger> log)
    : local_domains_(std::move(local_domains)), log_(std::move(log)) {}

RequestSupport::Handler RequestSupport::admitting(Handler handler) const {
    return [this, handler = std::move(handler)](const xmpp::Iq& request, const Reply& reply) {
        if (!request.from || request.from->local.empty()) {
            return reply(
                xmpp::error_reply(request, {xmpp::ErrorType::auth, "forbidden",
                                            "requests must come from a user's JID", std::nullopt}));
        }
        if (!accepting_) {
            return reply(xmpp::error_reply(
                request, wait_error("service-unavailable",
                                    "the card service is shutting down; try again shortly")));
        }
        handler(request, reply);
    };
}

bool RequestSupport::is_local(const xmpp::Jid& jid) const {
    return std::find(local_domains_.begin(), local_domains_.end(), jid.domain) !=
           local_domains_.end();
}

bool RequestSupport::require_local(const xmpp::Iq& request, const Reply& reply) const {
    if (is_local(*request.from)) return true;
    refuse(request, reply,
           refusal(protocol::ErrorCondition::not_local_user,
                   request.from->bare_str() +
                       " is not a user of this service; use your own server's card service"));
    return false;
}

void RequestSupport::refuse(const xmpp::Iq& request, const Reply& reply,
                            protocol::ProtocolError error) const {
    auto stanza_error = refusal_error(std::move(error));
    log_->info("<{}/> from {} refused: {}", request.payload->name, request.from->str(),
               stanza_error.text);
    reply(xmpp::error_reply(request, std::move(stanza_error)));
}

void RequestSupport::malformed(const xmpp::Iq& request, const Reply& reply,
                               const Error& error) const {
    log_->info("<{}/> from {} refused: {}", request.payload->name, request.from->str(),
               error.message);
    reply(xmpp::error_reply(request, protocol::request_error(*request.payload, error)));
}

void RequestSupport::store_failed(const xmpp::Iq& request, const Reply& reply,
                                  const Error& error) const {
    log_->error("<{}/> from {}: {}", request.payload->name, request.from->str(), error.message);
    reply(xmpp::error_reply(
        request, wait_error("internal-server-error",
                            "the card service could not store the request; nothing was kept; "
                            "try again later")));
}

}  // namespace cardex::component
