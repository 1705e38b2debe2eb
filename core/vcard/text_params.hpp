// Parameters of vCard text, from their written form to the model. Private to core/vcard.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/vcard/card.hpp"
#include "core/vcard/text_syntax.hpp"

namespace cardex::vcard {

struct DecodedParameters {
    std::vector<Parameter> params;  // model parameters, in written order
    TransferEncoding encoding = TransferEncoding::none;
    std::string charset;     // CHARSET, empty when not given
    std::string value_type;  // VALUE, lower-cased ("url" read as "uri"); empty when not given
    std::vector<std::string> problems;  // malformed pieces that were skipped
};

// - Names are upper-cased. Bare 2.1 parameters ("TEL;HOME;VOICE") become TYPE values, except
//   the bare encodings (QUOTED-PRINTABLE, BASE64, 8BIT, 7BIT).
// - All TYPE values (TYPE=a,b, TYPE="a,b", repeated TYPE parameters) are merged into one TYPE
//   parameter at the place of the first one, lower-cased. TYPE=PREF becomes PREF=1.
// - Values are unquoted and split at ',' outside quotes; in 4.0 the RFC 6868 escapes ^n ^^ ^'
//   are resolved. A LABEL value's "\n" is a line break too (RFC 6350's own example writes it
//   that way). Values that are not UTF-8 are read as Windows-1252.
// - ENCODING and CHARSET are consumed; VALUE is consumed when `consume_value` is set (known
//   properties, whose value type it sets) and kept as written otherwise.
// - Empty pieces (";;", a trailing ';', "TYPE=WORK,") and parameters without a name are skipped
//   and reported in `problems`.
DecodedParameters decode_parameters(const std::vector<RawParameter>& raw, Version version,
                                    bool consume_value);

}  // namespace cardex::vcard
