// Backups: the feature urn:xmpp:bizcard:0#backup as a module (the draft's "Backup and
// Restore"): backup-begin, backup-chunk, backup-upload, backup-commit, backups, restore and
// delete-backup, for users of the service only. The service stores ciphertext it cannot read,
// in numbered chunks; an upload becomes a backup only when it is committed, in one
// transaction, and one that is not committed within the upload lifetime is deleted.
//
// Failure cases: a user of another service (not-local-user); a backup over max_backup_bytes
// (backup-too-large); a chunk over max_chunk_bytes, or chunks that would exceed the bytes
// the upload announced (chunk-too-large); an index beyond the upload's or backup's chunks
// (chunk-out-of-range); a different chunk under an index already received (chunk-conflict);
// an upload id that is unknown, expired, committed or another user's (unknown-upload, the
// same error for all); a commit before every chunk is there (upload-incomplete); a backup id
// that is unknown or another user's (unknown-backup); a store that fails
// (internal-server-error).
#pragma once

#include <chrono>
#include <cstdint>

#include "component/service/clock.hpp"
#include "component/service/feature.hpp"
#include "component/service/request_support.hpp"
#include "component/store/store_worker.hpp"
#include "core/protocol/backup.hpp"

namespace cardex::component {

struct BackupPolicy {
    bool enabled = false;
    std::uint64_t max_backup_bytes = 64 * 1024 * 1024;  // ciphertext of one backup
    std::uint64_t max_chunk_bytes = 32 * 1024;          // ciphertext in one chunk
    std::uint64_t backups_kept = 3;                     // per user; the oldest go at commit
    std::chrono::seconds upload_lifetime{24 * 3600};    // until an uncommitted upload is deleted
    std::uint64_t open_uploads = 2;                     // per user; a new one ends the oldest
};

class Backups final : public Feature {
  public:
    Backups(RequestSupport& support, store::StoreExecutor& store, Clock& clock,
            BackupPolicy policy);

    void register_with(IqRouter& router) override;
    void describe(protocol::ServiceInfo& info) const override;

  private:
    using Reply = IqRouter::Reply;
    void begin(const xmpp::Iq& request, const Reply& reply);
    void chunk(const xmpp::Iq& request, const Reply& reply);
    void upload_state(const xmpp::Iq& request, const Reply& reply);
    void commit(const xmpp::Iq& request, const Reply& reply);
    void list(const xmpp::Iq& request, const Reply& reply);
    void restore(const xmpp::Iq& request, const Reply& reply);
    void remove(const xmpp::Iq& request, const Reply& reply);
    std::optional<protocol::ProtocolError> begin_problem(const protocol::BackupBegin& begin) const;

    RequestSupport& support_;
    store::StoreExecutor& store_;
    Clock& clock_;
    BackupPolicy policy_;
};

}  // namespace cardex::component
