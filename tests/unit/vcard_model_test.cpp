#include <gtest/gtest.h>

#include "core/vcard/card.hpp"
#include "core/vcard/property_kinds.hpp"

namespace cardex::vcard {
namespace {

Property prop(std::string name, std::vector<Component> components,
              std::vector<Parameter> params = {}, std::string value_type = "text") {
    return Property{
        {}, std::move(name), std::move(params), std::move(value_type), std::move(components)};
}

TEST(VcardPropertyKinds, KnowsEveryRfc6350PropertyWithItsShape) {
    struct Expected {
        std::string_view name;
        ValueShape shape;
        std::size_t components;
        std::string_view type;
    };
    const Expected table[] = {
        {"SOURCE", ValueShape::single, 0, "uri"},
        {"KIND", ValueShape::single, 0, "text"},
        {"XML", ValueShape::single, 0, "text"},
        {"FN", ValueShape::single, 0, "text"},
        {"N", ValueShape::structured, 5, "text"},
        {"NICKNAME", ValueShape::list, 0, "text"},
        {"PHOTO", ValueShape::single, 0, "uri"},
        {"BDAY", ValueShape::single, 0, "date-and-or-time"},
        {"ANNIVERSARY", ValueShape::single, 0, "date-and-or-time"},
        {"GENDER", ValueShape::structured, 2, "text"},
        {"ADR", ValueShape::structured, 7, "text"},
        {"TEL", ValueShape::single, 0, "text"},
        {"EMAIL", ValueShape::single, 0, "text"},
        {"IMPP", ValueShape::single, 0, "uri"},
        {"LANG", ValueShape::single, 0, "language-tag"},
        {"TZ", ValueShape::single, 0, "text"},
        {"GEO", ValueShape::single, 0, "uri"},
        {"TITLE", ValueShape::single, 0, "text"},
        {"ROLE", ValueShape::single, 0, "text"},
        {"LOGO", ValueShape::single, 0, "uri"},
        {"ORG", ValueShape::structured, 0, "text"},
        {"MEMBER", ValueShape::single, 0, "uri"},
        {"RELATED", ValueShape::single, 0, "uri"},
        {"CATEGORIES", ValueShape::list, 0, "text"},
        {"NOTE", ValueShape::single, 0, "text"},
        {"PRODID", ValueShape::single, 0, "text"},
        {"REV", ValueShape::single, 0, "timestamp"},
        {"SOUND", ValueShape::single, 0, "uri"},
        {"UID", ValueShape::single, 0, "uri"},
        {"CLIENTPIDMAP", ValueShape::structured, 2, "text"},
        {"URL", ValueShape::single, 0, "uri"},
        {"KEY", ValueShape::single, 0, "uri"},
        {"FBURL", ValueShape::single, 0, "uri"},
        {"CALADRURI", ValueShape::single, 0, "uri"},
        {"CALURI", ValueShape::single, 0, "uri"},
    };
    for (const auto& expected : table) {
        const PropertyKind* kind = find_property_kind(expected.name);
        ASSERT_NE(kind, nullptr) << expected.name;
        EXPECT_EQ(kind->name, expected.name);
        EXPECT_EQ(kind->shape, expected.shape) << expected.name;
        EXPECT_EQ(kind->components, expected.components) << expected.name;
        EXPECT_EQ(kind->default_type, expected.type) << expected.name;
        EXPECT_EQ(kind->list_components, expected.name == "N" || expected.name == "ADR")
            << expected.name;
    }
}

TEST(VcardPropertyKinds, OlderAndExtensionPropertiesAreUnknown) {
    for (const char* name : {"LABEL", "AGENT", "MAILER", "NAME", "PROFILE", "CLASS", "SORT-STRING",
                             "X-ABLABEL", "fn"}) {
        EXPECT_EQ(find_property_kind(name), nullptr) << name;
    }
    EXPECT_TRUE(is_media_property("PHOTO"));
    EXPECT_TRUE(is_media_property("KEY"));
    EXPECT_FALSE(is_media_property("URL"));
}

TEST(VcardProperty, ParamLookupIgnoresCaseAndTypesAreLowerCasedAcrossParameters) {
    const Property tel =
        prop("TEL", {{"1"}}, {{"TYPE", {"HOME", "voice"}}, {"X-A", {"b"}}, {"type", {"Cell"}}});
    ASSERT_NE(tel.param("x-a"), nullptr);
    EXPECT_EQ(tel.param("x-a")->values, std::vector<std::string>{"b"});
    EXPECT_EQ(tel.param("PREF"), nullptr);
    EXPECT_EQ(tel.types(), (std::vector<std::string>{"home", "voice", "cell"}));
    EXPECT_TRUE(tel.has_type("CELL"));
    EXPECT_FALSE(tel.has_type("work"));
}

TEST(VcardProperty, PrefAcceptsOnlyOneToHundred) {
    EXPECT_EQ(prop("EMAIL", {{"a"}}, {{"PREF", {"1"}}}).pref(), 1);
    EXPECT_EQ(prop("EMAIL", {{"a"}}, {{"PREF", {"100"}}}).pref(), 100);
    EXPECT_EQ(prop("EMAIL", {{"a"}}, {{"PREF", {"0"}}}).pref(), std::nullopt);
    EXPECT_EQ(prop("EMAIL", {{"a"}}, {{"PREF", {"101"}}}).pref(), std::nullopt);
    EXPECT_EQ(prop("EMAIL", {{"a"}}, {{"PREF", {"1x"}}}).pref(), std::nullopt);
    EXPECT_EQ(prop("EMAIL", {{"a"}}, {{"PREF", {}}}).pref(), std::nullopt);
    EXPECT_EQ(prop("EMAIL", {{"a"}}).pref(), std::nullopt);
}

TEST(VcardProperty, DisplayTextJoinsItemsAndComponentsSkippingEmpties) {
    const Property adr = prop("ADR", {{""}, {""}, {"1 Main St", "Apt 2"}, {"Town"}, {""}, {"123"}});
    EXPECT_EQ(adr.display_text(), "1 Main St, Apt 2 Town 123");
    EXPECT_EQ(adr.first_value(), "");
    EXPECT_EQ(prop("FN", {{"Jo"}}).first_value(), "Jo");
    EXPECT_EQ(prop("FN", {}).first_value(), "");
    EXPECT_EQ(prop("FN", {{}}).first_value(), "");
}

TEST(VcardCard, FormattedNameFallsBackFromFnToNToOrgToEmailToTel) {
    Card card;
    card.add(prop("TEL", {{"+1 555"}}));
    EXPECT_EQ(card.formatted_name(), "+1 555");
    card.add(prop("EMAIL", {{"jo@example.com"}}));
    EXPECT_EQ(card.formatted_name(), "jo@example.com");
    card.add(prop("ORG", {{"Acme"}, {"Sales"}}));
    EXPECT_EQ(card.formatted_name(), "Acme");
    card.add(prop("N", {{"Doe"}, {"John"}, {"Q", "R"}, {"Dr."}, {"Jr."}}));
    EXPECT_EQ(card.formatted_name(), "Dr. John Q R Doe Jr.");
    card.add(prop("FN", {{""}}));  // an empty FN does not count
    EXPECT_EQ(card.formatted_name(), "Dr. John Q R Doe Jr.");
    card.add(prop("FN", {{"Johnny"}}));
    EXPECT_EQ(card.formatted_name(), "Johnny");
    EXPECT_EQ(Card{}.formatted_name(), "");
}

TEST(VcardCard, NameDropsEmptyItems) {
    Card card;
    EXPECT_EQ(card.name(), std::nullopt);
    card.add(prop("N", {{"Public"}, {"John"}, {"Quinlan", "Q."}, {""}, {"Esq."}}));
    const Name expected{{"Public"}, {"John"}, {"Quinlan", "Q."}, {}, {"Esq."}};
    EXPECT_EQ(card.name(), expected);
    Card short_n;
    short_n.add(prop("N", {{"Doe"}}));
    EXPECT_EQ(short_n.name(), (Name{{"Doe"}, {}, {}, {}, {}}));
}

TEST(VcardCard, PhonesReduceTelUrisToTheNumber) {
    Card card;
    card.add(prop("TEL", {{"tel:+1-418-656-9254;ext=102"}},
                  {{"TYPE", {"work", "voice"}}, {"PREF", {"1"}}}, "uri"));
    card.add(prop("TEL", {{"TEL:%2B44%20555;phone-context=example.com"}}, {}, "uri"));
    card.add(prop("TEL", {{"(0221) 9999123"}}, {{"TYPE", {"HOME"}}}));
    const auto phones = card.phones();
    ASSERT_EQ(phones.size(), 3u);
    EXPECT_EQ(phones[0], (Phone{"+1-418-656-9254 ext. 102", {"work", "voice"}, 1}));
    EXPECT_EQ(phones[1], (Phone{"+44 555", {}, std::nullopt}));
    EXPECT_EQ(phones[2], (Phone{"(0221) 9999123", {"home"}, std::nullopt}));
}

TEST(VcardCard, EmailsKeepTypesAndPref) {
    Card card;
    card.add(prop("EMAIL", {{"a@example.com"}}, {{"TYPE", {"work"}}, {"PREF", {"2"}}}));
    card.add(prop("email", {{"b@example.com"}}));
    const std::vector<Email> expected{{"a@example.com", {"work"}, 2}, {"b@example.com", {}, {}}};
    EXPECT_EQ(card.emails(), expected);
}

TEST(VcardCard, AddressesTakeTheLabelParameter) {
    Card card;
    card.add(prop(
        "ADR",
        {{"Box 1"}, {"Suite 2"}, {"1 Main St", "Floor 3"}, {"Town"}, {"ST"}, {"12345"}, {"Land"}},
        {{"TYPE", {"home"}}, {"LABEL", {"1 Main St\nTown"}}, {"PREF", {"1"}}}));
    const auto addresses = card.addresses();
    ASSERT_EQ(addresses.size(), 1u);
    const Address expected{"Box 1", "Suite 2", "1 Main St, Floor 3", "Town",   "ST",
                           "12345", "Land",    "1 Main St\nTown",    {"home"}, 1};
    EXPECT_EQ(addresses[0], expected);
}

TEST(VcardCard, AddressesMatchLabelPropertiesByGroupThenByTypes) {
    Card card;
    card.add(prop("ADR", {{""}, {""}, {"Work St"}}, {{"TYPE", {"work"}}}));
    Property grouped = prop("ADR", {{""}, {""}, {"Home St"}}, {{"TYPE", {"home"}}});
    grouped.group = "item1";
    card.add(grouped);
    card.add(prop("ADR", {{""}, {""}, {"Other St"}}, {{"TYPE", {"other"}}}));
    card.add(prop("LABEL", {{"Work St\\nTown\\, WK"}}, {{"TYPE", {"WORK"}}}, "unknown"));
    Property home_label = prop("LABEL", {{"Home St\\nTown"}}, {}, "unknown");
    home_label.group = "item1";
    card.add(home_label);
    const auto addresses = card.addresses();
    ASSERT_EQ(addresses.size(), 3u);
    EXPECT_EQ(addresses[0].label, "Work St\nTown, WK");
    EXPECT_EQ(addresses[1].label, "Home St\nTown");
    EXPECT_EQ(addresses[2].label, "");
}

TEST(VcardCard, EachLabelPropertyIsUsedOnce) {
    Card card;
    card.add(prop("ADR", {{""}, {""}, {"A"}}, {{"TYPE", {"home"}}}));
    card.add(prop("ADR", {{""}, {""}, {"B"}}, {{"TYPE", {"home"}}}));
    card.add(prop("LABEL", {{"first"}}, {{"TYPE", {"home"}}}, "unknown"));
    const auto addresses = card.addresses();
    ASSERT_EQ(addresses.size(), 2u);
    EXPECT_EQ(addresses[0].label, "first");
    EXPECT_EQ(addresses[1].label, "");
}

TEST(VcardCard, OrganizationDropsTrailingEmptyUnits) {
    Card card;
    EXPECT_TRUE(card.organization().empty());
    card.add(prop("ORG", {{"John Doe & Partners"}, {""}, {""}}));
    EXPECT_EQ(card.organization(), std::vector<std::string>{"John Doe & Partners"});
    Card units;
    units.add(prop("ORG", {{"ABC, Inc."}, {"North American Division"}, {"Marketing"}}));
    EXPECT_EQ(units.organization(),
              (std::vector<std::string>{"ABC, Inc.", "North American Division", "Marketing"}));
}

TEST(VcardCard, SimpleFieldAccessors) {
    Card card;
    EXPECT_EQ(card.title(), "");
    EXPECT_EQ(card.uid(), "");
    EXPECT_EQ(card.note(), "");
    card.add(prop("TITLE", {{"Mayor"}}));
    card.add(prop("TITLE", {{"Burgermeister"}}));
    card.add(prop("UID", {{"urn:uuid:1"}}, {}, "uri"));
    card.add(prop("NOTE", {{"line 1\nline 2"}}));
    card.add(prop("URL", {{"http://a.example"}}, {}, "uri"));
    card.add(prop("URL", {{"http://b.example"}}, {}, "uri"));
    card.add(prop("CATEGORIES", {{"work", "friends"}}));
    card.add(prop("CATEGORIES", {{"", "golf"}}));
    EXPECT_EQ(card.title(), "Mayor");
    EXPECT_EQ(card.uid(), "urn:uuid:1");
    EXPECT_EQ(card.note(), "line 1\nline 2");
    EXPECT_EQ(card.urls(), (std::vector<std::string>{"http://a.example", "http://b.example"}));
    EXPECT_EQ(card.categories(), (std::vector<std::string>{"work", "friends", "golf"}));
}

TEST(VcardCard, MediaTypeComesFromMediatypeOrTheDataUri) {
    Card card;
    EXPECT_EQ(card.photo(), std::nullopt);
    card.add(prop("PHOTO", {{"data:image/png;base64,iVBORw0KGgo="}}, {}, "uri"));
    card.add(prop("LOGO", {{"http://example.com/logo"}}, {{"MEDIATYPE", {"image/gif"}}}, "uri"));
    EXPECT_EQ(card.photo(), (Media{"data:image/png;base64,iVBORw0KGgo=", "image/png"}));
    EXPECT_EQ(card.logo(), (Media{"http://example.com/logo", "image/gif"}));
    Card plain;
    plain.add(prop("PHOTO", {{"http://example.com/me.jpg"}}, {}, "uri"));
    EXPECT_EQ(plain.photo(), (Media{"http://example.com/me.jpg", ""}));
}

TEST(VcardCard, FirstAllAndRemoveIgnoreCase) {
    Card card;
    card.add(prop("TEL", {{"1"}}));
    card.add(prop("FN", {{"x"}}));
    card.add(prop("tel", {{"2"}}));
    EXPECT_EQ(card.first("Tel")->first_value(), "1");
    EXPECT_EQ(card.all("TEL").size(), 2u);
    card.remove("TEL");
    ASSERT_EQ(card.properties.size(), 1u);
    EXPECT_EQ(card.properties[0].name, "FN");
    EXPECT_EQ(card.first("TEL"), nullptr);
}

TEST(VcardCard, TypeLabelIsTheXAbLabelOfTheGroupWithApplesOwnLabelsInWords) {
    Card card;
    Property tel = prop("TEL", {{"1"}});
    tel.group = "item1";
    card.add(tel);
    card.add(make_text("X-ABLabel", "Büro, direkt", "ITEM1"));
    Property url = prop("URL", {{"http://x"}});
    url.group = "item2";
    card.add(url);
    card.add(make_text("X-ABLABEL", "_$!<HomePage>!$_", "item2"));
    Property phone = prop("TEL", {{"2"}});
    phone.group = "item3";
    card.add(phone);
    card.add(make_text("X-ABLABEL", "_$!<iPhone>!$_", "item3"));
    EXPECT_EQ(card.type_label(card.properties[0]), "Büro, direkt");
    EXPECT_EQ(card.type_label(card.properties[2]), "home page");
    EXPECT_EQ(card.type_label(card.properties[4]), "iPhone");
    EXPECT_EQ(card.type_label(prop("TEL", {{"3"}})), "");  // no group
}

TEST(VcardMakeText, KnownPropertiesGetTheirDefaultTypeUnknownOnesAreStoredEscaped) {
    const Property fn = make_text("FN", "Doe, John; Jr.");
    EXPECT_EQ(fn, (Property{{}, "FN", {}, "text", {{"Doe, John; Jr."}}}));
    const Property url = make_text("url", "http://x", "item1");
    EXPECT_EQ(url, (Property{"item1", "URL", {}, "uri", {{"http://x"}}}));
    const Property x = make_text("X-ABLabel", "a,b;c\\d\ne");
    EXPECT_EQ(x, (Property{{}, "X-ABLABEL", {}, "unknown", {{"a\\,b\\;c\\\\d\\ne"}}}));
}

}  // namespace
}  // namespace cardex::vcard
