#include "core/protocol/errors.hpp"

#include <array>

#include "core/protocol/fields.hpp"
#include "core/protocol/syntax.hpp"
#include "core/xmpp/namespaces.hpp"

namespace cardex::protocol {
namespace {

using xmpp::ErrorType;

// The draft's "Error conditions" table, in the order of ErrorCondition.
constexpr std::array<ConditionMapping, kErrorConditionCount> kConditions = {{
    {"card-too-large", "not-acceptable", ErrorType::modify, true, false, false},
    {"too-many-recipients", "not-acceptable", ErrorType::modify, true, false, false},
    {"invalid-card", "bad-request", ErrorType::modify, false, false, false},
    {"invalid-recipient", "jid-malformed", ErrorType::modify, false, false, true},
    {"recipient-quota", "resource-constraint", ErrorType::wait, true, true, true},
    {"rate-limited", "policy-violation", ErrorType::wait, false, true, false},
    {"not-local-user", "forbidden", ErrorType::auth, false, false, false},
    {"not-recipient", "forbidden", ErrorType::auth, false, false, false},
    {"unknown-delivery", "item-not-found", ErrorType::cancel, false, false, false},
    {"unknown-set", "item-not-found", ErrorType::cancel, false, false, false},
    {"unknown-backup", "item-not-found", ErrorType::cancel, false, false, false},
    {"invalid-token", "item-not-found", ErrorType::cancel, false, false, false},
    {"backup-too-large", "policy-violation", ErrorType::modify, true, false, false},
    {"too-many-sets", "resource-constraint", ErrorType::cancel, true, false, false},
    {"unknown-upload", "item-not-found", ErrorType::cancel, false, false, false},
    {"chunk-out-of-range", "bad-request", ErrorType::modify, true, false, false},
    {"chunk-too-large", "policy-violation", ErrorType::modify, true, false, false},
    {"chunk-conflict", "conflict", ErrorType::cancel, false, false, false},
    {"upload-incomplete", "unexpected-request", ErrorType::modify, false, false, false},
}};

std::string at_most(const std::optional<std::uint64_t>& max, std::string_view unit) {
    if (!max) return "";
    return " (at most " + std::to_string(*max) + std::string(unit) + ")";
}

std::string retry(const std::optional<Timestamp>& when) {
    if (!when) return " Try again later.";
    return " Try again after " + format_timestamp_for_people(*when) + ".";
}

void read_attributes(detail::FieldReader& f, const ConditionMapping& m, ProtocolError& out) {
    if (m.has_max) out.max = f.optional_number("max", 1);
    if (m.has_retry_after) out.retry_after = f.optional_timestamp("retry-after");
    if (!m.has_jid) return;
    if (out.condition == ErrorCondition::recipient_quota) {
        if (auto jid = f.optional_user_jid("jid")) out.jid = jid->bare_str();
        return;
    }
    out.jid = f.optional_text_attr("jid");
    if (out.jid && count_characters(*out.jid) > kMaxTextCharacters) {
        f.fail("attribute 'jid' is longer than " + std::to_string(kMaxTextCharacters) +
               " characters");
    }
}

// Whether a <recipient/> of the submit is not a user's bare JID; `jid` gets it when it fits.
bool has_bad_recipient(const xml::Element& submit, std::optional<std::string>& jid) {
    for (const auto& r : submit.children) {
        if (r.name != "recipient" || r.ns != ns::kBizcard) continue;
        const auto text = r.attr("jid");
        if (!text || parse_user_jid(*text)) continue;
        if (count_characters(*text) <= kMaxTextCharacters) jid = std::string(*text);
        return true;
    }
    return false;
}

bool has_card_problem(const xml::Element& payload) {
    bool has_card = false;
    for (const auto& c : payload.children) {
        if (c.name != "card" || c.ns != ns::kBizcard) continue;
        has_card = true;
        CardForm form = CardForm::xcard;  // a submit's card may be text (#text), no other's
        if (payload.name == "submit" ? !parse_card_in_either_form(c, form) : !parse_card_content(c))
            return true;
    }
    const auto share = payload.attr_or_empty("share");
    return payload.name == "exchange" && (share == "true" || share == "1") && !has_card;
}

}  // namespace

const ConditionMapping& mapping(ErrorCondition condition) {
    return kConditions[static_cast<std::size_t>(condition)];
}

std::string_view to_string(ErrorCondition condition) {
    return mapping(condition).element;
}

std::optional<ErrorCondition> condition_from_name(std::string_view element) {
    for (std::size_t i = 0; i < kConditions.size(); ++i) {
        if (kConditions[i].element == element) return static_cast<ErrorCondition>(i);
    }
    return std::nullopt;
}

xmpp::StanzaError to_stanza_error(const ProtocolError& error) {
    const ConditionMapping& m = mapping(error.condition);
    xml::Element app = detail::element(m.element);
    if (m.has_jid && error.jid) app.set_attr("jid", *error.jid);
    if (m.has_max && error.max) detail::set_number(app, "max", *error.max);
    if (m.has_retry_after && error.retry_after) {
        detail::set_timestamp(app, "retry-after", *error.retry_after);
    }
    return xmpp::StanzaError{m.type, std::string(m.defined_condition), error.text, std::move(app)};
}

Result<ProtocolError> parse_protocol_error(const xmpp::StanzaError& error) {
    const std::string where = "stanza error '" + error.condition + "'";
    if (!error.application || error.application->ns != ns::kBizcard) {
        return make_error(where + " has no application condition in '" + std::string(ns::kBizcard) +
                          "'");
    }
    const xml::Element& app = *error.application;
    const auto condition = condition_from_name(app.name);
    if (!condition) return make_error(where + ": unknown condition " + detail::tag(app.name));
    const ConditionMapping& m = mapping(*condition);
    if (error.condition != m.defined_condition || error.type != m.type) {
        return make_error(where + " of type '" + std::string(xmpp::to_string(error.type)) +
                          "': " + detail::tag(m.element) + " comes with '" +
                          std::string(m.defined_condition) + "' of type '" +
                          std::string(xmpp::to_string(m.type)) + "'");
    }
    ProtocolError out;
    out.condition = *condition;
    out.text = error.text;
    detail::FieldReader f(app);
    f.allow_children({});
    read_attributes(f, m, out);
    if (!f.ok()) return f.error();
    return out;
}

std::string default_text(const ProtocolError& e) {
    const std::string jid = e.jid.value_or("A recipient");
    switch (e.condition) {
        case ErrorCondition::card_too_large:
            return "The card is larger than this service accepts" + at_most(e.max, " bytes") + ".";
        case ErrorCondition::too_many_recipients:
            return "The card names too many recipients" + at_most(e.max, "") + ".";
        case ErrorCondition::invalid_card:
            return "The card is not a valid vCard.";
        case ErrorCondition::invalid_recipient:
            return (e.jid ? "'" + *e.jid + "'" : jid) + " is not the bare JID of a user.";
        case ErrorCondition::recipient_quota:
            return jid + " has too many cards from this service that are not collected yet" +
                   at_most(e.max, "") + "." + retry(e.retry_after);
        case ErrorCondition::rate_limited:
            return "Too many requests." + retry(e.retry_after);
        case ErrorCondition::not_local_user:
            return "Only users of this service's server can do this.";
        case ErrorCondition::not_recipient:
            return "This card was not sent to you.";
        case ErrorCondition::unknown_delivery:
            return "This service knows no delivery with that id.";
        case ErrorCondition::unknown_set:
            return "There is no card set of that name.";
        case ErrorCondition::unknown_backup:
            return "There is no such backup.";
        case ErrorCondition::invalid_token:
            return "This token is not valid.";
        case ErrorCondition::backup_too_large:
            return "The backup is larger than this service keeps" + at_most(e.max, " bytes") + ".";
        case ErrorCondition::too_many_sets:
            return "No more card sets can be created" + at_most(e.max, "") + ".";
        case ErrorCondition::unknown_upload:
            return "There is no such upload, or it has expired.";
        case ErrorCondition::chunk_out_of_range:
            return "The upload or backup has no chunk with that index" +
                   (e.max ? " (it has " + std::to_string(*e.max) + " chunks)" : std::string()) +
                   ".";
        case ErrorCondition::chunk_too_large:
            return "The chunk is larger than this service accepts" + at_most(e.max, " bytes") + ".";
        case ErrorCondition::chunk_conflict:
            return "A different chunk with that index was uploaded before.";
        case ErrorCondition::upload_incomplete:
            return "The upload is missing chunks, or has not the size it announced.";
    }
    return "The request failed.";
}

xmpp::StanzaError request_error(const xml::Element& payload, const Error& parse_error) {
    ProtocolError error;
    error.text = parse_error.message;
    if (payload.ns == ns::kBizcard && payload.name == "submit" &&
        has_bad_recipient(payload, error.jid)) {
        error.condition = ErrorCondition::invalid_recipient;
        return to_stanza_error(error);
    }
    const bool carries_card =
        payload.name == "submit" || payload.name == "publish" || payload.name == "exchange";
    if (payload.ns == ns::kBizcard && carries_card && has_card_problem(payload)) {
        error.condition = ErrorCondition::invalid_card;
        return to_stanza_error(error);
    }
    return xmpp::StanzaError{ErrorType::modify, "bad-request", parse_error.message, std::nullopt};
}

}  // namespace cardex::protocol
