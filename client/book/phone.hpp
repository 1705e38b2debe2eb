// Telephone numbers compared as people mean them: "+49 30 1234567", "030 1234567" (with the
// default region DE), "+49-30-1234567" and "tel:+49-30-1234567" are one number. libphonenumber
// parses them into E.164 form ("+49301234567").
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace cardex::client::book {

class PhoneNormalizer {
  public:
    // `default_region` is an ISO 3166-1 alpha-2 code ("DE", "us": case does not matter) for
    // numbers written without a country code; empty (or "ZZ", or any code libphonenumber does
    // not know) means unknown, so that only numbers written in international form (+...) can
    // be normalised. "00..." is international only in a region whose exit code it is.
    explicit PhoneNormalizer(std::string default_region = {});

    const std::string& region() const { return region_; }

    // The E.164 form, or nullopt when `number` is not a telephone number libphonenumber can
    // read (empty, letters only, too short or too long for any region). A "tel:" URI prefix
    // and its parameters (";ext=...") are ignored, except that a global phone-context
    // ("tel:1234567;phone-context=+49-30") is put in front of a local number; an extension is
    // not part of the key. libphonenumber reads any two or more digits as a national number,
    // so with a region a short code gets its country code: "112" with DE is "+49112".
    std::optional<std::string> e164(std::string_view number) const;

    // What two numbers are compared by: the E.164 form when there is one, otherwise "~"
    // followed by the number's digits (so "112" and "1 1 2" are equal, and never equal to an
    // E.164 key); empty when the number has no digits at all. The digits end at the first
    // letter after one ("112 ext. 5" is "~112"), so that an extension stays out here too.
    std::string key(std::string_view number) const;

    // Whether `region` is a region libphonenumber knows ("DE", "US", "us"...; not "ZZ" or
    // "001", its code for non-geographic numbers).
    static bool is_known_region(std::string_view region);

  private:
    std::string region_;  // upper-case, or "ZZ"
};

// The default region for a locale name such as "de_DE.UTF-8" or "en_US" ("DE", "US"), or empty
// when the name carries no region libphonenumber knows ("C", "C.UTF-8", "POSIX", "en"). The
// territory is the first two-letter subtag after the language ("zh_Hant_TW", "pt_BR@euro");
// a BCP 47 tag ("en-US") is read the same way.
std::string region_from_locale(std::string_view locale_name);

}  // namespace cardex::client::book
