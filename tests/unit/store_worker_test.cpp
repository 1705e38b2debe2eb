// StoreWorker on a real database file: completions come after the commit and in order,
// requests that queue during a commit share the next transaction, a failing request is rolled
// back alone, and nothing queued is lost when the worker is destroyed.
//
// Completions are posted to a queue the test drains on its own thread, each post being one
// committed batch. A request that waits on a gate holds the worker inside a transaction while
// the test queues more, which makes the batches the worker forms deterministic.
#include "component/store/store_worker.hpp"

#include <gtest/gtest.h>

#include <chrono>
#include <condition_variable>
#include <deque>
#include <future>
#include <memory>
#include <mutex>
#include <optional>
#include <random>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "tests/unit/full_disk_vfs.hpp"
#include "tests/unit/service_test_support.hpp"
#include "tests/unit/temp_dir.hpp"

namespace cardex::component::store {
namespace {

constexpr auto kFailureLimit = std::chrono::seconds(60);

// The event loop's part: closures posted from the worker thread, run when the test says.
class PostedQueue {
  public:
    StoreWorker::Post post() {
        return [this](std::function<void()> closure) {
            {
                std::lock_guard lock(mutex_);
                closures_.push_back(std::move(closure));
            }
            posted_.notify_all();
        };
    }
    // Waits until `count` closures are waiting to run; false at the failure limit.
    bool wait_for(std::size_t count) {
        std::unique_lock lock(mutex_);
        return posted_.wait_for(lock, kFailureLimit, [&] { return closures_.size() >= count; });
    }
    // Runs the oldest waiting closure, waiting for one if needed; false at the failure limit.
    bool run_one() {
        if (!wait_for(1)) return false;
        std::function<void()> next;
        {
            std::lock_guard lock(mutex_);
            next = std::move(closures_.front());
            closures_.pop_front();
        }
        next();
        ++ran_;
        return true;
    }
    // How many closures have run: the index of the batch whose completions are running.
    std::size_t ran() const { return ran_; }

  private:
    std::mutex mutex_;
    std::condition_variable posted_;
    std::deque<std::function<void()>> closures_;
    std::size_t ran_ = 0;
};

// Holds a request inside the worker's transaction until opened.
class Gate {
  public:
    std::function<int(Stores&)> blocking_work() {
        return [this](Stores&) {
            entered_.set_value();
            open_.wait();
            return 0;
        };
    }
    bool wait_entered() {
        return entered_future_.wait_for(kFailureLimit) == std::future_status::ready;
    }
    void open() {
        std::call_once(opened_, [this] { opener_.set_value(); });
    }

  private:
    std::promise<void> entered_;
    std::future<void> entered_future_ = entered_.get_future();
    std::promise<void> opener_;
    std::shared_future<void> open_ = opener_.get_future().share();
    std::once_flag opened_;
};

struct Completion {
    std::size_t request;
    std::size_t batch;
    Result<std::string> result;
};

NewCard card_for(const std::string& id) {
    return NewCard{"alice@a.test",
                   protocol::Timestamp(Duration(1'800'000'000'000)),
                   "<vcard xmlns='urn:ietf:params:xml:ns:vcard-4.0'/>",
                   {{id, id + "@b.test"}},
                   std::nullopt,
                   "",
                   {}};
}

class StoreWorkerTest : public ::testing::Test {
  protected:
    ~StoreWorkerTest() override {
        gate.open();  // a failed test must not leave the worker waiting
    }

