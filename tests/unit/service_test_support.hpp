// Fakes for the card service's tests: a link that records what is sent and can be taken
// down, a clock whose time moves only when the test says so, and a store executor that runs
// each request at once on an in-memory SQLite database and delivers its completion when the
// test settles.
#pragma once

#include <spdlog/logger.h>
#include <spdlog/sinks/null_sink.h>

#include <deque>
#include <map>
#include <memory>
#include <stdexcept>
#include <vector>

#include "component/link/stanza_channel.hpp"
#include "component/service/clock.hpp"
#include "component/store/schema.hpp"
#include "component/store/sqlite_backup_store.hpp"
#include "component/store/sqlite_set_store.hpp"
#include "component/store/sqlite_token_store.hpp"
#include "component/store/store_worker.hpp"
#include "core/xml/parser.hpp"
#include "core/xml/writer.hpp"

namespace cardex::component::testing {

inline std::shared_ptr<spdlog::logger> null_logger() {
    return std::make_shared<spdlog::logger>("test",
                                            std::make_shared<spdlog::sinks::null_sink_mt>());
}

class RecordingChannel : public StanzaChannel {
  public:
    // Records the stanza as the other side reads it: written out and parsed again, so that
    // content kept as bytes (xml::Element::raw) is seen as elements.
    bool send(const xml::Element& stanza) override {
        if (!up) return false;
        auto read = xml::parse_document(xml::to_string(stanza));
        if (!read)
            throw std::logic_error("the service sent XML it cannot read back: " +
                                   read.error().message);
        sent.push_back(std::move(read).value());
        return true;
    }
    std::vector<xml::Element> take() { return std::exchange(sent, {}); }

    bool up = true;
    std::vector<xml::Element> sent;
};

class FakeClock : public Clock {
  public:
    explicit FakeClock(protocol::Timestamp start) : now_(start) {}

    protocol::Timestamp now() const override { return now_; }
    TimerId after(std::chrono::milliseconds delay, std::function<void()> callback) override {
        const TimerId id = next_id_++;
        timers_.emplace(std::make_pair(now_ + delay, id), std::move(callback));
        return id;
    }
    void cancel(TimerId id) override {
        std::erase_if(timers_, [id](const auto& entry) { return entry.first.second == id; });
    }

    // Fires the timers due at the current time; true if any fired.
    bool run_due() {
        bool fired = false;
        while (!timers_.empty() && timers_.begin()->first.first <= now_) {
            auto callback = std::move(timers_.begin()->second);
            timers_.erase(timers_.begin());
            callback();
            fired = true;
        }
        return fired;
    }
    // Moves time forward to `now + by`, firing timers in order on the way.
    void advance_to(protocol::Timestamp target, const std::function<void()>& between) {
        while (!timers_.empty() && timers_.begin()->first.first <= target) {
            now_ = std::max(now_, timers_.begin()->first.first);
            run_due();
            between();
        }
        now_ = target;
    }

  private:
    protocol::Timestamp now_;
    TimerId next_id_ = 1;
    std::map<std::pair<protocol::Timestamp, TimerId>, std::function<void()>> timers_;
};

class InlineStore : public store::StoreExecutor {
  public:
    explicit InlineStore(store::RetryPolicy policy) : db_(":memory:"), deliveries_(db_, policy) {
        store::prepare_database(db_);
    }

    std::size_t queued() const override { return completions_.size() + backlog_; }
    // Reports `requests` more as queued, as a disk that has fallen behind would.
    void fall_behind(std::size_t requests) { backlog_ = requests; }
    // Runs completions until none are left; true if any ran.
    bool settle() {
        bool ran = false;
        while (!completions_.empty()) {
            auto next = std::move(completions_.front());
            completions_.pop_front();
            next();
            ran = true;
        }
        return ran;
    }
    // The next request fails as if the disk did.
    void fail_next() { fail_next_ = true; }
    store::DeliveryStore& direct() { return deliveries_; }
    store::Stores& stores() { return stores_; }
    store::Database& database() { return db_; }

  protected:
    void enqueue(Job job) override {
        std::optional<Error> error;
        db_.exec("BEGIN");
        try {
            if (std::exchange(fail_next_, false)) throw store::SqliteError("disk I/O error");
            job.work(stores_);
            db_.exec("COMMIT");
        } catch (const std::exception& e) {
            db_.exec("ROLLBACK");
            error = make_error(std::string("the card store failed: ") + e.what());
        }
        completions_.push_back(
            [done = std::move(job.done), error] { done(error ? &*error : nullptr); });
    }

  private:
    store::Database db_;
    store::SqliteDeliveryStore deliveries_;
    store::SqliteSetStore sets_{db_};
    store::SqliteTokenStore tokens_{db_};
    store::SqliteBackupStore backups_{db_};
    store::Stores stores_{deliveries_, sets_, tokens_, backups_};
    std::deque<std::function<void()>> completions_;
    bool fail_next_ = false;
    std::size_t backlog_ = 0;
};

}  // namespace cardex::component::testing
