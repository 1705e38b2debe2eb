#include "client/backup/backup_transfer.hpp"

#include <algorithm>
#include <memory>
#include <vector>

#include "client/exchange/backup_requests.hpp"

namespace cardex::client::backup {
namespace {

using exchange::ServiceReply;

// How long to wait for any answer of the window before giving up.
constexpr std::chrono::seconds kAnswerWait{60};

template <class T>
Result<T> value_of(const Result<ServiceReply<T>>& reply, const xmpp::Jid& service) {
    if (!reply) return make_error(service.str() + ": " + reply.error().message);
    if (!reply->ok()) return make_error(service.str() + ": " + exchange::explain(*reply->error));
    return *reply->value;
}

template <class T>
Result<T> call(CardSession& session, xmpp::Iq request,
               Result<ServiceReply<T>> (*read)(const xmpp::Iq&)) {
    const xmpp::Jid service = *request.to;
    auto answer = session.call(std::move(request));
    if (!answer) return answer.error();
    return value_of(read(*answer), service);
}

// Sends the requests for `indices` with at most `window` outstanding; `answered` checks each
// answer. Stops at the first problem, giving up the requests still out (so that no callback
// outlives this call).
Status pipeline(CardSession& session, const std::vector<std::uint64_t>& indices, std::size_t window,
                const std::function<xmpp::Iq(std::uint64_t)>& request,
                const std::function<Status(std::uint64_t, const xmpp::Iq&)>& answered) {
    struct State {
        std::size_t in_flight = 0;
        std::optional<Error> problem;
    };
    auto state = std::make_shared<State>();
    std::size_t next = 0;
    while ((next < indices.size() && !state->problem) || state->in_flight > 0) {
        while (next < indices.size() && state->in_flight < std::max<std::size_t>(window, 1) &&
               !state->problem) {
            const auto index = indices[next++];
            ++state->in_flight;
            session.agent().request(request(index),
                                    [state, index, &answered](Result<xmpp::Iq> answer) {
                                        --state->in_flight;
                                        if (state->problem) return;
                                        if (!answer) {
                                            state->problem = answer.error();
                                            return;
                                        }
                                        if (auto ok = answered(index, *answer); !ok)
                                            state->problem = ok.error();
                                    });
        }
        // After a problem the requests still out are given up: their answers (if any come)
        // change nothing, and one the service dropped would take the request timeout.
        if (state->problem) {
            session.agent().abandon_requests("given up after: " + state->problem->message);
            break;
        }
        const std::size_t before = state->in_flight;
        const bool moved =
            session.run_until([&] { return state->in_flight < before; }, kAnswerWait);
        if (!moved) {
            session.agent().abandon_requests("connection lost: " + session.last_error());
            if (!state->problem)
                state->problem = make_error(
                    "the connection was lost during the transfer" +
                    (session.last_error().empty() ? std::string() : ": " + session.last_error()));
        }
    }
    if (state->problem) return *state->problem;
    return Ok{};
}

std::vector<std::uint64_t> missing(const protocol::BackupUpload& upload) {
    std::vector<std::uint64_t> out;
    std::size_t r = 0;
    for (std::uint64_t i = 0; i < upload.chunks; ++i) {
        while (r < upload.received.size() && upload.received[r].last < i)
            ++r;
        if (r < upload.received.size() && upload.received[r].first <= i) continue;
        out.push_back(i);
    }
    return out;
}

}  // namespace

std::uint64_t chunk_bytes_for(const std::optional<protocol::ServiceLimits>& limits) {
    return limits ? std::max<std::uint64_t>(limits->max_chunk_bytes, 1)
                  : protocol::ServiceLimits{}.max_chunk_bytes;
}

Result<protocol::BackupStored> upload_backup(CardSession& session, const xmpp::Jid& service,
                                             std::string_view ciphertext,
                                             const std::optional<std::string>& resume,
                                             const std::function<void(const std::string&)>& begun,
                                             const TransferOptions& options) {
    const std::uint64_t size = std::max<std::uint64_t>(options.chunk_bytes, 1);
    const std::uint64_t chunks = (ciphertext.size() + size - 1) / size;
    if (chunks == 0) return make_error("there is nothing to upload");
    std::optional<protocol::BackupUpload> upload;
    if (resume) {
        auto answer = session.call(exchange::backup_upload_request(service, *resume));
        if (!answer) return answer.error();
        auto reply = exchange::read_backup_upload(*answer);
        if (reply && reply->ok() && reply->value->bytes == ciphertext.size() &&
            reply->value->chunks == chunks) {
            upload = *reply->value;
        }
    }
    if (!upload) {
        auto fresh =
            call(session, exchange::backup_begin_request(service, ciphertext.size(), chunks),
                 &exchange::read_backup_upload);
        if (!fresh) return fresh.error();
        upload = *fresh;
        if (begun) begun(upload->id);
    }
    const auto todo = missing(*upload);
    std::uint64_t done = chunks - todo.size();
    if (options.progress) options.progress(done, chunks);
    const std::string id = upload->id;
    auto sent = pipeline(
        session, todo, options.window,
        [&](std::uint64_t i) {
            return exchange::backup_chunk_request(service, id, i,
                                                  std::string(ciphertext.substr(i * size, size)));
        },
        [&](std::uint64_t i, const xmpp::Iq& answer) -> Status {
            auto stored = value_of(exchange::read_backup_chunk_stored(answer), service);
            if (!stored)
                return make_error("chunk " + std::to_string(i) + ": " + stored.error().message);
            if (options.progress) options.progress(++done, chunks);
            return Ok{};
        });
    if (!sent) return sent.error();
    return call(session, exchange::backup_commit_request(service, id),
                &exchange::read_backup_stored);
}

Result<std::string> download_backup(CardSession& session, const xmpp::Jid& service,
                                    const protocol::BackupInfo& backup,
                                    const TransferOptions& options) {
    std::vector<std::string> parts(backup.chunks);
    std::vector<std::uint64_t> all(backup.chunks);
    for (std::uint64_t i = 0; i < backup.chunks; ++i)
        all[i] = i;
    std::uint64_t done = 0;
    auto got = pipeline(
        session, all, options.window,
        [&](std::uint64_t i) { return exchange::restore_request(service, backup.id, i); },
        [&](std::uint64_t i, const xmpp::Iq& answer) -> Status {
            auto chunk = value_of(exchange::read_restore_chunk(answer), service);
            if (!chunk)
                return make_error("chunk " + std::to_string(i) + ": " + chunk.error().message);
            if (chunk->backup != backup.id || chunk->index != i)
                return make_error("the service answered chunk " + std::to_string(i) +
                                  " with another chunk");
            parts[i] = std::move(chunk->data);
            if (options.progress) options.progress(++done, backup.chunks);
            return Ok{};
        });
    if (!got) return got.error();
    std::string ciphertext;
    ciphertext.reserve(backup.bytes);
    for (auto& part : parts)
        ciphertext += part;
    if (ciphertext.size() != backup.bytes)
        return make_error("the backup has " + std::to_string(ciphertext.size()) +
                          " bytes, but the service listed it with " + std::to_string(backup.bytes));
    return ciphertext;
}

Result<protocol::BackupsResult> list_backups(CardSession& session, const xmpp::Jid& service) {
    return call(session, exchange::backups_request(service), &exchange::read_backups);
}

}  // namespace cardex::client::backup
