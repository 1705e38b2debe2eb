// A disk that fills up, for tests: a SQLite VFS that is the system's own, except that once
// fill() is called every write fails as writes to a full disk do (SQLITE_FULL, which the
// system's VFS also returns for ENOSPC), until make_room(). It is the default VFS while it
// lives, so the connections a test opens meanwhile use it; close them before it goes.
#pragma once

#include <sqlite3.h>

#include <atomic>
#include <stdexcept>

namespace cardex::testing {

class FullDiskVfs {
  public:
    FullDiskVfs() : system_(sqlite3_vfs_find(nullptr)) {
        vfs_ = *system_;
        vfs_.zName = "cardex-full-disk";
        vfs_.szOsFile = static_cast<int>(sizeof(File)) + system_->szOsFile;
        vfs_.pAppData = this;
        vfs_.xOpen = &open;
        if (sqlite3_vfs_register(&vfs_, 1) != SQLITE_OK)
            throw std::runtime_error("cannot register the full-disk VFS");
    }
    ~FullDiskVfs() { sqlite3_vfs_unregister(&vfs_); }
    FullDiskVfs(const FullDiskVfs&) = delete;
    FullDiskVfs& operator=(const FullDiskVfs&) = delete;

    void fill() { full_ = true; }
    void make_room() { full_ = false; }
    // Writes refused since construction.
    int refused() const { return refused_; }

  private:
    // Our file, followed in memory by the system VFS's file it forwards to.
    struct File {
        sqlite3_file base;
        FullDiskVfs* disk;
        sqlite3_file* real;
    };

    static sqlite3_file* real(sqlite3_file* f) { return reinterpret_cast<File*>(f)->real; }
    static const sqlite3_io_methods* methods(sqlite3_file* f) { return real(f)->pMethods; }

    static int open(sqlite3_vfs* vfs, const char* name, sqlite3_file* file, int flags,
                    int* out_flags) {
        auto* disk = static_cast<FullDiskVfs*>(vfs->pAppData);
        auto* f = reinterpret_cast<File*>(file);
        f->disk = disk;
        f->real = reinterpret_cast<sqlite3_file*>(f + 1);
        const int rc = disk->system_->xOpen(disk->system_, name, f->real, flags, out_flags);
        f->base.pMethods = f->real->pMethods != nullptr ? &kMethods : nullptr;
        return rc;
    }

    static int write(sqlite3_file* f, const void* data, int amount, sqlite3_int64 offset) {
        FullDiskVfs* disk = reinterpret_cast<File*>(f)->disk;
        if (disk->full_) {
            ++disk->refused_;
            return SQLITE_FULL;
        }
        return methods(f)->xWrite(real(f), data, amount, offset);
    }

    static constexpr sqlite3_io_methods kMethods = {
        3,
        [](sqlite3_file* f) { return methods(f)->xClose(real(f)); },
        [](sqlite3_file* f, void* data, int amount, sqlite3_int64 offset) {
            return methods(f)->xRead(real(f), data, amount, offset);
        },
        &write,
        [](sqlite3_file* f, sqlite3_int64 size) { return methods(f)->xTruncate(real(f), size); },
        [](sqlite3_file* f, int flags) { return methods(f)->xSync(real(f), flags); },
        [](sqlite3_file* f, sqlite3_int64* size) { return methods(f)->xFileSize(real(f), size); },
        [](sqlite3_file* f, int lock) { return methods(f)->xLock(real(f), lock); },
        [](sqlite3_file* f, int lock) { return methods(f)->xUnlock(real(f), lock); },
        [](sqlite3_file* f, int* out) { return methods(f)->xCheckReservedLock(real(f), out); },
        [](sqlite3_file* f, int op, void* arg) {
            return methods(f)->xFileControl(real(f), op, arg);
        },
        [](sqlite3_file* f) { return methods(f)->xSectorSize(real(f)); },
        [](sqlite3_file* f) { return methods(f)->xDeviceCharacteristics(real(f)); },
        [](sqlite3_file* f, int page, int size, int extend, void volatile** out) {
            return methods(f)->xShmMap(real(f), page, size, extend, out);
        },
        [](sqlite3_file* f, int offset, int n, int flags) {
            return methods(f)->xShmLock(real(f), offset, n, flags);
        },
        [](sqlite3_file* f) { methods(f)->xShmBarrier(real(f)); },
        [](sqlite3_file* f, int remove) { return methods(f)->xShmUnmap(real(f), remove); },
        [](sqlite3_file* f, sqlite3_int64 offset, int amount, void** out) {
            return methods(f)->xFetch(real(f), offset, amount, out);
        },
        [](sqlite3_file* f, sqlite3_int64 offset, void* page) {
            return methods(f)->xUnfetch(real(f), offset, page);
        },
    };

    sqlite3_vfs* system_;
    sqlite3_vfs vfs_{};
    std::atomic<bool> full_{false};
    std::atomic<int> refused_{0};
};

}  // namespace cardex::testing
