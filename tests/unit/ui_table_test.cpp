#include <gtest/gtest.h>

#include <sstream>
#include <string>

#include "client/ui/table.hpp"
#include "client/ui/text_width.hpp"

namespace cardex::client::ui {
namespace {

TEST(UiTable, AlignsCjkCellsByDisplayWidth) {
    Table table;
    table.add_column("#", Align::right);
    table.add_column("name");
    table.add_column("phone");
    table.add_row({"1", "山田太郎", "+81 3 1234 5678"});
    table.add_row({"2", "Alice Example", "+49 30 1234567"});
    table.add_row({"10", "김민수", ""});
    EXPECT_EQ(table.render(),
              " #  name           phone\n"
              " 1  山田太郎       +81 3 1234 5678\n"
              " 2  Alice Example  +49 30 1234567\n"
              "10  김민수\n");
}

TEST(UiTable, RightAlignsColumnsAskedFor) {
    Table table;
    table.add_column("contact");
    table.add_column("cards", Align::right);
    table.add_row({"Alice", "3"});
    table.add_row({"Bob", "120"});
    EXPECT_EQ(table.render(),
              "contact  cards\n"
              "Alice        3\n"
              "Bob        120\n");
}

TEST(UiTable, TruncatesTheWidestColumnFirstWhenTooWide) {
    Table table;
    table.add_column("name");
    table.add_column("jid");
    table.add_column("note");
    table.add_row({"Alice Example", "alice@a.test", "met at the fair, wants the catalogue"});
    table.add_row({"山田太郎", "yamada@example.jp", "名刺交換済み"});
    // Natural widths 13 + 17 + 36 and two gaps of 2: 70. At 50 only the note has to give.
    EXPECT_EQ(table.render(50),
              "name           jid                note\n"
              "Alice Example  alice@a.test       met at the fair…\n"
              "山田太郎       yamada@example.jp  名刺交換済み\n");
    // At 40 the note gives down to the jid's 17, the two take turns down to the name's 13,
    // then all three: 12 each.
    EXPECT_EQ(table.render(40),
              "name          jid           note\n"
              "Alice Examp…  alice@a.test  met at the…\n"
              "山田太郎      yamada@exam…  名刺交換済み\n");
    // At 36 all three are down to 11, 11 and 10.
    EXPECT_EQ(table.render(36),
              "name         jid          note\n"
              "Alice Exam…  alice@a.te…  met at th…\n"
              "山田太郎     yamada@exa…  名刺交換…\n");
}

TEST(UiTable, EveryLineFitsTheWidthAskedFor) {
    Table table;
    table.add_column("#", Align::right);
    table.add_column("name");
    table.add_column("organisation");
    table.add_row({"1", "山田太郎", "株式会社サンプル東京本社営業部"});
    table.add_row({"2", "José García", "Example Widgets GmbH, Sales EMEA"});
    for (std::size_t width = 12; width < 60; ++width) {
        std::istringstream lines(table.render(width));
        for (std::string line; std::getline(lines, line);) {
            EXPECT_LE(display_width(line), width) << width << ": " << line;
            EXPECT_NE(line.back(), ' ') << width << ": " << line;
        }
    }
}

TEST(UiTable, CellsAreSanitisedAndMissingCellsEmpty) {
    Table table;
    table.add_column("name");
    table.add_column("state");
    table.add_row({"Eve\x1B[2J\nX"});
    table.add_row({"Bob", "saved", "ignored"});
    EXPECT_FALSE(table.empty());
    EXPECT_EQ(table.render(),
              "name    state\n"
              "Eve\xEF\xBF\xBD\xEF\xBF\xBDX\n"
              "Bob     saved\n");
}

TEST(UiTable, EmptyTableHasOnlyItsHeader) {
    Table table;
    EXPECT_EQ(table.render(), "");
    table.add_column("name");
    table.add_column("phone");
    EXPECT_TRUE(table.empty());
    EXPECT_EQ(table.render(), "name  phone\n");
}
}  // namespace
}  // namespace cardex::client::ui
