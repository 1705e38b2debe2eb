// Moving a backup's ciphertext to and from the home card service in chunks (the draft's "Backup
// and Restore"), with a window of chunk requests outstanding at a time so that the round trips
// overlap. An upload that was cut off resumes: the service says which chunks it has and only
// the others are sent. Nothing here sees plaintext.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include "client/session/card_session.hpp"
#include "core/protocol/backup.hpp"
#include "core/protocol/service_info.hpp"
#include "core/result.hpp"
#include "core/xmpp/jid.hpp"

namespace cardex::client::backup {

struct TransferOptions {
    std::uint64_t chunk_bytes = 32768;  // at most the service's max-chunk-bytes
    std::size_t window = 8;             // chunk requests outstanding at a time
    // Called with chunks done and chunks in all, after each chunk.
    std::function<void(std::uint64_t done, std::uint64_t all)> progress;
};

// The chunk size to use with a service: its max-chunk-bytes (the draft's default when it
// advertises none).
std::uint64_t chunk_bytes_for(const std::optional<protocol::ServiceLimits>& limits);

// Uploads `ciphertext` and commits it. With `resume`, continues that upload when the service
// still has it (a new one begins when it does not); `begun` is told the id of an upload as soon
// as the service has given it, so that the caller can keep it for a later resume.
Result<protocol::BackupStored> upload_backup(CardSession& session, const xmpp::Jid& service,
                                             std::string_view ciphertext,
                                             const std::optional<std::string>& resume,
                                             const std::function<void(const std::string&)>& begun,
                                             const TransferOptions& options);

// The ciphertext of a committed backup.
Result<std::string> download_backup(CardSession& session, const xmpp::Jid& service,
                                    const protocol::BackupInfo& backup,
                                    const TransferOptions& options);

// The user's backups on the service, newest first.
Result<protocol::BackupsResult> list_backups(CardSession& session, const xmpp::Jid& service);

}  // namespace cardex::client::backup
