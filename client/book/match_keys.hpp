// What a card is matched by when it is merged into the address book: its UID, its telephone
// numbers in E.164 form and its e-mail addresses, in that order of precedence.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "client/book/phone.hpp"
#include "core/vcard/card.hpp"

namespace cardex::client::book {

// An e-mail address as it is compared: surrounding white space and a "mailto:" prefix
// removed, lower-cased (ASCII; the rest of the UTF-8 text is kept as it is). Empty when
// nothing is left.
std::string email_key(std::string_view address);

struct MatchKeys {
    std::vector<std::string> uids;    // the card's UID, if any (as written)
    std::vector<std::string> phones;  // PhoneNormalizer::key of every TEL, distinct, in order
    std::vector<std::string> emails;  // email_key of every EMAIL, distinct, in order

    friend bool operator==(const MatchKeys&, const MatchKeys&) = default;
};

// The keys of `card`; empty keys (a TEL without digits, an empty EMAIL) are left out.
MatchKeys match_keys(const vcard::Card& card, const PhoneNormalizer& phones);

}  // namespace cardex::client::book
