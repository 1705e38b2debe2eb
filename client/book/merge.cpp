#include "client/book/merge.hpp"

#include <algorithm>
#include <array>
#include <map>

#include "client/book/match_keys.hpp"
#include "client/book/revision.hpp"
#include "client/book/text_fold.hpp"
#include "core/text/ascii.hpp"
#include "core/text/join.hpp"
#include "core/vcard/card_image.hpp"
#include "core/vcard/property_kinds.hpp"

namespace cardex::client::book {
namespace {

using vcard::Card;
using vcard::Property;

// A value as it is compared: components of list items.
using ValueKey = std::vector<std::vector<std::string>>;

// Properties a card has at most once: the user's value wins over the incoming one.
constexpr std::array<std::string_view, 8> kSingleValued = {"FN",     "N",    "BDAY", "ANNIVERSARY",
                                                           "GENDER", "KIND", "UID",  "REV"};
// Taken only when the user has none: a second picture is rarely what anyone wants.
constexpr std::array<std::string_view, 2> kPictures = {"PHOTO", "LOGO"};
// Apple's and Google's labels of a grouped property (item1.TEL with item1.X-ABLABEL, item2.ADR
// with item2.X-ABADR): they mean nothing without the property they belong to.
constexpr std::array<std::string_view, 2> kCompanions = {"X-ABLABEL", "X-ABADR"};

template <std::size_t N>
bool is_one_of(std::string_view name, const std::array<std::string_view, N>& names) {
    return std::find(names.begin(), names.end(), name) != names.end();
}

// Group names are ASCII and compared without regard to case (RFC 6350 section 3.3).
bool in_group(const Property& property, std::string_view group) {
    return !group.empty() && lower_ascii(property.group) == lower_ascii(group);
}

bool uses_group(const Card& card, std::string_view group) {
    return std::any_of(card.properties.begin(), card.properties.end(),
                       [&](const Property& property) { return in_group(property, group); });
}

// A label that belongs to another property of its group rather than standing on its own.
bool is_companion(const Property& property, const Card& card) {
    if (property.group.empty() || !is_one_of(property.name, kCompanions)) return false;
    return std::any_of(card.properties.begin(), card.properties.end(), [&](const Property& other) {
        return in_group(other, property.group) && !is_one_of(other.name, kCompanions);
    });
}

// The labels `main` carries along: those of its group, when it is the group's first property
// that is not a label itself.
std::vector<const Property*> companions_of(const Property& main, const Card& card) {
    std::vector<const Property*> labels;
    const Property* first_labelled = nullptr;
    for (const auto& property : card.properties) {
        if (!in_group(property, main.group)) continue;
        if (is_one_of(property.name, kCompanions)) {
            labels.push_back(&property);
        } else if (!first_labelled) {
            first_labelled = &property;
        }
    }
    if (first_labelled != &main) labels.clear();
    return labels;
}

// Items trimmed and case-folded; empty items and trailing empty components left out, so that
// "ORG:Acme" and "ORG:ACME;" are one value. Empty when the property has no value at all.
ValueKey value_key(const Property& property) {
    ValueKey key;
    for (const auto& component : property.components) {
        std::vector<std::string> items;
        for (const auto& item : component) {
            std::string folded = fold_case(trim_spaces(item));
            if (!folded.empty()) items.push_back(std::move(folded));
        }
        key.push_back(std::move(items));
    }
    while (!key.empty() && key.back().empty())
        key.pop_back();
    return key;
}

// The number as Card::phones() reads it ("tel:+49-30-1234567;ext=12" is "+49-30-1234567 ext.
// 12"), so that merging compares exactly what match_keys() gives the address book.
std::string phone_number(const Property& tel) {
    return Card{{tel}}.phones().front().number;
}

// What an embedded picture, sound or key is shown as instead of its base64 text.
std::string describe_data_uri(std::string_view uri) {
    const std::string_view type = uri.substr(5, uri.find_first_of(";,") - 5);  // after "data:"
    return type.empty() ? "(embedded data)" : "(embedded " + std::string(type) + ")";
}

// One line for people: the property's name and its value, line breaks made spaces.
std::string describe(const Property& property) {
    std::string value = property.display_text();
    if (vcard::is_media_property(property.name) && value.starts_with("data:")) {
        value = describe_data_uri(value);
    } else if (property.name == "TEL") {
        value = phone_number(property);
    }
    std::string line = property.name + " " + value;
    std::replace_if(
        line.begin(), line.end(), [](char c) { return c == '\n' || c == '\r' || c == '\t'; }, ' ');
    return line;
}

using PhoneKeys = std::map<std::string, std::string>;  // number -> key, each worked out once

// Whether two properties of the same name hold the same value, as the merge compares them:
// TEL by PhoneNormalizer::key, EMAIL by email_key, every other property by value_key. A TEL
// without digits and an empty EMAIL have no key and are compared like any other property.
bool same_value(const Property& a, const Property& b, const PhoneNormalizer& phones,
                PhoneKeys& keys) {
    if (a.name != b.name) return false;
    const auto phone_key = [&](const Property& tel) {
        const std::string number = phone_number(tel);
        auto known = keys.find(number);
        if (known == keys.end()) known = keys.emplace(number, phones.key(number)).first;
        return known->second;
    };
    const auto mail_key = [](const Property& email) { return email_key(email.first_value()); };
    if (a.name == "TEL" && !phone_key(a).empty()) return phone_key(a) == phone_key(b);
    if (a.name == "EMAIL" && !mail_key(a).empty()) return mail_key(a) == mail_key(b);
    return value_key(a) == value_key(b);
}

bool has_same_value(const Card& card, const Property& property, const PhoneNormalizer& phones,
                    PhoneKeys& keys) {
    return std::any_of(card.properties.begin(), card.properties.end(), [&](const Property& own) {
        return same_value(own, property, phones, keys);
    });
}

class Merger {
  public:
    Merger(const Card& mine, const Card& incoming, const PhoneNormalizer& phones)
        : mine_(mine), incoming_(incoming), phones_(phones) {
        result_.card = mine;
    }

