// How a card service describes itself (XEP-0030 disco#info): identity component/generic, the
// protocol's features, and its limits as a XEP-0128 data form of FORM_TYPE
// urn:xmpp:bizcard:0#limits.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.hpp"
#include "core/xml/element.hpp"

namespace cardex::protocol {

inline constexpr std::string_view kFeatureSets = "urn:xmpp:bizcard:0#sets";
inline constexpr std::string_view kFeatureTokens = "urn:xmpp:bizcard:0#tokens";    // needs #sets
inline constexpr std::string_view kFeatureUpdates = "urn:xmpp:bizcard:0#updates";  // needs #sets
inline constexpr std::string_view kFeatureBackup = "urn:xmpp:bizcard:0#backup";
inline constexpr std::string_view kFeatureText = "urn:xmpp:bizcard:0#text";
inline constexpr std::string_view kLimitsFormType = "urn:xmpp:bizcard:0#limits";

// The limits the draft assigns to a service, with its recommended defaults. Enforcing them is
// the service's business; the codecs only carry them. 0 means that the service enforces no
// such limit (never for the byte limits); a field the form leaves out has the default.
struct ServiceLimits {
    std::uint64_t max_card_bytes = 65536;  // size of the UTF-8 encoded <vcard/> as received
    // Largest copy of a card (the whole <message/>) the service sends, so that servers with a
    // 64 KiB stanza limit (jabberd2's default is 65535 bytes) pass it on; a submit whose copy
    // would be larger is refused.
    std::uint64_t max_copy_bytes = 64000;
    std::uint64_t max_recipients = 50;              // distinct recipients of one submit
    std::uint64_t max_pending_per_recipient = 100;  // deliveries not final, per recipient
    std::uint64_t submits_per_minute = 10;          // per user
    std::uint64_t card_lifetime_seconds = 2592000;  // 30 days until a delivery expires
    std::uint64_t max_backup_bytes = 67108864;      // ciphertext of one backup (64 MiB)
    std::uint64_t max_sets = 10;                    // card sets per user
    std::uint64_t max_chunk_bytes = 32768;          // ciphertext in one chunk of a backup
    std::uint64_t max_backups = 3;                  // committed backups kept per user

    friend bool operator==(const ServiceLimits&, const ServiceLimits&) = default;
};

// The optional parts of the protocol a service offers (the core is always there).
struct ServiceFeatures {
    bool sets = true;
    bool tokens = true;
    bool updates = true;
    bool backup = true;
    bool text = true;  // submits may carry the card as text (the draft, Cards as Text)

    friend bool operator==(const ServiceFeatures&, const ServiceFeatures&) = default;
};

struct ServiceInfo {
    std::string name = "Business cards";      // the identity's name
    std::vector<std::string> other_features;  // not of this protocol (disco#info, ping, ...)
    ServiceFeatures features;
    std::optional<ServiceLimits> limits = ServiceLimits{};  // the form is a SHOULD

    friend bool operator==(const ServiceInfo&, const ServiceInfo&) = default;
};

// <x xmlns='jabber:x:data' type='result'/> with FORM_TYPE and one field per limit, leaving
// out those of features not `offered` (max-sets without #sets, the backup limits without
// #backup).
xml::Element limits_form(const ServiceLimits& limits, const ServiceFeatures& offered = {});
// Fields the form leaves out keep the draft's defaults; unknown fields are ignored.
Result<ServiceLimits> parse_limits_form(const xml::Element& form);

// The disco#info <query/>: identity, other_features, the protocol's features, the limits form.
xml::Element serialize(const ServiceInfo& info);
// Fails for an entity that does not advertise urn:xmpp:bizcard:0, or that advertises #tokens or
// #updates without #sets. A limit of a feature not offered (max-sets without #sets) is ignored.
Result<ServiceInfo> parse_service_info(const xml::Element& query);

}  // namespace cardex::protocol
