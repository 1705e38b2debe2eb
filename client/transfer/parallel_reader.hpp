// Reading one file for an import on worker threads: a vCard text file is cut into parts
// (card_chunks.hpp), and each part is read and its cards prepared for the address book
// (AddressBook::prepare: match keys, mostly libphonenumber's work) while the importing thread
// stores the cards of the parts before it. Parts come out in order, their card numbers those
// of the whole file. Reading runs at most a few parts ahead of storing, so the memory an import
// takes does not grow with the file. xCard and jCard files are one part.
#pragma once

#include <condition_variable>
#include <cstddef>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "client/book/address_book.hpp"
#include "core/vcard/limits.hpp"
#include "core/vcard/reader.hpp"

namespace cardex::client::transfer {

struct ReadPart {
    std::vector<book::PreparedCard> cards;
    std::vector<std::size_t> numbers;      // of each card, in the whole file
    std::vector<vcard::CardError> errors;  // card numbers in the whole file
};

class ParallelReader {
  public:
    // `bytes` must outlive the reader.
    ParallelReader(const book::AddressBook& book, std::string_view bytes,
                   const vcard::Limits& limits);
    ~ParallelReader();  // waits for the workers
    ParallelReader(const ParallelReader&) = delete;
    ParallelReader& operator=(const ParallelReader&) = delete;

    // The next part, waiting for it; nullopt after the last.
    std::optional<ReadPart> next();

  private:
    void work();
    ReadPart read(std::string_view part) const;

    const book::AddressBook& book_;
    const vcard::Limits limits_;
    std::vector<std::string_view> parts_;
    std::vector<std::size_t> lines_before_;      // of each part, in the whole file
    std::vector<std::optional<ReadPart>> done_;  // guarded by mutex_
    std::size_t next_to_read_ = 0;               // guarded by mutex_
    std::size_t next_to_give_ = 0;               // guarded by mutex_
    std::size_t parts_ahead_ = 0;                // how far reading may run ahead of next_to_give_
    std::size_t numbers_given_ = 0;              // cards numbered in the parts given so far
    std::mutex mutex_;
    std::condition_variable part_done_;
    std::condition_variable may_read_;
    std::vector<std::thread> workers_;
};

}  // namespace cardex::client::transfer
