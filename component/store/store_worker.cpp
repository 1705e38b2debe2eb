#include "component/store/store_worker.hpp"

#include <chrono>
#include <vector>

#include "component/store/schema.hpp"

namespace cardex::component::store {

StoreWorker::StoreWorker(const std::filesystem::path& path, RetryPolicy policy,
                         StoreOptions options, Post post, std::shared_ptr<spdlog::logger> log)
    : db_(path),
      deliveries_(db_, policy),
      sets_(db_),
      tokens_(db_),
      backups_(db_),
      max_batch_(options.max_batch),
      commit_interval_(options.commit_interval),
      post_(std::move(post)),
      log_(std::move(log)) {
    prepare_database(db_, options.cache_mib);
    thread_ = std::thread([this] { loop(); });
}

StoreWorker::~StoreWorker() {
    {
        std::lock_guard lock(mutex_);
        stopping_ = true;
    }
    wake_.notify_all();
    thread_.join();
}

std::size_t StoreWorker::queued() const {
    std::lock_guard lock(mutex_);
    return queue_.size() + *in_flight_;
}

void StoreWorker::enqueue(Job job) {
    bool wake = false;
    {
        std::lock_guard lock(mutex_);
        queue_.push_back(std::move(job));
        // What the loop waits for: a first request, or a full batch before the interval ends.
        wake = queue_.size() == 1 || queue_.size() == max_batch_;
    }
    if (wake) wake_.notify_one();
}

void StoreWorker::loop() {
    std::chrono::steady_clock::time_point last_start{};
    for (;;) {
        std::deque<Job> batch;
        {
            std::unique_lock lock(mutex_);
            wake_.wait(lock, [this] { return stopping_ || !queue_.empty(); });
            if (queue_.empty()) return;  // stopping, and everything is done
            wake_.wait_until(lock, last_start + commit_interval_,
                             [this] { return stopping_ || queue_.size() >= max_batch_; });
            while (!queue_.empty() && batch.size() < max_batch_) {
                batch.push_back(std::move(queue_.front()));
                queue_.pop_front();
            }
            *in_flight_ += batch.size();
        }
        last_start = std::chrono::steady_clock::now();
        commit_batch(batch);
    }
}

void StoreWorker::commit_batch(std::deque<Job>& batch) {
    const auto started = std::chrono::steady_clock::now();
    std::vector<std::optional<Error>> errors(batch.size());
    auto fail_all = [&](const std::string& why) {
        for (auto& e : errors)
            e = make_error("the card store could not commit: " + why);
    };
    try {
        db_.cached("BEGIN IMMEDIATE").run();
        for (std::size_t i = 0; i < batch.size(); ++i) {
            db_.cached("SAVEPOINT request").run();
            try {
                batch[i].work(stores_);
                db_.cached("RELEASE request").run();
            } catch (const std::exception& e) {
                // SQLite ends the whole transaction on some errors (a full disk): then every
                // request of the batch failed, for this reason.
                if (sqlite3_get_autocommit(db_.handle())) throw;
                errors[i] = make_error(std::string("the card store failed: ") + e.what());
                db_.cached("ROLLBACK TO request").run();
                db_.cached("RELEASE request").run();
            }
        }
        db_.reset_cached();
        db_.cached("COMMIT").run();
    } catch (const std::exception& e) {
        log_->error("card store: {}", e.what());
        fail_all(e.what());
        if (!sqlite3_get_autocommit(db_.handle())) {
            try {
                db_.exec("ROLLBACK");
            } catch (const std::exception& rollback) {
                log_->error("card store: rollback failed: {}", rollback.what());
            }
        }
    }
    const auto took = std::chrono::duration_cast<std::chrono::microseconds>(
        std::chrono::steady_clock::now() - started);
    log_->trace("card store: committed {} requests in {} us", batch.size(), took.count());

    auto jobs = std::make_shared<std::deque<Job>>(std::move(batch));
    post_([in_flight = in_flight_, jobs, errors = std::move(errors)] {
        for (std::size_t i = 0; i < jobs->size(); ++i)
            (*jobs)[i].done(errors[i] ? &*errors[i] : nullptr);
        *in_flight -= jobs->size();
    });
}

}  // namespace cardex::component::store
