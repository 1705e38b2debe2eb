// The account's password, from the first source that has one: the account's password file,
// $CARDEX_PASSWORD, or a prompt on the terminal with echo off. It is never written anywhere.
#pragma once

#include <string>

#include "client/profile/profile.hpp"
#include "core/result.hpp"

namespace cardex::client::profile {

// `may_prompt`: whether asking on the terminal (/dev/tty) is allowed when the other sources
// are empty; an Error says where the password was looked for.
Result<std::string> read_password(const AccountSettings& account, const Environment& env,
                                  bool may_prompt);

}  // namespace cardex::client::profile