    MergeResult run() && {
        for (const auto& property : incoming_.properties)
            merge(property);
        return std::move(result_);
    }

  private:
    void merge(const Property& property);
    bool has_equal(const Property& property) const;
    void take(const Property& property);
    void merge_revision(const Property& revision);
    void merge_categories(const Property& categories);
    std::vector<std::string> new_categories(const Property& categories) const;
    std::string group_for(const std::string& incoming_group);
    std::string fresh_group() const;

    const Card& mine_;
    const Card& incoming_;
    const PhoneNormalizer& phones_;
    // The key of every number seen in this merge: each is normalised once, not once for every
    // number it is compared with.
    mutable PhoneKeys phone_keys_;
    MergeResult result_;
    std::map<std::string, std::string> group_names_;  // incoming group, lower-case -> its name
};

void Merger::merge(const Property& property) {
    // Labels come along with the property they label; a property without a value adds nothing.
    if (is_companion(property, incoming_) || value_key(property).empty()) return;
    if (property.name == "PRODID") return;  // about the exporting program, not the contact
    if (property.name == "REV" && mine_.first("REV")) return merge_revision(property);
    if (is_one_of(property.name, kSingleValued) || is_one_of(property.name, kPictures)) {
        if (!mine_.first(property.name)) take(property);
        return;
    }
    if (property.name == vcard::kCardImageProperty) {
        // One picture of the card of each kind (design, scan); like PHOTO, the one kept wins.
        const bool scan = property.has_type("scan");
        for (const auto& image : vcard::card_images(result_.card)) {
            if ((image.kind == vcard::CardImageKind::scan) == scan) return;
        }
        return take(property);
    }
    if (property.name == "CATEGORIES") return merge_categories(property);
    if (!has_equal(property)) take(property);
}

// Whether the card being built already has this TEL, EMAIL or other property. A TEL without
// digits and an empty EMAIL have no key and are compared like any other property.
bool Merger::has_equal(const Property& property) const {
    return has_same_value(result_.card, property, phones_, phone_keys_);
}

void Merger::take(const Property& property) {
    const auto labels = companions_of(property, incoming_);
    const std::string group = group_for(property.group);
    Property added = property;
    added.group = group;
    result_.card.add(std::move(added));
    for (const Property* label : labels) {
        Property carried = *label;
        carried.group = group;
        result_.card.add(std::move(carried));
    }
    result_.added.push_back(describe(property));
}

// The later REV wins; one that cannot be read never does.
void Merger::merge_revision(const Property& revision) {
    const auto own = std::find_if(result_.card.properties.begin(), result_.card.properties.end(),
                                  [](const Property& p) { return p.name == "REV"; });
    const auto theirs = parse_revision(revision.first_value());
    const auto ours = parse_revision(own->first_value());
    if (!theirs || !ours || *theirs <= *ours) return;
    own->value_type = revision.value_type;
    own->components = revision.components;
    result_.added.push_back(describe(revision));
}

void Merger::merge_categories(const Property& categories) {
    std::vector<std::string> names = new_categories(categories);
    if (names.empty()) return;
    result_.added.push_back("CATEGORIES " + join(names, ", "));
    for (auto& own : result_.card.properties) {
        if (own.name != "CATEGORIES") continue;
        if (own.components.empty()) own.components.emplace_back();
        auto& items = own.components.front();
        items.insert(items.end(), names.begin(), names.end());
        return;
    }
    Property added = categories;
    added.group = group_for(categories.group);
    added.components = {std::move(names)};
    result_.card.add(std::move(added));
}

// The names of `categories` the card being built does not have yet, each once, as written.
std::vector<std::string> Merger::new_categories(const Property& categories) const {
    std::vector<std::string> known;
    for (const auto& name : result_.card.categories())
        known.push_back(fold_case(trim_spaces(name)));
    std::vector<std::string> names;
    for (const auto& component : categories.components) {
        for (const auto& item : component) {
            const std::string_view name = trim_spaces(item);
            std::string folded = fold_case(name);
            if (name.empty() || std::find(known.begin(), known.end(), folded) != known.end()) {
                continue;
            }
            known.push_back(std::move(folded));
            names.emplace_back(name);
        }
    }
    return names;
}

// An incoming group keeps its name unless one of the user's properties has that group; then
// all its properties move to one fresh group, so that a label never ends up on a property of
// the user's.
std::string Merger::group_for(const std::string& incoming_group) {
    if (incoming_group.empty()) return incoming_group;
    const std::string key = lower_ascii(incoming_group);
    if (const auto known = group_names_.find(key); known != group_names_.end()) {
        return known->second;
    }
    std::string name = uses_group(mine_, incoming_group) ? fresh_group() : incoming_group;
    group_names_.emplace(key, name);
    return name;
}

// "itemN" with the smallest N that neither card uses: the result already holds every group
// given out so far, and groups still to come from `incoming` are kept clear.
std::string Merger::fresh_group() const {
    for (int n = 1;; ++n) {
        std::string name = "item" + std::to_string(n);
        if (!uses_group(result_.card, name) && !uses_group(incoming_, name)) return name;
    }
}

}  // namespace

MergeResult merge_cards(const vcard::Card& mine, const vcard::Card& incoming,
                        const PhoneNormalizer& phones) {
    return Merger(mine, incoming, phones).run();
}

MergeResult apply_update(const vcard::Card& mine, const vcard::Card& before,
                         const vcard::Card& after, const PhoneNormalizer& phones) {
    PhoneKeys keys;
    Card kept = mine;
    std::vector<std::string> removed;
    for (const auto& old : before.properties) {
        if (old.name == "UID" || old.name == "REV" || old.name == "PRODID") continue;
        if (is_companion(old, before) || value_key(old).empty()) continue;
        if (has_same_value(after, old, phones, keys)) continue;  // still in the new version
        auto& own = kept.properties;
        const auto as_it_came = std::find_if(own.begin(), own.end(), [&](const Property& p) {
            return same_value(p, old, phones, keys);
        });
        if (as_it_came == own.end()) continue;  // the user changed or removed it: theirs stays
        const std::string group = as_it_came->group;
        own.erase(as_it_came);
        // Its labels go with it once they label nothing else of the group.
        const bool labels_something = std::any_of(own.begin(), own.end(), [&](const Property& p) {
            return in_group(p, group) && !is_one_of(p.name, kCompanions);
        });
        if (!group.empty() && !labels_something) {
            std::erase_if(own, [&](const Property& p) { return in_group(p, group); });
        }
        removed.push_back(describe(old));
    }
    MergeResult result = Merger(kept, after, phones).run();
    // A new REV comes with every version: it is no change a person needs to hear of.
    std::erase_if(result.added, [](const std::string& line) { return line.starts_with("REV "); });
    result.removed = std::move(removed);
    return result;
}

}  // namespace cardex::client::book
