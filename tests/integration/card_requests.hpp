// Raw requests to the card service for end-to-end tests: any payload in any IQ type from a
// logged-in test user, with the answer checked against the stanza error the draft prescribes;
// the service's limits, ping, sync and ack, and the PID of the federation's cardexd.
#pragma once

#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "client/session/session.hpp"
#include "core/protocol/delivery.hpp"
#include "core/protocol/errors.hpp"
#include "core/protocol/service_info.hpp"
#include "core/protocol/service_messages.hpp"
#include "core/vcard/card.hpp"
#include "core/xml/element.hpp"
#include "core/xmpp/stanza.hpp"
#include "tests/integration/card_client.hpp"

namespace cardex::testing {

// A test user ("ALICE", "CAROL" on a.test; "BOB", "DAVE" on b.test), logged in without
// presence: the server keeps its offline messages, but stanzas addressed to this full JID
// (such as the resends that answer its sync) reach it. Fails the calling test on error.
std::unique_ptr<client::Session> login(const std::string& user);

// Sends an IQ of `type` with `payload` to `to` and waits for the answer.
Result<xmpp::Iq> ask(client::Session& session, xmpp::IqType type, const std::string& to,
                     xml::Element payload);

// <submit/> of `card` to `recipients`, built by the codec.
xml::Element submit_payload(const std::vector<std::string>& recipients, const vcard::Card& card);
// Submits `card` to one recipient; the delivery id the service assigned.
Result<std::string> submit_card(client::Session& session, const std::string& service,
                                const std::string& recipient, const vcard::Card& card);

// The limits `service` advertises in its disco#info (the draft's defaults for any it omits).
Result<protocol::ServiceLimits> service_limits(client::Session& session,
                                               const std::string& service);
// Whether `service` answers a XEP-0199 ping with a result.
bool answers_ping(client::Session& session, const std::string& service);
// The PID in $FEDERATION_DIR/cardexd-<side>.pid ("" when there is none).
std::string component_pid(const std::string& side);

// What the draft prescribes for one bad request.
struct ExpectedError {
    std::string condition;  // RFC 6120 defined condition
    xmpp::ErrorType type = xmpp::ErrorType::cancel;
    std::optional<protocol::ErrorCondition> application;  // of urn:xmpp:bizcard:0
    // The <text/> must name the problem: contain one of these (case-insensitive). Empty: the
    // text is not checked.
    std::vector<std::string> mentions;
    // The 'jid' the application condition names (invalid-recipient: the recipient as given).
    std::optional<std::string> jid;
};
// Checks `reply` against `expected` with gtest assertions: an IQ error with that condition,
// type, application condition (with a 'max' equal to `max` when given) and text, and without
// the request's payload echoed back.
void expect_error(const Result<xmpp::Iq>& reply, const ExpectedError& expected,
                  std::optional<std::uint64_t> max = std::nullopt);

// Sends <sync/> and collects the delivery messages that follow until one with `delivery_id`
// has arrived (or kRequestTimeout). The sync result's 'pending' goes to `pending`.
Result<protocol::DeliveryMessage> sync_until_delivered(client::Session& session,
                                                       const std::string& service,
                                                       const std::string& delivery_id,
                                                       std::uint64_t& pending);

// Acknowledges a delivery as saved; fails the calling test unless the result is empty.
void ack_saved(client::Session& session, const std::string& service,
               const std::string& delivery_id);

}  // namespace cardex::testing
