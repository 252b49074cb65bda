#include "ingest/line_reader.h"

#include <cstring>
#include <string>
#include <vector>

#include "base/event_batch.h"
#include "gtest/gtest.h"
#include "ingest/byte_source.h"

namespace rstscope::ingest {
namespace {

// Serves a string in chunks of `chunk` bytes, to exercise buffer edges.
class StringSource : public ByteSource {
 public:
  StringSource(std::string data, size_t chunk) : data_(std::move(data)), chunk_(chunk) {}
  absl::StatusOr<size_t> Read(char* buf, size_t n) override {
    if (fail_at_ != std::string::npos && pos_ >= fail_at_) {
      return absl::DataLossError("unexpected end of compressed stream");
    }
    size_t take = std::min({n, chunk_, data_.size() - pos_});
    if (fail_at_ != std::string::npos) take = std::min(take, fail_at_ - pos_);
    std::memcpy(buf, data_.data() + pos_, take);
    pos_ += take;
    return take;
  }
  void FailAt(size_t pos) { fail_at_ = pos; }

 private:
  std::string data_;
  size_t chunk_;
  size_t pos_ = 0;
  size_t fail_at_ = std::string::npos;
};

struct Got {
  std::vector<std::string> lines;
  std::vector<uint16_t> flags;
  std::string encoding;
};

Got ReadAll(const std::string& data, size_t chunk = 7, size_t max_line = 1 << 20) {
  StringSource src(data, chunk);
  LineReaderOptions options;
  options.max_line_bytes = max_line;
  LineReader reader(&src, options);
  Got got;
  Line line;
  uint64_t expect_number = 1;
  while (reader.Next(&line)) {
    EXPECT_EQ(line.number, expect_number++);
    got.lines.emplace_back(line.text);
    got.flags.push_back(line.flags);
  }
  got.encoding = std::string(reader.encoding());
  EXPECT_TRUE(reader.status().ok());
  return got;
}

TEST(LineReaderTest, SplitsOnLfAndDropsCrBeforeIt) {
  const Got got = ReadAll("one\r\ntwo\nthree\r\n");
  EXPECT_EQ(got.lines, (std::vector<std::string>{"one", "two", "three"}));
  EXPECT_EQ(got.encoding, "utf-8");
}

TEST(LineReaderTest, LastLineWithoutNewlineIsKept) {
  EXPECT_EQ(ReadAll("a\nb").lines, (std::vector<std::string>{"a", "b"}));
  EXPECT_EQ(ReadAll("").lines.size(), 0u);
  EXPECT_EQ(ReadAll("\n\n").lines, (std::vector<std::string>{"", ""}));
}

TEST(LineReaderTest, Utf8BomIsStripped) {
  const Got got = ReadAll("\xEF\xBB\xBFhello\nworld\n");
  EXPECT_EQ(got.lines, (std::vector<std::string>{"hello", "world"}));
  EXPECT_EQ(got.encoding, "utf-8-bom");
}

std::string Utf16(const std::u16string& s, bool big_endian, bool bom) {
  std::string out;
  auto put = [&](char16_t c) {
    if (big_endian) {
      out.push_back(static_cast<char>(c >> 8));
      out.push_back(static_cast<char>(c & 0xFF));
    } else {
      out.push_back(static_cast<char>(c & 0xFF));
      out.push_back(static_cast<char>(c >> 8));
    }
  };
  if (bom) put(0xFEFF);
  for (char16_t c : s) put(c);
  return out;
}

TEST(LineReaderTest, Utf16LeWithBomAsPowerShellWritesIt) {
  const Got got = ReadAll(Utf16(u"Event ID: 7031\r\nK\u00f6ln \U0001F600\r\n", false, true), 3);
  EXPECT_EQ(got.lines, (std::vector<std::string>{"Event ID: 7031", "K\xC3\xB6ln \xF0\x9F\x98\x80"}));
  EXPECT_EQ(got.encoding, "utf-16le");
}

TEST(LineReaderTest, Utf16BeWithBom) {
  const Got got = ReadAll(Utf16(u"abc\ndef\n", true, true), 5);
  EXPECT_EQ(got.lines, (std::vector<std::string>{"abc", "def"}));
  EXPECT_EQ(got.encoding, "utf-16be");
}

TEST(LineReaderTest, BomLessUtf16IsRecognizedByItsNulBytes) {
  const Got got = ReadAll(Utf16(u"2024-03-01 10:15:02 first line\r\nsecond line\r\n", false, false));
  EXPECT_EQ(got.lines, (std::vector<std::string>{"2024-03-01 10:15:02 first line", "second line"}));
  EXPECT_EQ(got.encoding, "utf-16le-nobom");
}

TEST(LineReaderTest, InvalidUtf8AndNulAreReplacedNotDropped) {
  const char raw[] = "ok\nbad \xFF\xFE byte\nnul\0here\n";
  const std::string input(raw, sizeof raw - 1);
  const Got got = ReadAll(input);
  ASSERT_EQ(got.lines.size(), 3u);
  EXPECT_EQ(got.lines[0], "ok");
  // Each invalid byte is its own maximal ill-formed subsequence (Unicode
  // "substitution of maximal subparts"): two bytes, two replacements.
  EXPECT_EQ(got.lines[1], "bad \xEF\xBF\xBD\xEF\xBF\xBD byte");
  EXPECT_EQ(got.lines[2], "nul\xEF\xBF\xBDhere");
  EXPECT_EQ(got.flags[0], 0);
  EXPECT_EQ(got.flags[1], base::kFlagReplacedUtf8);
  EXPECT_EQ(got.flags[2], base::kFlagReplacedUtf8);
}

TEST(LineReaderTest, ValidMultibyteUtf8IsUntouched) {
  const Got got = ReadAll("f\xC3\xA9vr. 13 \xE4\xBA\x8C\n");
  EXPECT_EQ(got.lines[0], "f\xC3\xA9vr. 13 \xE4\xBA\x8C");
  EXPECT_EQ(got.flags[0], 0);
}

TEST(LineReaderTest, OverlongLineIsCutAndFlaggedAndTheNextLineSurvives) {
  const std::string input = "short\n" + std::string(5000, 'x') + "\nafter\n";
  const Got got = ReadAll(input, 64, 1000);
  ASSERT_EQ(got.lines.size(), 3u);
  EXPECT_EQ(got.lines[1], std::string(1000, 'x'));
  EXPECT_EQ(got.flags[1], base::kFlagTruncated);
  EXPECT_EQ(got.lines[2], "after");
  EXPECT_EQ(got.flags[2], 0);
}

TEST(LineReaderTest, LineOfExactlyTheLimitIsNotCut) {
  const Got got = ReadAll(std::string(1000, 'y') + "\nz\n", 100, 1001);
  EXPECT_EQ(got.lines[0].size(), 1000u);
  EXPECT_EQ(got.flags[0], 0);
}

TEST(LineReaderTest, ReadErrorKeepsEarlierLinesAndReportsIt) {
  StringSource src("line one\nline two\nline three\n", 4);
  src.FailAt(20);
  LineReader reader(&src, LineReaderOptions{});
  Line line;
  std::vector<std::string> lines;
  while (reader.Next(&line)) lines.emplace_back(line.text);
  EXPECT_EQ(lines, (std::vector<std::string>{"line one", "line two", "li"}));
  EXPECT_EQ(reader.status().code(), absl::StatusCode::kDataLoss);
}

TEST(LineReaderTest, BinaryContentIsRecognized) {
  std::string junk;
  for (int i = 0; i < 2000; ++i) junk.push_back(static_cast<char>((i * 7) % 32));
  StringSource src(junk, 512);
  LineReader reader(&src, LineReaderOptions{});
  Line line;
  reader.Next(&line);
  EXPECT_TRUE(reader.binary());
  StringSource text("plain text\n", 512);
  LineReader text_reader(&text, LineReaderOptions{});
  text_reader.Next(&line);
  EXPECT_FALSE(text_reader.binary());
}

TEST(LineReaderTest, HashDependsOnlyOnContent) {
  auto hash = [](const std::string& data, size_t chunk) {
    StringSource src(data, chunk);
    LineReader reader(&src, LineReaderOptions{});
    Line line;
    while (reader.Next(&line)) {
    }
    return reader.hash();
  };
  EXPECT_EQ(hash("a\nb\nc\n", 1), hash("a\nb\nc\n", 1000));
  EXPECT_NE(hash("a\nb\nc\n", 1), hash("a\nb\nd\n", 1));
  EXPECT_EQ(hash("a\nb\nc\n", 3).size(), 32u);
}

}  // namespace
}  // namespace rstscope::ingest
