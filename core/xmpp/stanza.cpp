#include "core/xmpp/stanza.hpp"

#include <array>

#include "core/xmpp/namespaces.hpp"

namespace cardex::xmpp {
namespace {

constexpr std::array<std::string_view, 4> kIqTypes = {"get", "set", "result", "error"};
constexpr std::array<std::string_view, 5> kErrorTypes = {"cancel", "continue", "modify", "auth",
                                                         "wait"};

template <class Enum, std::size_t N>
std::optional<Enum> enum_from(std::string_view text, const std::array<std::string_view, N>& names) {
    for (std::size_t i = 0; i < N; ++i) {
        if (names[i] == text) return static_cast<Enum>(i);
    }
    return std::nullopt;
}

Result<std::optional<Jid>> optional_jid(const xml::Element& e, std::string_view attr) {
    const auto text = e.attr(attr);
    if (!text) return std::optional<Jid>{};
    auto jid = Jid::parse(*text);
    if (!jid) return make_error("'" + std::string(attr) + "' attribute: " + jid.error().message);
    return std::optional<Jid>{std::move(jid).value()};
}

}  // namespace

std::string_view to_string(IqType type) {
    return kIqTypes[static_cast<std::size_t>(type)];
}
std::string_view to_string(ErrorType type) {
    return kErrorTypes[static_cast<std::size_t>(type)];
}

Result<StanzaError> parse_stanza_error(const xml::Element& error_element) {
    const auto type = enum_from<ErrorType>(error_element.attr_or_empty("type"), kErrorTypes);
    if (!type) return make_error("stanza error without a valid 'type' attribute");
    StanzaError error;
    error.type = *type;
    for (const auto& c : error_element.children) {
        if (c.ns != ns::kStanzas) {
            error.application = c;
        } else if (c.name == "text") {
            error.text = c.text;
        } else if (error.condition.empty()) {
            error.condition = c.name;
        }
    }
    if (error.condition.empty()) return make_error("stanza error without a defined condition");
    return error;
}

xml::Element serialize(const StanzaError& error, std::string_view stanza_ns) {
    xml::Element e("error", std::string(stanza_ns));
    e.set_attr("type", to_string(error.type));
    e.add_child(error.condition, std::string(ns::kStanzas));
    if (!error.text.empty()) e.add_text_child("text", std::string(ns::kStanzas), error.text);
    if (error.application) e.add_child(*error.application);
    return e;
}

namespace {

// Everything of an <iq/> but its payload, which stays where it is: the index of the payload
// child in `payload` (none for a result or an error without one).
Result<Iq> parse_iq_head(const xml::Element& stanza, std::optional<std::size_t>& payload) {
    if (stanza.name != "iq") return make_error("expected <iq/>, got <" + stanza.name + "/>");
    Iq iq;
    const auto type = enum_from<IqType>(stanza.attr_or_empty("type"), kIqTypes);
    if (!type) return make_error("<iq/> without a valid 'type' attribute");
    iq.type = *type;
    iq.id = std::string(stanza.attr_or_empty("id"));
    if (iq.id.empty()) return make_error("<iq/> without an 'id' attribute");
    auto from = optional_jid(stanza, "from");
    if (!from) return from.error();
    iq.from = std::move(from).value();
    auto to = optional_jid(stanza, "to");
    if (!to) return to.error();
    iq.to = std::move(to).value();

    for (std::size_t i = 0; i < stanza.children.size(); ++i) {
        const auto& c = stanza.children[i];
        if (c.name == "error" && c.ns == stanza.ns) {
            auto error = parse_stanza_error(c);
            if (!error) return error.error();
            iq.error = std::move(error).value();
        } else if (payload) {
            return make_error("<iq/> with more than one payload element");
        } else {
            payload = i;
        }
    }
    if ((iq.type == IqType::get || iq.type == IqType::set) && !payload) {
        return make_error("<iq type='" + std::string(to_string(iq.type)) + "'/> without a payload");
    }
    if (iq.type == IqType::error && !iq.error)
        return make_error("<iq type='error'/> without <error/>");
    return iq;
}

}  // namespace

Result<Iq> parse_iq(const xml::Element& stanza) {
    std::optional<std::size_t> payload;
    auto iq = parse_iq_head(stanza, payload);
    if (iq && payload) iq->payload = stanza.children[*payload];
    return iq;
}

Result<Iq> parse_iq(xml::Element&& stanza) {
    std::optional<std::size_t> payload;
    auto iq = parse_iq_head(stanza, payload);
    if (iq && payload) iq->payload = std::move(stanza.children[*payload]);
    return iq;
}

xml::Element serialize(const Iq& iq, std::string_view stanza_ns) {
    xml::Element e("iq", std::string(stanza_ns));
    e.set_attr("type", to_string(iq.type));
    e.set_attr("id", iq.id);
    if (iq.from) e.set_attr("from", iq.from->str());
    if (iq.to) e.set_attr("to", iq.to->str());
    if (iq.payload) e.add_child(*iq.payload);
    if (iq.error) e.add_child(serialize(*iq.error, stanza_ns));
    return e;
}

Iq result_reply(const Iq& request, std::optional<xml::Element> payload) {
    Iq reply;
    reply.type = IqType::result;
    reply.id = request.id;
    reply.from = request.to;
    reply.to = request.from;
    reply.payload = std::move(payload);
    return reply;
}

Iq error_reply(const Iq& request, StanzaError error) {
    Iq reply = result_reply(request);
    reply.type = IqType::error;
    reply.error = std::move(error);
    return reply;
}

}  // namespace cardex::xmpp
