// PHOTO, LOGO, SOUND and KEY in vCard text: inline base64 to data: URIs and the old TYPE=JPEG
// format names to media types. Private to core/vcard.
#pragma once

#include <string_view>
#include <vector>

#include "core/vcard/card.hpp"
#include "core/vcard/limits.hpp"
#include "core/vcard/text_property.hpp"

namespace cardex::vcard {

// Inline base64 data (ENCODING=b / BASE64): decoded, checked against max_media_bytes and
// stored as a data: URI with value type "uri". The media type comes from a TYPE value naming
// a format (TYPE=JPEG, TYPE=image/png; that value is then removed), else MEDIATYPE, else the
// data's signature. Invalid base64 skips the property (a problem); too much data rejects the
// card. Returns false when the property is skipped.
bool read_inline_media(std::string_view base64, const Limits& limits,
                       std::vector<Parameter>& params, Property& property,
                       PropertyOutcome& outcome);

// A media property with a URI value: a TYPE value naming a format becomes MEDIATYPE (unless
// the value is a data: URI, which carries its type), and data: URIs are checked against
// max_media_bytes.
void finish_media(const Limits& limits, Property& property, PropertyOutcome& outcome);

}  // namespace cardex::vcard
