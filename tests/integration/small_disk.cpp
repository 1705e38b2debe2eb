#include "tests/integration/small_disk.hpp"

#include <sys/mount.h>
#include <sys/statvfs.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <string>
#include <system_error>

#include "tests/integration/process.hpp"

namespace cardex::testing {
namespace {

namespace fs = std::filesystem;

fs::path filler(const fs::path& dir) {
    return dir / "filler";
}

}  // namespace

Result<std::unique_ptr<SmallDisk>> SmallDisk::mount(std::size_t bytes) {
    if (::geteuid() != 0) return make_error("mounting a small tmpfs needs root");
    const fs::path dir = fresh_directory("small-disk");
    const std::string options = "size=" + std::to_string(bytes) + ",mode=0700";
    if (::mount("tmpfs", dir.c_str(), "tmpfs", MS_NOSUID | MS_NODEV, options.c_str()) != 0) {
        const std::string why = std::strerror(errno);
        std::error_code ignored;
        fs::remove(dir, ignored);
        return make_error("cannot mount a tmpfs on " + dir.string() + ": " + why);
    }
    return std::unique_ptr<SmallDisk>(new SmallDisk(dir));
}

SmallDisk::~SmallDisk() {
    ::umount2(dir_.c_str(), MNT_DETACH);
    std::error_code ignored;
    fs::remove_all(dir_, ignored);
}

std::size_t SmallDisk::free_bytes() const {
    struct statvfs s {};
    if (::statvfs(dir_.c_str(), &s) != 0) return 0;
    return static_cast<std::size_t>(s.f_bavail) * s.f_frsize;
}

Status SmallDisk::fill(std::size_t left) {
    const std::size_t free = free_bytes();
    if (free <= left) return Ok{};
    std::ofstream out(filler(dir_), std::ios::binary | std::ios::app);
    const std::string block(free - left, '\0');
    if (!out.write(block.data(), static_cast<std::streamsize>(block.size())) || !out.flush())
        return make_error("cannot fill " + dir_.string());
    return Ok{};
}

void SmallDisk::make_room() {
    std::error_code ignored;
    fs::remove(filler(dir_), ignored);
}

}  // namespace cardex::testing
