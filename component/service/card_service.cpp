#include "component/service/card_service.hpp"

#include "core/xmpp/namespaces.hpp"

namespace cardex::component {

CardService::CardService(StanzaChannel& channel, ServiceIdentity identity,
                         std::shared_ptr<spdlog::logger> log)
    : channel_(channel), identity_(std::move(identity)), log_(std::move(log)) {
    using xmpp::IqType;
    router_.add(IqType::get, std::string(ns::kDiscoInfo), "query",
                [this](const xmpp::Iq& request, const IqRouter::Reply& reply) {
                    if (!request.payload->attr_or_empty("node").empty()) {
                        return reply(xmpp::error_reply(
                            request, {xmpp::ErrorType::cancel, "item-not-found",
                                      "this service has no disco nodes", std::nullopt}));
                    }
                    reply(xmpp::result_reply(request, serialize(disco_info())));
                });
    router_.add(IqType::get, std::string(ns::kPing), "ping",
                [](const xmpp::Iq& request, const IqRouter::Reply& reply) {
                    reply(xmpp::result_reply(request));
                });
    router_.add(IqType::get, std::string(ns::kVersion), "query",
                [this](const xmpp::Iq& request, const IqRouter::Reply& reply) {
                    xml::Element version("query", std::string(ns::kVersion));
                    version.add_text_child("name", std::string(ns::kVersion), "cardexd");
                    version.add_text_child("version", std::string(ns::kVersion), identity_.version);
                    reply(xmpp::result_reply(request, std::move(version)));
                });
}

xmpp::DiscoInfo CardService::disco_info() const {
    xmpp::DiscoInfo info;
    info.identities.push_back({"component", "generic", identity_.name});
    info.features = {std::string(ns::kDiscoInfo), std::string(ns::kPing), std::string(ns::kVersion),
                     std::string(ns::kBizcard)};
    return info;
}

void CardService::handle(const xml::Element& stanza) {
    if (stanza.name == "iq") return handle_iq(stanza);
    log_->debug("ignoring <{}/> from {}", stanza.name, stanza.attr_or_empty("from"));
}

void CardService::handle_iq(const xml::Element& stanza) {
    auto iq = xmpp::parse_iq(stanza);
    if (!iq) {
        const auto type = stanza.attr_or_empty("type");
        log_->info("malformed <iq/> from {}: {}", stanza.attr_or_empty("from"), iq.error().message);
        if ((type == "get" || type == "set") && stanza.attr("id") && stanza.attr("from")) {
            // Answer what can be answered: addresses are echoed as received.
            xmpp::StanzaError error{xmpp::ErrorType::modify, "bad-request", iq.error().message,
                                    std::nullopt};
            xml::Element reply("iq", std::string(ns::kComponentAccept));
            reply.set_attr("type", "error").set_attr("id", stanza.attr_or_empty("id"));
            reply.set_attr("to", stanza.attr_or_empty("from"));
            if (auto to = stanza.attr("to")) reply.set_attr("from", *to);
            reply.add_child(serialize(error, ns::kComponentAccept));
            channel_.send(reply);
        }
        return;
    }
    if (iq->type == xmpp::IqType::result || iq->type == xmpp::IqType::error) return;
    router_.route(*iq, [this](const xmpp::Iq& reply) { send_iq(reply); });
}

void CardService::send_iq(const xmpp::Iq& iq) {
    channel_.send(serialize(iq, ns::kComponentAccept));
}

}  // namespace cardex::component
