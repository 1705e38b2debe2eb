#include "client/exchange/replies.hpp"

namespace cardex::client::exchange {

std::string describe(const std::optional<xmpp::StanzaError>& error) {
    if (!error) return "result";
    std::string text = "error type '" + std::string(xmpp::to_string(error->type)) + "' <" +
                       error->condition + "/>";
    if (error->application) text += " <" + error->application->name + "/>";
    if (!error->text.empty()) text += ": " + error->text;
    return text;
}

std::string explain(const xmpp::StanzaError& error) {
    if (!error.text.empty()) return error.text;
    std::string text = error.condition;
    if (error.application) text += " (" + error.application->name + ")";
    return text;
}

Result<ServiceReply<Ok>> decode_empty_reply(const xmpp::Iq& iq) {
    if (iq.type == xmpp::IqType::error) return failed_reply<Ok>(iq);
    if (iq.payload) return make_error("the result is not empty: <" + iq.payload->name + "/>");
    ServiceReply<Ok> reply;
    reply.value = Ok{};
    return reply;
}

}  // namespace cardex::client::exchange
