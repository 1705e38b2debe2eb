// A new user's first hour with `cardex`, with the mistakes people make: each answer names
// the problem, and the exit code is the one the README gives.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <random>

#include "tests/integration/cardex_user.hpp"
#include "tests/integration/terminal.hpp"

namespace cardex::testing {
namespace {

namespace fs = std::filesystem;
using namespace std::chrono_literals;

void write(const fs::path& path, const std::string& text) {
    std::ofstream(path, std::ios::binary) << text;
}

std::string vcard(const std::string& name) {
    return "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:" + name + "\r\nEND:VCARD\r\n";
}

TEST(CardexCli, AMistypedCommandIsNamedWithTheNearestOne) {
    CardexUser alice("ALICE");
    const auto typo = alice.run({"lsit"});
    EXPECT_EQ(typo.exit_code, 2) << describe(typo);
    EXPECT_EQ(typo.output,
              "cardex: unknown command 'lsit'; did you mean 'list'? "
              "(cardex --help lists them)\n");
    const auto sub = alice.run({"account", "sett", "--jid", "alice@a.test"});
    EXPECT_EQ(sub.exit_code, 2) << describe(sub);
    EXPECT_EQ(sub.output,
              "cardex: unknown command 'account sett'; did you mean "
              "'account set'? (cardex "
              "account --help lists them)\n");
    const auto nothing_like = alice.run({"frobnicate"});
    EXPECT_EQ(nothing_like.exit_code, 2);
    EXPECT_EQ(nothing_like.output,
              "cardex: unknown command 'frobnicate' (cardex --help lists them)\n");
    const auto missing = alice.run({"account"});
    EXPECT_EQ(missing.exit_code, 2);
    EXPECT_EQ(missing.output,
              "cardex: 'account' needs one of its commands: set, show, test (cardex account "
              "--help says more)\n");
}

TEST(CardexCli, AMistypedCommandInTheShellIsNamedToo) {
    CardexUser alice("ALICE");
    Terminal terminal(alice.command_line({"shell"}), 100, 20);
    ASSERT_TRUE(terminal.started());
    ASSERT_TRUE(terminal.wait_for("cardex>", 20s)) << terminal.screen();
    terminal.type("lsit");
    terminal.press("Enter");
    EXPECT_TRUE(terminal.wait_for(
        "cardex: unknown command 'lsit'; did you mean 'list'? (help lists them)", 10s))
        << terminal.screen();
    terminal.type("account sett");
    terminal.press("Enter");
    EXPECT_TRUE(
        terminal.wait_for("cardex: unknown command 'account sett'; did you mean 'account "
                          "set'? (account --help lists them)",
                          10s))
        << terminal.screen();
    terminal.type("exit");
    terminal.press("Enter");
    EXPECT_TRUE(terminal.wait_for_exit(10s)) << terminal.screen();
}

TEST(CardexCli, AFileThatIsNotThereIsNamedAndNothingIsImported) {
    CardexUser alice("ALICE");
    const fs::path missing = alice.profile() / "contacts.vcf";
    const auto imported = alice.run({"import", missing.string()});
    EXPECT_EQ(imported.exit_code, 1) << describe(imported);
    EXPECT_EQ(imported.output,
              "cannot import " + missing.string() + ": it does not exist\nNothing imported.\n");
}

TEST(CardexCli, AFolderImportCountsAndNamesWhatItSkipped) {
    CardexUser alice("ALICE");
    const fs::path folder = alice.profile() / "phone-export";
    fs::create_directories(folder);
    const std::string name = unique_name("Folder");
    write(folder / "one.vcf", vcard(name + " One"));
    write(folder / "two.vcf", vcard(name + " Two"));
    write(folder / "three.vcf", vcard(name + " Three"));
    write(folder / "photo.jpg", std::string("\xFF\xD8\xFF\xE0\0\x10JFIF\0", 11));
    write(folder / "readme.txt", "exported from my phone\n");
    const auto imported = alice.run({"import", folder.string()});
    EXPECT_EQ(imported.exit_code, 0) << describe(imported);
    EXPECT_EQ(imported.output, "skipped " + (folder / "photo.jpg").string() +
                                   ": not a vCard, xCard, jCard or contacts CSV file\n"
                                   "skipped " +
                                   (folder / "readme.txt").string() +
                                   ": not a vCard, xCard, jCard or contacts CSV file\n"
                                   "Imported 3 files: 3 new, 0 merged, 0 failed; 2 other files "
                                   "skipped.\n");
}

TEST(CardexCli, ImportExitCodesSayAllSomeOrNothingAndATruncatedCardHasOneOutcome) {
    CardexUser alice("ALICE");
    const std::string name = unique_name("Cut");
    const fs::path mixed = alice.profile() / "mixed.vcf";
    write(mixed, vcard(name + " Good") + "BEGIN:VCARD\r\nVERSION:3.0\r\nTITLE:x\r\nEND:VCARD\r\n");
    const auto some = alice.run({"import", mixed.string()});
    EXPECT_EQ(some.exit_code, 5) << describe(some);
    EXPECT_TRUE(contains(some.output, "Imported 1 file: 1 new, 0 merged, 1 failed."))
        << some.output;
    const fs::path bad = alice.profile() / "bad.vcf";
    write(bad, "BEGIN:VCARD\r\nVERSION:3.0\r\nTITLE:x\r\nEND:VCARD\r\n");
    const auto none = alice.run({"import", bad.string()});
    EXPECT_EQ(none.exit_code, 1) << describe(none);
    EXPECT_TRUE(contains(none.output, "Nothing imported from 1 file: 1 card failed."))
        << none.output;

    const fs::path cut = alice.profile() / "cut.vcf";
    write(cut, vcard(name + " One") + "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:" + name +
                   " Two\r\nTEL:+49 30 5550100\r\n\r\n");
    const auto truncated = alice.run({"import", cut.string()});
    EXPECT_EQ(truncated.exit_code, 0) << describe(truncated);
    EXPECT_EQ(truncated.output, "warning: " + cut.string() +
                                    ", card 2 (imported): line 8: END:VCARD missing after the "
                                    "card's last line; the input ends without it\n"
                                    "Imported 1 file: 2 new, 0 merged, 0 failed.\n");
}

TEST(CardexCli, AMailProgramsCsvIsImportedAndAnUnknownOneExplained) {
    CardexUser alice("ALICE");
    const std::string name = unique_name("Csv");
    const fs::path google = alice.profile() / "contacts.csv";
    write(google,
          "\xEF\xBB\xBF"
          "First Name,Last Name,Organization Name,E-mail 1 - "
          "Label,E-mail 1 - Value,"
          "Phone 1 - Label,Phone 1 - Value,Notes\r\n" +
              name +
              ",Example,\"Example Widgets, GmbH\",* "
              "Work,csv@example.org,Büro direkt," +
              "+49 30 5550123,\"first line\r\nsecond line\"\r\n");
    const auto imported = alice.run({"import", google.string()});
    EXPECT_EQ(imported.exit_code, 0) << describe(imported);
    EXPECT_EQ(imported.output, "Imported 1 file: 1 new, 0 merged, 0 failed.\n");
    const auto shown = alice.run({"show", name});
    EXPECT_TRUE(contains(shown.output, "Example Widgets, GmbH")) << shown.output;
    EXPECT_TRUE(contains(shown.output, "│ phone (Büro direkt)  +49 30 5550123")) << shown.output;
    EXPECT_TRUE(contains(shown.output, "│ e-mail (work)")) << shown.output;

    const fs::path bank = alice.profile() / "bank.csv";
    write(bank, "Date,Amount,Payee\n2024-01-01,12.50,Shop\n");
    const auto refused = alice.run({"import", bank.string()});
    EXPECT_EQ(refused.exit_code, 1) << describe(refused);
    EXPECT_TRUE(
        contains(refused.output, "cannot import " + bank.string() +
                                     ": a contacts CSV needs a header row that names a name column "
                                     "(Name, First Name, Last Name, Given Name, Family Name"))
        << refused.output;
    EXPECT_TRUE(contains(refused.output, "its first row is 'Date', 'Amount', 'Payee'"))
        << refused.output;
}

TEST(CardexCli, EditingACardDownToNoNameIsRefusedAndTheEditKept) {
    CardexUser alice("ALICE");
    const std::string name = unique_name("Edith");
    ASSERT_EQ(alice.run({"add", "--name", name, "--phone", "123"}).exit_code, 0);
    const auto editor = [](const std::string& command) {
        return std::vector<std::string>{"VISUAL=" + command, "EDITOR=" + command};
    };
    const auto no_name = alice.run({"edit", name}, editor("sed -i /^FN/d"));
    EXPECT_EQ(no_name.exit_code, 1) << describe(no_name);
    EXPECT_TRUE(contains(no_name.output,
                         "cardex: the edited card was not saved: the card has no name (an FN "
                         "line such as FN:Alice Example). The contact is unchanged; your edit is "
                         "kept in "))
        << no_name.output;
    const std::string kept = no_name.output.substr(no_name.output.rfind(' ') + 1);
    EXPECT_TRUE(fs::exists(kept.substr(0, kept.size() - 1))) << no_name.output;
    EXPECT_EQ(alice.run({"show", name}).exit_code, 0);  // still found by its name

    const auto no_end = alice.run({"edit", name}, editor("sed -i /^END/d"));
    EXPECT_EQ(no_end.exit_code, 1) << describe(no_end);
    EXPECT_TRUE(contains(no_end.output,
                         "END:VCARD missing after the card's last line; the input ends without "
                         "it. The contact is unchanged; your edit is kept in "))
        << no_end.output;
    EXPECT_FALSE(contains(no_end.output, "kept as read")) << no_end.output;
}

// Completion in a real terminal: the first Tab completes as far as the names agree (opening
// a quote, as the names have blanks), the second lists them; a complete name gets its quote
// closed and a space. Ctrl-D leaves with 0 whatever the last command returned.
TEST(CardexCli, TheShellClosesQuotesListsCandidatesAndLeavesWithZero) {
    CardexUser alice("ALICE");
    const std::string base = unique_name("Quinn");
    ASSERT_EQ(alice.run({"add", "--name", base + " Alpha", "--phone", "+49 30 5550141"}).exit_code,
              0);
    ASSERT_EQ(alice.run({"add", "--name", base + " Beta", "--phone", "+49 30 5550142"}).exit_code,
              0);
    const fs::path status = alice.profile() / "shell-status";
    Terminal terminal(
        alice.command_line({"shell"}) + "; echo $? > " + shell_quoted(status.string()), 120, 40);
    ASSERT_TRUE(terminal.started());
    ASSERT_TRUE(terminal.wait_for("cardex>", 20s)) << terminal.screen();
    terminal.type("show " + base.substr(0, base.size() - 2));
    terminal.press("Tab");
    ASSERT_TRUE(terminal.wait_for("cardex> show \"" + base, 10s)) << terminal.screen();
    terminal.press("Tab");
    ASSERT_TRUE(terminal.wait_until(
        [&](const std::string& screen) {
            return contains(screen, base + " Alpha") && contains(screen, base + " Beta");
        },
        10s))
        << terminal.screen();
    terminal.type("B");
    terminal.press("Tab");
    terminal.type("X");  // shows where the cursor was: after the closing quote and a space
    ASSERT_TRUE(terminal.wait_for("cardex> show \"" + base + " Beta\" X", 10s))
        << terminal.screen();
    terminal.press("BSpace");
    terminal.press("Enter");
    ASSERT_TRUE(terminal.wait_for("+49 30 5550142", 10s)) << terminal.screen();
    terminal.type("show \"" + base + " Al");
    terminal.press("Tab");
    terminal.type("X");
    ASSERT_TRUE(terminal.wait_for("cardex> show \"" + base + " Alpha\" X", 10s))
        << terminal.screen();
    terminal.press("BSpace");
    terminal.press("Enter");
    ASSERT_TRUE(terminal.wait_for("+49 30 5550141", 10s)) << terminal.screen();
    terminal.type("show Nobody");  // fails: the shell still leaves with 0
    terminal.press("Enter");
    ASSERT_TRUE(terminal.wait_for("cardex: no contact matches 'Nobody'", 10s)) << terminal.screen();
    terminal.press("C-d");
    ASSERT_TRUE(terminal.wait_for_exit(10s)) << terminal.screen();
    EXPECT_EQ(read_file(status), "0\n") << terminal.screen();
}

TEST(CardexCli, HelpOfACommandShowsCardexsOwnOptionsAndContactOnlyWhereTaken) {
    CardexUser alice("ALICE");
    const auto list = alice.run({"list", "--help"});
    EXPECT_EQ(list.exit_code, 0);
    EXPECT_TRUE(contains(list.output, "Usage: cardex list")) << list.output;
    EXPECT_FALSE(contains(list.output, "CONTACT is the number")) << list.output;
    EXPECT_TRUE(contains(list.output,
                         "Options of cardex itself go before the command (cardex "
                         "--profile DIR list ...):"))
        << list.output;
    EXPECT_TRUE(contains(list.output, "  --profile DIR")) << list.output;
    EXPECT_TRUE(contains(list.output, "  --server HOST[:PORT]")) << list.output;
    const auto show = alice.run({"show", "--help"});
    EXPECT_TRUE(contains(show.output, "CONTACT is the number")) << show.output;
    EXPECT_TRUE(contains(show.output, "  --profile DIR")) << show.output;
    const auto set = alice.run({"account", "set", "--help"});
    EXPECT_FALSE(contains(set.output, "CONTACT is the number")) << set.output;
    EXPECT_TRUE(contains(set.output, "(cardex --profile DIR account set ...)")) << set.output;
}

// An iPhone export labels numbers and addresses in groups (item2.TEL with
// item2.X-ABLabel:_$!<AssistantPhone>!$_): show gives the label as the number's type.
TEST(CardexCli, ShowGivesTheLabelsAPhoneGaveNumbersAsTheirTypes) {
    CardexUser alice("ALICE");
    const auto imported =
        alice.run({"import", std::string(CARDEX_CORPUS_DIR) + "/ez-vcard/John_Doe_IPHONE.vcf"});
    ASSERT_EQ(imported.exit_code, 0) << describe(imported);
    const auto box = alice.run({"show", "john.doe@ibm.com"});
    EXPECT_EQ(box.exit_code, 0) << describe(box);
    EXPECT_TRUE(contains(box.output, "│ phone (assistant phone)  905-222-1234")) << box.output;
    EXPECT_TRUE(contains(box.output, "│ web (home page)          http://www.ibm.com"))
        << box.output;
}

TEST(CardexCli, ListJsonGivesScriptsFlatFieldsAndShowJsonThePhoto) {
    CardexUser alice("ALICE");
    const auto imported =
        alice.run({"import", std::string(CARDEX_CORPUS_DIR) + "/ez-vcard/John_Doe_IPHONE.vcf"});
    ASSERT_EQ(imported.exit_code, 0) << describe(imported);
    const auto listed = alice.run({"list", "--json", "john.doe@ibm.com"});
    ASSERT_EQ(listed.exit_code, 0) << describe(listed);
    EXPECT_FALSE(contains(listed.output, "data:image")) << listed.output;
    const auto list = nlohmann::json::parse(listed.output);
    ASSERT_EQ(list.size(), 1u) << listed.output;
    const auto& john = list[0];
    EXPECT_EQ(john["name"], "Mr. John Richter James Doe Sr.");
    EXPECT_EQ(john["organization"], "IBM");
    EXPECT_EQ(john["department"], "Accounting");
    EXPECT_EQ(john["title"], "Money Counter");
    EXPECT_EQ(john["birthday"], "2012-06-06");
    EXPECT_EQ(john["has_photo"], true);
    EXPECT_FALSE(john.contains("jcard"));
    ASSERT_EQ(john["phones"].size(), 7u);
    EXPECT_EQ(john["phones"][6]["number"], "905-222-1234");
    EXPECT_EQ(john["phones"][6]["label"], "assistant phone");
    EXPECT_EQ(john["emails"][0]["address"], "john.doe@ibm.com");
    EXPECT_EQ(john["addresses"][1]["locality"], "New York");
    EXPECT_EQ(john["addresses"][1]["types"], nlohmann::json::array({"work"}));
    EXPECT_EQ(john["urls"], nlohmann::json::array({"http://www.ibm.com"}));

    const auto shown = alice.run({"show", "--json", "john.doe@ibm.com"});
    const auto card = nlohmann::json::parse(shown.output);
    EXPECT_EQ(card["photo"]["media_type"], "image/jpeg");
    EXPECT_TRUE(card["photo"]["uri"].get<std::string>().starts_with("data:image/jpeg;base64,"));
    EXPECT_EQ(card["phones"], john["phones"]);
}

}  // namespace
}  // namespace cardex::testing
