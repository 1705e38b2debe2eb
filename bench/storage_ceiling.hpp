// What the disk allows: SQLite alone storing rows the size of a card, durably (WAL,
// synchronous=FULL, 4 KiB pages as cardexd has), in the directory the component's database
// lives in. The component cannot accept cards durably faster than this, whatever it does
// around it, short of storing fewer bytes: it compresses cards, this stores them as they are.
#pragma once

#include <cstddef>
#include <filesystem>
#include <string>
#include <utility>
#include <vector>

#include "core/result.hpp"

namespace cardex::bench {

struct StorageCeiling {
    std::size_t rows = 0;
    std::size_t batch = 0;  // rows per transaction
    std::size_t commits = 0;
    double seconds = 0;
    double cpu_seconds = 0;  // the inserting thread's, user and system: not its waits for the disk
    std::uint64_t file_bytes = 0;  // database + WAL afterwards

    double rows_per_second() const { return seconds > 0 ? rows / seconds : 0; }
    double cpu_per_row() const { return rows > 0 ? cpu_seconds / static_cast<double>(rows) : 0; }
    double commits_per_second() const { return seconds > 0 ? commits / seconds : 0; }
};

// Inserts `rows` rows (a delivery id, sender, recipient, time and one of `cards` as the blob)
// into a fresh database in `dir`, `batch` rows per transaction, then deletes the database.
// `max_seconds` ends the run early (the figures then cover the rows inserted so far).
Result<StorageCeiling> measure_storage(const std::filesystem::path& dir,
                                       const std::vector<std::string>& cards, std::size_t rows,
                                       std::size_t batch, double max_seconds);

// Bytes of each table and index of the SQLite database at `file` (SQLite's dbstat table),
// largest first: what the card rows cost and what each index adds.
Result<std::vector<std::pair<std::string, std::uint64_t>>> bytes_per_table(
    const std::filesystem::path& file);

}  // namespace cardex::bench
