// Media types of PHOTO, LOGO, SOUND and KEY: the old TYPE=JPEG style names, data: URIs and
// recognising common formats from their first bytes. Private to core/vcard.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "core/result.hpp"

namespace cardex::vcard {

// "jpeg" (a vCard 2.1/3.0 TYPE value) -> "image/jpeg"; a value containing '/' is taken as a
// media type already. Empty when the value is not a format (e.g. "work").
std::string media_type_for_format(std::string_view type_value);
// "image/jpeg" -> "JPEG", the TYPE value vCard 3.0 readers expect.
std::string format_for_media_type(std::string_view media_type);
// JPEG, PNG, GIF, WAV or PDF from their signature; empty when not recognised.
std::string sniff_media_type(std::string_view bytes);

struct DataUri {
    std::string media_type;  // may be empty
    bool base64 = false;
    std::string_view data;  // the text after the ','
};
// "data:image/jpeg;base64,/9j/..." split into its parts; nullopt for any other URI.
std::optional<DataUri> parse_data_uri(std::string_view uri);
std::string make_data_uri(std::string_view media_type, std::string_view bytes);
// The bytes a base64 data: URI holds; an Error saying why there are none (another URI, a link,
// is named; a data: URI without base64; damaged base64).
Result<std::string> data_uri_bytes(std::string_view uri);

}  // namespace cardex::vcard
