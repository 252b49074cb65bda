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
}

TEST(Utf8Test, Utf16ConversionKeepsASplitSurrogatePairForTheNextChunk) {
  // U+1F600 as UTF-16LE: 3D D8 00 DE.
  std::string out;
  EXPECT_EQ(AppendUtf16AsUtf8("A\0\x3D\xD8", 4, false, &out), 2u);
  EXPECT_EQ(out, "A");
  EXPECT_EQ(AppendUtf16AsUtf8("\x3D\xD8\x00\xDE", 4, false, &out), 4u);
  EXPECT_EQ(out, "A\xF0\x9F\x98\x80");
}

}  // namespace
}  // namespace rstscope::base
