// Backup and restore of a user's address book (feature urn:xmpp:bizcard:0#backup). The client
// encrypts the backup; the service sees only ciphertext, uploaded in numbered chunks and
// committed at the end, and downloaded chunk by chunk:
//   <backup-begin/> (set)   -> <backup-upload/> (result): an upload id, its expiry
//   <backup-chunk/> (set)   -> empty result; a chunk re-sent with the same bytes is fine
//   <backup-upload/> (get)  -> <backup-upload/> (result): which chunks the service has
//   <backup-commit/> (set)  -> <backup-stored/> (result): the backup, listed from now on
//   <backups/> (get)        -> <backups/> (result): id, stamp, bytes, chunks; no content
//   <restore/> (get)        -> <restore-chunk/> (result): one chunk of a committed backup
//   <delete-backup/> (set)  -> empty result
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/protocol/timestamp.hpp"
#include "core/result.hpp"
#include "core/xml/element.hpp"

namespace cardex::protocol {

// What the service says about one committed backup.
struct BackupInfo {
    std::string id;
    Timestamp stamp{};         // when it was committed
    std::uint64_t bytes = 1;   // size of the ciphertext (positive)
    std::uint64_t chunks = 1;  // how many chunks it was uploaded in (positive)

    friend bool operator==(const BackupInfo&, const BackupInfo&) = default;
};

// <backup-begin bytes chunks/> (IQ set): starts an upload of this many bytes in this many chunks.
struct BackupBegin {
    std::uint64_t bytes = 1;
    std::uint64_t chunks = 1;

    friend bool operator==(const BackupBegin&, const BackupBegin&) = default;
};

// Chunks first..last (0-based, inclusive) that the service has.
struct ChunkRange {
    std::uint64_t first = 0;
    std::uint64_t last = 0;

    friend bool operator==(const ChunkRange&, const ChunkRange&) = default;
};

// <backup-upload id expires bytes chunks><received first last/>...</backup-upload> (IQ result
// of a begin, with nothing received, and of an upload query).
struct BackupUpload {
    std::string id;
    Timestamp expires{};  // uncommitted until then, deleted after
    std::uint64_t bytes = 1;
    std::uint64_t chunks = 1;
    std::vector<ChunkRange> received;  // ascending, not overlapping

    friend bool operator==(const BackupUpload&, const BackupUpload&) = default;
};

// <backup-upload id/> (IQ get): which chunks of the upload the service has.
struct BackupUploadQuery {
    std::string id;

    friend bool operator==(const BackupUploadQuery&, const BackupUploadQuery&) = default;
};

// <backup-chunk upload index>BASE64</backup-chunk> (IQ set): chunk `index` (0-based).
struct BackupChunk {
    std::string upload;
    std::uint64_t index = 0;
    std::string data;  // the ciphertext bytes, at least one

    friend bool operator==(const BackupChunk&, const BackupChunk&) = default;
};

// <backup-commit upload/> (IQ set): every chunk is there; store it as one backup.
struct BackupCommit {
    std::string upload;

    friend bool operator==(const BackupCommit&, const BackupCommit&) = default;
};

// <backup-stored id stamp bytes chunks/> (IQ result of a commit).
struct BackupStored {
    BackupInfo backup;

    friend bool operator==(const BackupStored&, const BackupStored&) = default;
};

// <backups/> (IQ get, empty).
struct BackupsQuery {
    friend bool operator==(const BackupsQuery&, const BackupsQuery&) = default;
};

// <backups/> (IQ result): newest first, without content.
struct BackupsResult {
    std::vector<BackupInfo> backups;

    friend bool operator==(const BackupsResult&, const BackupsResult&) = default;
};

// <restore backup index/> (IQ get): one chunk of a committed backup.
struct Restore {
    std::string backup;
    std::uint64_t index = 0;

    friend bool operator==(const Restore&, const Restore&) = default;
};

// <restore-chunk backup index>BASE64</restore-chunk> (IQ result of a restore).
struct RestoreChunk {
    std::string backup;
    std::uint64_t index = 0;
    std::string data;  // at least one byte

    friend bool operator==(const RestoreChunk&, const RestoreChunk&) = default;
};

// <delete-backup id/> (IQ set).
struct DeleteBackup {
    std::string id;

    friend bool operator==(const DeleteBackup&, const DeleteBackup&) = default;
};

Result<BackupBegin> parse_backup_begin(const xml::Element& e);
Result<BackupUpload> parse_backup_upload(const xml::Element& e);
Result<BackupUploadQuery> parse_backup_upload_query(const xml::Element& e);
Result<BackupChunk> parse_backup_chunk(const xml::Element& e);
Result<BackupCommit> parse_backup_commit(const xml::Element& e);
Result<BackupStored> parse_backup_stored(const xml::Element& e);
Result<BackupsQuery> parse_backups_query(const xml::Element& e);
Result<BackupsResult> parse_backups_result(const xml::Element& e);
Result<Restore> parse_restore(const xml::Element& e);
Result<RestoreChunk> parse_restore_chunk(const xml::Element& e);
Result<DeleteBackup> parse_delete_backup(const xml::Element& e);

xml::Element serialize(const BackupBegin& begin);
xml::Element serialize(const BackupUpload& upload);
xml::Element serialize(const BackupUploadQuery& query);
xml::Element serialize(const BackupChunk& chunk);
xml::Element serialize(const BackupCommit& commit);
xml::Element serialize(const BackupStored& stored);
xml::Element serialize(const BackupsQuery& query);
xml::Element serialize(const BackupsResult& result);
xml::Element serialize(const Restore& restore);
xml::Element serialize(const RestoreChunk& chunk);
xml::Element serialize(const DeleteBackup& remove);

}  // namespace cardex::protocol