    StoreWorker& start(std::size_t max_batch,
                       std::chrono::milliseconds commit_interval = std::chrono::milliseconds(5)) {
        worker = std::make_unique<StoreWorker>(
            path, RetryPolicy{}, StoreOptions{max_batch, kDefaultCacheMib, commit_interval},
            posted.post(), testing::null_logger());
        reader.emplace(path);
        return *worker;
    }
    // Queues a request storing a card with one delivery `id`; `fail` makes it throw after.
    void submit(const std::string& id, bool fail = false) {
        const std::size_t request = next_request++;
        worker->run<std::string>(
            [id, fail](Stores& s) {
                s.deliveries.add_card(card_for(id), 100,
                                      protocol::Timestamp(Duration(1'800'000'000'000)));
                if (fail) throw std::runtime_error("request " + id + " broke");
                return id;
            },
            [this, request](Result<std::string> result) {
                completions.push_back({request, posted.ran(), std::move(result)});
            });
    }
    void submit_blocking() {
        const std::size_t request = next_request++;
        worker->run<int>(gate.blocking_work(), [this, request](Result<int> result) {
            completions.push_back(
                {request, posted.ran(),
                 result ? Result<std::string>("gate") : Result<std::string>(result.error())});
        });
    }
    // Runs posted completions until `count` requests have completed.
    void complete(std::size_t count) {
        while (completions.size() < count)
            ASSERT_TRUE(posted.run_one()) << "the worker did not complete its requests";
    }
    // Whether another connection sees the delivery: only true once it is committed.
    bool committed(const std::string& id) {
        auto stmt = reader->prepare("SELECT count(*) FROM deliveries WHERE id = ?");
        stmt.bind(1, id);
        return stmt.step() && stmt.integer(0) == 1;
    }
    std::vector<std::size_t> batches() const {
        std::vector<std::size_t> result;
        for (const auto& c : completions)
            result.push_back(c.batch);
        return result;
    }

