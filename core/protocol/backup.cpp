#include "core/protocol/backup.hpp"

#include "core/protocol/fields.hpp"
#include "core/protocol/syntax.hpp"
#include "core/xmpp/namespaces.hpp"

namespace cardex::protocol {
namespace {

using detail::FieldReader;

BackupInfo read_info(FieldReader& f) {
    BackupInfo info;
    info.id = f.opaque_id("id");
    info.stamp = f.timestamp("stamp");
    info.cards = f.number("cards", 0);
    info.bytes = f.number("bytes", 1);
    return info;
}

void write_info(xml::Element& e, const BackupInfo& info) {
    e.set_attr("id", info.id);
    detail::set_timestamp(e, "stamp", info.stamp);
    detail::set_number(e, "cards", info.cards);
    detail::set_number(e, "bytes", info.bytes);
}

// The one <vcards/> child of a <backup/>; nothing else may be inside.
std::vector<vcard::Card> read_vcards(FieldReader& f, const xml::Element& backup) {
    f.allow_children({});
    if (!f.ok()) return {};
    const xml::Element* vcards = nullptr;
    for (const auto& c : backup.children) {
        if (vcards != nullptr) {
            f.fail("must hold exactly one <vcards/>, but holds more elements");
            return {};
        }
        vcards = &c;
    }
    if (vcards == nullptr) {
        f.fail("missing the <vcards xmlns='" + std::string(ns::kVcard4) + "'/> with the cards");
        return {};
    }
    auto cards = parse_vcards(*vcards);
    if (!cards) {
        f.take(cards.error());
        return {};
    }
    return std::move(cards).value();
}

}  // namespace

Result<Backup> parse_backup(const xml::Element& e) {
    if (auto ok = detail::expect_element(e, "backup"); !ok) return ok.error();
    FieldReader f(e);
    Backup backup{read_vcards(f, e)};
    if (!f.ok()) return f.error();
    return backup;
}

xml::Element serialize(const Backup& backup) {
    xml::Element e = detail::element("backup");
    e.add_child(vcards_element(backup.cards));
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
    Restore restore{f.optional_opaque_id("id")};
    if (!f.ok()) return f.error();
    return restore;
}

xml::Element serialize(const Restore& restore) {
    xml::Element e = detail::element("restore");
    if (restore.id) e.set_attr("id", *restore.id);
    return e;
}

Result<BackupContent> parse_backup_content(const xml::Element& e) {
    if (auto ok = detail::expect_element(e, "backup"); !ok) return ok.error();
    FieldReader f(e);
    BackupContent content;
    content.backup = read_info(f);
    content.cards = read_vcards(f, e);
    if (!f.ok()) return f.error();
    return content;
}

xml::Element serialize(const BackupContent& content) {
    xml::Element e = detail::element("backup");
    write_info(e, content.backup);
    e.add_child(vcards_element(content.cards));
    return e;
}

}  // namespace cardex::protocol
