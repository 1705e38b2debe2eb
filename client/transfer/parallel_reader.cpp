#include "client/transfer/parallel_reader.hpp"

#include <algorithm>

#include "client/transfer/card_chunks.hpp"

namespace cardex::client::transfer {
namespace {

constexpr std::size_t kPartBytes = 128 * 1024;  // smaller files are read in one part
// Parts read but not yet stored, at most, per worker: storing starts with the first part, and
// the cards in memory stay a few parts' worth however large the file (the memory the importing
// thread frees is what the workers allocate next).
constexpr std::size_t kPartsAheadPerWorker = 2;

// The highest card number a part uses: the reader numbers its cards 1, 2, ...
std::size_t numbered(const ReadPart& part) {
    std::size_t n = part.numbers.empty() ? 0 : part.numbers.back();
    for (const auto& e : part.errors)
        n = std::max(n, e.card_number);
    return n;
}

// The error as the reader would have reported it for the whole file.
vcard::CardError in_whole_file(const vcard::CardError& e, std::size_t cards_before,
                               std::size_t lines_before) {
    return vcard::card_error(e.card_number > 0 ? e.card_number + cards_before : 0,
                             e.line > 0 ? e.line + lines_before : 0, e.reason);
}

}  // namespace

ParallelReader::ParallelReader(const book::AddressBook& book, std::string_view bytes,
                               const vcard::Limits& limits)
    : book_(book), limits_(limits) {
    const std::size_t workers = std::clamp(std::thread::hardware_concurrency(), 1u, 8u);
    const auto format = vcard::detect_format(bytes);
    const bool text = format && *format == vcard::Format::vcard_text;
    parts_ = text && bytes.size() > kPartBytes
                 ? split_vcard_text(bytes, bytes.size() / kPartBytes + 1)
                 : std::vector<std::string_view>{bytes};
    parts_ahead_ = workers * kPartsAheadPerWorker;
    done_.resize(parts_.size());
    std::size_t lines = 0;
    for (const auto& part : parts_) {
        lines_before_.push_back(lines);
        lines += static_cast<std::size_t>(std::count(part.begin(), part.end(), '\n'));
    }
    for (std::size_t t = 0; t < std::min(workers, parts_.size()); ++t)
        workers_.emplace_back([this] { work(); });
}

ParallelReader::~ParallelReader() {
    {
        std::lock_guard lock(mutex_);
        next_to_read_ = parts_.size();  // nothing more is started
    }
    may_read_.notify_all();
    for (auto& w : workers_)
        w.join();
}

void ParallelReader::work() {
    while (true) {
        std::size_t index = 0;
        {
            std::unique_lock lock(mutex_);
            may_read_.wait(lock, [&] {
                return next_to_read_ >= parts_.size() ||
                       next_to_read_ < next_to_give_ + parts_ahead_;
            });
            if (next_to_read_ >= parts_.size()) return;
            index = next_to_read_++;
        }
        ReadPart part = read(parts_[index]);
        {
            std::lock_guard lock(mutex_);
            done_[index] = std::move(part);
        }
        part_done_.notify_all();
    }
}

// Card numbers stay those of the part here; next() adds what the parts before it numbered.
ReadPart ParallelReader::read(std::string_view bytes) const {
    vcard::ReadResult r = vcard::read_any(bytes, limits_);
    ReadPart part;
    part.numbers = std::move(r.card_numbers);
    part.errors = std::move(r.errors);
    for (auto& card : r.cards)
        part.cards.push_back(book_.prepare(std::move(card)));
    return part;
}

std::optional<ReadPart> ParallelReader::next() {
    if (next_to_give_ >= parts_.size()) return std::nullopt;
    std::unique_lock lock(mutex_);
    part_done_.wait(lock, [&] { return done_[next_to_give_].has_value(); });
    const std::size_t index = next_to_give_++;
    ReadPart part = std::move(*done_[index]);
    done_[index].reset();
    lock.unlock();
    may_read_.notify_one();
    if (parts_.size() == 1) return part;
    const std::size_t cards_before = numbers_given_;
    numbers_given_ += numbered(part);
    for (auto& n : part.numbers)
        n += cards_before;
    for (auto& e : part.errors)
        e = in_whole_file(e, cards_before, lines_before_[index]);
    return part;
}

}  // namespace cardex::client::transfer
