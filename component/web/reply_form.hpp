// The form a visitor of a token's web page fills in to send a card back: read from the
// request body (application/x-www-form-urlencoded), checked field by field, and made into a
// vCard 4.0 card with a new UID. Failure cases: a body that is not a form, a missing name,
// fields longer than their limit or with control characters, a phone number without digits,
// an e-mail address without '@': each is named in FormState::errors, nothing is sent.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "component/web/card_page.hpp"
#include "core/vcard/card.hpp"

namespace cardex::component::web {

// Decodes "a=1&b=x+y%21" (later duplicates are ignored); nullopt when it is not valid
// percent-encoding or not UTF-8.
std::optional<std::map<std::string, std::string>> parse_form(std::string_view body);

// The form's values, checked; errors are set in the result when something is wrong.
FormState check_reply(const std::map<std::string, std::string>& fields);

// The card of a checked form (no errors).
vcard::Card reply_card(const FormState& form, const std::string& uid);

}  // namespace cardex::component::web
