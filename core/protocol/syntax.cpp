#include "core/protocol/syntax.hpp"

#include <algorithm>

#include "core/vcard/reader.hpp"
#include "core/vcard/writer.hpp"
#include "core/xml/parser.hpp"
#include "core/xml/writer.hpp"
#include "core/xmpp/namespaces.hpp"

namespace cardex::protocol {
namespace {

bool is_blank(std::string_view text) {
    return text.find_first_not_of(" \t\r\n") == std::string_view::npos;
}

bool is_vcard(const xml::Element& e) {
    return e.name == "vcard" && e.ns == ns::kVcard4;
}

std::string describe(const xml::Element& e) {
    return "<" + e.name + "/>" +
           (e.ns.empty() ? " in no namespace" : " in namespace '" + e.ns + "'");
}

}  // namespace

bool is_opaque_id(std::string_view text) {
    if (text.size() < 22 || text.size() > 64) return false;
    return std::all_of(text.begin(), text.end(), [](char c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
               c == '_' || c == '-';
    });
}

bool is_set_name(std::string_view text) {
    if (text.empty() || text.size() > 64) return false;
    return std::all_of(text.begin(), text.end(), [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
    });
}

Result<xmpp::Jid> parse_user_jid(std::string_view text) {
    if (text.size() > kMaxBareJidBytes) {
        return make_error("a JID of " + std::to_string(text.size()) + " bytes is longer than " +
                          std::to_string(kMaxBareJidBytes));
    }
    auto jid = xmpp::Jid::parse(text);
    if (!jid) return jid.error();
    if (!jid->is_bare()) {
        return make_error("'" + std::string(text) +
                          "' has a resource; a bare JID (localpart@domainpart) is required");
    }
    if (jid->local.empty()) {
        return make_error(
            "'" + std::string(text) +
            "' has no localpart; the JID of a user (localpart@domainpart) is required");
    }
    return jid;
}

std::size_t count_characters(std::string_view utf8) {
    return static_cast<std::size_t>(std::count_if(utf8.begin(), utf8.end(), [](char c) {
        return (static_cast<unsigned char>(c) & 0xC0) != 0x80;  // not a continuation byte
    }));
}

Result<vcard::Card> parse_card_content(const xml::Element& card) {
    const std::string where = "<" + card.name + "/>";
    if (!is_blank(card.text)) return make_error(where + " has text outside its <vcard/>");
    std::size_t vcards = 0;
    for (const auto& c : card.children) {
        if (is_vcard(c)) {
            ++vcards;
            continue;
        }
        // The vCard reader explains wrong elements best (e.g. the older vcard-temp format).
        auto wrong = vcard::card_from_xml(c);
        return make_error(where + " may hold only one <vcard/> of RFC 6351: " +
                          (wrong ? describe(c) + " is not one" : wrong.error().message));
    }
    if (vcards == 0) {
        return make_error(where + " holds no vCard: expected one <vcard xmlns='" +
                          std::string(ns::kVcard4) + "'/>");
    }
    if (vcards > 1) {
        return make_error(where + " holds " + std::to_string(vcards) +
                          " <vcard/> elements; exactly one is allowed");
    }
    auto parsed = vcard::card_from_xml(card.children.front());
    if (!parsed) return make_error(where + ": the vCard is not valid: " + parsed.error().message);
    return parsed;
}

xml::Element card_element(const vcard::Card& card) {
    xml::Element e("card", std::string(ns::kBizcard));
    e.add_child(vcard::card_to_xml(card));
    return e;
}

const xml::Element* card_text_child(const xml::Element& card) {
    for (const auto& c : card.children) {
        if (c.name == "vcard-text" && c.ns == ns::kBizcard) return &c;
    }
    return nullptr;
}

Result<vcard::Card> parse_card_text(const xml::Element& vcard_text) {
    const std::string where = "<vcard-text/>";
    if (!vcard_text.children.empty())
        return make_error(where + " must hold vCard text only, but holds " +
                          describe(vcard_text.children.front()));
    const std::string_view text = vcard_text.text;
    // RFC 6350 3.7.1: VERSION comes right after BEGIN; the text form is 4.0 only.
    const auto begin = text.find_first_not_of(" \t\r\n");
    const auto version = text.find("VERSION:", begin == std::string_view::npos ? 0 : begin);
    if (begin == std::string_view::npos || version == std::string_view::npos ||
        text.substr(version, 11) != "VERSION:4.0")
        return make_error(where + " must hold a vCard 4.0 (BEGIN:VCARD, then VERSION:4.0)");
    auto read = vcard::read_vcard_text(text);
    if (!read.errors.empty())
        return make_error(where + ": the vCard is not valid: " + read.errors.front().message);
    if (read.cards.size() != 1)
        return make_error(where + " holds " + std::to_string(read.cards.size()) +
                          " vCards; exactly one is allowed");
    return std::move(read.cards.front());
}

Result<vcard::Card> parse_card_in_either_form(const xml::Element& card, CardForm& form) {
    const xml::Element* text = card_text_child(card);
    form = text != nullptr ? CardForm::text : CardForm::xcard;
    if (text == nullptr) return parse_card_content(card);
    const std::string where = "<" + card.name + "/>";
    if (!is_blank(card.text) || card.children.size() != 1)
        return make_error(where + " holds <vcard-text/> and more; the text form is the card alone");
    return parse_card_text(*text);
}

std::string card_text(const vcard::Card& card) {
    std::string text = vcard::write_vcard_text_as_is(card);
    std::erase(text, '\r');  // the writer ends lines in CRLF; the text form in LF
    return text;
}

std::optional<std::string> exact_card_text(const vcard::Card& card, std::string_view read_from) {
    std::string text = card_text(card);
    if (!read_from.empty() && text == read_from) return text;
    auto back = vcard::read_vcard_text(text);
    if (!back.errors.empty() || back.cards.size() != 1 || back.cards.front() != card)
        return std::nullopt;
    return text;
}

Result<std::vector<vcard::Card>> parse_vcards(const xml::Element& vcards) {
    if (vcards.name != "vcards" || vcards.ns != ns::kVcard4) {
        return make_error("expected <vcards xmlns='" + std::string(ns::kVcard4) + "'/>, got " +
                          describe(vcards));
    }
    if (!is_blank(vcards.text)) return make_error("<vcards/> has text outside its <vcard/>s");
    std::vector<vcard::Card> cards;
    for (const auto& c : vcards.children) {
        if (!is_vcard(c)) {
            return make_error("<vcards/> may hold only <vcard/> elements of RFC 6351, found " +
                              describe(c));
        }
        auto card = vcard::card_from_xml(c);
        if (!card) {
            return make_error("<vcards/>: card " + std::to_string(cards.size() + 1) +
                              " is not valid: " + card.error().message);
        }
        cards.push_back(std::move(card).value());
    }
    return cards;
}

xml::Element vcards_element(const std::vector<vcard::Card>& cards) {
    xml::Element e("vcards", std::string(ns::kVcard4));
    for (const auto& card : cards)
        e.add_child(vcard::card_to_xml(card));
    return e;
}

std::string canonical_form(const xml::Element& vcard) {
    return xml::to_string(vcard, {}, xml::Layout::without);
}

Result<vcard::Card> card_from_vcard_text(std::string_view text) {
    auto element = xml::parse_document(text);
    if (!element) return element.error();
    return vcard::card_from_xml(*element);
}

std::size_t card_size(const xml::Element& vcard) {
    return canonical_form(vcard).size();
}

}  // namespace cardex::protocol
