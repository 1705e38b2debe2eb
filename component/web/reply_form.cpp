#include "component/web/reply_form.hpp"

#include <array>

namespace cardex::component::web {
namespace {

struct Limit {
    std::string_view field;
    std::size_t max;
};
constexpr std::array<Limit, 5> kLimits = {
    {{"name", 200}, {"phone", 64}, {"email", 254}, {"org", 200}, {"note", 1000}}};

int hex_value(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

std::optional<std::string> percent_decode(std::string_view text) {
    std::string out;
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text[i] == '+') {
            out += ' ';
        } else if (text[i] == '%') {
            if (i + 2 >= text.size()) return std::nullopt;
            const int hi = hex_value(text[i + 1]), lo = hex_value(text[i + 2]);
            if (hi < 0 || lo < 0) return std::nullopt;
            out += static_cast<char>(hi * 16 + lo);
            i += 2;
        } else {
            out += text[i];
        }
    }
    return out;
}

bool valid_utf8(std::string_view s) {
    for (std::size_t i = 0; i < s.size();) {
        const auto c = static_cast<unsigned char>(s[i]);
        const std::size_t n = c < 0x80         ? 1
                              : (c >> 5) == 6  ? 2
                              : (c >> 4) == 14 ? 3
                              : (c >> 3) == 30 ? 4
                                               : 0;
        if (n == 0 || i + n > s.size()) return false;
        for (std::size_t k = 1; k < n; ++k) {
            if ((static_cast<unsigned char>(s[i + k]) >> 6) != 2) return false;
        }
        i += n;
    }
    return true;
}

// Trims spaces; line breaks only in the note.
std::string trimmed(const std::string& s) {
    const auto first = s.find_first_not_of(" \t\r\n");
    if (first == std::string::npos) return "";
    return s.substr(first, s.find_last_not_of(" \t\r\n") - first + 1);
}

bool has_control(std::string_view s, bool lines_allowed) {
    for (const char c : s) {
        const auto u = static_cast<unsigned char>(c);
        if ((u < 0x20 && !(lines_allowed && (c == '\n' || c == '\r' || c == '\t'))) || u == 0x7f)
            return true;
    }
    return false;
}

vcard::Property text_property(std::string name, std::string value, std::string type = "text") {
    vcard::Property p;
    p.name = std::move(name);
    p.value_type = std::move(type);
    p.components = {{std::move(value)}};
    return p;
}

}  // namespace

std::optional<std::map<std::string, std::string>> parse_form(std::string_view body) {
    std::map<std::string, std::string> fields;
    while (!body.empty()) {
        const auto amp = body.find('&');
        const auto pair = body.substr(0, amp);
        body = amp == std::string_view::npos ? std::string_view() : body.substr(amp + 1);
        if (pair.empty()) continue;
        const auto eq = pair.find('=');
        auto key = percent_decode(pair.substr(0, eq));
        auto value = percent_decode(eq == std::string_view::npos ? "" : pair.substr(eq + 1));
        if (!key || !value || !valid_utf8(*key) || !valid_utf8(*value)) return std::nullopt;
        fields.emplace(std::move(*key), std::move(*value));
    }
    return fields;
}

FormState check_reply(const std::map<std::string, std::string>& fields) {
    FormState form;
    for (const auto& [field, max] : kLimits) {
        const auto it = fields.find(std::string(field));
        const std::string value = it == fields.end() ? "" : trimmed(it->second);
        form.values[std::string(field)] = value;
        if (value.size() > max) {
            form.errors[std::string(field)] =
                "at most " + std::to_string(max) + " characters, please";
        } else if (has_control(value, field == "note")) {
            form.errors[std::string(field)] = "contains characters that cannot be kept";
        }
    }
    auto& v = form.values;
    if (v["name"].empty() && !form.errors.count("name")) form.errors["name"] = "your name, please";
    if (!v["phone"].empty() && v["phone"].find_first_of("0123456789") == std::string::npos &&
        !form.errors.count("phone")) {
        form.errors["phone"] = "a phone number has digits";
    }
    if (!v["email"].empty() && !form.errors.count("email")) {
        const auto at = v["email"].find('@');
        if (at == std::string::npos || at == 0 || at + 1 == v["email"].size() ||
            v["email"].find(' ') != std::string::npos) {
            form.errors["email"] = "an e-mail address looks like name@example.org";
        }
    }
    return form;
}

vcard::Card reply_card(const FormState& form, const std::string& uid) {
    vcard::Card card;
    card.add(text_property("UID", uid, "uri"));
    card.add(text_property("FN", form.values.at("name")));
    if (const auto& org = form.values.at("org"); !org.empty()) card.add(text_property("ORG", org));
    if (const auto& phone = form.values.at("phone"); !phone.empty())
        card.add(text_property("TEL", phone));
    if (const auto& email = form.values.at("email"); !email.empty())
        card.add(text_property("EMAIL", email));
    if (const auto& note = form.values.at("note"); !note.empty())
        card.add(text_property("NOTE", note));
    return card;
}

}  // namespace cardex::component::web
