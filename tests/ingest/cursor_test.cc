#include "ingest/cursor.h"

#include <string>

#include "base/hash.h"
#include "gtest/gtest.h"

namespace rstscope::ingest {
namespace {

// Hands out its text `chunk` bytes per read, so hashing is checked across
// read boundaries.
class ChunkSource : public ByteSource {
 public:
  ChunkSource(std::string text, size_t chunk) : text_(std::move(text)), chunk_(chunk) {}
  absl::StatusOr<size_t> Read(char* buf, size_t n) override {
    const size_t take = std::min({n, chunk_, text_.size() - pos_});
    text_.copy(buf, take, pos_);
    pos_ += take;
    return take;
  }
  size_t pos() const { return pos_; }

 private:
  std::string text_;
  size_t chunk_;
  size_t pos_ = 0;
};

void Drain(ByteSource* src) {
  char buf[7];
  while (*src->Read(buf, sizeof buf) > 0) {
  }
}

// The cursor an import of `imported` (all of it) leaves.
base::ImportCursor CursorOf(const std::string& imported, int64_t id, uint64_t lines) {
  base::ImportCursor c;
  c.source_id = id;
  c.name = "s" + std::to_string(id);
  c.offset = imported.size();
  c.prefix_hash = base::HashHex(imported);
  c.head_len = std::min<uint64_t>(c.offset, base::ImportCursor::kHeadBytes);
  c.head_hash = base::HashHex(imported.substr(0, c.head_len));
  c.lines = lines;
  return c;
}

TEST(HashingSourceTest, HashesAllOfItTheCompleteLinesAndTheHead) {
  ChunkSource inner("a\nbc\nde", 3);
  HashingSource h(&inner);
  Drain(&h);
  EXPECT_EQ(h.total_bytes(), 7u);
  EXPECT_EQ(h.total_hash(), base::HashHex("a\nbc\nde"));
  EXPECT_EQ(h.complete_bytes(), 5u);
  EXPECT_EQ(h.complete_hash(), base::HashHex("a\nbc\n"));
  EXPECT_EQ(h.head_hash(4), base::HashHex("a\nbc"));
  EXPECT_EQ(h.head_hash(99), base::HashHex("a\nbc\nde"));
}

TEST(HashingSourceTest, HeadStopsAtFourKibibytes) {
  std::string text(5000, 'x');
  text[4999] = '\n';
  ChunkSource inner(text, 999);
  HashingSource h(&inner);
  Drain(&h);
  EXPECT_EQ(h.complete_bytes(), 5000u);
  EXPECT_EQ(h.head_hash(5000), base::HashHex(text.substr(0, 4096)));
}

TEST(HashingSourceTest, ALineLongerThanAnyReadIsHashedWhole) {
  const std::string line(100000, 'x');
  ChunkSource inner(line + "\n" + line, 4093);
  HashingSource h(&inner);
  Drain(&h);
  EXPECT_EQ(h.complete_bytes(), 100001u);
  EXPECT_EQ(h.complete_hash(), base::HashHex(line + "\n"));
  EXPECT_EQ(h.total_hash(), base::HashHex(line + "\n" + line));
}

TEST(CursorSetTest, SameContentMatchesWithNothingMore) {
  CursorSet set;
  const int slot = set.Add(CursorOf("a\nbc\n", 1, 2));
  ASSERT_EQ(slot, 0);
  ChunkSource same("a\nbc\n", 2);
  auto m = set.Find(&same, true);
  ASSERT_TRUE(m.ok());
  EXPECT_EQ(m->slot, 0);
  EXPECT_FALSE(m->has_more);
}

TEST(CursorSetTest, APartialLineAfterTheCursorIsMoreOnlyWhenPartialLinesCount) {
  CursorSet set;
  set.Add(CursorOf("a\nbc\n", 1, 2));
  ChunkSource plain("a\nbc\nde", 3);
  auto m = set.Find(&plain, /*complete_lines_only=*/true);
  ASSERT_TRUE(m.ok());
  EXPECT_EQ(m->slot, 0);
  EXPECT_FALSE(m->has_more);
  ChunkSource compressed("a\nbc\nde", 3);
  m = set.Find(&compressed, /*complete_lines_only=*/false);
  ASSERT_TRUE(m.ok());
  EXPECT_EQ(m->slot, 0);
  EXPECT_TRUE(m->has_more);
  ChunkSource grown("a\nbc\nde\n", 3);
  m = set.Find(&grown, true);
  ASSERT_TRUE(m.ok());
  EXPECT_TRUE(m->has_more);
}

TEST(CursorSetTest, TheLongestMatchingCursorWinsAndReadingStopsAfterIt) {
  CursorSet set;
  set.Add(CursorOf("a\n", 1, 1));
  set.Add(CursorOf("a\nbc\n", 2, 2));
  set.Add(CursorOf("a\nbX\n", 3, 2));
  const std::string text = "a\nbc\nnew line\n" + std::string(100000, 'z');
  ChunkSource src(text, 4);
  auto m = set.Find(&src, true);
  ASSERT_TRUE(m.ok());
  EXPECT_EQ(m->slot, 1);
  EXPECT_TRUE(m->has_more);
  // Up to the line feed after the match, not the whole stream.
  EXPECT_LT(src.pos(), 20u);
}

TEST(CursorSetTest, SameHeadButDifferentLaterBytesIsNoMatch) {
  std::string imported(8000, 'l');
  for (size_t i = 99; i < imported.size(); i += 100) imported[i] = '\n';
  CursorSet set;
  set.Add(CursorOf(imported, 1, 80));
  std::string changed = imported + "more\n";
  changed[6000] = 'X';
  ChunkSource src(changed, 1000);
  auto m = set.Find(&src, true);
  ASSERT_TRUE(m.ok());
  EXPECT_EQ(m->slot, -1);
  ChunkSource grown(imported + "more\n", 1000);
  m = set.Find(&grown, true);
  ASSERT_TRUE(m.ok());
  EXPECT_EQ(m->slot, 0);
  EXPECT_TRUE(m->has_more);
  // Shorter than the cursor: cannot be it.
  ChunkSource shorter(imported.substr(0, 7000), 1000);
  m = set.Find(&shorter, true);
  ASSERT_TRUE(m.ok());
  EXPECT_EQ(m->slot, -1);
}

TEST(CursorSetTest, ReplaceMovesTheCursorToWhereTheStreamNowEnds) {
  CursorSet set;
  const int slot = set.Add(CursorOf("a\n", 1, 1));
  base::ImportCursor later = CursorOf("a\nb\n", 0, 2);
  later.source_key = 7;
  set.Replace(slot, later);
  EXPECT_EQ(set.SlotOf(0, 7), slot);
  EXPECT_EQ(set.SlotOf(1, 0), -1);
  ChunkSource old("a\n", 1);
  auto m = set.Find(&old, true);
  ASSERT_TRUE(m.ok());
  EXPECT_EQ(m->slot, -1);
  ChunkSource now("a\nb\nc\n", 1);
  m = set.Find(&now, true);
  ASSERT_TRUE(m.ok());
  EXPECT_EQ(m->slot, slot);
  // Nothing imported: no cursor.
  EXPECT_EQ(set.Add(CursorOf("", 2, 0)), -1);
}

}  // namespace
}  // namespace rstscope::ingest
