// The backup requests (the draft's "Backup and Restore") as IQ stanzas, and the typed reading of
// their answers. The chunks are ciphertext: client/backup/ makes and reads it.
#pragma once

#include <cstdint>
#include <string>

#include "client/exchange/replies.hpp"
#include "core/protocol/backup.hpp"
#include "core/xmpp/jid.hpp"
#include "core/xmpp/stanza.hpp"

namespace cardex::client::exchange {

xmpp::Iq backup_begin_request(const xmpp::Jid& service, std::uint64_t bytes, std::uint64_t chunks);
xmpp::Iq backup_chunk_request(const xmpp::Jid& service, const std::string& upload,
                              std::uint64_t index, std::string data);
xmpp::Iq backup_upload_request(const xmpp::Jid& service, const std::string& upload);
xmpp::Iq backup_commit_request(const xmpp::Jid& service, const std::string& upload);
xmpp::Iq backups_request(const xmpp::Jid& service);
xmpp::Iq restore_request(const xmpp::Jid& service, const std::string& backup, std::uint64_t index);
xmpp::Iq delete_backup_request(const xmpp::Jid& service, const std::string& backup);

// backup-begin and backup-upload (get) are answered with <backup-upload/>.
Result<ServiceReply<protocol::BackupUpload>> read_backup_upload(const xmpp::Iq& answer);
// backup-chunk and delete-backup are answered with an empty result.
Result<ServiceReply<Ok>> read_backup_chunk_stored(const xmpp::Iq& answer);
Result<ServiceReply<protocol::BackupStored>> read_backup_stored(const xmpp::Iq& answer);
Result<ServiceReply<protocol::BackupsResult>> read_backups(const xmpp::Iq& answer);
Result<ServiceReply<protocol::RestoreChunk>> read_restore_chunk(const xmpp::Iq& answer);
Result<ServiceReply<Ok>> read_backup_deleted(const xmpp::Iq& answer);

}  // namespace cardex::client::exchange
