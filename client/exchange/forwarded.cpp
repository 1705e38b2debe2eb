#include "client/exchange/forwarded.hpp"

#include "core/xmpp/namespaces.hpp"

namespace cardex::client::exchange {
namespace {

const xml::Element* wrapper(const xml::Element& message) {
    for (const auto& child : message.children) {
        if (child.ns == ns::kCarbons && (child.name == "received" || child.name == "sent"))
            return &child;
        if (child.ns == ns::kMam && child.name == "result") return &child;
    }
    return nullptr;
}

bool from_own_account(const xml::Element& message, const xmpp::Jid& own) {
    const auto from = message.attr("from");
    if (!from) return true;
    auto jid = xmpp::Jid::parse(*from);
    return jid && jid->is_bare() && jid->bare() == own.bare();
}

}  // namespace

std::optional<xml::Element> forwarded_message(const xml::Element& message, const xmpp::Jid& own) {
    const xml::Element* outer = wrapper(message);
    if (outer == nullptr || !from_own_account(message, own)) return std::nullopt;
    const xml::Element* forwarded = outer->child("forwarded", ns::kForward);
    if (forwarded == nullptr) return std::nullopt;
    for (const auto& inner : forwarded->children) {
        if (inner.name == "message") return inner;
    }
    return std::nullopt;
}

}  // namespace cardex::client::exchange
