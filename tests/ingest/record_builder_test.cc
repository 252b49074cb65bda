// RecordBuilder with a tiny test format whose records start with
// "T<seconds> <message>" (seconds since the epoch), so these tests depend on
// no real format.
#include "ingest/record_builder.h"

#include <string>
#include <vector>

#include "base/strings.h"
#include "gtest/gtest.h"

namespace rstscope::ingest {
namespace {

using parsers::Continuation;
using parsers::ParsedLine;
using parsers::ParseOutcome;

class TestParser : public parsers::LineParser {
 public:
  ParseOutcome Parse(std::string_view line, ParsedLine* out) override {
    if (line.size() < 3 || line[0] != 'T') return ParseOutcome::NotThisFormat();
    size_t pos = 1;
    int64_t secs = 0;
    if (!base::ParseDigits(line, &pos, &secs)) return ParseOutcome::Malformed(2, "expected seconds");
    if (pos >= line.size() || line[pos] != ' ') return ParseOutcome::Malformed(pos + 1, "expected a space");
    out->ts_us = secs * 1000000;
    out->has_ts = true;
    out->msg_offset = pos + 1;
    // A parser-owned string, to check that such views survive assembly.
    owned_ = "proc-" + std::to_string(secs % 10);
    out->process = owned_;
    return ParseOutcome::Parsed();
  }

 private:
  std::string owned_;
};

std::unique_ptr<parsers::LineParser> MakeTestParser(const parsers::SourceContext&) {
  return std::make_unique<TestParser>();
}

parsers::FormatInfo TestFormat(Continuation continuation) {
  return parsers::FormatInfo{"test_format", parsers::Family::kServer, base::Role::kServer,
                             "test", "T<seconds>", 1, continuation, &MakeTestParser, {}};
}

struct Row {
  int64_t ts;
  uint32_t line, nlines;
  std::string text, message, process;
};

class RecordBuilderTest : public ::testing::Test {
 protected:
  // Feeds `lines` and collects every row from every batch.
  void Build(const parsers::FormatInfo* format, const std::vector<std::string>& lines,
             size_t batch_rows = 16384) {
    RecordBuilderOptions options;
    options.source_key = 7;
    options.batch_rows = batch_rows;
    auto consume = [&](std::unique_ptr<base::EventBatch> b) {
      ++batches_;
      EXPECT_EQ(b->source_key, 7u);
      for (const base::EventRow& r : b->events) {
        const std::string text(b->View(r.text));
        // msg_char_off counts code points; the test texts are ASCII.
        std::string message = r.msg.null() ? text.substr(r.msg_char_off) : std::string(b->View(r.msg));
        rows_.push_back({r.ts_us, r.line, r.nlines, text, message, std::string(b->View(r.process))});
      }
      for (const base::UnparsedRow& u : b->unparsed) {
        unparsed_.emplace_back(u.line, std::string(b->View(u.reason)) + "|" + std::string(b->View(u.text)));
      }
      return std::make_unique<base::EventBatch>();
    };
    RecordBuilder builder(format, parsers::SourceContext{}, parsers::Classifier::Default(), options,
                          "no format", consume);
    uint64_t n = 0;
    for (const std::string& l : lines) builder.AddLine(l, ++n, 0);
    builder.Finish();
    stats_ = builder.stats();
  }

