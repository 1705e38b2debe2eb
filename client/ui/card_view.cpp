#include "client/ui/card_view.hpp"

#include <algorithm>
#include <cctype>
#include <optional>
#include <string_view>

#include "client/ui/text_width.hpp"
#include "core/text/ascii.hpp"
#include "core/text/join.hpp"
#include "core/vcard/card_image.hpp"

namespace cardex::client::ui {
namespace {

constexpr std::size_t kNarrowestBox = 24;
constexpr std::string_view kLabelGap = "  ";

// ---- text from the card -------------------------------------------------------------------

// A value as lines for the terminal: split at its line breaks, tabs as spaces, each line
// sanitised. Trailing empty lines carry nothing and are dropped.
std::vector<std::string> value_lines(std::string_view value) {
    std::vector<std::string> lines;
    std::size_t start = 0;
    while (start <= value.size()) {
        const std::size_t end = std::min(value.find('\n', start), value.size());
        std::string line(value.substr(start, end - start));
        if (!line.empty() && line.back() == '\r') line.pop_back();
        std::replace(line.begin(), line.end(), '\t', ' ');
        lines.push_back(sanitize_for_terminal(line));
        start = end + 1;
    }
    while (lines.size() > 1 && lines.back().empty())
        lines.pop_back();
    return lines;
}

// ---- labels -------------------------------------------------------------------------------

// TYPE values that say how a value is used technically, not whose it is: left out of labels,
// as are vendor types (x-...).
bool is_technical_type(std::string_view type) {
    constexpr std::string_view kTechnical[] = {"pref", "voice", "internet", "x400",
                                               "dom",  "intl",  "postal",   "parcel",
                                               "msg",  "bbs",   "modem"};
    return type.starts_with("x-") ||
           std::find(std::begin(kTechnical), std::end(kTechnical), type) != std::end(kTechnical);
}

// "phone" and {"work", "voice"} -> "phone (work)"; `kind_types` already said by the kind. A
// label the exporting program gave the value (Card::type_label) is shown as one more type.
std::string typed_label(std::string_view kind, std::vector<std::string> types,
                        const std::string& label,
                        const std::vector<std::string_view>& kind_types = {}) {
    if (!label.empty()) types.push_back(label);
    std::vector<std::string> shown;
    for (const auto& type : types) {
        if (type.empty() || is_technical_type(type)) continue;
        if (std::find(kind_types.begin(), kind_types.end(), lower_ascii(type)) != kind_types.end())
            continue;
        if (std::find(shown.begin(), shown.end(), type) != shown.end()) continue;
        shown.push_back(type);
    }
    std::string label_text(kind);
    if (!shown.empty()) label_text += " (" + join_non_empty(shown, ", ") + ")";
    return sanitize_for_terminal(label_text);
}

bool has(const std::vector<std::string>& types, std::string_view type) {
    return std::find(types.begin(), types.end(), type) != types.end();
}

std::string phone_label(const std::vector<std::string>& types, std::string label) {
    // Apple writes TYPE=IPHONE for the mobile number it came from, and labels numbers "mobile"
    // or "home fax" (which says the kind, fax, and whose it is, home).
    static const std::vector<std::string_view> kKindTypes = {"cell", "iphone", "mobile", "fax",
                                                             "pager"};
    const std::string labelled = lower_ascii(label);
    if (labelled.size() > 4 && labelled.ends_with(" fax")) label.resize(label.size() - 4);
    std::string_view kind = "phone";
    if (has(types, "cell") || has(types, "iphone") || labelled == "mobile" ||
        labelled == "iphone") {
        kind = "mobile";
    } else if (has(types, "fax") || labelled == "fax" || labelled.ends_with(" fax")) {
        kind = "fax";
    } else if (has(types, "pager") || labelled == "pager") {
        kind = "pager";
    }
    return typed_label(kind, types, label, kKindTypes);
}

// ---- rows ---------------------------------------------------------------------------------

void add_row(std::vector<FieldRow>& rows, std::string label, std::string_view value) {
    if (value.empty()) return;
    rows.push_back({std::move(label), value_lines(value)});
}

// Numbers as written; a tel: URI (already reduced to its number by the model) has '-' as
// visual separators, which read better as spaces.
void add_phones(std::vector<FieldRow>& rows, const vcard::Card& card) {
    const auto properties = card.all("TEL");
    const auto phones = card.phones();
    for (std::size_t i = 0; i < phones.size(); ++i) {
        std::string number = phones[i].number;
        if (starts_with_ignoring_case(properties[i]->first_value(), "tel:")) {
            std::replace(number.begin(), number.end(), '-', ' ');
        }
        add_row(rows, phone_label(phones[i].types, card.type_label(*properties[i])), number);
    }
}

void add_emails(std::vector<FieldRow>& rows, const vcard::Card& card) {
    const auto properties = card.all("EMAIL");
    const auto emails = card.emails();
    for (std::size_t i = 0; i < emails.size(); ++i) {
        add_row(rows, typed_label("e-mail", emails[i].types, card.type_label(*properties[i])),
                emails[i].address);
    }
}

// Street, then postal code and locality, region and country, each on its own line; the LABEL
// (the address as one text) when the card has no components.
std::vector<std::string> address_lines(const vcard::Address& address) {
    const std::string town = join_non_empty({address.postal_code, address.locality}, " ");
    std::vector<std::string> lines;
    for (const std::string* part : {&address.po_box, &address.extended, &address.street, &town,
                                    &address.region, &address.country}) {
        if (part->empty()) continue;
        for (auto& line : value_lines(*part))
            lines.push_back(std::move(line));
    }
    if (lines.empty() && !address.label.empty()) lines = value_lines(address.label);
    return lines;
}

void add_addresses(std::vector<FieldRow>& rows, const vcard::Card& card) {
    const auto properties = card.all("ADR");
    const auto addresses = card.addresses();
    for (std::size_t i = 0; i < addresses.size(); ++i) {
        auto lines = address_lines(addresses[i]);
        if (lines.empty()) continue;
        rows.push_back(
            {typed_label("address", addresses[i].types, card.type_label(*properties[i])), lines});
    }
}

void add_urls(std::vector<FieldRow>& rows, const vcard::Card& card) {
    for (const vcard::Property* url : card.all("URL"))
        add_row(rows, typed_label("web", url->types(), card.type_label(*url)), url->first_value());
}

// "xmpp:alice@a.test" -> xmpp, alice@a.test; "sip:bob@b.test" -> chat (sip), bob@b.test.
void add_chat_addresses(std::vector<FieldRow>& rows, const vcard::Card& card) {
    for (const vcard::Property* impp : card.all("IMPP")) {
        const std::string_view uri = impp->first_value();
        const std::size_t colon = uri.find(':');
        if (colon == std::string_view::npos) {
            add_row(rows, "chat", uri);
            continue;
        }
        const std::string scheme = lower_ascii(uri.substr(0, colon));
        const std::string label = scheme == "xmpp" ? scheme : "chat (" + scheme + ")";
        const std::string named = card.type_label(*impp);
        add_row(rows, sanitize_for_terminal(named.empty() ? label : label + " (" + named + ")"),
                uri.substr(colon + 1));
    }
}

bool is_digits(std::string_view text) {
    return !text.empty() && std::all_of(text.begin(), text.end(), [](char c) {
        return std::isdigit(static_cast<unsigned char>(c));
    });
}

void add_birthday(std::vector<FieldRow>& rows, const vcard::Card& card) {
    if (const vcard::Property* bday = card.first("BDAY")) {
        add_row(rows, "birthday", readable_date(bday->first_value()));
    }
}

void add_nicknames(std::vector<FieldRow>& rows, const vcard::Card& card) {
    std::vector<std::string> nicknames;
    for (const vcard::Property* nickname : card.all("NICKNAME"))
        nicknames.push_back(nickname->display_text());
    add_row(rows, "nickname", join_non_empty(nicknames, ", "));
}

void add_notes(std::vector<FieldRow>& rows, const vcard::Card& card) {
    for (const vcard::Property* note : card.all("NOTE"))
        add_row(rows, "note", note->first_value());
}

bool is_base64_symbol(char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '+' || c == '/' || c == '-' ||
           c == '_';
}

// The number of bytes a data: URI holds, without decoding them.
std::size_t data_size(std::string_view metadata, std::string_view data) {
    if (metadata.size() >= 7 && lower_ascii(metadata.substr(metadata.size() - 7)) == ";base64") {
        return static_cast<std::size_t>(std::count_if(data.begin(), data.end(), is_base64_symbol)) *
               3 / 4;
    }
    const auto escapes = static_cast<std::size_t>(std::count(data.begin(), data.end(), '%'));
    return data.size() - std::min(data.size(), 2 * escapes);  // each %XX is one byte
}

std::string size_for_people(std::size_t bytes) {
    constexpr std::size_t kKilo = 1024;
    if (bytes == 1) return "1 byte";
    if (bytes < kKilo) return std::to_string(bytes) + " bytes";
    if (bytes < kKilo * kKilo) return std::to_string((bytes + kKilo / 2) / kKilo) + " KB";
    const std::size_t tenths = (bytes * 10 + kKilo * kKilo / 2) / (kKilo * kKilo);
    return std::to_string(tenths / 10) + "." + std::to_string(tenths % 10) + " MB";
}

// Embedded bytes are of no use in a terminal: a data: URI is shown as its type and size
// ("image/jpeg, 12 KB"), any other URI as it is.
std::string describe_media(const vcard::Media& media) {
    const std::string_view uri = media.uri;
    const std::size_t comma = uri.find(',');
    if (!starts_with_ignoring_case(uri, "data:") || comma == std::string_view::npos) {
        return media.uri;
    }
    const std::string_view metadata = uri.substr(5, comma - 5);
    const std::string size = size_for_people(data_size(metadata, uri.substr(comma + 1)));
    return media.media_type.empty() ? size : media.media_type + ", " + size;
}

void add_media(std::vector<FieldRow>& rows, std::string label,
               const std::optional<vcard::Media>& media) {
    if (media && !media->uri.empty()) add_row(rows, std::move(label), describe_media(*media));
}

// ---- the box ------------------------------------------------------------------------------

struct BoxStyle {
    std::string_view top_left, top_right, bottom_left, bottom_right, tee_left, tee_right;
    std::string_view horizontal, vertical;
};

constexpr BoxStyle kRoundedBox = {"╭", "╮", "╰", "╯", "├", "┤", "─", "│"};
constexpr BoxStyle kAsciiBox = {"+", "+", "+", "+", "+", "+", "-", "|"};

std::string repeat(std::string_view text, std::size_t count) {
    std::string out;
    for (std::size_t i = 0; i < count; ++i)
        out += text;
    return out;
}

// Texts one under the other, each sanitised and wrapped to `width`.
std::vector<std::string> wrapped_lines(const std::vector<std::string>& texts, std::size_t width) {
    std::vector<std::string> lines;
    for (const auto& text : texts) {
        for (const auto& line : value_lines(text)) {
            for (auto& wrapped : wrap_to_width(line, width))
                lines.push_back(std::move(wrapped));
        }
    }
    return lines;
}

// FN, then "title, organisation" (the organisation with its units) when the card has either.
std::vector<std::string> heading_lines(const vcard::Card& card, std::size_t width) {
    std::vector<std::string> heading = {card.formatted_name()};
    const std::string role =
        join_non_empty({card.title(), join_non_empty(card.organization(), ", ")}, ", ");
    if (!role.empty()) heading.push_back(role);
    return wrapped_lines(heading, width);
}

// Labels in a column as wide as the widest (at most half the box), values wrapped beside them.
std::vector<std::string> field_lines(const std::vector<FieldRow>& rows, std::size_t width) {
    std::size_t label_width = 0;
    for (const auto& row : rows)
        label_width = std::max(label_width, display_width(row.label));
    label_width = std::min(label_width, (width - kLabelGap.size()) / 2);
    const std::size_t value_width = width - label_width - kLabelGap.size();

    std::vector<std::string> lines;
    for (const auto& row : rows) {
        std::string label = pad_right(truncate_to_width(row.label, label_width), label_width);
        for (const auto& value : row.lines) {
            for (const auto& wrapped : wrap_to_width(value, value_width)) {
                lines.push_back(label + std::string(kLabelGap) + wrapped);
                label = std::string(label_width, ' ');
            }
        }
    }
    return lines;
}

// Sections one under the other, separated by rules. Every line is cut and padded to exactly
// the inner width, so that the right border stays straight whatever the text.
std::string draw_box(const std::vector<std::vector<std::string>>& sections, std::size_t width,
                     const BoxStyle& style) {
    const std::string rule = repeat(style.horizontal, width - 2);
    const std::size_t inner = width - 4;
    std::string out = std::string(style.top_left) + rule + std::string(style.top_right) + "\n";
    for (std::size_t i = 0; i < sections.size(); ++i) {
        if (i > 0) out += std::string(style.tee_left) + rule + std::string(style.tee_right) + "\n";
        for (const auto& line : sections[i]) {
            out += std::string(style.vertical) + " " +
                   pad_right(truncate_to_width(line, inner), inner) + " " +
                   std::string(style.vertical) + "\n";
        }
    }
    return out + std::string(style.bottom_left) + rule + std::string(style.bottom_right) + "\n";
}

}  // namespace

std::string readable_date(std::string date) {
    if (date.size() == 8 && is_digits(date)) return date.insert(6, "-").insert(4, "-");
    if (date.size() == 6 && date.starts_with("--") && is_digits(date.substr(2))) {
        return date.insert(4, "-");
    }
    return date;
}

std::vector<FieldRow> card_fields(const vcard::Card& card) {
    std::vector<FieldRow> rows;
    add_nicknames(rows, card);
    add_phones(rows, card);
    add_emails(rows, card);
    add_addresses(rows, card);
    add_urls(rows, card);
    add_chat_addresses(rows, card);
    add_birthday(rows, card);
    add_row(rows, "categories", join_non_empty(card.categories(), ", "));
    add_notes(rows, card);
    add_media(rows, "photo", card.photo());
    add_media(rows, "logo", card.logo());
    for (const auto& image : vcard::card_images(card)) {
        add_media(rows, image.kind == vcard::CardImageKind::scan ? "paper card" : "card image",
                  image.media);
    }
    return rows;
}

std::string render_card(const vcard::Card& card, const CardViewOptions& options) {
    const std::size_t width = std::max(options.width, kNarrowestBox);
    const std::size_t inner = width - 4;  // borders and one space inside each
    std::vector<std::vector<std::string>> sections = {heading_lines(card, inner)};
    if (auto rows = card_fields(card); !rows.empty()) {
        sections.push_back(field_lines(rows, inner));
    }
    if (auto footer = wrapped_lines(options.footer, inner); !footer.empty()) {
        sections.push_back(std::move(footer));
    }
    return draw_box(sections, width, options.ascii ? kAsciiBox : kRoundedBox);
}

}  // namespace cardex::client::ui
