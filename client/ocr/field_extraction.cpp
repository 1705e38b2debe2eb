#include "client/ocr/field_extraction.hpp"

#include "client/ocr/extraction_parts.hpp"

namespace cardex::client::ocr {
namespace {

vcard::Property with_type(vcard::Property property, const std::string& type) {
    if (!type.empty()) property.params.push_back(vcard::Parameter{"TYPE", {type}});
    return property;
}

// N from FN: Han names are family name first (one character), others family name last.
vcard::Property name_of(const std::string& formatted) {
    vcard::Property n = vcard::make_text("N", "");
    const auto points = code_points(formatted);
    std::string family, given, prefix;
    if (!points.empty() && is_han(points.front())) {
        const std::size_t length = points.front() >= 0x10000 ? 4 : 3;
        family = formatted.substr(0, length);
        given = formatted.substr(length);
    } else {
        std::vector<std::string> words;
        for (std::size_t start = 0; start < formatted.size();) {
            const auto end = formatted.find(' ', start);
            const std::string word = formatted.substr(start, end - start);
            if (!word.empty()) words.push_back(word);
            if (end == std::string::npos) break;
            start = end + 1;
        }
        while (!words.empty() && words.front().back() == '.') {
            prefix += (prefix.empty() ? "" : " ") + words.front();
            words.erase(words.begin());
        }
        if (!words.empty()) {
            family = words.back();
            words.pop_back();
        }
        for (const auto& word : words)
            given += (given.empty() ? "" : " ") + word;
    }
    n.components = {{family}, {given}, {""}, {prefix}, {""}};
    return n;
}

vcard::Property address_property(const parts::FoundAddress& a) {
    vcard::Property p = vcard::make_text("ADR", "");
    p.components = {{""}, {""}, {a.street}, {a.locality}, {a.region}, {a.postal_code}, {a.country}};
    return with_type(std::move(p), "work");
}

}  // namespace

CardProposal extract_fields(const std::vector<OcrLine>& lines, const std::string& region) {
    CardProposal proposal;
    const auto split = parts::split_at_gaps(lines);
    auto views = parts::views_of(split);
    std::vector<ProposedField> contact;
    parts::find_emails(views, contact);
    parts::find_urls(views, contact);
    parts::find_phones(views, region, contact);
    const auto address = parts::find_address(views);
    const auto person = parts::find_person(views);

    vcard::Card& card = proposal.card;
    if (person.name) {
        proposal.fields.push_back(*person.name);
        card.add(vcard::make_text("FN", person.name->value));
        card.add(name_of(person.name->value));
    }
    if (person.title) {
        proposal.fields.push_back(*person.title);
        card.add(vcard::make_text("TITLE", person.title->value));
    }
    if (person.org) {
        proposal.fields.push_back(*person.org);
        card.add(vcard::make_text("ORG", person.org->value));
    }
    for (const char* property : {"TEL", "EMAIL", "URL"}) {
        for (const auto& field : contact) {
            if (field.property != property) continue;
            proposal.fields.push_back(field);
            const bool tel = field.property == "TEL";
            card.add(with_type(vcard::make_text(field.property, field.value),
                               tel ? field.type : (field.property == "EMAIL" ? "work" : "")));
        }
    }
    if (address) {
        proposal.fields.push_back(
            make_field("ADR", parts::address_text(*address), address->confidence));
        card.add(address_property(*address));
    }
    return proposal;
}

}  // namespace cardex::client::ocr
