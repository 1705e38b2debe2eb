// The backup module (component/service/backups.hpp) through the card service, with the fakes:
// an upload in chunks that becomes a backup only when committed, re-sent chunks, resuming from
// what the service has, the limits, ids of other users and of expired uploads, the backups
// kept per user, restoring chunk by chunk and deleting; and the SQLite backup store itself.
#include <gtest/gtest.h>

#include "component/store/sqlite_backup_store.hpp"
#include "core/protocol/backup.hpp"
#include "core/xml/writer.hpp"
#include "tests/unit/service_fixture.hpp"

namespace cardex::component {
namespace {

using namespace std::chrono_literals;

class BackupServiceTest : public testing::ServiceFixture {
  protected:
    BackupServiceTest() {
        settings.backups.enabled = true;
        settings.backups.max_backup_bytes = 1000;
        settings.backups.max_chunk_bytes = 100;
        settings.backups.backups_kept = 2;
        settings.backups.upload_lifetime = 1h;
    }

    xmpp::Iq request(std::string_view type, const xml::Element& payload,
                     std::string_view from = "alice@a.test/phone") {
        const std::string id = "q" + std::to_string(++requests_);
        receive("<iq type='" + std::string(type) + "' id='" + id + "' from='" + std::string(from) +
                "' to='cards.a.test'>" + xml::to_string(payload) + "</iq>");
        return reply_to(id);
    }
    static std::string error_text(const xmpp::Iq& reply) {
        return reply.error ? reply.error->text : std::string("no error");
    }

    protocol::BackupUpload begin(std::uint64_t bytes, std::uint64_t chunks,
                                 std::string_view from = "alice@a.test/phone") {
        const auto reply =
            request("set", protocol::serialize(protocol::BackupBegin{bytes, chunks}), from);
        EXPECT_EQ(reply.type, xmpp::IqType::result) << error_text(reply);
        if (reply.type != xmpp::IqType::result) return {};
        auto upload = protocol::parse_backup_upload(*reply.payload);
        EXPECT_TRUE(upload.ok()) << upload.error().message;
        return upload ? *upload : protocol::BackupUpload{};
    }
    xmpp::Iq chunk(const std::string& upload, std::uint64_t index, const std::string& data,
                   std::string_view from = "alice@a.test/phone") {
        return request("set", protocol::serialize(protocol::BackupChunk{upload, index, data}),
                       from);
    }
    xmpp::Iq commit(const std::string& upload, std::string_view from = "alice@a.test/phone") {
        return request("set", protocol::serialize(protocol::BackupCommit{upload}), from);
    }
    std::vector<protocol::BackupInfo> backups(std::string_view from = "alice@a.test/phone") {
        const auto reply = request("get", protocol::serialize(protocol::BackupsQuery{}), from);
        EXPECT_EQ(reply.type, xmpp::IqType::result) << error_text(reply);
        if (reply.type != xmpp::IqType::result) return {};
        auto result = protocol::parse_backups_result(*reply.payload);
        EXPECT_TRUE(result.ok()) << result.error().message;
        return result ? result->backups : std::vector<protocol::BackupInfo>{};
    }
    xmpp::Iq restore(const std::string& backup, std::uint64_t index,
                     std::string_view from = "alice@a.test/phone") {
        return request("get", protocol::serialize(protocol::Restore{backup, index}), from);
    }
    // Uploads `parts` as one backup and commits it; its id.
    std::string store_backup(const std::vector<std::string>& parts) {
        std::uint64_t bytes = 0;
        for (const auto& p : parts)
            bytes += p.size();
        const auto upload = begin(bytes, parts.size());
        for (std::size_t i = 0; i < parts.size(); ++i)
            EXPECT_EQ(chunk(upload.id, i, parts[i]).type, xmpp::IqType::result);
        const auto reply = commit(upload.id);
        EXPECT_EQ(reply.type, xmpp::IqType::result) << error_text(reply);
        return upload.id;
    }

