#include "component/store/schema.hpp"

#include <array>
#include <string>

#include "component/store/address_key.hpp"
#include "sqlite/migrations.hpp"

namespace cardex::component::store {
namespace {

constexpr std::int64_t kBytesBetweenCheckpoints = 64 * 1024 * 1024;

// Migration N brings the schema from version N-1 to N. Never edit one that has shipped: add
// the next.
constexpr std::array<std::string_view, kSchemaVersion> kMigrations = {
    R"sql(
CREATE TABLE cards (
    card   INTEGER PRIMARY KEY,
    sender TEXT NOT NULL,
    stamp  INTEGER NOT NULL,
    xml    TEXT NOT NULL
);
CREATE TABLE deliveries (
    id           TEXT PRIMARY KEY,
    card         INTEGER NOT NULL,
    sender       TEXT NOT NULL,
    recipient    TEXT NOT NULL,
    state        INTEGER NOT NULL,
    attempts     INTEGER NOT NULL,
    created      INTEGER NOT NULL,
    updated      INTEGER NOT NULL,
    next_attempt INTEGER NOT NULL,
    reason       TEXT
) WITHOUT ROWID;
CREATE INDEX deliveries_open_by_recipient ON deliveries(recipient, created, id) WHERE state < 2;
CREATE INDEX deliveries_due ON deliveries(next_attempt) WHERE state < 2;
CREATE INDEX deliveries_open_by_card ON deliveries(card) WHERE state < 2;
CREATE INDEX deliveries_by_sender ON deliveries(sender, created);
CREATE INDEX deliveries_final ON deliveries(updated) WHERE state >= 2;
CREATE TABLE capable (
    jid   TEXT PRIMARY KEY,
    since INTEGER NOT NULL
) WITHOUT ROWID;
)sql",
    // 2: submits that named an id, so that a repeat gets the same deliveries.
    R"sql(
CREATE TABLE submits (
    sender     TEXT NOT NULL,
    id         TEXT NOT NULL,
    created    INTEGER NOT NULL,
    digest     TEXT NOT NULL,
    deliveries TEXT NOT NULL,
    PRIMARY KEY (sender, id)
) WITHOUT ROWID;
CREATE INDEX submits_by_created ON submits(created);
)sql",
    // 3: delivery states by name (a state added to the protocol cannot shift the others);
    // deliveries of a card set's card; card sets, tokens and the exchanges made with them.
    R"sql(
CREATE TABLE deliveries_by_name (
    id           TEXT PRIMARY KEY,
    card         INTEGER NOT NULL,
    sender       TEXT NOT NULL,
    recipient    TEXT NOT NULL,
    state        TEXT NOT NULL,
    attempts     INTEGER NOT NULL,
    created      INTEGER NOT NULL,
    updated      INTEGER NOT NULL,
    next_attempt INTEGER NOT NULL,
    reason       TEXT,
    set_name     TEXT,
    set_version  INTEGER,
    via          TEXT
) WITHOUT ROWID;
INSERT INTO deliveries_by_name
    (id, card, sender, recipient, state, attempts, created, updated, next_attempt, reason)
SELECT id, card, sender, recipient,
       CASE state WHEN 0 THEN 'pending' WHEN 1 THEN 'sent' WHEN 2 THEN 'acked'
                  WHEN 3 THEN 'rejected' WHEN 4 THEN 'expired' ELSE 'refused' END,
       attempts, created, updated, next_attempt, reason
FROM deliveries;
DROP TABLE deliveries;
ALTER TABLE deliveries_by_name RENAME TO deliveries;
CREATE INDEX deliveries_open_by_recipient ON deliveries(recipient, created, id)
    WHERE state IN ('pending', 'sent');
CREATE INDEX deliveries_due ON deliveries(next_attempt) WHERE state IN ('pending', 'sent');
CREATE INDEX deliveries_open_by_card ON deliveries(card) WHERE state IN ('pending', 'sent');
CREATE INDEX deliveries_by_sender ON deliveries(sender, created);
CREATE INDEX deliveries_final ON deliveries(updated) WHERE state NOT IN ('pending', 'sent');
CREATE TABLE card_sets (
    owner   TEXT NOT NULL,
    name    TEXT NOT NULL,
    version INTEGER NOT NULL,
    updated INTEGER NOT NULL,
    xml     TEXT NOT NULL,
    PRIMARY KEY (owner, name)
) WITHOUT ROWID;
CREATE TABLE tokens (
    value     TEXT PRIMARY KEY,
    owner     TEXT NOT NULL,
    set_name  TEXT NOT NULL,
    created   INTEGER NOT NULL,
    expires   INTEGER NOT NULL,
    uses_left INTEGER NOT NULL
) WITHOUT ROWID;
CREATE INDEX tokens_by_set ON tokens(owner, set_name);
CREATE INDEX tokens_by_expiry ON tokens(expires);
CREATE TABLE token_uses (
    token    TEXT NOT NULL,
    scanner  TEXT NOT NULL,
    used     INTEGER NOT NULL,
    delivery TEXT,
    PRIMARY KEY (token, scanner)
) WITHOUT ROWID;
CREATE TABLE token_failures (
    requester TEXT NOT NULL,
    at        INTEGER NOT NULL
);
CREATE INDEX token_failures_by_requester ON token_failures(requester, at);
)sql",
    // 4: whether a token's web page offers the form for sending a card back.
    R"sql(