  std::vector<Row> rows_;
  std::vector<std::pair<uint64_t, std::string>> unparsed_;
  RecordStats stats_;
  int batches_ = 0;
};

TEST_F(RecordBuilderTest, StackTraceLinesJoinTheRecordAndKeepItsLineNumber) {
  const auto format = TestFormat(Continuation::kAnyNonHeader);
  Build(&format, {"T100 first", "T105 failed", "System.IO.IOException: boom", "   at Foo()",
                  "T107 next"});
  ASSERT_EQ(rows_.size(), 3u);
  EXPECT_EQ(rows_[1].line, 2u);
  EXPECT_EQ(rows_[1].nlines, 3u);
  EXPECT_EQ(rows_[1].text, "T105 failed\nSystem.IO.IOException: boom\n   at Foo()");
  EXPECT_EQ(rows_[1].message, "failed\nSystem.IO.IOException: boom\n   at Foo()");
  EXPECT_EQ(rows_[1].process, "proc-5");
  EXPECT_EQ(rows_[1].ts, 105000000);
  EXPECT_EQ(rows_[2].line, 5u);
  EXPECT_TRUE(unparsed_.empty());
}

TEST_F(RecordBuilderTest, IndentedPolicyJoinsOnlyIndentedLines) {
  const auto format = TestFormat(Continuation::kIndented);
  Build(&format, {"T1 a", "\tcontinued", "not a record", "  orphan after unparsed", "T2 b"});
  ASSERT_EQ(rows_.size(), 2u);
  EXPECT_EQ(rows_[0].text, "T1 a\n\tcontinued");
  ASSERT_EQ(unparsed_.size(), 2u);
  EXPECT_EQ(unparsed_[0], (std::pair<uint64_t, std::string>{3, "test_format: not a test_format record|not a record"}));
  EXPECT_EQ(unparsed_[1].first, 4u);
  EXPECT_EQ(unparsed_[1].second,
            "test_format: continuation line with no record before it|  orphan after unparsed");
}

TEST_F(RecordBuilderTest, MalformedLineIsUnparsedWithColumnAndReason) {
  const auto format = TestFormat(Continuation::kAnyNonHeader);
  Build(&format, {"T12x broken", "T13 ok"});
  ASSERT_EQ(unparsed_.size(), 1u);
  EXPECT_EQ(unparsed_[0].second, "test_format: column 4: expected a space|T12x broken");
  ASSERT_EQ(rows_.size(), 1u);
}

TEST_F(RecordBuilderTest, BlankLinesJoinOnlyWhenAContinuationFollows) {
  const auto format = TestFormat(Continuation::kAnyNonHeader);
  Build(&format, {"T1 a", "", "trace line", "", "T2 b", ""});
  ASSERT_EQ(rows_.size(), 2u);
  EXPECT_EQ(rows_[0].text, "T1 a\n\ntrace line");
  EXPECT_EQ(rows_[0].nlines, 3u);
  ASSERT_EQ(unparsed_.size(), 2u);
  EXPECT_EQ(unparsed_[0].first, 4u);
  EXPECT_EQ(unparsed_[0].second, "blank line|");
  EXPECT_EQ(unparsed_[1].first, 6u);
}

TEST_F(RecordBuilderTest, EveryLineIsAccountedForAcrossManyBatches) {
  const auto format = TestFormat(Continuation::kIndented);
  std::vector<std::string> lines;
  for (int i = 0; i < 1000; ++i) {
    lines.push_back("T" + std::to_string(i) + " message " + std::to_string(i));
    if (i % 3 == 0) lines.push_back("  cont");
    if (i % 7 == 0) lines.push_back("junk");
  }
  Build(&format, lines, 50);
  uint64_t covered = unparsed_.size();
  for (const Row& r : rows_) covered += r.nlines;
  EXPECT_EQ(covered, lines.size());
  EXPECT_EQ(rows_.size(), 1000u);
  EXPECT_EQ(stats_.records, 1000u);
  EXPECT_EQ(stats_.unparsed, unparsed_.size());
  EXPECT_GT(batches_, 20);
  EXPECT_EQ(stats_.min_ts_us, 0);
  EXPECT_EQ(stats_.max_ts_us, 999000000);
}

TEST_F(RecordBuilderTest, WithoutAFormatEveryLineIsUnparsedWithTheReason) {
  Build(nullptr, {"what is this", "no idea"});
  EXPECT_TRUE(rows_.empty());
  ASSERT_EQ(unparsed_.size(), 2u);
  EXPECT_EQ(unparsed_[0].second, "no format|what is this");
}

}  // namespace
}  // namespace rstscope::ingest