  private:
    int requests_ = 0;
};

TEST_F(BackupServiceTest, AnUploadIsListedOnlyOnceCommittedAndRestoresChunkByChunk) {
    const auto upload = begin(7, 2);
    EXPECT_EQ(upload.expires, kStart + 1h);
    EXPECT_EQ(chunk(upload.id, 0, "ciph").type, xmpp::IqType::result);
    EXPECT_EQ(chunk(upload.id, 1, "ert").type, xmpp::IqType::result);
    EXPECT_TRUE(backups().empty()) << "not committed yet";
    EXPECT_EQ(app_condition(restore(upload.id, 0)), "unknown-backup");

    const auto reply = commit(upload.id);
    ASSERT_EQ(reply.type, xmpp::IqType::result) << error_text(reply);
    auto stored = protocol::parse_backup_stored(*reply.payload);
    ASSERT_TRUE(stored.ok()) << stored.error().message;
    EXPECT_EQ(stored->backup, (protocol::BackupInfo{upload.id, kStart, 7, 2}));
    EXPECT_EQ(backups(), std::vector<protocol::BackupInfo>{stored->backup});

    std::string restored;
    for (std::uint64_t i = 0; i < 2; ++i) {
        const auto got = restore(upload.id, i);
        ASSERT_EQ(got.type, xmpp::IqType::result) << error_text(got);
        auto data = protocol::parse_restore_chunk(*got.payload);
        ASSERT_TRUE(data.ok()) << data.error().message;
        EXPECT_EQ(data->index, i);
        restored += data->data;
    }
    EXPECT_EQ(restored, "ciphert");
    const auto beyond = restore(upload.id, 2);
    EXPECT_EQ(app_condition(beyond), "chunk-out-of-range");
    EXPECT_NE(error_text(beyond).find("0 to 1"), std::string::npos) << error_text(beyond);
}

TEST_F(BackupServiceTest, AReSentChunkIsFineButDifferentBytesUnderItsIndexAreAConflict) {
    const auto upload = begin(6, 2);
    EXPECT_EQ(chunk(upload.id, 0, "abc").type, xmpp::IqType::result);
    EXPECT_EQ(chunk(upload.id, 0, "abc").type, xmpp::IqType::result) << "a repeat";
    EXPECT_EQ(app_condition(chunk(upload.id, 0, "xyz")), "chunk-conflict");
    EXPECT_EQ(app_condition(chunk(upload.id, 2, "def")), "chunk-out-of-range");
    EXPECT_EQ(app_condition(chunk(upload.id, 1, "defg")), "chunk-too-large")
        << "more bytes than the upload announced";
}

TEST_F(BackupServiceTest, TheServiceSaysWhichChunksItHasSoThatAnUploadCanResume) {
    const auto upload = begin(50, 10);
    for (std::uint64_t i : {0, 1, 2, 5, 7, 8})
        ASSERT_EQ(chunk(upload.id, i, "12345").type, xmpp::IqType::result);
    const auto reply = request("get", protocol::serialize(protocol::BackupUploadQuery{upload.id}));
    ASSERT_EQ(reply.type, xmpp::IqType::result) << error_text(reply);
    auto state = protocol::parse_backup_upload(*reply.payload);
    ASSERT_TRUE(state.ok()) << state.error().message;
    EXPECT_EQ(state->received, (std::vector<protocol::ChunkRange>{{0, 2}, {5, 5}, {7, 8}}));

    const auto early = commit(upload.id);
    EXPECT_EQ(app_condition(early), "upload-incomplete");
    EXPECT_NE(error_text(early).find("6 of its 10 chunks"), std::string::npos) << error_text(early);
    for (std::uint64_t i : {3, 4, 6, 9})
        ASSERT_EQ(chunk(upload.id, i, "12345").type, xmpp::IqType::result);
    EXPECT_EQ(commit(upload.id).type, xmpp::IqType::result);
}

TEST_F(BackupServiceTest, TheLimitsAreEnforcedWithTheDraftsErrors) {
    const auto large = request("set", protocol::serialize(protocol::BackupBegin{1001, 20}));
    EXPECT_EQ(app_condition(large), "backup-too-large");
    EXPECT_EQ(large.error->application->attr_or_empty("max"), "1000");
    const auto few_chunks = request("set", protocol::serialize(protocol::BackupBegin{500, 4}));
    EXPECT_EQ(app_condition(few_chunks), "chunk-too-large");
    EXPECT_NE(error_text(few_chunks).find("at most 100"), std::string::npos)
        << error_text(few_chunks);

    const auto upload = begin(500, 5);
    const auto oversized = chunk(upload.id, 0, std::string(101, 'x'));
    EXPECT_EQ(app_condition(oversized), "chunk-too-large");
    EXPECT_EQ(oversized.error->application->attr_or_empty("max"), "100");
}

TEST_F(BackupServiceTest, AnotherUsersOrAnExpiredOrAnInventedUploadIsUnknown) {
    const auto upload = begin(10, 1);
    EXPECT_EQ(app_condition(chunk(upload.id, 0, "0123456789", "carol@a.test/pc")),
              "unknown-upload");
    EXPECT_EQ(app_condition(commit(upload.id, "carol@a.test/pc")), "unknown-upload");
    EXPECT_EQ(app_condition(chunk("AAAAAAAAAAAAAAAAAAAAAA", 0, "x")), "unknown-upload");
    EXPECT_EQ(app_condition(chunk(upload.id, 0, "0123456789", "bob@b.test/pc")), "not-local-user");

    advance(1h);
    EXPECT_EQ(app_condition(chunk(upload.id, 0, "0123456789")), "unknown-upload")
        << "expired after the upload lifetime";
    begin(10, 1);  // purges expired uploads
    EXPECT_FALSE(store.stores().backups.chunk(upload.id, 0));
}

TEST_F(BackupServiceTest, ACommittedUploadCannotBeCommittedOrExtendedAgain) {
    const auto id = store_backup({"abc"});
    EXPECT_EQ(app_condition(commit(id)), "unknown-upload");
    EXPECT_EQ(app_condition(chunk(id, 0, "abc")), "unknown-upload");
}

TEST_F(BackupServiceTest, OnlyTheNewestBackupsAreKeptAndOthersUsersCannotSeeThem) {
    const auto first = store_backup({"one"});
    advance(1s);
    const auto second = store_backup({"two"});
    advance(1s);
    const auto third = store_backup({"three"});
    const auto listed = backups();
    ASSERT_EQ(listed.size(), 2u);
    EXPECT_EQ(listed[0].id, third);
    EXPECT_EQ(listed[1].id, second);
    EXPECT_EQ(app_condition(restore(first, 0)), "unknown-backup");
    EXPECT_FALSE(store.stores().backups.chunk(first, 0)) << "its chunks are gone too";

    EXPECT_TRUE(backups("carol@a.test/pc").empty());
    EXPECT_EQ(app_condition(restore(third, 0, "carol@a.test/pc")), "unknown-backup");
    EXPECT_EQ(app_condition(request("set", protocol::serialize(protocol::DeleteBackup{third}),
                                    "carol@a.test/pc")),
              "unknown-backup");
}

TEST_F(BackupServiceTest, ADeletedBackupIsGone) {
    const auto id = store_backup({"abc"});
    EXPECT_EQ(request("set", protocol::serialize(protocol::DeleteBackup{id})).type,
              xmpp::IqType::result);
    EXPECT_TRUE(backups().empty());
    EXPECT_EQ(app_condition(request("set", protocol::serialize(protocol::DeleteBackup{id}))),
              "unknown-backup");
}

TEST_F(BackupServiceTest, AUserHasAtMostTwoUploadsInProgress) {
    const auto first = begin(3, 1);
    advance(1s);
    const auto second = begin(3, 1);
    advance(1s);
    const auto third = begin(3, 1);
    EXPECT_EQ(app_condition(chunk(first.id, 0, "abc")), "unknown-upload");
    EXPECT_EQ(chunk(second.id, 0, "abc").type, xmpp::IqType::result);
    EXPECT_EQ(chunk(third.id, 0, "abc").type, xmpp::IqType::result);
}

TEST_F(BackupServiceTest, BadRequestsGetBadRequestAndNothingIsStored) {
    receive(
        "<iq type='set' id='b1' from='alice@a.test/phone' to='cards.a.test'>"
        "<backup-chunk xmlns='urn:xmpp:bizcard:0' upload='AAAAAAAAAAAAAAAAAAAAAA' index='0'>"
        "not base64!</backup-chunk></iq>");
    const auto reply = reply_to("b1");
    ASSERT_TRUE(reply.error);
    EXPECT_EQ(reply.error->condition, "bad-request");
    EXPECT_NE(reply.error->text.find("base64"), std::string::npos) << reply.error->text;
    receive(
        "<iq type='set' id='b2' from='alice@a.test/phone' to='cards.a.test'>"
        "<backup-begin xmlns='urn:xmpp:bizcard:0' bytes='3' chunks='4'/></iq>");
    ASSERT_TRUE(reply_to("b2").error);
    EXPECT_EQ(reply_to("b2").error->condition, "bad-request");
}

TEST_F(BackupServiceTest, TheServiceAdvertisesBackupAndItsLimitsOnlyWhenEnabled) {
    const std::string info = xml::to_string(service().disco_info());
    EXPECT_NE(info.find("urn:xmpp:bizcard:0#backup"), std::string::npos);
    EXPECT_NE(info.find("max-chunk-bytes"), std::string::npos);
    restart_service();
    settings.backups.enabled = false;
    const std::string off = xml::to_string(service().disco_info());
    EXPECT_EQ(off.find("urn:xmpp:bizcard:0#backup"), std::string::npos);
    EXPECT_EQ(off.find("max-chunk-bytes"), std::string::npos);
    EXPECT_EQ(app_condition(request("get", protocol::serialize(protocol::BackupsQuery{}))), "");
}

TEST_F(BackupServiceTest, AFailingStoreAnswersInternalServerErrorAndCommitsNothing) {
    const auto upload = begin(3, 1);
    ASSERT_EQ(chunk(upload.id, 0, "abc").type, xmpp::IqType::result);
    store.fail_next();
    const auto reply = commit(upload.id);
    ASSERT_TRUE(reply.error);
    EXPECT_EQ(reply.error->condition, "internal-server-error");
    EXPECT_TRUE(backups().empty());
    EXPECT_EQ(commit(upload.id).type, xmpp::IqType::result) << "the upload is still there";
}

TEST(SqliteBackupStore, ChunksAreBlobsThatKeepEveryByte) {
    store::Database db(":memory:");
    store::prepare_database(db);
    store::SqliteBackupStore backups(db);
    const protocol::Timestamp t{std::chrono::milliseconds(1'800'000'000'000)};
    backups.begin({"u1", "alice@a.test", t, t + 1h, 4, 1});
    const std::string bytes("\0\xFF\x01\x80", 4);
    backups.put_chunk("u1", 0, bytes);
    EXPECT_EQ(backups.chunk("u1", 0), bytes);
    EXPECT_EQ(backups.received("u1").bytes, 4u);
    auto type = db.prepare("SELECT typeof(data) FROM backup_chunks");
    ASSERT_TRUE(type.step());
    EXPECT_EQ(type.text(0), "blob");
}

}  // namespace
}  // namespace cardex::component