ALTER TABLE tokens ADD COLUMN web_replies INTEGER NOT NULL DEFAULT 1;
)sql",
    // 5: following card sets, and update deliveries (a new version of a set for its followers).
    R"sql(
CREATE TABLE followers (
    owner    TEXT NOT NULL,
    set_name TEXT NOT NULL,
    follower TEXT NOT NULL,
    since    INTEGER NOT NULL,
    PRIMARY KEY (owner, set_name, follower)
) WITHOUT ROWID;
ALTER TABLE deliveries ADD COLUMN is_update INTEGER NOT NULL DEFAULT 0;
CREATE INDEX deliveries_open_updates ON deliveries(recipient, sender, set_name)
    WHERE is_update = 1 AND state IN ('pending', 'sent');
)sql",
    // 6: encrypted backups: uploads in progress, committed backups, and their chunks.
    R"sql(
CREATE TABLE backup_uploads (
    id      TEXT PRIMARY KEY,
    owner   TEXT NOT NULL,
    created INTEGER NOT NULL,
    expires INTEGER NOT NULL,
    bytes   INTEGER NOT NULL,
    chunks  INTEGER NOT NULL
) WITHOUT ROWID;
CREATE INDEX backup_uploads_by_owner ON backup_uploads(owner, created);
CREATE INDEX backup_uploads_by_expiry ON backup_uploads(expires);
CREATE TABLE backups (
    id     TEXT PRIMARY KEY,
    owner  TEXT NOT NULL,
    stamp  INTEGER NOT NULL,
    bytes  INTEGER NOT NULL,
    chunks INTEGER NOT NULL
) WITHOUT ROWID;
CREATE INDEX backups_by_owner ON backups(owner, stamp);
CREATE TABLE backup_chunks (
    id   TEXT NOT NULL,
    idx  INTEGER NOT NULL,
    size INTEGER NOT NULL,
    data BLOB NOT NULL,
    PRIMARY KEY (id, idx)
);
)sql",
    // 7: the recipient's index of open deliveries tells updates apart by itself, so that the
    // quota check of a submit reads the index only, not the row of every open delivery.
    R"sql(
DROP INDEX deliveries_open_by_recipient;
CREATE INDEX deliveries_open_by_recipient ON deliveries(recipient, created, id, is_update)
    WHERE state IN ('pending', 'sent');
)sql",
    // 8: whether a delivery is open, in a column that only its end changes. The indexes of
    // open deliveries name it instead of the state: SQLite rewrites a partial index's entry
    // whenever a column its WHERE names changes, so recording a copy (pending to sent) moved
    // every open delivery's entries by recipient and by card, a random page each, for nothing.
    R"sql(
