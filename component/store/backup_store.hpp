// BackupStore: the users' encrypted backups (the draft's "Backup and Restore"). The service
// never sees inside them: a backup is ciphertext in numbered chunks. An upload collects its
// chunks under its id until it is committed; then the same id names the backup, and the chunks
// stay where they are, so a commit moves no data. An upload that is never committed expires.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/protocol/timestamp.hpp"

namespace cardex::component::store {

struct StoredUpload {
    std::string id;
    std::string owner;  // bare JID
    protocol::Timestamp created{};
    protocol::Timestamp expires{};
    std::uint64_t bytes = 0;   // announced at its beginning
    std::uint64_t chunks = 0;  // announced at its beginning
};

struct StoredBackup {
    std::string id;
    std::string owner;  // bare JID
    protocol::Timestamp stamp{};
    std::uint64_t bytes = 0;
    std::uint64_t chunks = 0;
};

// What has arrived of an upload: its chunks' indices (ascending) and their bytes together.
struct ReceivedChunks {
    std::vector<std::uint64_t> indices;
    std::uint64_t bytes = 0;
};

class BackupStore {
  public:
    virtual ~BackupStore() = default;

    virtual void begin(const StoredUpload& upload) = 0;
    // The owner's upload unless it expired before `now`; another user's is not found.
    virtual std::optional<StoredUpload> upload(const std::string& id, const std::string& owner,
                                               protocol::Timestamp now) = 0;
    // The owner's uploads that have not expired, newest first.
    virtual std::vector<StoredUpload> uploads(const std::string& owner,
                                              protocol::Timestamp now) = 0;
    virtual void remove_upload(const std::string& id) = 0;

    // The bytes of chunk `index` of an upload or backup, if it is there.
    virtual std::optional<std::string> chunk(const std::string& id, std::uint64_t index) = 0;
    virtual void put_chunk(const std::string& upload, std::uint64_t index,
                           const std::string& data) = 0;
    virtual ReceivedChunks received(const std::string& upload) = 0;

    // The upload becomes `backup` (same id, its chunks kept): listed and restorable from now.
    virtual void commit(const StoredBackup& backup) = 0;
    // The owner's backups, newest first.
    virtual std::vector<StoredBackup> backups(const std::string& owner) = 0;
    virtual std::optional<StoredBackup> backup(const std::string& id, const std::string& owner) = 0;
    // Deletes the owner's backup and its chunks; false when the owner has none of that id.
    virtual bool remove_backup(const std::string& id, const std::string& owner) = 0;

    // Deletes the uploads that expired before `now` with their chunks; how many.
    virtual std::size_t purge(protocol::Timestamp now) = 0;
};

}  // namespace cardex::component::store
