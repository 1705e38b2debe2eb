#include "client/backup/book_backup.hpp"

#include "core/protocol/syntax.hpp"
#include "core/protocol/timestamp.hpp"
#include "core/xml/parser.hpp"
#include "core/xml/writer.hpp"

namespace cardex::client::backup {
namespace {

std::string_view kind_name(book::Origin::Kind kind) {
    switch (kind) {
        case book::Origin::Kind::user:
            return "user";
        case book::Origin::Kind::imported:
            return "imported";
        case book::Origin::Kind::received:
            return "received";
    }
    return "user";
}

vcard::Parameter text_param(std::string name, std::string value) {
    return {std::move(name), {std::move(value)}};
}

// One X-CARDEX-PROVENANCE property: its kind, time and details as parameters, and the
// description for people as its value.
vcard::Property provenance_property(const book::Provenance& p) {
    vcard::Property property;
    property.name = std::string(kProvenanceProperty);
    property.value_type = "text";
    const auto& o = p.origin;
    property.params.push_back(text_param("X-KIND", std::string(kind_name(o.kind))));
    property.params.push_back(text_param("X-AT", protocol::format_timestamp(p.at)));
    if (o.kind == book::Origin::Kind::received) {
        property.params.push_back(text_param("X-SENDER", o.sender));
        property.params.push_back(text_param("X-SERVICE", o.service));
        property.params.push_back(text_param("X-DELIVERY", o.delivery_id));
    }
    if (o.kind == book::Origin::Kind::imported)
        property.params.push_back(text_param("X-NUMBER", std::to_string(o.card_number)));
    property.components = {{o.kind == book::Origin::Kind::imported ? o.detail : o.describe()}};
    return property;
}

std::string param_text(const vcard::Property& property, std::string_view name) {
    const vcard::Parameter* param = property.param(name);
    return param == nullptr || param->values.empty() ? std::string() : param->values.front();
}

// The provenance written by provenance_property(); entries that cannot be read are left out.
// A received card's set is in its description only, which is not read back.
std::vector<book::Provenance> provenance_of(const vcard::Card& card) {
    std::vector<book::Provenance> out;
    for (const vcard::Property* p : card.all(kProvenanceProperty)) {
        auto at = protocol::parse_timestamp(param_text(*p, "X-AT"));
        if (!at) continue;
        const std::string kind = param_text(*p, "X-KIND");
        const std::string value = p->first_value();
        book::Provenance entry{book::Origin::user("restore"), *at};
        if (kind == "received") {
            entry.origin =
                book::Origin::delivery(param_text(*p, "X-SENDER"), param_text(*p, "X-SERVICE"),
                                       param_text(*p, "X-DELIVERY"));
        } else if (kind == "imported") {
            std::size_t number = 0;
            try {
                number = std::stoul(param_text(*p, "X-NUMBER"));
            } catch (const std::exception&) {
            }
            entry.origin = book::Origin::file(value, number);
        } else if (kind == "user") {
            entry.origin =
                book::Origin::user(value.starts_with("cardex ") ? value.substr(7) : value);
        } else {
            continue;
        }
        out.push_back(std::move(entry));
    }
    return out;
}

}  // namespace

Result<std::string> book_plaintext(const book::AddressBook& book) {
    auto contacts = book.contacts();
    if (!contacts) return contacts.error();
    std::vector<vcard::Card> cards;
    cards.reserve(contacts->size());
    for (auto& contact : *contacts) {
        auto provenance = book.provenance(contact.id);
        if (!provenance) return provenance.error();
        vcard::Card card = std::move(contact.card);
        card.remove(kProvenanceProperty);
        for (const auto& p : *provenance)
            card.add(provenance_property(p));
        cards.push_back(std::move(card));
    }
    return "<?xml version='1.0' encoding='UTF-8'?>\n" +
           xml::to_string(protocol::vcards_element(cards)) + "\n";
}

Result<std::vector<vcard::Card>> read_plaintext(std::string_view plaintext) {
    xml::ParseLimits limits;
    limits.max_element_bytes = plaintext.size() + 1024;
    limits.max_skipped_bytes = std::max(limits.max_skipped_bytes, 4 * limits.max_element_bytes);
    auto document = xml::parse_document(plaintext, limits);
    if (!document)
        return make_error("the backup's content is not XML: " + document.error().message);
    auto cards = protocol::parse_vcards(*document);
    if (!cards) return make_error("the backup's content: " + cards.error().message);
    return cards;
}

Result<RestoreCount> restore_cards(book::AddressBook& book, std::vector<vcard::Card> cards,
                                   const std::string& label) {
    RestoreCount count;
    auto done = book.transaction([&]() -> Status {
        for (std::size_t i = 0; i < cards.size(); ++i) {
            vcard::Card card = std::move(cards[i]);
            const auto came_from = provenance_of(card);
            card.remove(kProvenanceProperty);
            auto stored = book.merge(std::move(card), book::Origin::file(label, i + 1));
            if (!stored) return stored.error();
            if (auto kept = book.keep_provenance(stored->contact, came_from); !kept)
                return kept.error();
            switch (stored->outcome) {
                case book::StoreOutcome::created:
                    ++count.created;
                    break;
                case book::StoreOutcome::merged:
                case book::StoreOutcome::updated:  // only an update delivery gives this
                    ++count.merged;
                    break;
                case book::StoreOutcome::unchanged:
                    ++count.unchanged;
                    break;
            }
        }
        return Ok{};
    });
    if (!done) return done.error();
    return count;
}

}  // namespace cardex::client::backup
