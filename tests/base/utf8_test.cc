#include "base/utf8.h"

#include "gtest/gtest.h"

namespace rstscope::base {
namespace {

TEST(Utf8Test, RejectsOverlongsSurrogatesAndTruncations) {
  EXPECT_TRUE(IsValidUtf8("K\xC3\xB6ln \xF0\x9F\x98\x80"));
  EXPECT_FALSE(IsValidUtf8("\xC0\xAF"));          // overlong '/'
  EXPECT_FALSE(IsValidUtf8("\xED\xA0\x80"));      // UTF-16 surrogate
  EXPECT_FALSE(IsValidUtf8("\xF4\x90\x80\x80"));  // above U+10FFFF
  EXPECT_FALSE(IsValidUtf8("\xE2\x82"));          // truncated
}

TEST(Utf8Test, SanitizeReplacesEachBrokenSequenceOnce) {
  std::string out;
  EXPECT_EQ(AppendUtf8Sanitized("a\xE2\x82z", &out), 1u);
  EXPECT_EQ(out, "a\xEF\xBF\xBDz");
}

TEST(Utf8Test, CodepointsAreWhatSqliteSubstrCounts) {
  EXPECT_EQ(CountCodepoints("K\xC3\xB6ln"), 4u);
  EXPECT_EQ(CountCodepoints(""), 0u);
  // Longer than one 8-byte word, with multi-byte characters across word
  // boundaries and in the tail: 2-, 3- and 4-byte sequences and a stray
  // continuation byte (counted as nothing, as before).
  EXPECT_EQ(CountCodepoints("abcdefg\xC3\xB6hijklm\xE2\x82\xACnopq\xF0\x9F\x98\x80rs"), 22u);
  EXPECT_EQ(CountCodepoints("0123456789abcdef\x80xyz"), 19u);
  EXPECT_EQ(CountCodepoints(std::string(1000, 'a') + "\xC3\xA9"), 1001u);
}

TEST(Utf8Test, Utf16ConversionKeepsASplitSurrogatePairForTheNextChunk) {
  // U+1F600 as UTF-16LE: 3D D8 00 DE.
  std::string out;
  EXPECT_EQ(AppendUtf16AsUtf8("A\0\x3D\xD8", 4, false, &out), 2u);
  EXPECT_EQ(out, "A");
  EXPECT_EQ(AppendUtf16AsUtf8("\x3D\xD8\x00\xDE", 4, false, &out), 4u);
  EXPECT_EQ(out, "A\xF0\x9F\x98\x80");
}

TEST(Utf8Test, ControlCharactersAreMeasuredAndShownAsText) {
  const std::string s = "a\x1b[\x07\r\n\t\x7f\xc2\x9b\xc2\xa0\xc2";
  std::vector<size_t> lengths;
  for (size_t i = 0; i < s.size(); ++i) lengths.push_back(ControlCharLength(s, i, true));
  // a ESC [ BEL CR LF TAB DEL (C2 9B: U+009B, a C1 CSI) (C2 A0: no-break
  // space) and a lone C2 at the end.
  EXPECT_EQ(lengths, (std::vector<size_t>{0, 1, 0, 1, 1, 0, 0, 1, 2, 0, 0, 0, 0}));
  EXPECT_EQ(ControlCharLength(s, 4, /*cr_is_control=*/false), 0u);
  std::string out;
  AppendControlEscape("\x1b", &out);
  AppendControlEscape("\x7f", &out);
  AppendControlEscape("\xc2\x9b", &out);
  EXPECT_EQ(out, "\\x1b\\x7f\\u009b");
}

}  // namespace
}  // namespace rstscope::base
