#include "client/cli/card_editing.hpp"

#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <optional>

#include "client/book/match_keys.hpp"
#include "core/text/ascii.hpp"
#include "core/vcard/reader.hpp"
#include "core/vcard/writer.hpp"

namespace cardex::cli {
namespace {

struct Typed {
    std::string type;  // lower-case, may be empty
    std::string value;
};

// "cell=+49 170 7654321" -> {"cell", "+49 170 7654321"}; a value without '=' has no type.
Typed typed(const std::string& text) {
    const auto eq = text.find('=');
    if (eq == std::string::npos || eq == 0 || text.find_first_of("@+0123456789") < eq)
        return {{}, text};
    return {lower_ascii(text.substr(0, eq)), text.substr(eq + 1)};
}

vcard::Property with_type(vcard::Property p, const std::string& type) {
    if (!type.empty()) p.params.push_back({"TYPE", {type}});
    return p;
}

std::vector<std::string> split(const std::string& text, char separator) {
    std::vector<std::string> parts;
    std::size_t start = 0;
    while (true) {
        const auto end = text.find(separator, start);
        parts.push_back(text.substr(start, end - start));
        if (end == std::string::npos) return parts;
        start = end + 1;
    }
}

vcard::Property address(const std::string& text) {
    const Typed t = typed(text);
    auto parts = split(t.value, ';');
    parts.resize(4);
    vcard::Property p = vcard::make_text("ADR", "");
    p.components = {{""}, {""}, {parts[0]}, {parts[1]}, {""}, {parts[2]}, {parts[3]}};
    return with_type(std::move(p), t.type);
}

void set_single(vcard::Card& card, const std::string& name, const std::string& value) {
    if (value.empty()) return;
    vcard::Property p = vcard::make_text(name, value);
    for (auto& existing : card.properties) {
        if (existing.name == name) {
            existing = std::move(p);
            return;
        }
    }
    card.add(std::move(p));
}

void add_lists(vcard::Card& card, const CardFields& f) {
    for (const auto& phone : f.phones) {
        const Typed t = typed(phone);
        card.add(with_type(vcard::make_text("TEL", t.value), t.type));
    }
    for (const auto& email : f.emails) {
        const Typed t = typed(email);
        card.add(with_type(vcard::make_text("EMAIL", t.value), t.type));
    }
    for (const auto& a : f.addresses)
        card.add(address(a));
    for (const auto& url : f.urls)
        card.add(vcard::make_text("URL", url));
    for (const auto& jid : f.xmpp)
        card.add(vcard::make_text("IMPP", jid.rfind("xmpp:", 0) == 0 ? jid : "xmpp:" + jid));
    if (!f.categories.empty()) {
        vcard::Property* existing = nullptr;
        for (auto& p : card.properties)
            if (p.name == "CATEGORIES" && existing == nullptr) existing = &p;
        if (existing == nullptr) {
            card.add(vcard::make_text("CATEGORIES", ""));
            existing = &card.properties.back();
            existing->components = {{}};
        }
        for (const auto& c : f.categories)
            existing->components.front().push_back(c);
    }
}

void set_singles(vcard::Card& card, const CardFields& f) {
    set_single(card, "FN", f.name);
    set_single(card, "ORG", f.org);
    set_single(card, "TITLE", f.title);
    set_single(card, "NOTE", f.note);
    set_single(card, "BDAY", f.birthday);
}

// Removes the properties `matches` selects; false when there was none.
template <class Match>
bool remove_where(vcard::Card& card, std::string_view name, Match matches) {
    auto& props = card.properties;
    const auto before = props.size();
    props.erase(
        std::remove_if(props.begin(), props.end(),
                       [&](const vcard::Property& p) { return p.name == name && matches(p); }),
        props.end());
    return props.size() != before;
}

Status remove_values(vcard::Card& card, const CardEdits& edits) {
    const client::book::PhoneNormalizer phones;
    for (const auto& number : edits.remove_phones) {
        const std::string key = phones.key(number);
        if (!remove_where(card, "TEL",
                          [&](const auto& p) { return phones.key(p.first_value()) == key; }))
            return make_error("the contact has no phone number " + number);
    }
    for (const auto& address : edits.remove_emails) {
        const std::string key = client::book::email_key(address);
        if (!remove_where(card, "EMAIL", [&](const auto& p) {
                return client::book::email_key(p.first_value()) == key;
            }))
            return make_error("the contact has no e-mail address " + address);
    }
    for (const auto& category : edits.remove_categories) {
        bool found = false;
        for (auto& p : card.properties) {
            if (p.name != "CATEGORIES" || p.components.empty()) continue;
            auto& items = p.components.front();
            const auto before = items.size();
            items.erase(std::remove(items.begin(), items.end(), category), items.end());
            found = found || items.size() != before;
        }
        if (!found) return make_error("the contact is not in the category " + category);
    }
    return Ok{};
}

// What keeps an edited card from being saved: not exactly one card, anything the reader had
// to report (with its line), or no FN, which the contact is listed and found by.
std::optional<std::string> edited_card_problem(const vcard::ReadResult& read) {
    if (!read.errors.empty()) {
        const vcard::CardError& e = read.errors.front();
        std::string problem =
            (e.line > 0 ? "line " + std::to_string(e.line) + ": " : "") + e.reason;
        const std::size_t more = read.errors.size() - 1;
        if (more > 0)
            problem += " (and " + std::to_string(more) +
                       (more == 1 ? " more problem)" : " more problems)");
        return problem;
    }
    if (read.cards.size() != 1) {
        return "the file holds " + std::to_string(read.cards.size()) +
               " cards; it must hold exactly one";
    }
    const vcard::Property* fn = read.cards.front().first("FN");
    if (fn == nullptr || fn->first_value().find_first_not_of(" \t") == std::string::npos)
        return "the card has no name (an FN line such as FN:Alice Example)";
    return std::nullopt;
}

}  // namespace

bool CardEdits::empty() const {
    const CardFields& s = set;
    return s.name.empty() && s.org.empty() && s.title.empty() && s.note.empty() &&
           s.birthday.empty() && s.phones.empty() && s.emails.empty() && s.addresses.empty() &&
           s.urls.empty() && s.xmpp.empty() && s.categories.empty() && remove_phones.empty() &&
           remove_emails.empty() && remove_categories.empty();
}

void add_field_options(CLI::App& c, CardFields& f) {
    c.add_option("--name", f.name, "Formatted name (default: given and family name)");
    c.add_option("--given", f.given, "Given name");
    c.add_option("--family", f.family, "Family name");
    c.add_option("--org", f.org, "Organisation");
    c.add_option("--title", f.title, "Job title");
    c.add_option("--phone", f.phones, "[TYPE=]NUMBER, e.g. cell=+49 170 7654321 (repeatable)");
    c.add_option("--email", f.emails, "[TYPE=]ADDRESS (repeatable)");
    c.add_option("--address", f.addresses, "[TYPE=]street;locality;postal code;country");
    c.add_option("--url", f.urls, "Web address (repeatable)");
    c.add_option("--xmpp", f.xmpp, "XMPP address (repeatable)");
    c.add_option("--note", f.note, "Note");
    c.add_option("--birthday", f.birthday, "Birthday, YYYY-MM-DD");
    c.add_option("--category", f.categories, "Category (repeatable)");
}

void add_edit_options(CLI::App& c, CardEdits& e) {
    c.add_option("--name", e.set.name, "New formatted name");
    c.add_option("--org", e.set.org, "New organisation");
    c.add_option("--title", e.set.title, "New job title");
    c.add_option("--note", e.set.note, "New note");
    c.add_option("--birthday", e.set.birthday, "New birthday, YYYY-MM-DD");
    c.add_option("--add-phone", e.set.phones, "[TYPE=]NUMBER to add (repeatable)");
    c.add_option("--add-email", e.set.emails, "[TYPE=]ADDRESS to add (repeatable)");
    c.add_option("--add-address", e.set.addresses, "[TYPE=]street;locality;postal code;country");
    c.add_option("--add-url", e.set.urls, "Web address to add");
    c.add_option("--add-xmpp", e.set.xmpp, "XMPP address to add");
    c.add_option("--add-category", e.set.categories, "Category to add");
    c.add_option("--remove-phone", e.remove_phones, "Phone number to remove (any spelling)");
    c.add_option("--remove-email", e.remove_emails, "E-mail address to remove");
    c.add_option("--remove-category", e.remove_categories, "Category to remove");
}

Result<vcard::Card> card_from_fields(const CardFields& f) {
    vcard::Card card;
    std::string name = f.name;
    if (name.empty()) name = f.given + (f.given.empty() || f.family.empty() ? "" : " ") + f.family;
    if (name.empty())
        return make_error("a contact needs a name: give --name (or --given/--family)");
    card.add(vcard::make_text("FN", name));
    if (!f.given.empty() || !f.family.empty()) {
        vcard::Property n = vcard::make_text("N", "");
        n.components = {{f.family}, {f.given}, {""}, {""}, {""}};
        card.add(std::move(n));
    }
    CardFields rest = f;
    rest.name.clear();
    set_singles(card, rest);
    add_lists(card, f);
    return card;
}

Result<vcard::Card> apply_edits(const vcard::Card& card, const CardEdits& edits) {
    vcard::Card edited = card;
    set_singles(edited, edits.set);
    add_lists(edited, edits.set);
    if (auto ok = remove_values(edited, edits); !ok) return ok.error();
    return edited;
}

Result<vcard::Card> edit_in_editor(const vcard::Card& card) {
    std::string path = (std::filesystem::temp_directory_path() / "cardex-edit-XXXXXX.vcf").string();
    const int fd = ::mkstemps(path.data(), 4);
    if (fd < 0) return make_error("cannot create a file to edit the card in");
    ::close(fd);
    std::ofstream(path, std::ios::binary) << vcard::write_vcard_text(card);
    const char* editor = std::getenv("VISUAL");
    if (editor == nullptr || *editor == '\0') editor = std::getenv("EDITOR");
    const std::string command = std::string(editor && *editor ? editor : "vi") + " '" + path + "'";
    if (std::system(command.c_str()) != 0) {
        return make_error("the editor (" + command + ") failed; the card is unchanged (" + path +
                          ")");
    }
    std::ifstream in(path, std::ios::binary);
    const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    vcard::ReadResult read = vcard::read_vcard_text(text);
    if (auto problem = edited_card_problem(read)) {
        return make_error("the edited card was not saved: " + *problem +
                          ". The contact is unchanged; your edit is kept in " + path);
    }
    std::filesystem::remove(path);
    return std::move(read.cards.front());
}

}  // namespace cardex::cli
