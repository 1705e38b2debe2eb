#include "client/book/match_keys.hpp"

#include <algorithm>

#include "client/book/text_fold.hpp"
#include "core/text/ascii.hpp"

namespace cardex::client::book {
namespace {

constexpr std::string_view kMailto = "mailto:";

void add_distinct(std::vector<std::string>& keys, std::string key) {
    if (key.empty() || std::find(keys.begin(), keys.end(), key) != keys.end()) return;
    keys.push_back(std::move(key));
}

}  // namespace

std::string email_key(std::string_view address) {
    std::string key = lower_ascii(trim_spaces(address));
    if (key.starts_with(kMailto)) key = std::string(trim_spaces(key.substr(kMailto.size())));
    return key;
}

MatchKeys match_keys(const vcard::Card& card, const PhoneNormalizer& phones) {
    MatchKeys keys;
    add_distinct(keys.uids, card.uid());
    for (const auto& phone : card.phones())
        add_distinct(keys.phones, phones.key(phone.number));
    for (const auto& email : card.emails())
        add_distinct(keys.emails, email_key(email.address));
    return keys;
}

}  // namespace cardex::client::book
