// A small disk that tests can fill: a tmpfs of a few hundred KiB mounted on a fresh directory,
// unmounted and removed at the end. Mounting needs root (and a system that lets root mount);
// mount() says why not otherwise, for GTEST_SKIP().
#pragma once

#include <cstddef>
#include <filesystem>
#include <memory>

#include "core/result.hpp"

namespace cardex::testing {

class SmallDisk {
  public:
    static Result<std::unique_ptr<SmallDisk>> mount(std::size_t bytes);
    ~SmallDisk();
    SmallDisk(const SmallDisk&) = delete;
    SmallDisk& operator=(const SmallDisk&) = delete;

    const std::filesystem::path& dir() const { return dir_; }
    std::size_t free_bytes() const;
    // Fills the disk with a file until only `left` bytes are free.
    Status fill(std::size_t left);
    // Removes what fill() wrote.
    void make_room();

  private:
    explicit SmallDisk(std::filesystem::path dir) : dir_(std::move(dir)) {}
    std::filesystem::path dir_;
};

}  // namespace cardex::testing
