// `cardex list --json` and `cardex show --json`: a contact's fields as scripts want them, one
// key each, with the same types and labels `cardex show` prints.
#include "client/cli/output.hpp"
#include "client/ui/card_view.hpp"
#include "core/protocol/timestamp.hpp"
#include "core/text/join.hpp"
#include "core/vcard/card_image.hpp"
#include "core/vcard/writer.hpp"

namespace cardex::cli {
namespace {

using nlohmann::json;

// {"number": ..., "types": [...], "label": ...}: TYPE values lower-cased; the label the
// exporting program gave the value (X-ABLabel), "" when none.
json phones_json(const vcard::Card& card) {
    json list = json::array();
    const auto properties = card.all("TEL");
    const auto phones = card.phones();
    for (std::size_t i = 0; i < phones.size(); ++i) {
        list.push_back({{"number", phones[i].number},
                        {"types", phones[i].types},
                        {"label", card.type_label(*properties[i])}});
    }
    return list;
}

json emails_json(const vcard::Card& card) {
    json list = json::array();
    const auto properties = card.all("EMAIL");
    const auto emails = card.emails();
    for (std::size_t i = 0; i < emails.size(); ++i) {
        list.push_back({{"address", emails[i].address},
                        {"types", emails[i].types},
                        {"label", card.type_label(*properties[i])}});
    }
    return list;
}

// The parts of each address; "text" is the address as one text when the card gives it so.
json addresses_json(const vcard::Card& card) {
    json list = json::array();
    const auto properties = card.all("ADR");
    const auto addresses = card.addresses();
    for (std::size_t i = 0; i < addresses.size(); ++i) {
        const vcard::Address& a = addresses[i];
        list.push_back({{"po_box", a.po_box},
                        {"extended", a.extended},
                        {"street", a.street},
                        {"locality", a.locality},
                        {"region", a.region},
                        {"postal_code", a.postal_code},
                        {"country", a.country},
                        {"text", a.label},
                        {"types", a.types},
                        {"label", card.type_label(*properties[i])}});
    }
    return list;
}

std::vector<std::string> chat_addresses(const vcard::Card& card) {
    std::vector<std::string> addresses;
    for (const vcard::Property* impp : card.all("IMPP")) {
        const std::string& uri = impp->first_value();
        if (uri.rfind("xmpp:", 0) == 0) addresses.push_back(uri.substr(5));
    }
    return addresses;
}

std::string notes(const vcard::Card& card) {
    std::vector<std::string> texts;
    for (const vcard::Property* note : card.all("NOTE"))
        texts.push_back(note->first_value());
    return join_non_empty(texts, "\n");
}

// Each picture of the card: its kind ("design" or "scan"), media type, template and, for the
// whole card, its URI.
json card_images_json(const vcard::Card& card, bool whole) {
    json images = json::array();
    for (const auto& image : vcard::card_images(card)) {
        json j = {{"kind", vcard::card_image_kind_name(image.kind)},
                  {"media_type", image.media.media_type},
                  {"template", image.template_name}};
        if (whole) j["uri"] = image.media.uri;
        images.push_back(std::move(j));
    }
    return images;
}

json photo_json(const vcard::Card& card) {
    const auto photo = card.photo();
    if (!photo || photo->uri.empty()) return nullptr;
    return {{"media_type", photo->media_type}, {"uri", photo->uri}};
}

}  // namespace

json contact_json(const client::book::Contact& c, bool whole) {
    const vcard::Card& card = c.card;
    const auto organization = card.organization();
    const vcard::Property* birthday = card.first("BDAY");
    json j = {
        {"id", c.id},
        {"uid", c.uid},
        {"name", card.formatted_name()},
        {"organization", organization.empty() ? std::string() : organization.front()},
        {"department", organization.size() < 2
                           ? std::string()
                           : join_non_empty({organization.begin() + 1, organization.end()}, ", ")},
        {"title", card.title()},
        {"phones", phones_json(card)},
        {"emails", emails_json(card)},
        {"addresses", addresses_json(card)},
        {"urls", card.urls()},
        {"xmpp", chat_addresses(card)},
        {"birthday", birthday ? client::ui::readable_date(birthday->first_value()) : ""},
        {"categories", card.categories()},
        {"note", notes(card)},
        {"updated", protocol::format_timestamp(c.updated)},
    };
    if (!whole) {
        j["has_photo"] = !photo_json(card).is_null();
        j["card_images"] = card_images_json(card, false);
        return j;
    }
    j["photo"] = photo_json(card);
    j["card_images"] = card_images_json(card, true);
    j["jcard"] = json::parse(vcard::write_jcard(card));
    return j;
}

}  // namespace cardex::cli
