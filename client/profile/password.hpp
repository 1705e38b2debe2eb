// The account's password, from the first source that has one: the account's password file,
// $CARDEX_PASSWORD, or a prompt on the terminal with echo off. It is never written anywhere.
// The passphrase of backups is read the same way.
#pragma once

#include <string>

#include "client/profile/profile.hpp"
#include "core/result.hpp"

namespace cardex::client::profile {

// `may_prompt`: whether asking on the terminal (/dev/tty) is allowed when the other sources
// are empty; an Error says where the password was looked for.
Result<std::string> read_password(const AccountSettings& account, const Environment& env,
                                  bool may_prompt);

// The passphrase of a backup, never stored: the first line of `file` when one is given, else
// $CARDEX_BACKUP_PASSPHRASE, else asked on the terminal with echo off (twice when `confirm`,
// for a new backup: a mistyped passphrase would make it useless).
Result<std::string> read_passphrase(const std::string& file, const Environment& env,
                                    bool may_prompt, bool confirm);

}  // namespace cardex::client::profile
