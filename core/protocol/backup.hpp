// Backup and restore of a user's address book (feature urn:xmpp:bizcard:0#backup): backup,
// backup-stored, backups and restore.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/protocol/timestamp.hpp"
#include "core/result.hpp"
#include "core/vcard/card.hpp"
#include "core/xml/element.hpp"

namespace cardex::protocol {

// What the service says about one stored backup.
struct BackupInfo {
    std::string id;
    Timestamp stamp{};        // when it was stored
    std::uint64_t cards = 0;  // <vcard/> elements in it
    std::uint64_t bytes = 1;  // size of its UTF-8 encoded <vcards/> element (positive)

    friend bool operator==(const BackupInfo&, const BackupInfo&) = default;
};

// <backup/> (IQ set): the whole address book, as one RFC 6351 <vcards/>.
struct Backup {
    std::vector<vcard::Card> cards;

    friend bool operator==(const Backup&, const Backup&) = default;
};

// <backup-stored/> (IQ result of a backup).
struct BackupStored {
    BackupInfo backup;

    friend bool operator==(const BackupStored&, const BackupStored&) = default;
};

// <backups/> (IQ get, empty).
struct BackupsQuery {
    friend bool operator==(const BackupsQuery&, const BackupsQuery&) = default;
};

// <backups/> (IQ result): newest first, without content.
struct BackupsResult {
    std::vector<BackupInfo> backups;

    friend bool operator==(const BackupsResult&, const BackupsResult&) = default;
};

// <restore/> (IQ get): a backup by id, or the newest one.
struct Restore {
    std::optional<std::string> id;

    friend bool operator==(const Restore&, const Restore&) = default;
};

// <backup id stamp cards bytes/> (IQ result of a restore), with the cards.
struct BackupContent {
    BackupInfo backup;
    std::vector<vcard::Card> cards;

    friend bool operator==(const BackupContent&, const BackupContent&) = default;
};

Result<Backup> parse_backup(const xml::Element& e);
Result<BackupStored> parse_backup_stored(const xml::Element& e);
Result<BackupsQuery> parse_backups_query(const xml::Element& e);
Result<BackupsResult> parse_backups_result(const xml::Element& e);
Result<Restore> parse_restore(const xml::Element& e);
Result<BackupContent> parse_backup_content(const xml::Element& e);

xml::Element serialize(const Backup& backup);
xml::Element serialize(const BackupStored& stored);
xml::Element serialize(const BackupsQuery& query);
xml::Element serialize(const BackupsResult& result);
xml::Element serialize(const Restore& restore);
xml::Element serialize(const BackupContent& content);

}  // namespace cardex::protocol
