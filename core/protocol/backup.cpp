#include "core/protocol/backup.hpp"

#include "core/protocol/fields.hpp"
#include "core/vcard/text_codecs.hpp"

namespace cardex::protocol {
namespace {

using detail::FieldReader;

BackupInfo read_info(FieldReader& f) {
    BackupInfo info;
    info.id = f.opaque_id("id");
    info.stamp = f.timestamp("stamp");
    info.bytes = f.number("bytes", 1);
    info.chunks = f.number("chunks", 1);
    return info;
}

void write_info(xml::Element& e, const BackupInfo& info) {
    e.set_attr("id", info.id);
    detail::set_timestamp(e, "stamp", info.stamp);
    detail::set_number(e, "bytes", info.bytes);
    detail::set_number(e, "chunks", info.chunks);
}

// The base64 character data of a chunk: at least one byte, no child elements of the protocol.
std::string read_data(FieldReader& f, const xml::Element& e) {
    for (const auto& c : e.children) {
        if (c.ns == e.ns) {
            f.fail("holds the element " + detail::tag(c.name) + " where only base64 is allowed");
            return {};
        }
    }
    auto data = vcard::decode_base64(e.text);
    if (!data) {
        f.fail("its content is not base64: " + data.error().message);
        return {};
    }
    if (data->empty()) f.fail("holds no data; a chunk has at least one byte");
    return std::move(data).value();
}

// A chunk's index, and that it is within the chunks the upload or backup has.
std::uint64_t read_index(FieldReader& f) {
    return f.number("index", 0);
}

std::vector<ChunkRange> read_ranges(FieldReader& f, std::uint64_t chunks) {
    std::vector<ChunkRange> ranges;
    const auto received = f.children("received");
    for (std::size_t i = 0; i < received.size() && f.ok(); ++i) {
        FieldReader r(*received[i], detail::nested(f, "received", i));
        r.allow_children({});
        ChunkRange range{r.number("first", 0), r.number("last", 0)};
        if (r.ok() && range.last < range.first)
            r.fail("'last' (" + std::to_string(range.last) + ") is before 'first' (" +
                   std::to_string(range.first) + ")");
        if (r.ok() && range.last >= chunks)
            r.fail("chunk " + std::to_string(range.last) + " is beyond the upload's " +
                   std::to_string(chunks) + " chunks");
        if (r.ok() && !ranges.empty() && range.first <= ranges.back().last)
            r.fail("overlaps or precedes the range before it; ranges must ascend");
        f.take(r);
        ranges.push_back(range);
    }
    return ranges;
}

}  // namespace

Result<BackupBegin> parse_backup_begin(const xml::Element& e) {
    if (auto ok = detail::expect_element(e, "backup-begin"); !ok) return ok.error();
    FieldReader f(e);
    f.allow_children({});
    BackupBegin begin{f.number("bytes", 1), f.number("chunks", 1)};
    if (f.ok() && begin.chunks > begin.bytes)
        f.fail("asks for " + std::to_string(begin.chunks) + " chunks of only " +
               std::to_string(begin.bytes) + " bytes; every chunk has at least one byte");
    if (!f.ok()) return f.error();
    return begin;
}

xml::Element serialize(const BackupBegin& begin) {
    xml::Element e = detail::element("backup-begin");
    detail::set_number(e, "bytes", begin.bytes);
    detail::set_number(e, "chunks", begin.chunks);
    return e;
}

Result<BackupUpload> parse_backup_upload(const xml::Element& e) {
    if (auto ok = detail::expect_element(e, "backup-upload"); !ok) return ok.error();
    FieldReader f(e);
    f.allow_children({"received"});
    BackupUpload upload;
    upload.id = f.opaque_id("id");
    upload.expires = f.timestamp("expires");
    upload.bytes = f.number("bytes", 1);
    upload.chunks = f.number("chunks", 1);
    if (f.ok()) upload.received = read_ranges(f, upload.chunks);
    if (!f.ok()) return f.error();
    return upload;
}

xml::Element serialize(const BackupUpload& upload) {
    xml::Element e = detail::element("backup-upload");
    e.set_attr("id", upload.id);
    detail::set_timestamp(e, "expires", upload.expires);
    detail::set_number(e, "bytes", upload.bytes);
    detail::set_number(e, "chunks", upload.chunks);
    for (const auto& range : upload.received) {
        auto& r = e.add_child(detail::element("received"));
        detail::set_number(r, "first", range.first);
        detail::set_number(r, "last", range.last);
    }
    return e;
}

Result<BackupUploadQuery> parse_backup_upload_query(const xml::Element& e) {
    if (auto ok = detail::expect_element(e, "backup-upload"); !ok) return ok.error();
    FieldReader f(e);
    f.allow_children({});
    BackupUploadQuery query{f.opaque_id("id")};
    if (!f.ok()) return f.error();
    return query;
}

xml::Element serialize(const BackupUploadQuery& query) {
    xml::Element e = detail::element("backup-upload");
    e.set_attr("id", query.id);
    return e;
}

Result<BackupChunk> parse_backup_chunk(const xml::Element& e) {
    if (auto ok = detail::expect_element(e, "backup-chunk"); !ok) return ok.error();
    FieldReader f(e);
    BackupChunk chunk;
    chunk.upload = f.opaque_id("upload");
    chunk.index = read_index(f);
    if (f.ok()) chunk.data = read_data(f, e);
    if (!f.ok()) return f.error();
    return chunk;
}

xml::Element serialize(const BackupChunk& chunk) {
    xml::Element e = detail::element("backup-chunk");
    e.set_attr("upload", chunk.upload);
    detail::set_number(e, "index", chunk.index);
    e.text = vcard::encode_base64(chunk.data);
    return e;
}

Result<BackupCommit> parse_backup_commit(const xml::Element& e) {
    if (auto ok = detail::expect_element(e, "backup-commit"); !ok) return ok.error();
    FieldReader f(e);
    f.allow_children({});
    BackupCommit commit{f.opaque_id("upload")};
    if (!f.ok()) return f.error();
    return commit;
}

xml::Element serialize(const BackupCommit& commit) {
    xml::Element e = detail::element("backup-commit");
    e.set_attr("upload", commit.upload);
    return e;
}

Result<BackupStored> parse_backup_stored(const xml::Element& e) {
    if (auto ok = detail::expect_element(e, "backup-stored"); !ok) return ok.error();
    FieldReader f(e);
    f.allow_children({});
    BackupStored stored{read_info(f)};
    if (!f.ok()) return f.error();
    return stored;
}

xml::Element serialize(const BackupStored& stored) {
    xml::Element e = detail::element("backup-stored");
    write_info(e, stored.backup);
    return e;
}

Result<BackupsQuery> parse_backups_query(const xml::Element& e) {
    if (auto ok = detail::expect_element(e, "backups"); !ok) return ok.error();
    FieldReader f(e);
    f.allow_children({});
    if (!f.ok()) return f.error();
    return BackupsQuery{};
}

xml::Element serialize(const BackupsQuery&) {
    return detail::element("backups");
}

Result<BackupsResult> parse_backups_result(const xml::Element& e) {
    if (auto ok = detail::expect_element(e, "backups"); !ok) return ok.error();
    FieldReader f(e);
    f.allow_children({"backup"});
    BackupsResult result;
    const auto backups = f.children("backup");
    for (std::size_t i = 0; i < backups.size() && f.ok(); ++i) {
        FieldReader b(*backups[i], detail::nested(f, "backup", i));
        b.allow_children({});
        result.backups.push_back(read_info(b));
        f.take(b);
    }
    if (!f.ok()) return f.error();
    return result;
}

xml::Element serialize(const BackupsResult& result) {
    xml::Element e = detail::element("backups");
    for (const auto& b : result.backups)
        write_info(e.add_child(detail::element("backup")), b);
    return e;
}

Result<Restore> parse_restore(const xml::Element& e) {
    if (auto ok = detail::expect_element(e, "restore"); !ok) return ok.error();
    FieldReader f(e);
    f.allow_children({});
    Restore restore;
    restore.backup = f.opaque_id("backup");
    restore.index = read_index(f);
    if (!f.ok()) return f.error();
    return restore;
}

xml::Element serialize(const Restore& restore) {
    xml::Element e = detail::element("restore");
    e.set_attr("backup", restore.backup);
    detail::set_number(e, "index", restore.index);
    return e;
}

Result<RestoreChunk> parse_restore_chunk(const xml::Element& e) {
    if (auto ok = detail::expect_element(e, "restore-chunk"); !ok) return ok.error();
    FieldReader f(e);
    RestoreChunk chunk;
    chunk.backup = f.opaque_id("backup");
    chunk.index = read_index(f);
    if (f.ok()) chunk.data = read_data(f, e);
    if (!f.ok()) return f.error();
    return chunk;
}

xml::Element serialize(const RestoreChunk& chunk) {
    xml::Element e = detail::element("restore-chunk");
    e.set_attr("backup", chunk.backup);
    detail::set_number(e, "index", chunk.index);
    e.text = vcard::encode_base64(chunk.data);
    return e;
}

Result<DeleteBackup> parse_delete_backup(const xml::Element& e) {
    if (auto ok = detail::expect_element(e, "delete-backup"); !ok) return ok.error();
    FieldReader f(e);
    f.allow_children({});
    DeleteBackup remove{f.opaque_id("id")};
    if (!f.ok()) return f.error();
    return remove;
}

xml::Element serialize(const DeleteBackup& remove) {
    xml::Element e = detail::element("delete-backup");
    e.set_attr("id", remove.id);
    return e;
}

}  // namespace cardex::protocol
