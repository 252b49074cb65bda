// Replays the fuzz targets' entry points (fuzz/fuzz_entries.h) in the normal
// build: on every format's sample records, with exact counts, and on the
// regression corpus in tests/data/fuzz/, where every input a fuzzer once
// crashed on or that broke an invariant is kept.
#include "fuzz/fuzz_entries.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include "gtest/gtest.h"
#include "parsers/registry.h"

namespace rstscope::fuzz {
namespace {

namespace fs = std::filesystem;

const uint8_t* Bytes(const std::string& s) { return reinterpret_cast<const uint8_t*>(s.data()); }

std::string ReadFile(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

std::vector<fs::path> Corpus(const std::string& target) {
  std::vector<fs::path> files;
  const fs::path dir = fs::path(RSTSCOPE_SOURCE_DIR) / "tests/data/fuzz" / target;
  if (!fs::is_directory(dir)) return files;
  for (const auto& e : fs::directory_iterator(dir)) {
    if (e.is_regular_file() && e.path().filename() != "README.md") files.push_back(e.path());
  }
  std::sort(files.begin(), files.end());
  return files;
}

// Each format's samples, one after another, make exactly one record each:
// the entry point the fuzzer drives reads real records the way import does.
TEST(FuzzReplayTest, EveryFormatsSamplesMakeOneRecordEach) {
  for (const parsers::FormatInfo* format : parsers::AllFormats()) {
    std::string input;
    for (const auto& sample : format->samples) {
      input.append(sample.text);
      input.push_back('\n');
    }
    const FuzzCounts got = FuzzFormat(format, Bytes(input), input.size());
    EXPECT_EQ(got.records, format->samples.size()) << format->name;
    EXPECT_EQ(got.unparsed, 0u) << format->name;
  }
}

TEST(FuzzReplayTest, LineReaderCutsAndCounts) {
  // Control byte 0x00: one-byte reads, a 16-byte line limit, the partial
  // last line returned.
  const std::string input = std::string(1, '\0') + "abc\n0123456789abcdefXYZ\nlast";
  const FuzzCounts got = FuzzLineReader(Bytes(input), input.size());
  EXPECT_EQ(got.lines, 3u);
  EXPECT_EQ(got.bytes, 3u + 16u + 4u);
  // 0x80 holds the partial last line back.
  const std::string held = std::string(1, '\x80') + "abc\nlast";
  EXPECT_EQ(FuzzLineReader(Bytes(held), held.size()).lines, 1u);
}

TEST(FuzzReplayTest, SnifferCountsLinesAndFindsSyslog) {
  const std::string input =
      "Mar  1 10:15:02 web01 sshd[4242]: Accepted publickey for deploy\n"
      "Mar  1 10:15:03 web01 CRON[4243]: (root) CMD (run-parts /etc/cron.hourly)\n";
  const FuzzCounts got = FuzzSniffer(Bytes(input), input.size());
  EXPECT_EQ(got.lines, 2u);
  EXPECT_EQ(got.records, 1u);  // a format was chosen
}

TEST(FuzzReplayTest, ArchiveReadsAGzipToItsEnd) {
  const std::string gz =
      ReadFile(fs::path(RSTSCOPE_SOURCE_DIR) / "tests/data/fuzz/archive/seed-two-lines.gz");
  const FuzzCounts got = FuzzArchive(Bytes(gz), gz.size());
  EXPECT_EQ(got.entries, 1u);
  EXPECT_EQ(got.bytes, 12u);  // "hello\nworld\n"
}

TEST(FuzzReplayTest, RegressionCorpus) {
  size_t replayed = 0;
  for (const fs::path& p : Corpus("format")) {
    // format/<format name>--<anything>
    const std::string name = p.filename().string();
    const std::string format_name = name.substr(0, name.find("--"));
    const parsers::FormatInfo* format = parsers::FindFormat(format_name);
    ASSERT_NE(format, nullptr) << p;
    const std::string input = ReadFile(p);
    SCOPED_TRACE(p.string());
    FuzzFormat(format, Bytes(input), input.size());
    ++replayed;
  }
  // The other targets: one corpus directory each (their counts are checked
  // inside the entry points).
  using Target = void (*)(const uint8_t*, size_t);
  const std::pair<const char*, Target> kTargets[] = {
      {"timestamps", FuzzTimestamps},
      {"sniffer", [](const uint8_t* d, size_t n) { FuzzSniffer(d, n); }},
      {"archive", [](const uint8_t* d, size_t n) { FuzzArchive(d, n); }},
      {"line_reader", [](const uint8_t* d, size_t n) { FuzzLineReader(d, n); }}};
  for (const auto& [dir, target] : kTargets) {
    for (const fs::path& p : Corpus(dir)) {
      const std::string input = ReadFile(p);
      SCOPED_TRACE(p.string());
      target(Bytes(input), input.size());
      ++replayed;
    }
  }
  EXPECT_GT(replayed, 0u) << "tests/data/fuzz/ holds no inputs";
}

}  // namespace
}  // namespace rstscope::fuzz
