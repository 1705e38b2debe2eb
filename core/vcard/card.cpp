#include "core/vcard/card.hpp"

#include <algorithm>
#include <charconv>

#include "core/text/join.hpp"
#include "core/vcard/media.hpp"
#include "core/vcard/property_kinds.hpp"
#include "core/vcard/text_syntax.hpp"
#include "core/vcard/text_values.hpp"

namespace cardex::vcard {
namespace {

const std::string kEmpty;

std::string component_text(const Property& property, std::size_t index) {
    if (index >= property.components.size()) return {};
    return join_non_empty(property.components[index], ", ");
}

std::vector<std::string> non_empty_items(const Property& property, std::size_t index) {
    std::vector<std::string> items;
    if (index >= property.components.size()) return items;
    for (const auto& item : property.components[index]) {
        if (!item.empty()) items.push_back(item);
    }
    return items;
}

int hex_digit(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

std::string percent_decode(std::string_view text) {
    std::string out;
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text[i] == '%' && i + 2 < text.size() && hex_digit(text[i + 1]) >= 0 &&
            hex_digit(text[i + 2]) >= 0) {
            out.push_back(static_cast<char>(hex_digit(text[i + 1]) * 16 + hex_digit(text[i + 2])));
            i += 2;
        } else {
            out.push_back(text[i]);
        }
    }
    return out;
}

// "tel:+1-418-656-9254;ext=102" -> "+1-418-656-9254 ext. 102"; other URI parameters dropped.
std::string number_from_tel_uri(std::string_view uri) {
    std::string_view rest = uri.substr(4);
    auto semicolon = rest.find(';');
    std::string number = percent_decode(rest.substr(0, semicolon));
    while (semicolon != std::string_view::npos) {
        rest.remove_prefix(semicolon + 1);
        semicolon = rest.find(';');
        const std::string_view param = rest.substr(0, semicolon);
        if (param.size() > 4 && equals_ignoring_case(param.substr(0, 4), "ext=")) {
            number += " ext. " + percent_decode(param.substr(4));
        }
    }
    return number;
}

std::string phone_number(const Property& tel) {
    const std::string& value = tel.first_value();
    if (value.size() >= 4 && equals_ignoring_case(std::string_view(value).substr(0, 4), "tel:")) {
        return number_from_tel_uri(value);
    }
    return value;
}

std::vector<std::string> sorted(std::vector<std::string> values) {
    std::sort(values.begin(), values.end());
    return values;
}

// The LABEL property (vCard 2.1 / 3.0) that belongs to an ADR: same group, else same TYPE
// values. Each LABEL is used once.
const Property* matching_label(const Property& adr, const std::vector<const Property*>& labels,
                               std::vector<bool>& used) {
    for (int pass = 0; pass < 2; ++pass) {
        for (std::size_t i = 0; i < labels.size(); ++i) {
            if (used[i]) continue;
            const bool match = pass == 0 ? !adr.group.empty() && labels[i]->group == adr.group
                                         : sorted(labels[i]->types()) == sorted(adr.types());
            if (!match) continue;
            used[i] = true;
            return labels[i];
        }
    }
    return nullptr;
}

Address address_from(const Property& adr) {
    Address address;
    std::string* fields[] = {&address.po_box,   &address.extended, &address.street,
                             &address.locality, &address.region,   &address.postal_code,
                             &address.country};
    for (std::size_t i = 0; i < std::size(fields); ++i)
        *fields[i] = component_text(adr, i);
    address.types = adr.types();
    address.pref = adr.pref();
    if (const Parameter* label = adr.param("LABEL"))
        address.label = join_non_empty(label->values, ",");
    return address;
}

std::optional<Media> media_of(const Property* property) {
    if (!property) return std::nullopt;
    return media_of(*property);
}

}  // namespace

Media media_of(const Property& property) {
    Media media{property.first_value(), {}};
    if (const Parameter* type = property.param("MEDIATYPE"); type && !type->values.empty()) {
        media.media_type = type->values.front();
    } else if (const auto data = parse_data_uri(media.uri)) {
        media.media_type = data->media_type;
    }
    return media;
}

const Parameter* Property::param(std::string_view wanted) const {
    for (const auto& parameter : params) {
        if (equals_ignoring_case(parameter.name, wanted)) return &parameter;
    }
    return nullptr;
}

std::vector<std::string> Property::types() const {
    std::vector<std::string> result;
    for (const auto& parameter : params) {
        if (!equals_ignoring_case(parameter.name, "TYPE")) continue;
        for (const auto& value : parameter.values)
            result.push_back(lower_ascii(value));
    }
    return result;
}

bool Property::has_type(std::string_view type) const {
    const auto all = types();
    return std::any_of(all.begin(), all.end(),
                       [&](const std::string& t) { return equals_ignoring_case(t, type); });
}

std::optional<int> Property::pref() const {
    const Parameter* parameter = param("PREF");
    if (!parameter || parameter->values.empty()) return std::nullopt;
    const std::string_view text = trim_blanks(parameter->values.front());
    int value = 0;
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (error != std::errc() || end != text.data() + text.size()) return std::nullopt;
    if (value < 1 || value > 100) return std::nullopt;
    return value;
}

