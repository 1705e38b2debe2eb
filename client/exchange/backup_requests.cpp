#include "client/exchange/backup_requests.hpp"

#include "client/exchange/service_requests.hpp"

namespace cardex::client::exchange {

xmpp::Iq backup_begin_request(const xmpp::Jid& service, std::uint64_t bytes, std::uint64_t chunks) {
    return request_iq(xmpp::IqType::set, service,
                      protocol::serialize(protocol::BackupBegin{bytes, chunks}));
}

xmpp::Iq backup_chunk_request(const xmpp::Jid& service, const std::string& upload,
                              std::uint64_t index, std::string data) {
    return request_iq(xmpp::IqType::set, service,
                      protocol::serialize(protocol::BackupChunk{upload, index, std::move(data)}));
}

xmpp::Iq backup_upload_request(const xmpp::Jid& service, const std::string& upload) {
    return request_iq(xmpp::IqType::get, service,
                      protocol::serialize(protocol::BackupUploadQuery{upload}));
}

xmpp::Iq backup_commit_request(const xmpp::Jid& service, const std::string& upload) {
    return request_iq(xmpp::IqType::set, service,
                      protocol::serialize(protocol::BackupCommit{upload}));
}

xmpp::Iq backups_request(const xmpp::Jid& service) {
    return request_iq(xmpp::IqType::get, service, protocol::serialize(protocol::BackupsQuery{}));
}

xmpp::Iq restore_request(const xmpp::Jid& service, const std::string& backup, std::uint64_t index) {
    return request_iq(xmpp::IqType::get, service,
                      protocol::serialize(protocol::Restore{backup, index}));
}

xmpp::Iq delete_backup_request(const xmpp::Jid& service, const std::string& backup) {
    return request_iq(xmpp::IqType::set, service,
                      protocol::serialize(protocol::DeleteBackup{backup}));
}

Result<ServiceReply<protocol::BackupUpload>> read_backup_upload(const xmpp::Iq& answer) {
    return decode_reply<protocol::BackupUpload>(answer, &protocol::parse_backup_upload);
}

Result<ServiceReply<Ok>> read_backup_chunk_stored(const xmpp::Iq& answer) {
    return decode_empty_reply(answer);
}

Result<ServiceReply<protocol::BackupStored>> read_backup_stored(const xmpp::Iq& answer) {
    return decode_reply<protocol::BackupStored>(answer, &protocol::parse_backup_stored);
}

Result<ServiceReply<protocol::BackupsResult>> read_backups(const xmpp::Iq& answer) {
    return decode_reply<protocol::BackupsResult>(answer, &protocol::parse_backups_result);
}

Result<ServiceReply<protocol::RestoreChunk>> read_restore_chunk(const xmpp::Iq& answer) {
    return decode_reply<protocol::RestoreChunk>(answer, &protocol::parse_restore_chunk);
}

Result<ServiceReply<Ok>> read_backup_deleted(const xmpp::Iq& answer) {
    return decode_empty_reply(answer);
}

}  // namespace cardex::client::exchange
