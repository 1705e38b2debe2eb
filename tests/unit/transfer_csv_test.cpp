// Contacts CSV files as mail programs export them: Google Contacts (old and new layout),
// Outlook, Thunderbird; RFC 4180 quoting; UTF-8 with and without BOM, Windows-1252; and a
// header that names no name column.
#include <gtest/gtest.h>

#include <fstream>

#include "client/transfer/csv_contacts.hpp"
#include "client/transfer/csv_records.hpp"
#include "client/transfer/import.hpp"
#include "tests/unit/book_test_support.hpp"
#include "tests/unit/temp_dir.hpp"

namespace cardex::testing {
namespace {

using client::transfer::contacts_csv_layout;
using client::transfer::read_contacts_csv;
using client::transfer::read_csv_records;

vcard::ReadResult read_csv(const std::string& text) {
    const auto layout = contacts_csv_layout(text);
    if (!layout) throw std::runtime_error("not taken for a contacts CSV");
    return read_contacts_csv(text, *layout);
}

// The X-ABLabel in the property's group: how Google's vCards carry a custom label.
std::string label_of(const vcard::Card& card, const vcard::Property& property) {
    for (const auto& p : card.properties)
        if (p.name == "X-ABLABEL" && !p.group.empty() && p.group == property.group)
            return p.first_value();
    return {};
}

std::vector<std::string> values(const vcard::Card& card, std::string_view name) {
    std::vector<std::string> out;
    for (const auto* p : card.all(name))
        out.push_back(p->first_value());
    return out;
}

TEST(CsvRecords, QuotedFieldsHoldDelimitersQuotesAndLineBreaks) {
    const auto records = read_csv_records(
        "Name,Notes\r\n"
        "\"Example, Dana\",\"She said \"\"hi\"\"\r\nand left\"\r\n"
        "\r\n"
        "Finn,\r\n",
        ',');
    ASSERT_EQ(records.size(), 3u);
    EXPECT_EQ(records[1].fields,
              (std::vector<std::string>{"Example, Dana", "She said \"hi\"\nand left"}));
    EXPECT_EQ(records[1].line, 2u);
    EXPECT_EQ(records[2].fields, (std::vector<std::string>{"Finn", ""}));
    EXPECT_EQ(records[2].line, 5u);  // after the two lines of record 2 and a blank line
    EXPECT_TRUE(records[2].problem.empty());
}

TEST(CsvRecords, AQuoteThatNeverClosesIsTheRecordsProblem) {
    const auto records = read_csv_records("Name,Notes\nDana,\"open\nFinn,x\n", ',');
    ASSERT_EQ(records.size(), 2u);
    EXPECT_EQ(records[1].problem,
              "the quoted field that starts on line 2 is not closed before the end of the file");
}

TEST(CsvContacts, GoogleContactsExportWithTypesLabelsAndSeveralValuesInACell) {
    const auto read = read_csv(
        "\xEF\xBB\xBF"
        "First Name,Middle Name,Last Name,Nickname,Organization Name,Organization Title,"
        "Organization Department,Birthday,Notes,Labels,E-mail 1 - Label,E-mail 1 - Value,"
        "Phone 1 - Label,Phone 1 - Value,Phone 2 - Label,Phone 2 - Value,Address 1 - Label,"
        "Address 1 - Street,Address 1 - City,Address 1 - Postal Code,Address 1 - Country,"
        "Website 1 - Label,Website 1 - Value\n"
        "Dana,,Example,Dee,Example Widgets GmbH,Head of Sales,Sales,1985-04-12,\"Met at the "
        "fair, 2024\",* myContacts ::: Customers,* Work,dana@example.org ::: "
        "dana.private@example.net,Mobile,+49 170 5550101,Büro direkt,+49 30 5550100,Work,"
        "Friedrichstraße 100,Berlin,10117,Germany,Profile,https://example.org/dana\n");
    ASSERT_TRUE(read.errors.empty()) << read.errors.front().message;
    ASSERT_EQ(read.cards.size(), 1u);
    const vcard::Card& c = read.cards[0];
    EXPECT_EQ(c.formatted_name(), "Dana Example");
    EXPECT_EQ(c.name()->family, std::vector<std::string>{"Example"});
    EXPECT_EQ(c.organization(), (std::vector<std::string>{"Example Widgets GmbH", "Sales"}));
    EXPECT_EQ(c.title(), "Head of Sales");
    EXPECT_EQ(values(c, "NICKNAME"), std::vector<std::string>{"Dee"});
    EXPECT_EQ(values(c, "BDAY"), std::vector<std::string>{"19850412"});
    EXPECT_EQ(c.note(), "Met at the fair, 2024");
    EXPECT_EQ(c.categories(), std::vector<std::string>{"Customers"});
    const auto emails = c.emails();
    ASSERT_EQ(emails.size(), 2u);
    EXPECT_EQ(emails[1].address, "dana.private@example.net");
    EXPECT_EQ(emails[0].types, std::vector<std::string>{"work"});
    EXPECT_EQ(emails[0].pref, 1);  // "* Work": the primary one
    const auto phones = c.phones();
    ASSERT_EQ(phones.size(), 2u);
    EXPECT_EQ(phones[0].types, std::vector<std::string>{"cell"});
    EXPECT_EQ(label_of(c, *c.all("TEL")[1]), "Büro direkt");  // as Google's vCards carry it
    ASSERT_EQ(c.addresses().size(), 1u);
    EXPECT_EQ(c.addresses()[0].street, "Friedrichstraße 100");
    EXPECT_EQ(c.addresses()[0].postal_code, "10117");
    EXPECT_EQ(c.addresses()[0].types, std::vector<std::string>{"work"});
    EXPECT_EQ(c.urls(), std::vector<std::string>{"https://example.org/dana"});
    EXPECT_EQ(label_of(c, *c.all("URL")[0]), "Profile");
}

TEST(CsvContacts, OldGoogleLayoutWithNameAndTypeColumns) {
    const auto read = read_csv(
        "Name,Given Name,Family Name,Group Membership,E-mail 1 - Type,E-mail 1 - Value,"
        "Phone 1 - Type,Phone 1 - Value,Organization 1 - Name,Organization 1 - Title\n"
        "Erin Example,Erin,Example,* myContacts,Home,erin@example.org,Work Fax,+1 555 0100,"
        "ACME,CTO\n");
    ASSERT_EQ(read.cards.size(), 1u);
    const vcard::Card& c = read.cards[0];
    EXPECT_EQ(c.formatted_name(), "Erin Example");
    EXPECT_TRUE(c.categories().empty());  // Google's own group
    EXPECT_EQ(c.emails()[0].types, std::vector<std::string>{"home"});
    EXPECT_EQ(c.phones()[0].types, (std::vector<std::string>{"work", "fax"}));
    EXPECT_EQ(c.organization(), std::vector<std::string>{"ACME"});
    EXPECT_EQ(c.title(), "CTO");
}

TEST(CsvContacts, OutlookExportTitleIsTheCourtesyTitleBesideJobTitle) {
    const auto read = read_csv(
        "Title,First Name,Middle Name,Last Name,Suffix,Company,Department,Job Title,"
        "Business Street,Business City,Business Postal Code,Business Country/Region,"
        "Business Fax,Business Phone,Home Phone,Mobile Phone,Primary Phone,Assistant's Phone,"
        "Birthday,Categories,E-mail Address,E-mail 2 Address,Notes\r\n"
        "Dr.,Finn,,Example,Jr.,Example Ltd,R&D,Engineer,1 Main St,Springfield,62701,USA,"
        "+1 555 0101,+1 555 0102,+1 555 0103,+1 555 0104,+1 555 0105,+1 555 0106,4/12/1985,"
        "Work;Golf,finn@example.com,finn@home.example,\"Line one\r\nLine two\"\r\n"
        "Mr.,Gus,,Gray,,,,,,,,,,,,,,,0/0/00,,,,\r\n");
    ASSERT_TRUE(read.errors.empty()) << read.errors.front().message;
    ASSERT_EQ(read.cards.size(), 2u);
    const vcard::Card& c = read.cards[0];
    EXPECT_EQ(c.formatted_name(), "Dr. Finn Example Jr.");
    EXPECT_EQ(c.name()->prefixes, std::vector<std::string>{"Dr."});
    EXPECT_EQ(c.title(), "Engineer");
    EXPECT_EQ(c.organization(), (std::vector<std::string>{"Example Ltd", "R&D"}));
    const auto phones = c.phones();
    ASSERT_EQ(phones.size(), 6u);
    EXPECT_EQ(phones[0].types, (std::vector<std::string>{"work", "fax"}));
    EXPECT_EQ(phones[2].types, std::vector<std::string>{"home"});
    EXPECT_EQ(phones[3].types, std::vector<std::string>{"cell"});
    EXPECT_EQ(phones[4].pref, 1);
    EXPECT_EQ(label_of(c, *c.all("TEL")[5]), "assistant");
    EXPECT_EQ(c.addresses()[0].country, "USA");
    EXPECT_EQ(c.addresses()[0].types, std::vector<std::string>{"work"});
    EXPECT_EQ(values(c, "BDAY"), std::vector<std::string>{"19850412"});
    EXPECT_EQ(c.categories(), (std::vector<std::string>{"Work", "Golf"}));
    EXPECT_EQ(c.emails().size(), 2u);
    EXPECT_EQ(c.note(), "Line one\nLine two");
    EXPECT_TRUE(read.cards[1].all("BDAY").empty());  // 0/0/00: none
    EXPECT_EQ(read.card_numbers, (std::vector<std::size_t>{1, 2}));
}

TEST(CsvContacts, ThunderbirdExportWithDisplayNameAndBirthdayInParts) {
    const auto read = read_csv(
        "First Name,Last Name,Display Name,Nickname,Primary Email,Secondary Email,Work Phone,"
        "Home Phone,Fax Number,Pager Number,Mobile Number,Home Address,Home City,Home ZipCode,"
        "Home Country,Job Title,Department,Organization,Web Page 1,Birth Year,Birth Month,"
        "Birth Day,Notes,\n"
        "Hana,Example,Hana E.,,hana@example.org,,+81 3 5550 0100,,,,+81 90 5550 0101,"
        "1-2-3 Chiyoda,Tokyo,100-0001,Japan,Designer,,Example KK,https://example.jp,,4,12,,\n");
    ASSERT_TRUE(read.errors.empty()) << read.errors.front().message;
    ASSERT_EQ(read.cards.size(), 1u);
    const vcard::Card& c = read.cards[0];
    EXPECT_EQ(c.formatted_name(), "Hana E.");
    EXPECT_EQ(c.name()->given, std::vector<std::string>{"Hana"});
    EXPECT_EQ(c.emails()[0].pref, 1);
    EXPECT_EQ(c.phones().size(), 2u);
    EXPECT_EQ(c.addresses()[0].locality, "Tokyo");
    EXPECT_EQ(c.addresses()[0].types, std::vector<std::string>{"home"});
    EXPECT_EQ(values(c, "BDAY"), std::vector<std::string>{"--0412"});
}

TEST(CsvContacts, SemicolonsFromLocalesAndWindows1252FromOldOutlook) {
    const std::string text = client::transfer::csv_text_as_utf8(
        "Vorname;Nachname;Name;E-Mail-Adresse\r\nJ\xFCrgen;M\xFCller;J\xFCrgen M\xFCller;"
        "j@example.de\r\n");
    const auto read = read_csv(text);
    ASSERT_EQ(read.cards.size(), 1u);
    EXPECT_EQ(read.cards[0].formatted_name(), "Jürgen Müller");
}

TEST(CsvContacts, RowsWithProblemsAreNamedByNumberAndLine) {
    const auto read = read_csv(
        "Name,E-mail Address,Birthday\n"
        "Ivy,ivy@example.org,sometime\n"
        ",,\n"
        "Jo,jo@example.org,,extra\n"
        "Kim,\"kim@example.org\n");
    ASSERT_EQ(read.cards.size(), 2u);
    EXPECT_EQ(read.card_numbers, (std::vector<std::size_t>{1, 3}));  // row 2 is blank
    ASSERT_EQ(read.errors.size(), 3u);
    EXPECT_EQ(read.errors[0].message,
              "card 1, line 2: birthday 'sometime' is not a date written YYYY-MM-DD or "
              "M/D/YYYY; left out");
    EXPECT_EQ(read.errors[1].message,
              "card 3, line 4: the row has 4 fields, the header 3; the ones without a header are "
              "left out");
    EXPECT_EQ(read.errors[2].card_number, 4u);
    EXPECT_NE(read.errors[2].reason.find("not closed"), std::string::npos);
}

TEST(CsvContacts, AHeaderWithoutANameColumnIsNoContactsCsv) {
    EXPECT_FALSE(contacts_csv_layout("Date,Amount,Payee\n2024-01-01,12.50,Shop\n"));
    EXPECT_FALSE(contacts_csv_layout("BEGIN:VCARD\r\nVERSION:3.0\r\nFN:A\r\nEND:VCARD\r\n"));
    EXPECT_FALSE(contacts_csv_layout("just some notes, written by hand\n"));
    EXPECT_EQ(client::transfer::csv_header_not_understood("Date,Amount,Payee\n").message,
              "a contacts CSV needs a header row that names a name column (Name, First Name, "
              "Last Name, Given Name, Family Name, Middle Name, Display Name or Full Name), as "
              "Google Contacts, Outlook and Thunderbird export them; its first row is 'Date', "
              "'Amount', 'Payee'");
}

TEST(CsvContacts, ImportedIntoTheBookAndMergedByEmailLikeAnyCard) {
    TempDir dir;
    std::ofstream(dir.file("google.csv"), std::ios::binary)
        << "First Name,Last Name,E-mail 1 - Value\nDana,Example,dana@example.org\n";
    std::ofstream(dir.file("dana.vcf"), std::ios::binary)
        << "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Dana Example\r\nEMAIL:DANA@example.org\r\n"
           "TEL:+49 30 5550100\r\nEND:VCARD\r\n";
    auto book = open_test_book();
    auto report =
        client::transfer::import_files(*book, {dir.file("google.csv"), dir.file("dana.vcf")});
    ASSERT_TRUE(report.ok()) << report.error().message;
    EXPECT_EQ(report->summary(), "1 new, 1 merged, 0 failed");
    EXPECT_EQ(report->files, 2u);
    EXPECT_EQ(*book->count(), 1u);
}

TEST(CsvContacts, ACsvFileWhoseHeaderIsNotUnderstoodSaysWhatWasExpected) {
    TempDir dir;
    std::ofstream(dir.file("bank.csv"), std::ios::binary) << "Date,Amount\n2024-01-01,12.50\n";
    auto book = open_test_book();
    auto report = client::transfer::import_files(*book, {dir.file("bank.csv")});
    ASSERT_TRUE(report.ok());
    ASSERT_EQ(report->unreadable.size(), 1u);
    EXPECT_NE(report->unreadable[0].reason.find("needs a header row that names a name column"),
              std::string::npos)
        << report->unreadable[0].reason;
    EXPECT_EQ(report->outcome(), client::transfer::ImportOutcome::nothing_imported);
}

}  // namespace
}  // namespace cardex::testing
