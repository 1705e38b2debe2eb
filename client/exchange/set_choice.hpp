// Which of the user's card sets a QR code points at when the user names none.
#pragma once

#include <string>
#include <vector>

#include "core/protocol/sets.hpp"
#include "core/result.hpp"

namespace cardex::client::exchange {

// "work" when there is such a set, else the only set; an Error saying what to do when there is
// none, or several and none is "work".
Result<std::string> default_token_set(const std::vector<protocol::SetInfo>& sets);

}  // namespace cardex::client::exchange
