#include "component/store/sqlite_token_store.hpp"

namespace cardex::component::store {
namespace {

constexpr std::string_view kColumns =
    "value, owner, set_name, created, expires, uses_left, web_replies";

StoredToken read_token(const Statement& s) {
    return {s.text(0),           s.text(1),           s.text(2),
            at_ms(s.integer(3)), at_ms(s.integer(4)), static_cast<std::uint64_t>(s.integer(5)),
            s.integer(6) != 0};
}

}  // namespace

void SqliteTokenStore::create(const StoredToken& t) {
    auto& insert = db_.cached(
        "INSERT INTO tokens (value, owner, set_name, created, expires, uses_left, web_replies)"
        " VALUES (?, ?, ?, ?, ?, ?, ?)");
    insert.bind(1, t.value).bind(2, t.owner).bind(3, t.set).bind(4, ms(t.created));
    insert.bind(5, ms(t.expires)).bind(6, static_cast<std::int64_t>(t.uses_left));
    insert.bind(7, std::int64_t{t.web_replies ? 1 : 0}).run();
}

std::vector<StoredToken> SqliteTokenStore::usable(const std::string& owner,
                                                  protocol::Timestamp now) {
    auto& select = db_.cached("SELECT " + std::string(kColumns) +
                              " FROM tokens WHERE owner = ? AND expires > ? AND uses_left > 0"
                              " ORDER BY created DESC, value");
    select.bind(1, owner).bind(2, ms(now));
    std::vector<StoredToken> tokens;
    while (select.step())
        tokens.push_back(read_token(select));
    select.reset();
    return tokens;
}

std::optional<StoredToken> SqliteTokenStore::find(const std::string& value,
                                                  protocol::Timestamp now) {
    auto& select = db_.cached("SELECT " + std::string(kColumns) +
                              " FROM tokens WHERE value = ? AND expires > ?");
    select.bind(1, value).bind(2, ms(now));
    std::optional<StoredToken> token;
    if (select.step()) token = read_token(select);
    select.reset();
    return token;
}

bool SqliteTokenStore::revoke(const std::string& value, const std::string& owner,
                              protocol::Timestamp now) {
    auto& remove = db_.cached(
        "DELETE FROM tokens WHERE value = ? AND owner = ? AND expires > ? AND uses_left > 0");
    remove.bind(1, value).bind(2, owner).bind(3, ms(now)).run();
    if (db_.changes() != 1) return false;
    auto& uses = db_.cached("DELETE FROM token_uses WHERE token = ?");
    uses.bind(1, value).run();
    return true;
}

void SqliteTokenStore::forget_set(const std::string& owner, const std::string& set) {
    auto& uses = db_.cached(
        "DELETE FROM token_uses WHERE token IN"
        " (SELECT value FROM tokens WHERE owner = ? AND set_name = ?)");
    uses.bind(1, owner).bind(2, set).run();
    auto& remove = db_.cached("DELETE FROM tokens WHERE owner = ? AND set_name = ?");
    remove.bind(1, owner).bind(2, set).run();
}

std::optional<TokenUse> SqliteTokenStore::use_of(const std::string& value,
                                                 const std::string& scanner) {
    auto& select =
        db_.cached("SELECT used, delivery FROM token_uses WHERE token = ? AND scanner = ?");
    select.bind(1, value).bind(2, scanner);
    std::optional<TokenUse> use;
    if (select.step()) use = TokenUse{scanner, at_ms(select.integer(0)), select.optional_text(1)};
    select.reset();
    return use;
}

bool SqliteTokenStore::consume(const std::string& value, const TokenUse& use) {
    // Guarded by the uses left: of two exchanges for the last use, one gets it.
    auto& take =
        db_.cached("UPDATE tokens SET uses_left = uses_left - 1 WHERE value = ? AND uses_left > 0");
    take.bind(1, value).run();
    if (db_.changes() != 1) return false;
    auto& insert =
        db_.cached("INSERT INTO token_uses (token, scanner, used, delivery) VALUES (?, ?, ?, ?)");
    insert.bind(1, value).bind(2, use.scanner).bind(3, ms(use.used)).bind(4, use.delivery).run();
    return true;
}

std::uint64_t SqliteTokenStore::failures(const std::string& requester, protocol::Timestamp since) {
    auto& count = db_.cached("SELECT count(*) FROM token_failures WHERE requester = ? AND at > ?");
    count.bind(1, requester).bind(2, ms(since));
    count.step();
    const auto n = static_cast<std::uint64_t>(count.integer(0));
    count.reset();
    return n;
}

void SqliteTokenStore::record_failure(const std::string& requester, protocol::Timestamp now) {
    auto& insert = db_.cached("INSERT INTO token_failures (requester, at) VALUES (?, ?)");
    insert.bind(1, requester).bind(2, ms(now)).run();
}

void SqliteTokenStore::purge(protocol::Timestamp now, protocol::Timestamp failures_before) {
    auto& uses = db_.cached(
        "DELETE FROM token_uses WHERE token IN (SELECT value FROM tokens WHERE expires <= ?)");
    uses.bind(1, ms(now)).run();
    auto& tokens = db_.cached("DELETE FROM tokens WHERE expires <= ?");
    tokens.bind(1, ms(now)).run();
    auto& failures = db_.cached("DELETE FROM token_failures WHERE at <= ?");
    failures.bind(1, ms(failures_before)).run();
}

}  // namespace cardex::component::store
