// How the service reaches its stores without ever waiting on disk itself.
//
// StoreExecutor is the interface the service uses: run(work, done) runs `work` against the
// stores (stores.hpp) inside a transaction, and calls `done` with its result (or the error that
// made the transaction fail) on the service's thread, only after that transaction is durable.
//
// StoreWorker implements it with one thread and group commit: whatever requests are queued
// when a transaction starts (at most max_batch) go into it, each inside a savepoint so that a
// failing one is rolled back alone; one COMMIT (one fsync, synchronous=FULL) makes all of
// them durable; then their completions are posted to the event loop together. While one
// batch is being fsynced, the next one queues, so throughput grows with load instead of
// collapsing to one fsync per request. Under load a transaction starts at most every
// commit_interval, so that the requests arriving meanwhile share its fsync and the pages it
// writes (a commit writes every page it changed, whole: the fewer commits, the fewer bytes
// per card); a request after a quiet spell starts one at once. The thread is woken when the
// queue stops being empty or reaches max_batch, not for every request.
#pragma once

#include <spdlog/logger.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <deque>
#include <filesystem>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <thread>

#include "component/store/schema.hpp"
#include "component/store/sqlite.hpp"
#include "component/store/sqlite_backup_store.hpp"
#include "component/store/sqlite_delivery_store.hpp"
#include "component/store/sqlite_set_store.hpp"
#include "component/store/sqlite_token_store.hpp"
#include "component/store/stores.hpp"
#include "core/result.hpp"

namespace cardex::component::store {

class StoreExecutor {
  public:
    virtual ~StoreExecutor() = default;

    template <class T>
    void run(std::function<T(Stores&)> work, std::function<void(Result<T>)> done) {
        auto result = std::make_shared<std::optional<T>>();
        enqueue(Job{[work = std::move(work), result](Stores& s) { result->emplace(work(s)); },
                    [done = std::move(done), result](const Error* error) {
                        if (error != nullptr) return done(*error);
                        done(std::move(**result));
                    }});
    }

    // Requests queued and not yet completed.
    virtual std::size_t queued() const = 0;

  protected:
    struct Job {
        std::function<void(Stores&)> work;             // on the store's thread
        std::function<void(const Error* error)> done;  // on the service's thread
    };
    virtual void enqueue(Job job) = 0;
};

struct StoreOptions {
    std::size_t max_batch = 4096;                  // most requests committed in one transaction
    std::size_t cache_mib = kDefaultCacheMib;      // SQLite's page cache
    std::chrono::milliseconds commit_interval{5};  // least time between transactions' starts
};

class StoreWorker final : public StoreExecutor {
  public:
    using Post = std::function<void(std::function<void()>)>;

    // Opens and prepares the database (throws SqliteError with a readable message if it
    // cannot), then starts the thread. `post` hands completions to the service's thread.
    StoreWorker(const std::filesystem::path& path, RetryPolicy policy, StoreOptions options,
                Post post, std::shared_ptr<spdlog::logger> log);
    // Completes every queued request, then stops the thread.
    ~StoreWorker() override;
    StoreWorker(const StoreWorker&) = delete;
    StoreWorker& operator=(const StoreWorker&) = delete;

    std::size_t queued() const override;

  protected:
    void enqueue(Job job) override;

  private:
    void loop();
    void commit_batch(std::deque<Job>& batch);

    Database db_;
    SqliteDeliveryStore deliveries_;
    SqliteSetStore sets_;
    SqliteTokenStore tokens_;
    SqliteBackupStore backups_;
    Stores stores_{deliveries_, sets_, tokens_, backups_};
    std::size_t max_batch_;
    std::chrono::milliseconds commit_interval_;
    Post post_;
    std::shared_ptr<spdlog::logger> log_;

    mutable std::mutex mutex_;
    std::condition_variable wake_;
    std::deque<Job> queue_;
    // Taken from the queue, completion not yet run. Shared with the posted completions, which
    // may run after the worker is gone: the destructor's last batches are posted as it ends.
    std::shared_ptr<std::atomic<std::size_t>> in_flight_ =
        std::make_shared<std::atomic<std::size_t>>(0);
    bool stopping_ = false;
    std::thread thread_;
};

}  // namespace cardex::component::store
