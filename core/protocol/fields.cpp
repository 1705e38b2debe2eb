#include "core/protocol/fields.hpp"

#include <algorithm>

#include "core/protocol/syntax.hpp"
#include "core/xmpp/namespaces.hpp"

namespace cardex::protocol::detail {
namespace {

bool is_blank(std::string_view text) {
    return text.find_first_not_of(" \t\r\n") == std::string_view::npos;
}

std::string quoted(std::string_view text) {
    constexpr std::size_t kShown = 80;  // hostile values can be long
    if (text.size() <= kShown) return "'" + std::string(text) + "'";
    return "'" + std::string(text.substr(0, kShown)) + "...' (" + std::to_string(text.size()) +
           " bytes)";
}

std::string attribute(std::string_view attr) {
    return "attribute '" + std::string(attr) + "'";
}

}  // namespace

std::string tag(std::string_view name) {
    return "<" + std::string(name) + "/>";
}

std::string nested(const FieldReader& parent, std::string_view child, std::size_t index) {
    return parent.where() + " " + tag(child) + " #" + std::to_string(index + 1);
}

std::string alternatives(const std::string_view* names, std::size_t count) {
    std::string out;
    for (std::size_t i = 0; i < count; ++i) {
        if (i > 0) out += i + 1 == count ? " or " : ", ";
        out += "'" + std::string(names[i]) + "'";
    }
    return out;
}

Status expect_element(const xml::Element& e, std::string_view name) {
    if (e.name == name && e.ns == ns::kBizcard) return Ok{};
    return make_error("expected " + tag(name) + " in namespace '" + std::string(ns::kBizcard) +
                      "', got " + tag(e.name) +
                      (e.ns.empty() ? " in no namespace" : " in namespace '" + e.ns + "'"));
}

FieldReader::FieldReader(const xml::Element& e) : FieldReader(e, tag(e.name)) {}
FieldReader::FieldReader(const xml::Element& e, std::string where)
    : e_(e), where_(std::move(where)) {}

void FieldReader::fail(std::string_view why) {
    if (!error_) error_ = make_error(where_ + ": " + std::string(why));
}

void FieldReader::take(const FieldReader& nested) {
    if (!error_ && nested.error_) error_ = nested.error_;
}

void FieldReader::take(const Error& nested) {
    fail(nested.message);
}

std::optional<std::string_view> FieldReader::present(std::string_view attr) {
    if (error_) return std::nullopt;
    return e_.attr(attr);
}

std::optional<std::string> FieldReader::optional_text_attr(std::string_view attr) {
    const auto v = present(attr);
    if (!v) return std::nullopt;
    return std::string(*v);
}

std::string FieldReader::text_attr(std::string_view attr) {
    if (!error_ && !e_.attr(attr)) fail("missing the required " + attribute(attr));
    return optional_text_attr(attr).value_or(std::string{});
}

std::optional<std::string> FieldReader::optional_opaque_id(std::string_view attr) {
    const auto v = present(attr);
    if (!v) return std::nullopt;
    if (!is_opaque_id(*v)) {
        fail(attribute(attr) + " must be 22 to 64 characters of A-Z, a-z, 0-9, '-' and '_', got " +
             quoted(*v));
        return std::nullopt;
    }
    return std::string(*v);
}

std::string FieldReader::opaque_id(std::string_view attr) {
    if (!error_ && !e_.attr(attr)) fail("missing the required " + attribute(attr));
    return optional_opaque_id(attr).value_or(std::string{});
}

std::optional<xmpp::Jid> FieldReader::optional_user_jid(std::string_view attr) {
    const auto v = present(attr);
    if (!v) return std::nullopt;
    auto jid = parse_user_jid(*v);
    if (!jid) {
        fail(attribute(attr) + ": " + jid.error().message);
        return std::nullopt;
    }
    return std::move(jid).value();
}

xmpp::Jid FieldReader::domain_jid(std::string_view attr) {
    const auto v = present(attr);
    if (!v) {
        if (!error_) fail("missing the required " + attribute(attr));
        return {};
    }
    auto jid = xmpp::Jid::parse(*v);
    if (!jid || !jid->local.empty() || !jid->resource.empty()) {
        fail(attribute(attr) + " must be a domain JID (a service's address), got " + quoted(*v));
        return {};
    }
    return std::move(jid).value();
}

xmpp::Jid FieldReader::user_jid(std::string_view attr) {
    if (!error_ && !e_.attr(attr)) fail("missing the required " + attribute(attr));
    return optional_user_jid(attr).value_or(xmpp::Jid{});
}

std::optional<std::string> FieldReader::optional_set_name(std::string_view attr) {
    const auto v = present(attr);
    if (!v) return std::nullopt;
    if (!is_set_name(*v)) {
        fail(attribute(attr) + " must be a set name of 1 to 64 characters a-z, 0-9 and '-', got " +
             quoted(*v));
        return std::nullopt;
    }
    return std::string(*v);
}

std::string FieldReader::set_name(std::string_view attr) {
    if (!error_ && !e_.attr(attr)) fail("missing the required " + attribute(attr));
    return optional_set_name(attr).value_or(std::string{});
}

std::optional<Timestamp> FieldReader::optional_timestamp(std::string_view attr) {
    const auto v = present(attr);
    if (!v) return std::nullopt;
    auto stamp = parse_timestamp(*v);
    if (!stamp) {
        fail(attribute(attr) + ": " + stamp.error().message);
        return std::nullopt;
    }
    return *stamp;
}

Timestamp FieldReader::timestamp(std::string_view attr) {
    if (!error_ && !e_.attr(attr)) fail("missing the required " + attribute(attr));
    return optional_timestamp(attr).value_or(Timestamp{});
}

std::optional<std::uint64_t> FieldReader::optional_number(std::string_view attr,
                                                          std::uint64_t minimum) {
    const auto v = present(attr);
    if (!v) return std::nullopt;
    const std::string kind = minimum == 0 ? "a non-negative integer" : "a positive integer";
    if (v->empty() ||
        !std::all_of(v->begin(), v->end(), [](char c) { return c >= '0' && c <= '9'; })) {
        fail(attribute(attr) + " must be " + kind + ", got " + quoted(*v));
        return std::nullopt;
    }
    constexpr std::size_t kMaxDigits = 18;  // fits std::uint64_t with room to spare
    if (v->size() > kMaxDigits) {
        fail(attribute(attr) + " is too large: " + quoted(*v));
        return std::nullopt;
    }
    std::uint64_t value = 0;
    for (char c : *v)
        value = value * 10 + static_cast<std::uint64_t>(c - '0');
    if (value < minimum) {
        fail(attribute(attr) + " must be " + kind + ", got " + quoted(*v));
        return std::nullopt;
    }
    return value;
}

std::uint64_t FieldReader::number(std::string_view attr, std::uint64_t minimum) {
    if (!error_ && !e_.attr(attr)) fail("missing the required " + attribute(attr));
    return optional_number(attr, minimum).value_or(minimum);
}

bool FieldReader::optional_boolean(std::string_view attr, bool absent) {
    const auto v = present(attr);
    if (!v) return absent;
    if (*v == "true" || *v == "1") return true;
    if (*v == "false" || *v == "0") return false;
    fail(attribute(attr) + " must be 'true', 'false', '1' or '0', got " + quoted(*v));
    return absent;
}

bool FieldReader::boolean(std::string_view attr) {
    if (!error_ && !e_.attr(attr)) fail("missing the required " + attribute(attr));
    return optional_boolean(attr, false);
}

std::size_t FieldReader::choice_index(std::string_view attr, const std::string_view* names,
                                      std::size_t count) {
    if (!error_ && !e_.attr(attr)) fail("missing the required " + attribute(attr));
    const auto v = present(attr);
    if (!v) return 0;
    const auto found = std::find(names, names + count, *v);
    if (found != names + count) return static_cast<std::size_t>(found - names);
    fail(attribute(attr) + " must be " + alternatives(names, count) + ", got " + quoted(*v));
    return 0;
}

void FieldReader::allow_children(std::initializer_list<std::string_view> names) {
    if (error_) return;
    if (!is_blank(e_.text)) return fail("has text where only elements are allowed");
    for (const auto& c : e_.children) {
        if (c.ns != ns::kBizcard) continue;
        if (std::find(names.begin(), names.end(), c.name) == names.end()) {
            if (names.size() == 0) return fail("must be empty, but holds " + tag(c.name));
            return fail("unexpected child " + tag(c.name) +
                        "; allowed: " + alternatives(names.begin(), names.size()));
        }
    }
}

std::vector<const xml::Element*> FieldReader::children(std::string_view name) const {
    std::vector<const xml::Element*> out;
    for (const auto& c : e_.children) {
        if (c.name == name && c.ns == ns::kBizcard) out.push_back(&c);
    }
    return out;
}

const xml::Element* FieldReader::optional_child(std::string_view name) {
    const auto found = children(name);
    if (found.size() > 1) {
        fail("holds " + std::to_string(found.size()) + " " + tag(name) +
             " elements; at most one is allowed");
    }
    return error_ || found.empty() ? nullptr : found.front();
}

std::optional<vcard::Card> FieldReader::card(bool required) {
    const xml::Element* c = optional_child("card");
    if (c == nullptr) {
        if (required) fail("missing the required <card/>");
        return std::nullopt;
    }
    auto parsed = parse_card_content(*c);
    if (!parsed) {
        take(parsed.error());
        return std::nullopt;
    }
    return std::move(parsed).value();
}

std::optional<std::string> FieldReader::reason() {
    const xml::Element* r = optional_child("reason");
    if (r == nullptr) return std::nullopt;
    if (!r->children.empty()) {
        fail("<reason/> must be plain text, but holds " + tag(r->children.front().name));
        return std::nullopt;
    }
    if (const auto n = count_characters(r->text); n > kMaxTextCharacters) {
        fail("<reason/> has " + std::to_string(n) + " characters; at most " +
             std::to_string(kMaxTextCharacters) + " are allowed");
        return std::nullopt;
    }
    return r->text;
}

xml::Element element(std::string_view name) {
    return xml::Element(std::string(name), std::string(ns::kBizcard));
}

std::string_view boolean_text(bool value) {
    return value ? "true" : "false";
}

void set_number(xml::Element& e, std::string_view attr, std::uint64_t value) {
    e.set_attr(attr, std::to_string(value));
}

void set_timestamp(xml::Element& e, std::string_view attr, Timestamp value) {
    e.set_attr(attr, format_timestamp(value));
}

void add_reason(xml::Element& e, const std::optional<std::string>& reason) {
    if (reason) e.add_text_child("reason", std::string(ns::kBizcard), *reason);
}

}  // namespace cardex::protocol::detail
