#include "tests/integration/card_requests.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>

#include "core/text/ascii.hpp"
#include "core/xml/writer.hpp"
#include "core/xmpp/disco.hpp"
#include "core/xmpp/namespaces.hpp"
#include "tests/integration/federation_env.hpp"

namespace cardex::testing {
namespace {

bool mentions_any(const std::string& text, const std::vector<std::string>& words) {
    const std::string haystack = lower_ascii(text);
    return std::any_of(words.begin(), words.end(), [&](const std::string& word) {
        return haystack.find(lower_ascii(word)) != std::string::npos;
    });
}

std::string joined(const std::vector<std::string>& words) {
    std::string out;
    for (const auto& w : words)
        out += (out.empty() ? "'" : ", '") + w + "'";
    return out;
}

// The <x/> limits form among the children of a disco#info <query/>, if any.
const xml::Element* limits_form_of(const xml::Element& query) {
    for (const auto& child : query.children) {
        if (child.name != "x" || child.ns != ns::kDataForms) continue;
        for (const auto& field : child.children) {
            if (field.attr_or_empty("var") == "FORM_TYPE" &&
                field.child_text("value") == protocol::kLimitsFormType) {
                return &child;
            }
        }
    }
    return nullptr;
}

}  // namespace

std::unique_ptr<client::Session> login(const std::string& user) {
    auto session = std::make_unique<client::Session>(Federation::get().account(user));
    const Status ok = session->connect();
    EXPECT_TRUE(ok.ok()) << user << " cannot log in: " << session->last_error();
    return session;
}

Result<xmpp::Iq> ask(client::Session& session, xmpp::IqType type, const std::string& to,
                     xml::Element payload) {
    xmpp::Iq iq;
    iq.type = type;
    auto jid = xmpp::Jid::parse(to);
    if (!jid) return jid.error();
    iq.to = std::move(jid).value();
    iq.payload = std::move(payload);
    return session.request(std::move(iq), kRequestTimeout);
}

xml::Element submit_payload(const std::vector<std::string>& recipients, const vcard::Card& card) {
    protocol::Submit submit;
    for (const auto& r : recipients)
        submit.recipients.push_back(*xmpp::Jid::parse(r));
    submit.card = card;
    return protocol::serialize(submit);
}

Result<std::string> submit_card(client::Session& session, const std::string& service,
                                const std::string& recipient, const vcard::Card& card) {
    auto reply = ask(session, xmpp::IqType::set, service, submit_payload({recipient}, card));
    if (!reply) return reply.error();
    if (reply->type != xmpp::IqType::result || !reply->payload) {
        return make_error("submit to " + recipient + " failed: " +
                          (reply->error ? reply->error->condition + " (" + reply->error->text + ")"
                                        : std::string("empty result")));
    }
    auto submitted = protocol::parse_submitted(*reply->payload);
    if (!submitted) return submitted.error();
    if (submitted->deliveries.size() != 1) return make_error("expected one delivery");
    return submitted->deliveries.front().id;
}

Result<protocol::ServiceLimits> service_limits(client::Session& session,
                                               const std::string& service) {
    auto reply = ask(session, xmpp::IqType::get, service, xmpp::disco_info_query());
    if (!reply) return reply.error();
    if (reply->type != xmpp::IqType::result || !reply->payload) {
        return make_error(service + " did not answer disco#info");
    }
    const xml::Element* form = limits_form_of(*reply->payload);
    if (form == nullptr) return protocol::ServiceLimits{};
    return protocol::parse_limits_form(*form);
}

bool answers_ping(client::Session& session, const std::string& service) {
    auto reply =
        ask(session, xmpp::IqType::get, service, xml::Element("ping", std::string(ns::kPing)));
    return reply.ok() && reply->type == xmpp::IqType::result;
}

std::string component_pid(const std::string& side) {
    std::ifstream in(Federation::get().var("FEDERATION_DIR") + "/cardexd-" + side + ".pid");
    std::string pid;
    std::getline(in, pid);
    return pid;
}

void expect_error(const Result<xmpp::Iq>& reply, const ExpectedError& expected,
                  std::optional<std::uint64_t> max) {
    ASSERT_TRUE(reply.ok()) << reply.error().message;
    ASSERT_EQ(reply->type, xmpp::IqType::error)
        << "expected " << expected.condition << ", got a result"
        << (reply->payload ? ": " + xml::to_string(*reply->payload) : std::string());
    const xmpp::StanzaError& error = *reply->error;
    EXPECT_EQ(error.condition, expected.condition) << "text: " << error.text;
    EXPECT_EQ(xmpp::to_string(error.type), xmpp::to_string(expected.type));
    EXPECT_FALSE(reply->payload) << "the error echoes the request: "
                                 << xml::to_string(*reply->payload);
    if (!expected.mentions.empty()) {
        EXPECT_TRUE(mentions_any(error.text, expected.mentions))
            << "the error text '" << error.text << "' names none of " << joined(expected.mentions);
    }
    if (!expected.application) {
        if (error.application) {
            EXPECT_NE(error.application->ns, ns::kBizcard)
                << "unexpected application condition <" << error.application->name << "/>";
        }
        return;
    }
    ASSERT_TRUE(error.application) << "no application condition; expected <"
                                   << protocol::to_string(*expected.application) << "/>";
    auto parsed = protocol::parse_protocol_error(error);
    ASSERT_TRUE(parsed.ok()) << parsed.error().message;
    EXPECT_EQ(protocol::to_string(parsed->condition), protocol::to_string(*expected.application));
    if (max && parsed->max) {
        EXPECT_EQ(*parsed->max, *max);
    }
    if (expected.jid) {
        EXPECT_EQ(parsed->jid.value_or("(none)"), *expected.jid);
    }
}

Result<protocol::DeliveryMessage> sync_until_delivered(client::Session& session,
                                                       const std::string& service,
                                                       const std::string& delivery_id,
                                                       std::uint64_t& pending) {
    std::optional<protocol::DeliveryMessage> found;
    session.on_stanza = [&](const xml::Element& stanza) {
        if (stanza.name != "message" || stanza.attr_or_empty("from") != service) return;
        auto message = protocol::parse_delivery_message(stanza);
        if (message && message->delivery.id == delivery_id) found = std::move(message).value();
    };
    auto reply = ask(session, xmpp::IqType::set, service, protocol::serialize(protocol::Sync{}));
    if (!reply) return reply.error();
    if (reply->type != xmpp::IqType::result || !reply->payload) {
        return make_error("sync failed: " +
                          (reply->error ? reply->error->condition + " (" + reply->error->text + ")"
                                        : std::string("empty result")));
    }
    auto result = protocol::parse_sync_result(*reply->payload);
    if (!result) return result.error();
    pending = result->pending;
    session.run_until([&] { return found.has_value(); }, kRequestTimeout);
    session.on_stanza = nullptr;
    if (!found) return make_error("no delivery " + delivery_id + " after the sync");
    return std::move(*found);
}

void ack_saved(client::Session& session, const std::string& service,
               const std::string& delivery_id) {
    protocol::Ack ack;
    ack.id = delivery_id;
    auto reply = ask(session, xmpp::IqType::set, service, protocol::serialize(ack));
    ASSERT_TRUE(reply.ok()) << reply.error().message;
    EXPECT_EQ(reply->type, xmpp::IqType::result)
        << "ack failed: "
        << (reply->error ? reply->error->condition + " " + reply->error->text : "");
    EXPECT_FALSE(reply->payload);
}

}  // namespace cardex::testing