    cardex::testing::TempDir dir;
    std::filesystem::path path = dir.file("cards.db");
    PostedQueue posted;
    Gate gate;
    std::vector<Completion> completions;
    std::size_t next_request = 0;
    std::unique_ptr<StoreWorker> worker;
    std::optional<Database> reader;  // another connection: sees only what is committed
};

TEST_F(StoreWorkerTest, CompletionsArriveAfterTheCommitInOrder) {
    start(4096);
    for (int i = 0; i < 20; ++i)
        submit("d" + std::to_string(i));
    while (completions.size() < 20) {
        ASSERT_TRUE(posted.run_one());
        for (const auto& c : completions)
            EXPECT_TRUE(c.result.ok() && committed(*c.result));
    }
    for (std::size_t i = 0; i < completions.size(); ++i) {
        EXPECT_EQ(completions[i].request, i);
        ASSERT_TRUE(completions[i].result.ok()) << completions[i].result.error().message;
        EXPECT_EQ(completions[i].result.value(), "d" + std::to_string(i));
    }
}

TEST_F(StoreWorkerTest, RequestsQueuedDuringATransactionShareTheNextOnesUpToMaxBatch) {
    start(4);
    submit_blocking();
    ASSERT_TRUE(gate.wait_entered());
    for (int i = 0; i < 10; ++i)
        submit("d" + std::to_string(i));
    gate.open();
    complete(11);
    // One transaction for the gate, then 10 requests in ceil(10 / 4) = 3.
    EXPECT_EQ(batches(), (std::vector<std::size_t>{0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3}));
    for (int i = 0; i < 10; ++i)
        EXPECT_TRUE(committed("d" + std::to_string(i)));
}

// The interval is long enough that the two requests, queued one right after the other, cannot
// straddle its end however slow the machine.
TEST_F(StoreWorkerTest, RequestsArrivingWithinTheCommitIntervalShareOneTransaction) {
    start(4096, std::chrono::seconds(3));
    submit("first");
    complete(1);  // after a quiet spell: a transaction of its own, at once
    submit("second");
    submit("third");
    complete(3);
    EXPECT_EQ(batches(), (std::vector<std::size_t>{0, 1, 1}));
    for (const char* id : {"first", "second", "third"})
        EXPECT_TRUE(committed(id));
}

TEST_F(StoreWorkerTest, FailingRequestIsRolledBackAloneWhileItsBatchCommits) {
    start(4096);
    submit_blocking();
    ASSERT_TRUE(gate.wait_entered());
    submit("a");
    submit("b", true);
    submit("c");
    gate.open();
    complete(4);
    EXPECT_EQ(batches(), (std::vector<std::size_t>{0, 1, 1, 1}));
    EXPECT_TRUE(completions[1].result.ok());
    ASSERT_FALSE(completions[2].result.ok());
    EXPECT_NE(completions[2].result.error().message.find("request b broke"), std::string::npos)
        << completions[2].result.error().message;
    EXPECT_TRUE(completions[3].result.ok());
    EXPECT_TRUE(committed("a"));
    EXPECT_FALSE(committed("b"));
    EXPECT_TRUE(committed("c"));
    auto cards = reader->prepare("SELECT count(*) FROM cards");
    ASSERT_TRUE(cards.step());
    EXPECT_EQ(cards.integer(0), 2);
}

TEST_F(StoreWorkerTest, DestructorCompletesEveryQueuedRequest) {
    start(8);
    submit_blocking();
    ASSERT_TRUE(gate.wait_entered());
    for (int i = 0; i < 30; ++i)
        submit("d" + std::to_string(i));
    // Whether the gate opens before or during the destructor, every request must be done
    // when it returns.
    std::thread opener([this] { gate.open(); });
    worker.reset();
    opener.join();
    complete(31);
    for (const auto& c : completions)
        EXPECT_TRUE(c.result.ok()) << c.result.error().message;
    for (int i = 0; i < 30; ++i)
        EXPECT_TRUE(committed("d" + std::to_string(i)));
}

TEST_F(StoreWorkerTest, QueuedCountsRequestsUntilTheirCompletionRan) {
    auto& store = start(4096);
    EXPECT_EQ(store.queued(), 0u);
    submit_blocking();
    ASSERT_TRUE(gate.wait_entered());
    submit("a");
    submit("b");
    EXPECT_EQ(store.queued(), 3u);
    gate.open();
    ASSERT_TRUE(posted.wait_for(2));  // both batches committed, no completion run yet
    EXPECT_EQ(store.queued(), 3u);
    ASSERT_TRUE(posted.run_one());
    EXPECT_EQ(store.queued(), 2u);
    ASSERT_TRUE(posted.run_one());
    EXPECT_EQ(store.queued(), 0u);
    EXPECT_EQ(completions.size(), 3u);
}

// Letters that do not compress: zstd keeps them at about three quarters of their size.
std::string random_letters(std::size_t n) {
    static constexpr std::string_view kLetters =
        "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789+/";
    std::mt19937 random(7);
    std::string text(n, ' ');
    for (auto& c : text)
        c = kLetters[random() % kLetters.size()];
    return text;
}

// A disk that fills up while a batch is written: SQLite then ends the whole transaction, and
// every request of the batch must say that the disk is full (not that a savepoint is gone),
// with nothing of them kept; once there is room again, the next batch commits.
TEST(StoreWorkerFullDisk, EveryRequestOfABatchSaysTheDiskIsFullAndNothingOfThemIsKept) {
    cardex::testing::FullDiskVfs disk;  // before the worker, which must close first
    cardex::testing::TempDir dir;
    const auto path = dir.file("cards.db");
    PostedQueue posted;
    std::vector<Result<int>> results;
    {
        // A 1 MiB page cache and cards that stay over 3 MiB compressed: SQLite must write
        // pages out in the middle of the batch, where the full disk stops it.
        StoreWorker worker(path, RetryPolicy{}, StoreOptions{4096, 1, std::chrono::milliseconds(5)},
                           posted.post(), testing::null_logger());
        auto big = [](const std::string& id) {
            NewCard card = card_for(id);
            card.xml = random_letters(4 << 20);
            return card;
        };
        disk.fill();
        for (const char* id : {"a", "b"}) {
            worker.run<int>(
                [&big, id](Stores& s) {
                    s.deliveries.add_card(big(id), 100,
                                          protocol::Timestamp(Duration(1'800'000'000'000)));
                    return 1;
                },
                [&results](Result<int> r) { results.push_back(std::move(r)); });
        }
        while (results.size() < 2)
            ASSERT_TRUE(posted.run_one());
        for (const auto& r : results) {
            ASSERT_FALSE(r.ok());
            EXPECT_NE(r.error().message.find("disk is full"), std::string::npos)
                << r.error().message;
            EXPECT_EQ(r.error().message.find("savepoint"), std::string::npos) << r.error().message;
        }
        disk.make_room();
        worker.run<int>(
            [](Stores& s) {
                s.deliveries.add_card(card_for("c"), 100,
                                      protocol::Timestamp(Duration(1'800'000'000'000)));
                return 1;
            },
            [&results](Result<int> r) { results.push_back(std::move(r)); });
        while (results.size() < 3)
            ASSERT_TRUE(posted.run_one());
        EXPECT_TRUE(results[2].ok()) << results[2].error().message;
    }
    Database reader(path);
    auto count = reader.prepare("SELECT count(*) FROM deliveries");
    ASSERT_TRUE(count.step());
    EXPECT_EQ(count.integer(0), 1) << "only the card stored after the disk had room again";
}

}  // namespace
}  // namespace cardex::component::store
