#include "component/service/backups.hpp"

#include <optional>

#include "component/service/ids.hpp"
#include "core/xmpp/namespaces.hpp"

namespace cardex::component {
namespace {

using protocol::ErrorCondition;
using protocol::ProtocolError;

const std::string kBizcard(ns::kBizcard);

// What a store job answers: a refusal, or the result's payload (none: an empty result).
struct Answer {
    std::optional<ProtocolError> refused;
    std::optional<xml::Element> payload;
};

Answer refused(ProtocolError error) {
    return {std::move(error), std::nullopt};
}

ProtocolError with_max(ErrorCondition condition, std::string text, std::uint64_t max) {
    ProtocolError error = refusal(condition, std::move(text));
    error.max = max;
    return error;
}

ProtocolError unknown_upload() {
    return refusal(ErrorCondition::unknown_upload,
                   "you have no upload in progress with that id: it never existed, has expired "
                   "or was committed");
}

ProtocolError unknown_backup() {
    return refusal(ErrorCondition::unknown_backup, "you have no backup with that id");
}

ProtocolError out_of_range(std::uint64_t index, std::uint64_t chunks) {
    return with_max(ErrorCondition::chunk_out_of_range,
                    "there is no chunk " + std::to_string(index) +
                        "; the chunks are numbered 0 to " + std::to_string(chunks - 1),
                    chunks);
}

// Received chunk indices as ascending ranges.
std::vector<protocol::ChunkRange> ranges(const std::vector<std::uint64_t>& indices) {
    std::vector<protocol::ChunkRange> out;
    for (const auto i : indices) {
        if (!out.empty() && out.back().last + 1 == i) {
            out.back().last = i;
        } else {
            out.push_back({i, i});
        }
    }
    return out;
}

protocol::BackupInfo described(const store::StoredBackup& b) {
    return {b.id, b.stamp, b.bytes, b.chunks};
}

// Runs `work` in a store job and answers with what it returns.
template <class Work>
void answer(RequestSupport& support, store::StoreExecutor& store, const xmpp::Iq& request,
            const IqRouter::Reply& reply, Work work) {
    store.run<Answer>(std::function<Answer(store::Stores&)>(std::move(work)),
                      [&support, request, reply](Result<Answer> answer) {
                          if (!answer) return support.store_failed(request, reply, answer.error());
                          if (answer->refused)
                              return support.refuse(request, reply, *answer->refused);
                          reply(xmpp::result_reply(request, std::move(answer->payload)));
                      });
}

}  // namespace

Backups::Backups(RequestSupport& support, store::StoreExecutor& store, Clock& clock,
                 BackupPolicy policy)
    : support_(support), store_(store), clock_(clock), policy_(policy) {}

void Backups::register_with(IqRouter& router) {
    if (!policy_.enabled) return;
    using xmpp::IqType;
    auto bind = [this](void (Backups::*handler)(const xmpp::Iq&, const Reply&)) {
        return support_.admitting([this, handler](const xmpp::Iq& request, const Reply& reply) {
            if (!support_.require_local(request, reply)) return;
            (this->*handler)(request, reply);
        });
    };
    router.add(IqType::set, kBizcard, "backup-begin", bind(&Backups::begin));
    router.add(IqType::set, kBizcard, "backup-chunk", bind(&Backups::chunk));
    router.add(IqType::get, kBizcard, "backup-upload", bind(&Backups::upload_state));
    router.add(IqType::set, kBizcard, "backup-commit", bind(&Backups::commit));
    router.add(IqType::get, kBizcard, "backups", bind(&Backups::list));
    router.add(IqType::get, kBizcard, "restore", bind(&Backups::restore));
    router.add(IqType::set, kBizcard, "delete-backup", bind(&Backups::remove));
}

void Backups::describe(protocol::ServiceInfo& info) const {
    info.features.backup = policy_.enabled;
    if (!info.limits) info.limits.emplace();
    info.limits->max_backup_bytes = policy_.max_backup_bytes;
    info.limits->max_chunk_bytes = policy_.max_chunk_bytes;
    info.limits->max_backups = policy_.backups_kept;
}

std::optional<ProtocolError> Backups::begin_problem(const protocol::BackupBegin& begin) const {
    if (begin.bytes > policy_.max_backup_bytes) {
        return with_max(ErrorCondition::backup_too_large,
                        "the backup has " + std::to_string(begin.bytes) +
                            " bytes; this service keeps at most " +
                            std::to_string(policy_.max_backup_bytes),
                        policy_.max_backup_bytes);
    }
    const auto needed = (begin.bytes + begin.chunks - 1) / begin.chunks;
    if (needed > policy_.max_chunk_bytes) {
        return with_max(ErrorCondition::chunk_too_large,
                        std::to_string(begin.bytes) + " bytes in " + std::to_string(begin.chunks) +
                            " chunks need chunks of " + std::to_string(needed) +
                            " bytes; this service takes at most " +
                            std::to_string(policy_.max_chunk_bytes) + " in one chunk",
                        policy_.max_chunk_bytes);
    }
    return std::nullopt;
}

void Backups::begin(const xmpp::Iq& request, const Reply& reply) {
    auto asked = protocol::parse_backup_begin(*request.payload);
    if (!asked) return support_.malformed(request, reply, asked.error());
    if (auto problem = begin_problem(*asked)) return support_.refuse(request, reply, *problem);
    const auto now = clock_.now();
    store::StoredUpload upload{random_id(16), request.from->bare_str(),
                               now,           now + policy_.upload_lifetime,
                               asked->bytes,  asked->chunks};
    answer(support_, store_, request, reply,
           [upload, keep = policy_.open_uploads](store::Stores& s) -> Answer {
               s.backups.purge(upload.created);
               const auto open = s.backups.uploads(upload.owner, upload.created);
               for (std::size_t i = keep > 0 ? keep - 1 : 0; i < open.size(); ++i)
                   s.backups.remove_upload(open[i].id);
               s.backups.begin(upload);
               return {std::nullopt,
                       protocol::serialize(protocol::BackupUpload{
                           upload.id, upload.expires, upload.bytes, upload.chunks, {}})};
           });
}

void Backups::chunk(const xmpp::Iq& request, const Reply& reply) {
    auto chunk = protocol::parse_backup_chunk(*request.payload);
    if (!chunk) return support_.malformed(request, reply, chunk.error());
    if (chunk->data.size() > policy_.max_chunk_bytes) {
        return support_.refuse(
            request, reply,
            with_max(ErrorCondition::chunk_too_large,
                     "the chunk has " + std::to_string(chunk->data.size()) +
                         " bytes; this service takes at most " +
                         std::to_string(policy_.max_chunk_bytes) + " in one chunk",
                     policy_.max_chunk_bytes));
    }
    answer(
        support_, store_, request, reply,
        [chunk = std::move(chunk).value(), owner = request.from->bare_str(),
         now = clock_.now()](store::Stores& s) -> Answer {
            const auto upload = s.backups.upload(chunk.upload, owner, now);
            if (!upload) return refused(unknown_upload());
            if (chunk.index >= upload->chunks)
                return refused(out_of_range(chunk.index, upload->chunks));
            if (const auto stored = s.backups.chunk(chunk.upload, chunk.index)) {
                if (*stored == chunk.data) return {};  // a repeat
                return refused(refusal(ErrorCondition::chunk_conflict,
                                       "chunk " + std::to_string(chunk.index) +
                                           " was uploaded before with different bytes"));
            }
            const auto received = s.backups.received(chunk.upload);
            if (received.bytes + chunk.data.size() > upload->bytes) {
                return refused(refusal(ErrorCondition::chunk_too_large,
                                       "with this chunk the upload would have more than the " +
                                           std::to_string(upload->bytes) + " bytes it announced"));
            }
            s.backups.put_chunk(chunk.upload, chunk.index, chunk.data);
            return {};
        });
}

void Backups::upload_state(const xmpp::Iq& request, const Reply& reply) {
    auto query = protocol::parse_backup_upload_query(*request.payload);
    if (!query) return support_.malformed(request, reply, query.error());
    answer(support_, store_, request, reply,
           [id = query->id, owner = request.from->bare_str(),
            now = clock_.now()](store::Stores& s) -> Answer {
               const auto upload = s.backups.upload(id, owner, now);
               if (!upload) return refused(unknown_upload());
               const auto received = s.backups.received(id);
               return {std::nullopt, protocol::serialize(protocol::BackupUpload{
                                         upload->id, upload->expires, upload->bytes, upload->chunks,
                                         ranges(received.indices)})};
           });
}

void Backups::commit(const xmpp::Iq& request, const Reply& reply) {
    auto commit = protocol::parse_backup_commit(*request.payload);
    if (!commit) return support_.malformed(request, reply, commit.error());
    answer(
        support_, store_, request, reply,
        [id = commit->upload, owner = request.from->bare_str(), now = clock_.now(),
         kept = policy_.backups_kept](store::Stores& s) -> Answer {
            const auto upload = s.backups.upload(id, owner, now);
            if (!upload) return refused(unknown_upload());
            const auto received = s.backups.received(id);
            if (received.indices.size() != upload->chunks || received.bytes != upload->bytes) {
                return refused(refusal(ErrorCondition::upload_incomplete,
                                       "the upload has " + std::to_string(received.indices.size()) +
                                           " of its " + std::to_string(upload->chunks) +
                                           " chunks and " + std::to_string(received.bytes) +
                                           " of its " + std::to_string(upload->bytes) + " bytes"));
            }
            const store::StoredBackup backup{id, owner, now, upload->bytes, upload->chunks};
            s.backups.commit(backup);
            const auto all = s.backups.backups(owner);
            for (std::size_t i = kept; kept > 0 && i < all.size(); ++i)
                s.backups.remove_backup(all[i].id, owner);
            return {std::nullopt, protocol::serialize(protocol::BackupStored{described(backup)})};
        });
}

void Backups::list(const xmpp::Iq& request, const Reply& reply) {
    if (auto query = protocol::parse_backups_query(*request.payload); !query)
        return support_.malformed(request, reply, query.error());
    answer(support_, store_, request, reply,
           [owner = request.from->bare_str()](store::Stores& s) -> Answer {
               protocol::BackupsResult result;
               for (const auto& b : s.backups.backups(owner))
                   result.backups.push_back(described(b));
               return {std::nullopt, protocol::serialize(result)};
           });
}

void Backups::restore(const xmpp::Iq& request, const Reply& reply) {
    auto asked = protocol::parse_restore(*request.payload);
    if (!asked) return support_.malformed(request, reply, asked.error());
    answer(support_, store_, request, reply,
           [asked = *asked, owner = request.from->bare_str()](store::Stores& s) -> Answer {
               const auto backup = s.backups.backup(asked.backup, owner);
               if (!backup) return refused(unknown_backup());
               if (asked.index >= backup->chunks)
                   return refused(out_of_range(asked.index, backup->chunks));
               auto data = s.backups.chunk(asked.backup, asked.index);
               if (!data) return refused(unknown_backup());
               return {std::nullopt, protocol::serialize(protocol::RestoreChunk{
                                         asked.backup, asked.index, std::move(*data)})};
           });
}

void Backups::remove(const xmpp::Iq& request, const Reply& reply) {
    auto asked = protocol::parse_delete_backup(*request.payload);
    if (!asked) return support_.malformed(request, reply, asked.error());
    answer(support_, store_, request, reply,
           [id = asked->id, owner = request.from->bare_str()](store::Stores& s) -> Answer {
               if (!s.backups.remove_backup(id, owner)) return refused(unknown_backup());
               return {};
           });
}

}  // namespace cardex::component
