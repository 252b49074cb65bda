// Every format is detected on its own samples and never wins on another
// format's: the sniffer sees each format's sample records (as a file would
// hold them) and must pick that format. Embedded formats' samples must be
// detected as their container, which then hands each line to them.
#include <string>
#include <vector>

#include "gtest/gtest.h"
#include "parsers/embedded.h"
#include "parsers/registry.h"
#include "parsers/sniffer.h"

namespace rstscope::parsers {
namespace {

std::vector<std::string_view> Lines(std::span<const FormatSample> samples) {
  std::vector<std::string_view> lines;
  for (const FormatSample& s : samples) {
    std::string_view text = s.text;
    for (size_t start = 0;;) {
      const size_t nl = text.find('\n', start);
      lines.push_back(text.substr(start, nl == std::string_view::npos ? nl : nl - start));
      if (nl == std::string_view::npos) break;
      start = nl + 1;
    }
  }
  return lines;
}

std::string Ranking(const SniffResult& r) {
  std::string out;
  for (size_t i = 0; i < r.ranking.size() && i < 4; ++i) {
    out += std::string(r.ranking[i].format->name) + "=" +
           std::to_string(static_cast<int>(r.ranking[i].score * 100)) + "% ";
  }
  return out;
}

TEST(CrossDetectionTest, EveryFormatWinsOnItsOwnSamples) {
  for (const FormatInfo* f : AllFormats()) {
    const auto lines = Lines(f->samples);
    const SniffResult r = SniffFormat(lines, SampleContext());
    ASSERT_NE(r.format, nullptr) << f->name << ": " << r.reason;
    EXPECT_EQ(r.format->name, f->name) << "samples of " << f->name << " detected as "
                                       << r.format->name << " (" << Ranking(r) << ")";
  }
}

TEST(CrossDetectionTest, EmbeddedFormatsAreDetectedAsTheirContainer) {
  for (const EmbeddedFormat* f : AllEmbeddedFormats()) {
    const auto lines = Lines(f->samples);
    const SniffResult r = SniffFormat(lines, SampleContext());
    ASSERT_NE(r.format, nullptr) << f->name << ": " << r.reason;
    EXPECT_EQ(r.format->name, f->container)
        << "samples of " << f->name << " detected as " << r.format->name << " (" << Ranking(r)
        << ")";
  }
}

}  // namespace
}  // namespace rstscope::parsers