std::string Property::display_text() const {
    std::string out;
    for (const auto& component : components) {
        const std::string text = join_non_empty(component, ", ");
        if (text.empty()) continue;
        if (!out.empty()) out += ' ';
        out += text;
    }
    return out;
}

const std::string& Property::first_value() const {
    if (components.empty() || components.front().empty()) return kEmpty;
    return components.front().front();
}

const Property* Card::first(std::string_view name) const {
    for (const auto& property : properties) {
        if (equals_ignoring_case(property.name, name)) return &property;
    }
    return nullptr;
}

std::vector<const Property*> Card::all(std::string_view name) const {
    std::vector<const Property*> result;
    for (const auto& property : properties) {
        if (equals_ignoring_case(property.name, name)) result.push_back(&property);
    }
    return result;
}

void Card::remove(std::string_view name) {
    std::erase_if(properties, [&](const Property& property) {
        return equals_ignoring_case(property.name, name);
    });
}

std::string Card::formatted_name() const {
    for (const Property* fn : all("FN")) {
        if (!fn->display_text().empty()) return fn->display_text();
    }
    if (const auto n = name()) {
        std::string built;
        for (const auto* part :
             {&n->prefixes, &n->given, &n->additional, &n->family, &n->suffixes}) {
            const std::string text = join_non_empty(*part, " ");
            if (text.empty()) continue;
            if (!built.empty()) built += ' ';
            built += text;
        }
        if (!built.empty()) return built;
    }
    if (const auto org = organization(); !org.empty() && !org.front().empty()) return org.front();
    for (const auto& email : emails()) {
        if (!email.address.empty()) return email.address;
    }
    for (const auto& phone : phones()) {
        if (!phone.number.empty()) return phone.number;
    }
    return {};
}

std::optional<Name> Card::name() const {
    const Property* n = first("N");
    if (!n) return std::nullopt;
    return Name{non_empty_items(*n, 0), non_empty_items(*n, 1), non_empty_items(*n, 2),
                non_empty_items(*n, 3), non_empty_items(*n, 4)};
}

std::vector<Phone> Card::phones() const {
    std::vector<Phone> result;
    for (const Property* tel : all("TEL")) {
        result.push_back(Phone{phone_number(*tel), tel->types(), tel->pref()});
    }
    return result;
}

std::vector<Email> Card::emails() const {
    std::vector<Email> result;
    for (const Property* email : all("EMAIL")) {
        result.push_back(Email{email->first_value(), email->types(), email->pref()});
    }
    return result;
}

std::vector<Address> Card::addresses() const {
    const auto labels = all("LABEL");
    std::vector<bool> used(labels.size(), false);
    std::vector<Address> result;
    for (const Property* adr : all("ADR")) {
        Address address = address_from(*adr);
        if (address.label.empty()) {
            if (const Property* label = matching_label(*adr, labels, used)) {
                address.label = unescape_text(label->first_value());
            }
        }
        result.push_back(std::move(address));
    }
    return result;
}

std::vector<std::string> Card::organization() const {
    const Property* org = first("ORG");
    if (!org) return {};
    std::vector<std::string> result;
    for (std::size_t i = 0; i < org->components.size(); ++i)
        result.push_back(component_text(*org, i));
    while (!result.empty() && result.back().empty())
        result.pop_back();
    return result;
}

std::string Card::title() const {
    const Property* title = first("TITLE");
    return title ? title->first_value() : std::string();
}

std::vector<std::string> Card::urls() const {
    std::vector<std::string> result;
    for (const Property* url : all("URL"))
        result.push_back(url->first_value());
    return result;
}

std::optional<Media> Card::photo() const {
    return media_of(first("PHOTO"));
}

std::optional<Media> Card::logo() const {
    return media_of(first("LOGO"));
}

std::string Card::uid() const {
    const Property* uid = first("UID");
    return uid ? uid->first_value() : std::string();
}

std::string Card::note() const {
    const Property* note = first("NOTE");
    return note ? note->first_value() : std::string();
}

std::vector<std::string> Card::categories() const {
    std::vector<std::string> result;
    for (const Property* categories : all("CATEGORIES")) {
        for (const auto& component : categories->components) {
            for (const auto& item : component) {
                if (!item.empty()) result.push_back(item);
            }
        }
    }
    return result;
}

Property make_text(std::string name, std::string value, std::string group) {
    Property property;
    property.group = std::move(group);
    property.name = upper_ascii(name);
    if (const PropertyKind* kind = find_property_kind(property.name)) {
        property.value_type = std::string(kind->default_type);
        property.components = {{std::move(value)}};
    } else {
        property.value_type = "unknown";
        property.components = {{escape_text(value)}};
    }
    return property;
}

std::optional<Property> missing_fn(const Card& card) {
    if (card.first("FN")) return std::nullopt;
    return make_text("FN", card.formatted_name());
}

}  // namespace cardex::vcard
