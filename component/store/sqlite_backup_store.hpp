// SqliteBackupStore: the BackupStore in the service's SQLite database (tables backup_uploads,
// backups and backup_chunks, schema.cpp). Chunks are BLOBs keyed by the upload's or backup's id.
#pragma once

#include "component/store/backup_store.hpp"
#include "component/store/sqlite.hpp"

namespace cardex::component::store {

class SqliteBackupStore final : public BackupStore {
  public:
    explicit SqliteBackupStore(Database& db) : db_(db) {}

    void begin(const StoredUpload& upload) override;
    std::optional<StoredUpload> upload(const std::string& id, const std::string& owner,
                                       protocol::Timestamp now) override;
    std::vector<StoredUpload> uploads(const std::string& owner, protocol::Timestamp now) override;
    void remove_upload(const std::string& id) override;
    std::optional<std::string> chunk(const std::string& id, std::uint64_t index) override;
    void put_chunk(const std::string& upload, std::uint64_t index,
                   const std::string& data) override;
    ReceivedChunks received(const std::string& upload) override;
    void commit(const StoredBackup& backup) override;
    std::vector<StoredBackup> backups(const std::string& owner) override;
    std::optional<StoredBackup> backup(const std::string& id, const std::string& owner) override;
    bool remove_backup(const std::string& id, const std::string& owner) override;
    std::size_t purge(protocol::Timestamp now) override;

  private:
    void remove_chunks(const std::string& id);

    Database& db_;
};

}  // namespace cardex::component::store
