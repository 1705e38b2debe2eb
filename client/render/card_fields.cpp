#include "client/render/card_fields.hpp"

#include <algorithm>
#include <optional>

namespace cardex::client::render {
namespace {

bool has(const std::vector<std::string>& types, std::string_view type) {
    return std::find(types.begin(), types.end(), type) != types.end();
}

// The phone with the lowest PREF among those `wanted` accepts, else the first of them.
template <class Wanted>
std::string pick_phone(const vcard::Card& card, Wanted wanted) {
    std::optional<vcard::Phone> best;
    for (const auto& phone : card.phones()) {
        if (!wanted(phone) || phone.number.empty()) continue;
        if (!best || phone.pref.value_or(101) < best->pref.value_or(101)) best = phone;
    }
    return best ? best->number : std::string();
}

std::string phone_field(const vcard::Card& card, std::string_view field) {
    if (field == "tel") {
        return pick_phone(card, [](const vcard::Phone& p) { return !has(p.types, "fax"); });
    }
    if (field == "fax")
        return pick_phone(card, [](const vcard::Phone& p) { return has(p.types, "fax"); });
    const std::string_view type = field.substr(4);  // tel.cell -> cell
    return pick_phone(
        card, [&](const vcard::Phone& p) { return has(p.types, type) && !has(p.types, "fax"); });
}

std::string first_email(const vcard::Card& card) {
    std::optional<vcard::Email> best;
    for (const auto& email : card.emails()) {
        if (email.address.empty()) continue;
        if (!best || email.pref.value_or(101) < best->pref.value_or(101)) best = email;
    }
    return best ? best->address : std::string();
}

std::string xmpp_address(const vcard::Card& card) {
    for (const auto* impp : card.all("IMPP")) {
        const std::string& uri = impp->first_value();
        if (uri.rfind("xmpp:", 0) == 0) return uri.substr(5);
    }
    return {};
}

// Splits text at line breaks, dropping empty lines and trailing spaces.
std::vector<std::string> split_lines(std::string_view text) {
    std::vector<std::string> lines;
    std::size_t start = 0;
    while (start <= text.size()) {
        std::size_t end = text.find('\n', start);
        if (end == std::string_view::npos) end = text.size();
        std::string line(text.substr(start, end - start));
        while (!line.empty() && (line.back() == ' ' || line.back() == '\r'))
            line.pop_back();
        if (!line.empty()) lines.push_back(line);
        start = end + 1;
    }
    return lines;
}

// The first (or preferred) address as the lines of an envelope: street, postal code and
// place, region, country; its LABEL when it has one.
std::vector<std::string> address_lines(const vcard::Card& card) {
    const auto addresses = card.addresses();
    if (addresses.empty()) return {};
    const auto best = std::min_element(addresses.begin(), addresses.end(), [](auto& a, auto& b) {
        return a.pref.value_or(101) < b.pref.value_or(101);
    });
    if (!best->label.empty()) return split_lines(best->label);
    std::vector<std::string> lines;
    auto add = [&](std::string line) {
        if (!line.empty()) lines.push_back(std::move(line));
    };
    add(best->po_box);
    add(best->extended);
    add(best->street);
    std::string place = best->postal_code;
    if (!best->locality.empty()) place += (place.empty() ? "" : " ") + best->locality;
    add(place);
    add(best->region);
    add(best->country);
    std::vector<std::string> split;
    for (const auto& line : lines) {
        for (auto& part : split_lines(line))
            split.push_back(std::move(part));
    }
    return split;
}

std::string organization(const vcard::Card& card) {
    std::string text;
    for (const auto& part : card.organization()) {
        if (!part.empty()) text += (text.empty() ? "" : ", ") + part;
    }
    return text;
}

std::string single_field(const vcard::Card& card, std::string_view field) {
    if (field == "fn") return card.formatted_name();
    if (field == "title") return card.title();
    if (field == "org") return organization(card);
    if (field == "email") return first_email(card);
    if (field == "url") {
        const auto urls = card.urls();
        return urls.empty() ? std::string() : urls.front();
    }
    if (field == "xmpp") return xmpp_address(card);
    if (field == "tel" || field == "fax" || field.rfind("tel.", 0) == 0)
        return phone_field(card, field);
    return {};
}

}  // namespace

std::vector<std::string> field_lines(const vcard::Card& card, std::string_view field) {
    if (field == "adr") return address_lines(card);
    if (field == "note") return split_lines(card.note());
    std::vector<std::string> lines = split_lines(single_field(card, field));
    if (lines.size() > 1) lines.resize(1);
    return lines;
}

}  // namespace cardex::client::render
