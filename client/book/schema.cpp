#include "client/book/schema.hpp"

#include <array>

#include "sqlite/migrations.hpp"

namespace cardex::client::book {
namespace {

// Migration N brings the schema from version N-1 to N. Never edit one that has shipped: add
// the next.
constexpr std::array<std::string_view, kSchemaVersion> kMigrations = {
    R"sql(
CREATE TABLE contacts (
    id      INTEGER PRIMARY KEY,
    uid     TEXT NOT NULL,
    fn      TEXT NOT NULL,
    search  TEXT NOT NULL,
    vcard   TEXT NOT NULL,
    created INTEGER NOT NULL,
    updated INTEGER NOT NULL
);
CREATE TABLE contact_keys (
    kind    TEXT NOT NULL,
    value   TEXT NOT NULL,
    contact INTEGER NOT NULL,
    PRIMARY KEY (kind, value, contact)
) WITHOUT ROWID;
CREATE TABLE history (
    id      INTEGER PRIMARY KEY,
    contact INTEGER NOT NULL,
    at      INTEGER NOT NULL,
    action  TEXT NOT NULL,
    source  TEXT NOT NULL,
    before  TEXT,
    added   TEXT NOT NULL DEFAULT '',
    alias   TEXT,
    undone  INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE provenance (
    id          INTEGER PRIMARY KEY,
    contact     INTEGER NOT NULL,
    at          INTEGER NOT NULL,
    kind        TEXT NOT NULL,
    detail      TEXT NOT NULL DEFAULT '',
    card_number INTEGER NOT NULL DEFAULT 0,
    sender      TEXT NOT NULL DEFAULT '',
    service     TEXT NOT NULL DEFAULT '',
    delivery_id TEXT NOT NULL DEFAULT ''
);
CREATE TABLE received (
    id           INTEGER PRIMARY KEY,
    service      TEXT NOT NULL,
    delivery_id  TEXT NOT NULL,
    sender       TEXT NOT NULL,
    verified     INTEGER NOT NULL,
    stamp        INTEGER NOT NULL,
    received_at  INTEGER NOT NULL,
    state        TEXT NOT NULL,
    reason       TEXT,
    contact      INTEGER,
    vcard        TEXT,
    card_set     TEXT,
    version      INTEGER,
    is_update    INTEGER NOT NULL DEFAULT 0,
    ack_answered INTEGER NOT NULL DEFAULT 0,
    UNIQUE (service, delivery_id)
);
CREATE INDEX received_unanswered ON received(service) WHERE ack_answered = 0;
CREATE INDEX received_inbox ON received(received_at) WHERE state = 'inbox';
CREATE TABLE sent (
    service      TEXT NOT NULL,
    delivery_id  TEXT NOT NULL,
    recipient    TEXT NOT NULL,
    contact_uid  TEXT NOT NULL,
    contact_name TEXT NOT NULL,
    sent_at      INTEGER NOT NULL,
    state        TEXT NOT NULL,
    attempts     INTEGER NOT NULL DEFAULT 0,
    updated      INTEGER NOT NULL,
    reason       TEXT,
    PRIMARY KEY (service, delivery_id)
) WITHOUT ROWID;
CREATE INDEX sent_by_time ON sent(sent_at);
CREATE TABLE services (
    jid        TEXT PRIMARY KEY,
    home_of    TEXT,
    first_seen INTEGER NOT NULL
) WITHOUT ROWID;
)sql",
};

}  // namespace

void prepare_database(sqlite::Database& db) {
    db.exec("PRAGMA busy_timeout = 5000");
    db.exec("PRAGMA journal_mode = WAL");
    db.exec("PRAGMA synchronous = FULL");
    // An import writes ten thousand contacts in one transaction: with the default 2 MiB cache,
    // SQLite would write pages out (and again) before the commit.
    db.exec("PRAGMA cache_size = -65536");  // 64 MiB at most, used only as far as needed
    // Each stored card is a savepoint inside the import's transaction: its journal stays in
    // memory instead of a temporary file written for every card.
    db.exec("PRAGMA temp_store = MEMORY");
    db.exec("PRAGMA foreign_keys = OFF");
    sqlite::migrate(db, kMigrations, "the address book", "cardex");
}

}  // namespace cardex::client::book
