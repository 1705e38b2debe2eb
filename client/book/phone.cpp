#include "client/book/phone.hpp"

#include <phonenumbers/phonenumberutil.h>

#include "client/book/text_fold.hpp"
#include "core/text/ascii.hpp"

namespace cardex::client::book {
namespace {

using i18n::phonenumbers::PhoneNumber;
using i18n::phonenumbers::PhoneNumberUtil;

constexpr std::string_view kUnknownRegion = "ZZ";

// libphonenumber's singleton. Its default logger is a NullLogger, so an unknown region code
// (which it logs as an error) never shows in the terminal client's output.
const PhoneNumberUtil& phone_util() {
    return *PhoneNumberUtil::GetInstance();
}

// The "phone-context" parameter of a tel: URI when it is a global number prefix ("+49-30"),
// which RFC 3966 puts in front of a local number; empty otherwise (a domain name, or none).
std::string_view global_phone_context(std::string_view parameters) {
    constexpr std::string_view kName = "phone-context=";
    while (!parameters.empty()) {
        const auto semicolon = parameters.find(';');
        const std::string_view parameter = parameters.substr(0, semicolon);
        if (starts_with_ignoring_case(parameter, kName)) {
            const std::string_view context = parameter.substr(kName.size());
            return context.starts_with('+') ? context : std::string_view();
        }
        if (semicolon == std::string_view::npos) break;
        parameters.remove_prefix(semicolon + 1);
    }
    return {};
}

// The number of a "tel:" URI without its parameters (";ext=", ";isub=" and unknown ones, which
// libphonenumber refuses), prefixed by a global phone-context; other text unchanged.
std::string number_without_uri(std::string_view number) {
    number = trim_spaces(number);
    if (!starts_with_ignoring_case(number, "tel:")) return std::string(number);
    number.remove_prefix(4);
    const auto semicolon = number.find(';');
    if (semicolon == std::string_view::npos) return std::string(number);
    const std::string_view context = global_phone_context(number.substr(semicolon + 1));
    return std::string(context) + std::string(number.substr(0, semicolon));
}

bool is_digit(char c) {
    return c >= '0' && c <= '9';
}

bool is_ascii_letter(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

// The digits of a number libphonenumber could not read, up to the first letter after a digit,
// so that an extension ("112 ext. 5", "112 x5") stays out of the key as it does in E.164.
std::string digits_before_extension(std::string_view text) {
    std::string digits;
    for (const char c : text) {
        if (is_digit(c)) {
            digits.push_back(c);
        } else if (is_ascii_letter(c) && !digits.empty()) {
            break;
        }
    }
    return digits;
}

// "de_DE.UTF-8" -> "DE": the first two-letter subtag after the language, so that a script or
// variant ("zh_Hant_TW", "en_US_POSIX", "de-DE-1996") does not hide the territory.
std::string_view territory_of(std::string_view locale) {
    locale = locale.substr(0, locale.find_first_of(".@"));  // codeset and modifier
    auto separator = locale.find_first_of("_-");
    while (separator != std::string_view::npos) {
        locale.remove_prefix(separator + 1);
        separator = locale.find_first_of("_-");
        const std::string_view subtag = locale.substr(0, separator);
        if (subtag.size() == 2) return subtag;
    }
    return {};
}

}  // namespace

PhoneNormalizer::PhoneNormalizer(std::string default_region)
    : region_(is_known_region(default_region) ? upper_ascii(default_region)
                                              : std::string(kUnknownRegion)) {}

std::optional<std::string> PhoneNormalizer::e164(std::string_view number) const {
    const std::string text = number_without_uri(number);
    if (text.empty()) return std::nullopt;
    const PhoneNumberUtil& util = phone_util();
    PhoneNumber parsed;
    if (util.Parse(text, region_, &parsed) != PhoneNumberUtil::NO_PARSING_ERROR) {
        return std::nullopt;
    }
    std::string formatted;  // E.164 never includes the extension
    util.Format(parsed, PhoneNumberUtil::E164, &formatted);
    return formatted;
}

std::string PhoneNormalizer::key(std::string_view number) const {
    if (auto formatted = e164(number)) return std::move(*formatted);
    const std::string digits = digits_before_extension(number_without_uri(number));
    return digits.empty() ? std::string() : "~" + digits;
}

bool PhoneNormalizer::is_known_region(std::string_view region) {
    if (region.size() != 2) return false;  // also keeps out "001", the non-geographic entity
    return phone_util().GetCountryCodeForRegion(upper_ascii(region)) != 0;
}

std::string region_from_locale(std::string_view locale_name) {
    const std::string_view territory = territory_of(locale_name);
    if (!PhoneNormalizer::is_known_region(territory)) return {};
    return upper_ascii(territory);
}

}  // namespace cardex::client::book
