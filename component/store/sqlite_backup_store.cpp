#include "component/store/sqlite_backup_store.hpp"

namespace cardex::component::store {
namespace {

std::int64_t sql(std::uint64_t v) {
    return static_cast<std::int64_t>(v);
}
std::uint64_t count(std::int64_t v) {
    return static_cast<std::uint64_t>(v);
}

constexpr std::string_view kUploadColumns = "id, owner, created, expires, bytes, chunks";
constexpr std::string_view kBackupColumns = "id, owner, stamp, bytes, chunks";

StoredUpload read_upload(const Statement& s) {
    return {s.text(0),           s.text(1),           at_ms(s.integer(2)),
            at_ms(s.integer(3)), count(s.integer(4)), count(s.integer(5))};
}

StoredBackup read_backup(const Statement& s) {
    return {s.text(0), s.text(1), at_ms(s.integer(2)), count(s.integer(3)), count(s.integer(4))};
}

}  // namespace

void SqliteBackupStore::begin(const StoredUpload& u) {
    auto& insert = db_.cached(
        "INSERT INTO backup_uploads (id, owner, created, expires, bytes, chunks)"
        " VALUES (?, ?, ?, ?, ?, ?)");
    insert.bind(1, u.id).bind(2, u.owner).bind(3, ms(u.created)).bind(4, ms(u.expires));
    insert.bind(5, sql(u.bytes)).bind(6, sql(u.chunks)).run();
}

std::optional<StoredUpload> SqliteBackupStore::upload(const std::string& id,
                                                      const std::string& owner,
                                                      protocol::Timestamp now) {
    auto& select = db_.cached("SELECT " + std::string(kUploadColumns) +
                              " FROM backup_uploads WHERE id = ? AND owner = ? AND expires > ?");
    select.bind(1, id).bind(2, owner).bind(3, ms(now));
    std::optional<StoredUpload> found;
    if (select.step()) found = read_upload(select);
    select.reset();
    return found;
}

std::vector<StoredUpload> SqliteBackupStore::uploads(const std::string& owner,
                                                     protocol::Timestamp now) {
    auto& select = db_.cached("SELECT " + std::string(kUploadColumns) +
                              " FROM backup_uploads WHERE owner = ? AND expires > ?"
                              " ORDER BY created DESC, id");
    select.bind(1, owner).bind(2, ms(now));
    std::vector<StoredUpload> found;
    while (select.step())
        found.push_back(read_upload(select));
    select.reset();
    return found;
}

void SqliteBackupStore::remove_upload(const std::string& id) {
    remove_chunks(id);
    auto& remove = db_.cached("DELETE FROM backup_uploads WHERE id = ?");
    remove.bind(1, id).run();
}

std::optional<std::string> SqliteBackupStore::chunk(const std::string& id, std::uint64_t index) {
    auto& select = db_.cached("SELECT data FROM backup_chunks WHERE id = ? AND idx = ?");
    select.bind(1, id).bind(2, sql(index));
    std::optional<std::string> data;
    if (select.step()) data = select.blob(0);
    select.reset();
    return data;
}

void SqliteBackupStore::put_chunk(const std::string& upload, std::uint64_t index,
                                  const std::string& data) {
    auto& insert = db_.cached(
        "INSERT OR REPLACE INTO backup_chunks (id, idx, size, data) VALUES (?, ?, ?, ?)");
    insert.bind(1, upload).bind(2, sql(index)).bind(3, sql(data.size())).bind_blob(4, data).run();
}

ReceivedChunks SqliteBackupStore::received(const std::string& upload) {
    auto& select = db_.cached("SELECT idx, size FROM backup_chunks WHERE id = ? ORDER BY idx");
    select.bind(1, upload);
    ReceivedChunks received;
    while (select.step()) {
        received.indices.push_back(count(select.integer(0)));
        received.bytes += count(select.integer(1));
    }
    select.reset();
    return received;
}

void SqliteBackupStore::commit(const StoredBackup& b) {
    auto& remove = db_.cached("DELETE FROM backup_uploads WHERE id = ?");
    remove.bind(1, b.id).run();
    auto& insert =
        db_.cached("INSERT INTO backups (id, owner, stamp, bytes, chunks) VALUES (?, ?, ?, ?, ?)");
    insert.bind(1, b.id).bind(2, b.owner).bind(3, ms(b.stamp)).bind(4, sql(b.bytes));
    insert.bind(5, sql(b.chunks)).run();
}

std::vector<StoredBackup> SqliteBackupStore::backups(const std::string& owner) {
    auto& select = db_.cached("SELECT " + std::string(kBackupColumns) +
                              " FROM backups WHERE owner = ? ORDER BY stamp DESC, id");
    select.bind(1, owner);
    std::vector<StoredBackup> found;
    while (select.step())
        found.push_back(read_backup(select));
    select.reset();
    return found;
}

std::optional<StoredBackup> SqliteBackupStore::backup(const std::string& id,
                                                      const std::string& owner) {
    auto& select = db_.cached("SELECT " + std::string(kBackupColumns) +
                              " FROM backups WHERE id = ? AND owner = ?");
    select.bind(1, id).bind(2, owner);
    std::optional<StoredBackup> found;
    if (select.step()) found = read_backup(select);
    select.reset();
    return found;
}

bool SqliteBackupStore::remove_backup(const std::string& id, const std::string& owner) {
    auto& remove = db_.cached("DELETE FROM backups WHERE id = ? AND owner = ?");
    remove.bind(1, id).bind(2, owner).run();
    if (db_.changes() != 1) return false;
    remove_chunks(id);
    return true;
}

std::size_t SqliteBackupStore::purge(protocol::Timestamp now) {
    auto& chunks = db_.cached(
        "DELETE FROM backup_chunks WHERE id IN (SELECT id FROM backup_uploads WHERE expires <= ?)");
    chunks.bind(1, ms(now)).run();
    auto& uploads = db_.cached("DELETE FROM backup_uploads WHERE expires <= ?");
    uploads.bind(1, ms(now)).run();
    return static_cast<std::size_t>(db_.changes());
}

void SqliteBackupStore::remove_chunks(const std::string& id) {
    auto& remove = db_.cached("DELETE FROM backup_chunks WHERE id = ?");
    remove.bind(1, id).run();
}

}  // namespace cardex::component::store