ALTER TABLE deliveries ADD COLUMN is_open INTEGER NOT NULL DEFAULT 1;
UPDATE deliveries SET is_open = 0 WHERE state NOT IN ('pending', 'sent');
DROP INDEX deliveries_open_by_recipient;
DROP INDEX deliveries_due;
DROP INDEX deliveries_open_by_card;
DROP INDEX deliveries_final;
DROP INDEX deliveries_open_updates;
CREATE INDEX deliveries_open_by_recipient ON deliveries(recipient, created, id, is_update)
    WHERE is_open = 1;
CREATE INDEX deliveries_due ON deliveries(next_attempt) WHERE is_open = 1;
CREATE INDEX deliveries_open_by_card ON deliveries(card) WHERE is_open = 1;
CREATE INDEX deliveries_final ON deliveries(updated) WHERE is_open = 0;
CREATE INDEX deliveries_open_updates ON deliveries(recipient, sender, set_name)
    WHERE is_update = 1 AND is_open = 1;
)sql",
    // 9: deliveries numbered in the order they were stored (seq), and the indexes by recipient
    // and by sender keyed by a number of the address (address_key.hpp) and that order, instead
    // of the address's text, the time and the 22-character id: an entry shrinks from about 70
    // bytes of the index's pages to about 19, so that the places every submit adds to stay in
    // the page cache as the database grows. The id stays unique, looked up through its own
    // index, to which new ids are appended.
    R"sql(
CREATE TABLE deliveries_numbered (
    seq           INTEGER PRIMARY KEY,
    id            TEXT NOT NULL UNIQUE,
    card          INTEGER NOT NULL,
    sender        TEXT NOT NULL,
    sender_key    INTEGER NOT NULL,
    recipient     TEXT NOT NULL,
    recipient_key INTEGER NOT NULL,
    state         TEXT NOT NULL,
    attempts      INTEGER NOT NULL,
    created       INTEGER NOT NULL,
    updated       INTEGER NOT NULL,
    next_attempt  INTEGER NOT NULL,
    reason        TEXT,
    set_name      TEXT,
    set_version   INTEGER,
    via           TEXT,
    is_update     INTEGER NOT NULL DEFAULT 0,
    is_open       INTEGER NOT NULL DEFAULT 1
);
INSERT INTO deliveries_numbered
    (id, card, sender, sender_key, recipient, recipient_key, state, attempts, created, updated,
     next_attempt, reason, set_name, set_version, via, is_update, is_open)
SELECT id, card, sender, address_key(sender), recipient, address_key(recipient), state,
       attempts, created, updated, next_attempt, reason, set_name, set_version, via, is_update,
       is_open
FROM deliveries ORDER BY created, id;
DROP TABLE deliveries;
ALTER TABLE deliveries_numbered RENAME TO deliveries;
CREATE INDEX deliveries_open_by_recipient ON deliveries(recipient_key, is_update)
    WHERE is_open = 1;
CREATE INDEX deliveries_by_sender ON deliveries(sender_key);
CREATE INDEX deliveries_due ON deliveries(next_attempt) WHERE is_open = 1;
CREATE INDEX deliveries_open_by_card ON deliveries(card) WHERE is_open = 1;
CREATE INDEX deliveries_final ON deliveries(updated) WHERE is_open = 0;
CREATE INDEX deliveries_open_updates ON deliveries(recipient, sender, set_name)
    WHERE is_update = 1 AND is_open = 1;
)sql",
    // 10: the form in which a capable recipient's copies go, as its last <sync/> asked:
    // 'xcard' or 'text' (the draft, Cards as Text).
    R"sql(
ALTER TABLE capable ADD COLUMN card_form TEXT NOT NULL DEFAULT 'xcard';
)sql",
    // 11: each recipient's open deliveries counted as they open and close, so that a submit's
    // quota check reads one row instead of stepping through up to max_pending_per_recipient
    // index entries (with a hundred open, that was 14% of cardexd's CPU end to end). Triggers
    // keep the counts, whatever statement opens, closes, moves or removes a delivery.
    R"sql(
