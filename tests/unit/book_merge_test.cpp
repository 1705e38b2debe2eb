#include <gtest/gtest.h>

#include "client/book/merge.hpp"
#include "client/book/revision.hpp"
#include "core/vcard/reader.hpp"

namespace cardex::client::book {
namespace {

using vcard::Card;
using vcard::Property;
using Lines = std::vector<std::string>;

Card card(std::string_view lines) {
    const std::string text =
        "BEGIN:VCARD\r\nVERSION:4.0\r\n" + std::string(lines) + "END:VCARD\r\n";
    auto read = vcard::read_vcard_text(text);
    EXPECT_TRUE(read.errors.empty()) << read.errors.front().message;
    return read.cards.at(0);
}

// "NAME value" of every property called `name`, "group.NAME value" when grouped.
Lines shown(const Card& card, std::string_view name) {
    Lines lines;
    for (const Property* property : card.all(name)) {
        const std::string group = property->group.empty() ? "" : property->group + ".";
        lines.push_back(group + property->name + " " + property->display_text());
    }
    return lines;
}

MergeResult merge(const Card& mine, const Card& incoming) {
    return merge_cards(mine, incoming, PhoneNormalizer("DE"));
}

bool keeps_all_of(const Card& merged, const Card& mine) {
    return merged.properties.size() >= mine.properties.size() &&
           std::equal(mine.properties.begin(), mine.properties.end(), merged.properties.begin());
}

TEST(BookMerge, NeverTakesTheProgramThatWroteTheIncomingCard) {
    const Card mine = card("FN:Dana\r\n");
    const Card incoming =
        card("FN:Dana\r\nPRODID:-//Apple Inc.//iPhone OS 17.1//EN\r\nTEL:+49 30 1\r\n");
    const auto merged = merge(mine, incoming);
    EXPECT_EQ(merged.card.first("PRODID"), nullptr);
    EXPECT_EQ(merged.added, Lines{"TEL +49 30 1"});
}

TEST(BookMerge, KeepsTheUsersSingleValuesAndTakesThoseTheUserHasNot) {
    const Card mine = card("FN:Alice Smith\r\nN:Smith;Alice;;;\r\n");
    const Card incoming = card("FN:Alice S.\r\nN:S.;Alice;;;\r\nBDAY:19850412\r\nGENDER:F\r\n");
    const auto merged = merge(mine, incoming);
    EXPECT_EQ(shown(merged.card, "FN"), Lines{"FN Alice Smith"});
    EXPECT_EQ(shown(merged.card, "N"), Lines{"N Smith Alice"});
    EXPECT_EQ(merged.added, (Lines{"BDAY 19850412", "GENDER F"}));

    const auto named = merge(card("TEL:+49 170 7654321\r\n"), incoming);
    EXPECT_EQ(shown(named.card, "FN"), Lines{"FN Alice S."});
    EXPECT_EQ(shown(named.card, "N"), Lines{"N S. Alice"});
}

TEST(BookMerge, DoesNotAddANumberTheUserHasInAnotherSpelling) {
    const Card mine = card("FN:Bob\r\nTEL;TYPE=work:030 1234567\r\n");
    const auto merged = merge(mine, card("FN:Bob\r\n"
                                         "TEL;TYPE=cell:+49 30 1234567\r\n"
                                         "TEL;VALUE=uri:tel:+49-30-1234567\r\n"
                                         "TEL:(030) 123 45 67\r\n"));
    EXPECT_FALSE(merged.changed());
    EXPECT_EQ(merged.card, mine);
}

TEST(BookMerge, AddsANewNumberWithItsParametersOnce) {
    const Card mine = card("FN:Bob\r\nTEL:030 1234567\r\n");
    const auto merged = merge(mine, card("FN:Bob\r\n"
                                         "TEL;TYPE=cell,voice;PREF=1:+49 170 7654321\r\n"
                                         "TEL:0170 7654321\r\n"));
    ASSERT_EQ(merged.card.properties.size(), 3u);
    const Property& added = merged.card.properties.back();
    EXPECT_EQ(added.display_text(), "+49 170 7654321");
    EXPECT_EQ(added.types(), (Lines{"cell", "voice"}));
    EXPECT_EQ(added.pref(), 1);
    EXPECT_EQ(merged.added, Lines{"TEL +49 170 7654321"});
}

TEST(BookMerge, ComparesEmailAddressesWithoutRegardToCase) {
    const Card mine = card("FN:Carol\r\nEMAIL:carol@example.org\r\n");
    const auto merged = merge(mine, card("FN:Carol\r\n"
                                         "EMAIL;TYPE=work:Carol@EXAMPLE.org\r\n"
                                         "EMAIL:mailto:carol@example.org\r\n"
                                         "EMAIL;TYPE=home:carol.home@example.org\r\n"));
    EXPECT_EQ(shown(merged.card, "EMAIL"),
              (Lines{"EMAIL carol@example.org", "EMAIL carol.home@example.org"}));
    EXPECT_TRUE(merged.card.properties.back().has_type("home"));
    EXPECT_EQ(merged.added, Lines{"EMAIL carol.home@example.org"});
}

TEST(BookMerge, TakesAPictureOnlyWhenTheUserHasNone) {
    const Card incoming = card(
        "FN:Dave\r\nPHOTO:data:image/jpeg;base64,/9j/4AAQ\r\n"
        "LOGO:https://example.org/logo.png\r\n");
    const auto with_photo =
        merge(card("FN:Dave\r\nPHOTO:https://example.org/dave.jpg\r\n"), incoming);
    EXPECT_EQ(shown(with_photo.card, "PHOTO"), Lines{"PHOTO https://example.org/dave.jpg"});
    EXPECT_EQ(with_photo.added, Lines{"LOGO https://example.org/logo.png"});

    const auto without = merge(card("FN:Dave\r\n"), incoming);
    EXPECT_EQ(shown(without.card, "PHOTO"), Lines{"PHOTO data:image/jpeg;base64,/9j/4AAQ"});
    EXPECT_EQ(without.added,
              (Lines{"PHOTO (embedded image/jpeg)", "LOGO https://example.org/logo.png"}));
}

TEST(BookMerge, KeepsOnePictureOfTheCardOfEachKind) {
    const Card incoming = card(
        "FN:Dave\r\nX-CARDEX-IMAGE;TYPE=design:https://example.org/new.png\r\n"
        "X-CARDEX-IMAGE;TYPE=scan:https://example.org/paper.jpg\r\n");
    const auto with_design = merge(
        card("FN:Dave\r\nX-CARDEX-IMAGE;TYPE=design:https://example.org/mine.png\r\n"), incoming);
    EXPECT_EQ(shown(with_design.card, "X-CARDEX-IMAGE"),
              (Lines{"X-CARDEX-IMAGE https://example.org/mine.png",
                     "X-CARDEX-IMAGE https://example.org/paper.jpg"}));
    EXPECT_EQ(with_design.added, Lines{"X-CARDEX-IMAGE https://example.org/paper.jpg"});

    const auto without = merge(card("FN:Dave\r\n"), incoming);
    EXPECT_EQ(shown(without.card, "X-CARDEX-IMAGE").size(), 2u);
}

TEST(BookMerge, AddsNewCategoriesToTheUsersFirstCategories) {
    const Card mine = card("FN:Erin\r\nCATEGORIES:Work,Ärzte\r\nNOTE:x\r\nCATEGORIES:golf\r\n");
    const auto merged = merge(mine, card("FN:Erin\r\n"
                                         "CATEGORIES:WORK,ärzte,Friends\r\n"
                                         "CATEGORIES:GOLF,friends,Chess\r\n"));
    EXPECT_EQ(shown(merged.card, "CATEGORIES"),
              (Lines{"CATEGORIES Work, Ärzte, Friends, Chess", "CATEGORIES golf"}));
    EXPECT_EQ(merged.card.properties.size(), mine.properties.size());
    EXPECT_EQ(merged.added, (Lines{"CATEGORIES Friends", "CATEGORIES Chess"}));
}

TEST(BookMerge, MakesACategoriesPropertyWhenTheUserHasNone) {
    const auto merged = merge(card("FN:Erin\r\n"), card("FN:Erin\r\nCATEGORIES:work,Work\r\n"
                                                        "CATEGORIES:friends\r\n"));
    EXPECT_EQ(shown(merged.card, "CATEGORIES"), Lines{"CATEGORIES work, friends"});
}

TEST(BookMerge, AddsOtherPropertiesOnlyWhenTheirValueIsNew) {
    const Card mine = card(
        "FN:Frank\r\n"
        "ADR;TYPE=work:;;Friedrichstraße 100;Berlin;;10117;Germany\r\n"
        "ORG:Acme GmbH\r\nTITLE:Engineer\r\nURL:https://example.org/\r\n"
        "NOTE:Met at FOSDEM\r\nIMPP:xmpp:frank@example.org\r\n");
    const Card same = card(
        "FN:Frank\r\n"
        "ADR;TYPE=home;PREF=1:;;FRIEDRICHSTRASSE 100;berlin;;10117;germany\r\n"
        "item1.ORG:ACME GMBH;\r\nTITLE;LANGUAGE=en:engineer\r\n"
        "URL;TYPE=work:https://example.org/\r\nNOTE:met at fosdem\r\n"
        "IMPP;PREF=1:xmpp:Frank@example.org\r\n");
    EXPECT_FALSE(merge(mine, same).changed());

    const auto merged = merge(mine, card("FN:Frank\r\n"
                                         "ADR:;;Unter den Linden 1;Berlin;;10117;Germany\r\n"
                                         "ORG:Acme GmbH;Research\r\nTITLE:Team lead\r\n"
                                         "URL:https://example.org/frank\r\nNOTE:Plays chess\r\n"));
    EXPECT_EQ(merged.added,
              (Lines{"ADR Unter den Linden 1 Berlin 10117 Germany", "ORG Acme GmbH Research",
                     "TITLE Team lead", "URL https://example.org/frank", "NOTE Plays chess"}));
    EXPECT_TRUE(keeps_all_of(merged.card, mine));
}

TEST(BookMerge, RevisionBecomesTheLaterOfTheTwo) {
    const Card mine = card("FN:Gina\r\nREV:20200101T000000Z\r\nNOTE:x\r\n");
    const auto later = merge(mine, card("FN:Gina\r\nREV:2024-03-05T10:00:00+01:00\r\n"));
    EXPECT_EQ(later.card.properties.at(1).display_text(), "2024-03-05T10:00:00+01:00");
    EXPECT_EQ(later.added, Lines{"REV 2024-03-05T10:00:00+01:00"});

    EXPECT_FALSE(merge(mine, card("FN:Gina\r\nREV:20191231T235959Z\r\n")).changed());
    EXPECT_FALSE(merge(mine, card("FN:Gina\r\nREV:20200101T010000+0100\r\n")).changed());
    EXPECT_FALSE(merge(mine, card("FN:Gina\r\nREV:yesterday\r\n")).changed());
    const auto first = merge(card("FN:Gina\r\n"), card("FN:Gina\r\nREV:20240101T000000Z\r\n"));
    EXPECT_EQ(shown(first.card, "REV"), Lines{"REV 20240101T000000Z"});
}

TEST(BookMerge, AddedLinesAreOneReadableLineEach) {
    const auto merged =
        merge(card("FN:Hanna\r\n"), card("FN:Hanna\r\n"
                                         "TEL;VALUE=uri;TYPE=cell:tel:+49-170-7654321\r\n"
                                         "TEL;VALUE=uri:tel:+49-30-1234567;ext=12\r\n"
                                         "EMAIL:alice@example.org\r\n"
                                         "ADR:;;Friedrichstraße 100;Berlin;;10117;Germany\r\n"
                                         "NOTE:first line\\nsecond line\r\n"
                                         "KEY:data:application/pgp-keys;base64,mQINBF\r\n"));
    EXPECT_EQ(merged.added,
              (Lines{"TEL +49-170-7654321", "TEL +49-30-1234567 ext. 12", "EMAIL alice@example.org",
                     "ADR Friedrichstraße 100 Berlin 10117 Germany", "NOTE first line second line",
                     "KEY (embedded application/pgp-keys)"}));
}

const char* const kFullCard =
    "UID:urn:uuid:6b29a774-d124-4822-b8d0-2780ec117f60\r\nFN:Ivan Petrov\r\n"
    "N:Petrov;Ivan;;;\r\nREV:20240101T000000Z\r\nTEL;TYPE=cell:+49 170 7654321\r\n"
    "TEL:n/a\r\nEMAIL:ivan@example.org\r\nCATEGORIES:work,chess\r\n"
    "item1.TEL:030 1234567\r\nitem1.X-ABLABEL:_$!<Other>!$_\r\n"
    "item2.X-ABLABEL:orphan label\r\nPHOTO:https://example.org/ivan.jpg\r\n"
    "X-CUSTOM;X-P=1:a\\,b;c\r\nADR:;;Hauptstr. 1;Köln;;50667;\r\n";

TEST(BookMerge, MergingACardWithItselfChangesNothing) {
    const Card mine = card(kFullCard);
    const auto merged = merge(mine, mine);
    EXPECT_FALSE(merged.changed());
    EXPECT_EQ(merged.card, mine);
}

TEST(BookMerge, MergingTheSameCardAgainChangesNothing) {
    const Card mine = card(
        "FN:Ivan\r\nTEL:+49 30 1234567\r\nitem1.URL:https://example.org\r\n"
        "item1.X-ABLABEL:blog\r\nREV:20200101T000000Z\r\n");
    const Card incoming = card(kFullCard);
    const auto once = merge(mine, incoming);
    ASSERT_TRUE(once.changed());
    const auto twice = merge(once.card, incoming);
    EXPECT_FALSE(twice.changed());
    EXPECT_EQ(twice.card, once.card);
}

TEST(BookMerge, GroupedPropertiesCarryTheirLabelsIntoAFreeGroup) {
    const Card mine = card(
        "FN:Jane\r\n"
        "item1.TEL:+49 30 1234567\r\nitem1.X-ABLABEL:_$!<Work>!$_\r\n");
    const auto merged = merge(mine, card("FN:Jane\r\n"
                                         "item1.TEL:+49 170 7654321\r\n"
                                         "item1.X-ABLABEL:_$!<Mobile>!$_\r\n"
                                         "item2.X-ABLABEL:_$!<Work>!$_\r\n"
                                         "item2.TEL:030 1234567\r\n"
                                         "item3.X-ABRELATEDNAMES:John\r\n"
                                         "item3.X-ABLABEL:_$!<Spouse>!$_\r\n"
                                         "item4.EMAIL:jane@example.org\r\n"
                                         "item4.X-ABLABEL:Private\r\n"));
    // item1 is the user's, so the new item1 moves to item5, the first group neither card uses;
    // item2 is a number the user has, so its label stays behind too.
    EXPECT_EQ(shown(merged.card, "TEL"),
              (Lines{"item1.TEL +49 30 1234567", "item5.TEL +49 170 7654321"}));
    EXPECT_EQ(shown(merged.card, "X-ABLABEL"),
              (Lines{"item1.X-ABLABEL _$!<Work>!$_", "item5.X-ABLABEL _$!<Mobile>!$_",
                     "item3.X-ABLABEL _$!<Spouse>!$_", "item4.X-ABLABEL Private"}));
    EXPECT_EQ(shown(merged.card, "X-ABRELATEDNAMES"), Lines{"item3.X-ABRELATEDNAMES John"});
    EXPECT_EQ(merged.added,
              (Lines{"TEL +49 170 7654321", "X-ABRELATEDNAMES John", "EMAIL jane@example.org"}));
    EXPECT_TRUE(keeps_all_of(merged.card, mine));
}

TEST(BookMerge, KeepsAndAddsUnknownPropertiesVerbatim) {
    const Card mine = card("FN:Kim\r\nX-SKYPE:kim.example\r\n");
    const auto merged = merge(mine, card("FN:Kim\r\nX-SKYPE;TYPE=work:KIM.example\r\n"
                                         "X-GRADE;X-SCALE=1-10:7\\,5;b\r\n"));
    ASSERT_EQ(merged.card.properties.size(), 3u);
    const Property& added = merged.card.properties.back();
    EXPECT_EQ(added.name, "X-GRADE");
    EXPECT_EQ(added.value_type, "unknown");
    EXPECT_EQ(added.first_value(), "7\\,5;b");
    EXPECT_EQ(added.param("X-SCALE")->values, Lines{"1-10"});
    EXPECT_EQ(merged.added, Lines{"X-GRADE 7\\,5;b"});
}

TEST(BookMerge, PropertiesWithoutAValueAddNothing) {
    const auto merged =
        merge(card("FN:Lea\r\n"), card("FN:Lea\r\nPHOTO:\r\nBDAY:\r\nNOTE:\r\nX-EMPTY:\r\n"
                                       "CATEGORIES:,\r\nN:;;;;\r\n"));
    EXPECT_FALSE(merged.changed());
}

std::int64_t unix_seconds(std::string_view revision) {
    const auto instant = parse_revision(revision);
    return instant ? instant->time_since_epoch().count() : -1;
}

TEST(BookRevision, ReadsTheBasicAndTheExtendedForm) {
    EXPECT_EQ(unix_seconds("19951031T222710Z"), 815178430);
    EXPECT_EQ(unix_seconds("1995-10-31T22:27:10Z"), 815178430);
    EXPECT_EQ(unix_seconds("1995-10-31T22:27:10.250Z"), 815178430);
    EXPECT_EQ(unix_seconds("19951031T232710+0100"), 815178430);
    EXPECT_EQ(unix_seconds("1995-10-31T17:27:10-05:00"), 815178430);
    EXPECT_EQ(unix_seconds("1995-10-31T22:27:10"), 815178430);  // no zone: UTC
    EXPECT_EQ(unix_seconds("19951031T2227Z"), 815178420);
    EXPECT_EQ(unix_seconds("19951031"), 815097600);
    EXPECT_EQ(unix_seconds(" 1995-10-31 "), 815097600);
}

// ---- updates: a new version of a card set ---------------------------------------------------

MergeResult update(const Card& mine, const Card& before, const Card& after) {
    return apply_update(mine, before, after, PhoneNormalizer("DE"));
}

TEST(BookUpdate, ANewVersionReplacesWhatTheEarlierOneGave) {
    const Card before = card(
        "UID:urn:uuid:1\r\nFN:Alice\r\nTITLE:Sales\r\nTEL:+49 30 1111\r\n"
        "EMAIL:alice@example.org\r\n");
    const Card after = card(
        "UID:urn:uuid:1\r\nFN:Alice\r\nTITLE:Head of Sales\r\n"
        "TEL:030 1111\r\nEMAIL:alice@example.org\r\nTEL:+49 30 2222\r\n");
    const Card mine = card(
        "UID:urn:uuid:1\r\nFN:Alice\r\nTITLE:Sales\r\nTEL:+49 30 1111\r\n"
        "EMAIL:alice@example.org\r\nNOTE:met in Berlin\r\n");
    const auto updated = update(mine, before, after);
    EXPECT_EQ(shown(updated.card, "TITLE"), Lines{"TITLE Head of Sales"});
    EXPECT_EQ(shown(updated.card, "TEL"), (Lines{"TEL +49 30 1111", "TEL +49 30 2222"}))
        << "the same number in another spelling is not a change";
    EXPECT_EQ(shown(updated.card, "NOTE"), Lines{"NOTE met in Berlin"}) << "the user's own";
    EXPECT_EQ(updated.added, (Lines{"TITLE Head of Sales", "TEL +49 30 2222"}));
    EXPECT_EQ(updated.removed, Lines{"TITLE Sales"});
}

TEST(BookUpdate, AValueTheUserEditedStaysAndTheNewOneGoesBesideIt) {
    const Card before = card("UID:urn:uuid:1\r\nFN:Alice\r\nTITLE:Sales\r\n");
    const Card after = card("UID:urn:uuid:1\r\nFN:Alice Example\r\nTITLE:Head of Sales\r\n");
    const Card mine = card("UID:urn:uuid:1\r\nFN:Ally\r\nTITLE:Sales (Berlin office)\r\n");
    const auto updated = update(mine, before, after);
    EXPECT_EQ(shown(updated.card, "TITLE"),
              (Lines{"TITLE Sales (Berlin office)", "TITLE Head of Sales"}));
    EXPECT_EQ(shown(updated.card, "FN"), Lines{"FN Ally"}) << "a name the user chose is kept";
    EXPECT_TRUE(updated.removed.empty());
}

TEST(BookUpdate, ASingleValueTheUserKeptAsItCameIsReplaced) {
    const Card before = card("UID:urn:uuid:1\r\nFN:Alice\r\nBDAY:19850412\r\n");
    const Card after = card("UID:urn:uuid:1\r\nFN:Alice Example\r\n");
    const auto updated = update(before, before, after);
    EXPECT_EQ(shown(updated.card, "FN"), Lines{"FN Alice Example"});
    EXPECT_TRUE(shown(updated.card, "BDAY").empty()) << "the owner took it out";
    EXPECT_EQ(shown(updated.card, "UID"), Lines{"UID urn:uuid:1"});
}

TEST(BookUpdate, ALabelLeavesWithTheValueItLabels) {
    const Card before = card(
        "UID:urn:uuid:1\r\nFN:Alice\r\nitem1.TEL:+49 30 1111\r\n"
        "item1.X-ABLABEL:Desk\r\n");
    const Card after = card("UID:urn:uuid:1\r\nFN:Alice\r\n");
    const auto updated = update(before, before, after);
    EXPECT_TRUE(shown(updated.card, "TEL").empty());
    EXPECT_TRUE(shown(updated.card, "X-ABLABEL").empty());
    EXPECT_EQ(updated.removed, Lines{"TEL +49 30 1111"});
}

TEST(BookRevision, RefusesWhatIsNotATimestamp) {
    for (const char* text :
         {"", "yesterday", "1995", "19951331T000000Z", "19950230", "19951031T250000Z",
          "19951031T222710Y", "1995-1031", "19951031T222710Z trailing", "19951031T222710+1"}) {
        EXPECT_EQ(parse_revision(text), std::nullopt) << text;
    }
}

}  // namespace
}  // namespace cardex::client::book
