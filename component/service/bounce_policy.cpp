#include "component/service/bounce_policy.hpp"

#include <algorithm>
#include <array>
#include <string_view>

namespace cardex::component {
namespace {

constexpr std::size_t kMaxQuotedText = 200;

struct Rule {
    std::string_view condition;
    BounceOutcome outcome;
    std::string_view meaning;
};

// Conditions a server on the path can return, with what they mean for the card. Conditions
// not listed here are retried, and so are those listed as reject when their type is "wait".
constexpr std::array<Rule, 9> kServerRules = {{
    {"remote-server-not-found", BounceOutcome::retry,
     "the recipient's server could not be reached"},
    {"remote-server-timeout", BounceOutcome::retry,
     "the recipient's server did not answer in time"},
    {"resource-constraint", BounceOutcome::retry,
     "the recipient's server has no room for it now (offline storage full)"},
    // A refusal is reported as the recipient's server's ("refused"): the texts say why.
    {"item-not-found", BounceOutcome::reject, "the account does not exist"},
    {"service-unavailable", BounceOutcome::reject,
     "the account does not exist, or does not accept cards from this service"},
    {"gone", BounceOutcome::reject, "the account is gone"},
    {"jid-malformed", BounceOutcome::reject, "the address is not valid"},
    {"not-acceptable", BounceOutcome::reject, "it refuses messages like this one"},
    {"policy-violation", BounceOutcome::reject, "it refuses messages like this one"},
}};

std::string quoted(const std::string& text) {
    if (text.empty()) return {};
    std::string cut = text.substr(0, kMaxQuotedText);
    if (cut.size() < text.size()) cut += "...";
    return ": \"" + cut + "\"";
}

std::string sentence(std::string_view meaning, const xmpp::StanzaError& error,
                     BounceOutcome outcome) {
    std::string s(meaning);
    s += " (" + error.condition + quoted(error.text) + ")";
    if (outcome == BounceOutcome::retry) s += "; the card will be sent again";
    return s;
}

}  // namespace

std::optional<BounceVerdict> classify_bounce(const xmpp::StanzaError& error, const xmpp::Jid& from,
                                             const xmpp::Jid& recipient) {
    const bool from_domain =
        from.local.empty() && from.resource.empty() && from.domain == recipient.domain;
    const bool from_address = from.bare() == recipient.bare();
    if (!from_domain && !from_address) return std::nullopt;
    if (!from.resource.empty()) {
        // One of the recipient's clients: another device, or the next login, can take it.
        const auto outcome = BounceOutcome::retry;
        return BounceVerdict{
            outcome, sentence("a client of the recipient could not take it", error, outcome)};
    }
    const auto rule = std::find_if(kServerRules.begin(), kServerRules.end(),
                                   [&](const Rule& r) { return r.condition == error.condition; });
    if (rule == kServerRules.end() ||
        (error.type == xmpp::ErrorType::wait && rule->outcome == BounceOutcome::reject)) {
        const auto outcome = BounceOutcome::retry;
        return BounceVerdict{outcome,
                             sentence("a server on the way could not take it now", error, outcome)};
    }
    return BounceVerdict{rule->outcome, sentence(rule->meaning, error, rule->outcome)};
}

}  // namespace cardex::component
