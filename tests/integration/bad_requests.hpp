// The bad requests of the malformed-input suite (card_malformed_test.cpp), by name: who sends
// which IQ to the card service, and the error the draft prescribes for it.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/protocol/service_info.hpp"
#include "core/xml/element.hpp"
#include "core/xmpp/stanza.hpp"
#include "tests/integration/card_requests.hpp"

namespace cardex::testing {

// The smallest stanza size limit on the way (Prosody's c2s_stanza_size_limit, 256 KiB).
inline constexpr std::uint64_t kServerStanzaLimit = 256 * 1024;

// A well-formed delivery id that no service ever assigned.
inline constexpr const char* kUnknownId = "AAAAAAAAAAAAAAAAAAAAAA";

struct BadRequest {
    std::string user;  // "ALICE" (a user of the service) or "BOB" (across federation)
    xmpp::IqType type = xmpp::IqType::set;
    xml::Element payload;
    ExpectedError expected;
    std::optional<std::uint64_t> max;  // the limit the application condition may name
    std::string unsendable;            // why this request cannot be made with the service's limits
};

// Every bad request, built for a service with `limits` (those it advertises).
std::map<std::string, BadRequest> bad_requests(const protocol::ServiceLimits& limits);
// Their names (the same for any limits).
std::vector<std::string> bad_request_names();

// Small builders of deliberately broken payloads, also used by the tests.
xml::Element bizcard(const std::string& name);
xml::Element ack_payload(const std::string& id, const std::string& status);
xml::Element status_payload(const std::vector<std::string>& ids);

}  // namespace cardex::testing
