#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "client/ui/text_width.hpp"

namespace cardex::client::ui {
namespace {

using Lines = std::vector<std::string>;

TEST(UiDisplayWidth, AsciiTakesOneColumnPerCharacter) {
    EXPECT_EQ(display_width(""), 0u);
    EXPECT_EQ(display_width("Alice Example"), 13u);
}

TEST(UiDisplayWidth, CombiningAccentsTakeNoColumn) {
    EXPECT_EQ(display_width("e\xCC\x81"), 1u);      // e + U+0301
    EXPECT_EQ(display_width("Jos\xC3\xA9"), 4u);    // precomposed é
    EXPECT_EQ(display_width("Jose\xCC\x81"), 4u);   // decomposed é
    EXPECT_EQ(display_width("a\xE2\x83\x9D"), 1u);  // enclosing circle U+20DD
    EXPECT_EQ(display_width("Stra\xC3\x9F"
                            "e"),
              6u);  // ß
}

TEST(UiDisplayWidth, CjkHangulAndFullwidthFormsTakeTwoColumns) {
    EXPECT_EQ(display_width("山田太郎"), 8u);
    EXPECT_EQ(display_width("山田 太郎"), 9u);
    EXPECT_EQ(display_width("김민수"), 6u);
    EXPECT_EQ(display_width("ＡＢＣ"), 6u);  // fullwidth Latin
    EXPECT_EQ(display_width("カタカナ"), 8u);
    EXPECT_EQ(display_width("ｶﾀｶﾅ"), 4u);  // halfwidth katakana stay narrow
    EXPECT_EQ(display_width("\xE1\x84\x92\xE1\x85\xA1\xE1\x86\xAB"), 2u);  // 한 as conjoining jamo
}

TEST(UiDisplayWidth, EmojiTakeTwoColumnsAndJoinersNone) {
    EXPECT_EQ(display_width("\xF0\x9F\x98\x80"), 2u);  // 😀
    EXPECT_EQ(display_width("\xE2\x8C\x9A"), 2u);      // ⌚ U+231A
    // Regional indicators are emoji presentation without being East Asian wide: 🇩🇪.
    EXPECT_EQ(display_width("\xF0\x9F\x87\xA9\xF0\x9F\x87\xAA"), 4u);
    // 👨‍👩‍👧: three emoji joined by two ZERO WIDTH JOINERs.
    EXPECT_EQ(display_width("\xF0\x9F\x91\xA8\xE2\x80\x8D\xF0\x9F\x91\xA9\xE2\x80\x8D"
                            "\xF0\x9F\x91\xA7"),
              6u);
    EXPECT_EQ(display_width("a\xE2\x80\x8D"
                            "b"),
              2u);  // ZWJ
    EXPECT_EQ(display_width("a\xE2\x80\x8B"
                            "b"),
              2u);  // ZERO WIDTH SPACE
    EXPECT_EQ(display_width("a\xE2\x80\x8F"
                            "b"),
              2u);  // RIGHT-TO-LEFT MARK
}

TEST(UiDisplayWidth, ControlCharactersTakeNoColumn) {
    EXPECT_EQ(display_width("a\tb\nc\x1B"), 3u);
    EXPECT_EQ(display_width("\x7F"), 0u);
    EXPECT_EQ(display_width("\xC2\x9B"), 0u);  // C1 CSI
}

TEST(UiDisplayWidth, InvalidUtf8CountsOneColumnPerBadSequence) {
    EXPECT_EQ(display_width("\xFF"), 1u);
    EXPECT_EQ(display_width("a\xFF\xFE"
                            "b"),
              4u);
    EXPECT_EQ(display_width("\xC3"), 1u);  // truncated 2-byte sequence
    EXPECT_EQ(display_width("\xE5\xB1"
                            "x"),
              2u);                                 // truncated 山, then x
    EXPECT_EQ(display_width("\xC0\xAF"), 2u);      // overlong '/': two bad bytes
    EXPECT_EQ(display_width("\xED\xA0\x80"), 3u);  // a UTF-16 surrogate
}

TEST(UiPadding, PadsToDisplayWidthNotBytes) {
    EXPECT_EQ(pad_right("ab", 5), "ab   ");
    EXPECT_EQ(pad_right("山田", 5), "山田 ");
    EXPECT_EQ(pad_left("山田", 5), " 山田");
    EXPECT_EQ(pad_left("7", 3), "  7");
    EXPECT_EQ(pad_right("e\xCC\x81", 3), "e\xCC\x81  ");
}

TEST(UiPadding, LeavesTextAlreadyWideEnoughAlone) {
    EXPECT_EQ(pad_right("山田太郎", 5), "山田太郎");
    EXPECT_EQ(pad_left("abcdef", 6), "abcdef");
}

TEST(UiTruncate, KeepsTextThatFits) {
    EXPECT_EQ(truncate_to_width("山田太郎", 8), "山田太郎");
    EXPECT_EQ(truncate_to_width("abc", 3), "abc");
    EXPECT_EQ(truncate_to_width("", 0), "");
}

TEST(UiTruncate, CutsWithEllipsisWithoutSplittingWideCharacters) {
    EXPECT_EQ(truncate_to_width("山田太郎", 5), "山田…");
    EXPECT_EQ(truncate_to_width("山田太郎", 4), "山…");
    EXPECT_EQ(truncate_to_width("山田太郎", 7), "山田太…");
    EXPECT_EQ(truncate_to_width("山田太郎", 1), "…");
    EXPECT_EQ(truncate_to_width("山田太郎", 0), "");
    EXPECT_EQ(truncate_to_width("abcdef", 4), "abc…");
    for (std::size_t width = 0; width < 10; ++width) {
        EXPECT_LE(display_width(truncate_to_width("山田太郎 Yamada", width)), width) << width;
    }
}

TEST(UiTruncate, DropsSpacesBeforeTheEllipsis) {
    EXPECT_EQ(truncate_to_width("met at the fair", 12), "met at the…");
}

TEST(UiTruncate, KeepsCombiningMarksWithTheirLetter) {
    EXPECT_EQ(truncate_to_width("Jose\xCC\x81 Garc\xC3\xAD"
                                "a",
                                6),
              "Jose\xCC\x81…");
}

TEST(UiTruncate, NeverSplitsAUtf8Sequence) {
    EXPECT_EQ(truncate_to_width("a\xC3\xA9\xC3\xA9\xC3\xA9", 3), "a\xC3\xA9…");
}

TEST(UiWrap, BreaksAtSpaces) {
    EXPECT_EQ(wrap_to_width("the quick brown fox jumps", 10),
              (Lines{"the quick", "brown fox", "jumps"}));
    EXPECT_EQ(wrap_to_width("exactly ten", 11), (Lines{"exactly ten"}));
    EXPECT_EQ(wrap_to_width("a  b", 10), (Lines{"a  b"}));  // spaces inside a line are kept
}

TEST(UiWrap, DropsSpacesWhereALineBreaks) {
    EXPECT_EQ(wrap_to_width("aaaa    bbbb", 5), (Lines{"aaaa", "bbbb"}));
    EXPECT_EQ(wrap_to_width("trailing   ", 20), (Lines{"trailing"}));
    EXPECT_EQ(wrap_to_width("  indented", 20), (Lines{"  indented"}));
}

TEST(UiWrap, BreaksInsideAWordOnlyWhenItIsWiderThanTheLine) {
    EXPECT_EQ(wrap_to_width("see https://example.org/a/long/path now", 12),
              (Lines{"see", "https://exam", "ple.org/a/lo", "ng/path now"}));
}

TEST(UiWrap, BreaksCjkBetweenCharacters) {
    EXPECT_EQ(wrap_to_width("東京都渋谷区桜丘町", 7), (Lines{"東京都", "渋谷区", "桜丘町"}));
    EXPECT_EQ(wrap_to_width("東京都渋谷区桜丘町", 8), (Lines{"東京都渋", "谷区桜丘", "町"}));
    EXPECT_EQ(wrap_to_width("渋谷区26-1セルリアン", 10), (Lines{"渋谷区26-1", "セルリアン"}));
    // CJK after a Latin word fills the rest of the line instead of moving down whole.
    EXPECT_EQ(wrap_to_width("Tokyo 東京都渋谷区", 10), (Lines{"Tokyo 東京", "都渋谷区"}));
}

TEST(UiWrap, KeepsExistingLineBreaks) {
    EXPECT_EQ(wrap_to_width("one\ntwo\r\n\nthree", 20), (Lines{"one", "two", "", "three"}));
    EXPECT_EQ(wrap_to_width("", 20), (Lines{""}));
}

TEST(UiWrap, AWideCharacterWiderThanTheLineGetsALineOfItsOwn) {
    EXPECT_EQ(wrap_to_width("山田", 1), (Lines{"山", "田"}));
}

TEST(UiWrap, NoLineIsWiderThanAsked) {
    const std::string text =
        "Müller-Lüdenscheidt GmbH 山田太郎様 https://example.org/some/long/path?x=1 Ende";
    for (std::size_t width = 2; width < 30; ++width) {
        for (const auto& line : wrap_to_width(text, width))
            EXPECT_LE(display_width(line), width) << width << ": " << line;
    }
}

TEST(UiSanitize, ReplacesEscapeSequencesAsAWhole) {
    EXPECT_EQ(sanitize_for_terminal("\x1B[31mRed\x1B[0m"), "\xEF\xBF\xBDRed\xEF\xBF\xBD");
    EXPECT_EQ(sanitize_for_terminal("\x1B[2J\x1B[1;1HAlice"),
              "\xEF\xBF\xBD\xEF\xBF\xBD"
              "Alice");
    // Window title (OSC ... BEL) and a hyperlink (OSC ... ST).
    EXPECT_EQ(sanitize_for_terminal("\x1B]0;pwned\x07"
                                    "Bob"),
              "\xEF\xBF\xBD"
              "Bob");
    EXPECT_EQ(sanitize_for_terminal("\x1B]8;;http://evil\x1B\\x"), "\xEF\xBF\xBDx");
    EXPECT_EQ(sanitize_for_terminal("\x1B"
                                    "c"
                                    "reset"),
              "\xEF\xBF\xBDreset");
    EXPECT_EQ(sanitize_for_terminal("\x1B(B"
                                    "ok"),
              "\xEF\xBF\xBDok");
}

TEST(UiSanitize, AnUnterminatedControlStringDoesNotHideTheRest) {
    EXPECT_EQ(sanitize_for_terminal("\x1B]0;title never ends"),
              "\xEF\xBF\xBD"
              "0;title never ends");
    EXPECT_EQ(sanitize_for_terminal("end\x1B"), "end\xEF\xBF\xBD");
}

TEST(UiSanitize, ReplacesControlCharactersAndRepairsUtf8) {
    EXPECT_EQ(sanitize_for_terminal("a\nb\tc\rd\x07"),
              "a\xEF\xBF\xBD"
              "b\xEF\xBF\xBD"
              "c\xEF\xBF\xBD"
              "d\xEF\xBF\xBD");
    EXPECT_EQ(sanitize_for_terminal("\x7F\xC2\x9B"
                                    "31m"),
              "\xEF\xBF\xBD\xEF\xBF\xBD"
              "31m");
    EXPECT_EQ(sanitize_for_terminal("ok\xFF"), "ok\xEF\xBF\xBD");
}

TEST(UiSanitize, ReplacesBidiOverridesThatWouldReorderAValue) {
    // RIGHT-TO-LEFT OVERRIDE ... POP DIRECTIONAL FORMATTING around digits, and an isolate.
    EXPECT_EQ(sanitize_for_terminal("+49 \u202E1234\u202C"), "+49 \uFFFD1234\uFFFD");
    EXPECT_EQ(sanitize_for_terminal("a\u2067b\u2069c"), "a\uFFFDb\uFFFDc");
    // Right-to-left letters themselves are text.
    EXPECT_EQ(sanitize_for_terminal("שלום"), "שלום");
}

TEST(UiSanitize, LeavesPrintableTextAlone) {
    const std::string text = "山田太郎 José e\xCC\x81 \xF0\x9F\x98\x80 \xE2\x80\x8D <b>&amp;</b>";
    EXPECT_EQ(sanitize_for_terminal(text), text);
}

TEST(UiSanitize, OutputHasNoControlBytesWhateverTheInput) {
    std::string every_byte;
    for (int byte = 0; byte < 256; ++byte) {
        every_byte += static_cast<char>(byte);
        every_byte += "\xC2";  // each followed by a C1 lead byte
        every_byte += static_cast<char>(0x80 + byte % 32);
    }
    const std::string clean = sanitize_for_terminal(every_byte);
    for (std::size_t i = 0; i < clean.size(); ++i) {
        const auto byte = static_cast<unsigned char>(clean[i]);
        ASSERT_FALSE(byte < 0x20 || byte == 0x7F) << "byte " << int(byte) << " at " << i;
        if (byte == 0xC2 && i + 1 < clean.size()) {
            const auto next = static_cast<unsigned char>(clean[i + 1]);
            ASSERT_FALSE(next >= 0x80 && next < 0xA0) << "C1 control at " << i;
        }
    }
    EXPECT_EQ(sanitize_for_terminal(clean), clean);  // valid UTF-8 without controls
}

}  // namespace
}  // namespace cardex::client::ui