CREATE TABLE open_counts (
    recipient_key INTEGER PRIMARY KEY,
    cards         INTEGER NOT NULL,  -- open deliveries with is_update = 0
    updates       INTEGER NOT NULL   -- open deliveries with is_update = 1
);
INSERT INTO open_counts (recipient_key, cards, updates)
SELECT recipient_key, sum(is_update = 0), sum(is_update = 1)
FROM deliveries WHERE is_open = 1 GROUP BY recipient_key;
CREATE TRIGGER open_counts_insert AFTER INSERT ON deliveries WHEN NEW.is_open = 1
BEGIN
    INSERT INTO open_counts (recipient_key, cards, updates)
    VALUES (NEW.recipient_key, NEW.is_update = 0, NEW.is_update = 1)
    ON CONFLICT (recipient_key) DO UPDATE
    SET cards = cards + excluded.cards, updates = updates + excluded.updates;
END;
CREATE TRIGGER open_counts_update AFTER UPDATE OF is_open, is_update, recipient_key ON deliveries
WHEN OLD.is_open = 1 OR NEW.is_open = 1
BEGIN
    UPDATE open_counts
    SET cards = cards - (OLD.is_update = 0), updates = updates - (OLD.is_update = 1)
    WHERE recipient_key = OLD.recipient_key AND OLD.is_open = 1;
    INSERT INTO open_counts (recipient_key, cards, updates)
    SELECT NEW.recipient_key, NEW.is_update = 0, NEW.is_update = 1 WHERE NEW.is_open = 1
    ON CONFLICT (recipient_key) DO UPDATE
    SET cards = cards + excluded.cards, updates = updates + excluded.updates;
END;
CREATE TRIGGER open_counts_delete AFTER DELETE ON deliveries WHEN OLD.is_open = 1
BEGIN
    UPDATE open_counts
    SET cards = cards - (OLD.is_update = 0), updates = updates - (OLD.is_update = 1)
    WHERE recipient_key = OLD.recipient_key;
END;
)sql",
};

std::int64_t page_bytes(Database& db) {
    auto page_size = db.prepare("PRAGMA page_size");
    page_size.step();  // always one row
    return page_size.integer(0);
}

}  // namespace

void prepare_database(Database& db, std::size_t cache_mib) {
    db.exec("PRAGMA busy_timeout = 5000");
    // The page size only takes effect before the first table exists (databases made before
    // cards were compressed keep their 16 KiB). A compressed card is about 700 bytes, so 4 KiB
    // pages hold several; and every submit changes a page of the indexes by recipient and by
    // sender at a random place, which a commit writes whole: smaller pages write less.
    db.exec("PRAGMA page_size = 4096");
    db.exec("PRAGMA journal_mode = WAL");
    // FULL: every commit is fsynced, so a submit result survives power loss, not just a crash.
    db.exec("PRAGMA synchronous = FULL");
    // The cache holds the pages of the indexes that submits change at random places; once
    // those outgrow it, each submit reads some back (see [storage] cache_mib).
    db.exec("PRAGMA cache_size = -" + std::to_string(cache_mib * 1024));  // in KiB
    // A checkpoint copies every page the WAL holds into the database once, however often the
    // WAL holds it: with 64 MiB between checkpoints instead of SQLite's 4 MiB, the index pages
    // that every commit changes are copied a sixteenth as often (a quarter fewer bytes written
    // per card in `scripts/bench component alone`). The WAL file keeps that size on disk.
    // (A database from before has 16 KiB pages: the same 64 MiB is fewer of them.)
    db.exec("PRAGMA wal_autocheckpoint = " +
            std::to_string(kBytesBetweenCheckpoints / page_bytes(db)));

    register_address_key(db);  // migration 9 computes the keys of the rows it moves
    // A migration that moves a table may sort all of its rows: in files, so that memory stays
    // bounded by the page cache (in memory, 300,000 deliveries took 187 MB once, in files 61).
    sqlite::migrate(db, kMigrations, "the database", "cardexd");
    db.exec("PRAGMA temp_store = MEMORY");
}

std::span<const std::string_view> migrations() {
    return kMigrations;
}

}  // namespace cardex::component::store
