#include "client/backup/agent_transfer.hpp"

#include <memory>
#include <vector>

#include "client/exchange/backup_requests.hpp"

namespace cardex::client::backup {
namespace {

template <class T>
Result<T> value_of(const Result<exchange::ServiceReply<T>>& reply, const xmpp::Jid& service) {
    if (!reply) return make_error(service.str() + ": " + reply.error().message);
    if (!reply->ok()) return make_error(service.str() + ": " + exchange::explain(*reply->error));
    return *reply->value;
}

// Chunks 0..count-1, at most `window` outstanding; `request` makes one, `answered` checks its
// answer; `finished` gets the first problem or Ok once all are answered.
struct Chunks : std::enable_shared_from_this<Chunks> {
    exchange::CardAgent& agent;
    std::uint64_t count = 0;
    std::size_t window = 8;
    std::function<xmpp::Iq(std::uint64_t)> request;
    std::function<Status(std::uint64_t, const xmpp::Iq&)> answered;
    std::function<void(Status)> finished;
    std::uint64_t next = 0;
    std::uint64_t answers = 0;
    bool over = false;

    explicit Chunks(exchange::CardAgent& a) : agent(a) {}

    void pump() {
        while (!over && next < count && next - answers < std::max<std::size_t>(window, 1)) {
            const auto index = next++;
            agent.request(request(index),
                          [self = shared_from_this(), index](const Result<xmpp::Iq>& a) {
                              self->answer(index, a);
                          });
        }
    }
    void answer(std::uint64_t index, const Result<xmpp::Iq>& a) {
        ++answers;
        if (over) return;
        Status ok = a ? answered(index, *a) : Status(a.error());
        if (!ok) return end(ok);
        if (answers == count) return end(Ok{});
        pump();
    }
    void end(Status status) {
        over = true;
        finished(std::move(status));
    }
};

}  // namespace

void upload_with_agent(exchange::CardAgent& agent, const xmpp::Jid& service, std::string ciphertext,
                       std::uint64_t chunk_bytes, std::size_t window,
                       std::function<void(Result<protocol::BackupStored>)> done) {
    const std::uint64_t size = std::max<std::uint64_t>(chunk_bytes, 1);
    const std::uint64_t count = (ciphertext.size() + size - 1) / size;
    if (count == 0) return done(make_error("there is nothing to upload"));
    auto data = std::make_shared<std::string>(std::move(ciphertext));
    agent.request(
        exchange::backup_begin_request(service, data->size(), count),
        [&agent, service, data, size, count, window, done](const Result<xmpp::Iq>& a) {
            if (!a) return done(make_error(a.error().message));
            auto upload = value_of(exchange::read_backup_upload(*a), service);
            if (!upload) return done(upload.error());
            auto chunks = std::make_shared<Chunks>(agent);
            chunks->count = count;
            chunks->window = window;
            const std::string id = upload->id;
            chunks->request = [service, data, size, id](std::uint64_t i) {
                return exchange::backup_chunk_request(service, id, i, data->substr(i * size, size));
            };
            chunks->answered = [service](std::uint64_t i, const xmpp::Iq& answer) -> Status {
                auto ok = value_of(exchange::read_backup_chunk_stored(answer), service);
                if (!ok)
                    return make_error("chunk " + std::to_string(i) + ": " + ok.error().message);
                return Ok{};
            };
            chunks->finished = [&agent, service, id, done](Status sent) {
                if (!sent) return done(sent.error());
                agent.request(exchange::backup_commit_request(service, id),
                              [service, done](const Result<xmpp::Iq>& c) {
                                  if (!c) return done(make_error(c.error().message));
                                  done(value_of(exchange::read_backup_stored(*c), service));
                              });
            };
            chunks->pump();
        });
}

void download_with_agent(exchange::CardAgent& agent, const xmpp::Jid& service,
                         const std::string& id, std::size_t window,
                         std::function<void(Result<std::string>, protocol::BackupInfo)> done) {
    agent.request(exchange::backups_request(service), [&agent, service, id, window,
                                                       done](const Result<xmpp::Iq>& a) {
        if (!a) return done(make_error(a.error().message), {});
        auto listed = value_of(exchange::read_backups(*a), service);
        if (!listed) return done(listed.error(), {});
        const protocol::BackupInfo* chosen = nullptr;
        for (const auto& b : listed->backups) {
            if (id.empty() || b.id == id) {
                chosen = &b;
                break;
            }
        }
        if (chosen == nullptr)
            return done(
                make_error(id.empty() ? "there are no backups at " + service.str()
                                      : "there is no backup " + id + " at " + service.str()),
                {});
        const protocol::BackupInfo info = *chosen;
        auto parts = std::make_shared<std::vector<std::string>>(info.chunks);
        auto chunks = std::make_shared<Chunks>(agent);
        chunks->count = info.chunks;
        chunks->window = window;
        chunks->request = [service, info](std::uint64_t i) {
            return exchange::restore_request(service, info.id, i);
        };
        chunks->answered = [service, info, parts](std::uint64_t i,
                                                  const xmpp::Iq& answer) -> Status {
            auto chunk = value_of(exchange::read_restore_chunk(answer), service);
            if (!chunk)
                return make_error("chunk " + std::to_string(i) + ": " + chunk.error().message);
            if (chunk->backup != info.id || chunk->index != i)
                return make_error("the service answered chunk " + std::to_string(i) +
                                  " with another chunk");
            (*parts)[i] = std::move(chunk->data);
            return Ok{};
        };
        chunks->finished = [parts, info, done](Status got) {
            if (!got) return done(got.error(), info);
            std::string ciphertext;
            for (auto& p : *parts)
                ciphertext += p;
            if (ciphertext.size() != info.bytes)
                return done(make_error("the backup has " + std::to_string(ciphertext.size()) +
                                       " bytes, but the service listed it with " +
                                       std::to_string(info.bytes)),
                            info);
            done(std::move(ciphertext), info);
        };
        chunks->pump();
    });
}

}  // namespace cardex::client::backup
