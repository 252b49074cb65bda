// Runs every sample record of every format through the same steps an import
// takes (parse the first line, reject the rest as record starts, finish the
// record) and checks each field exactly.
#include <set>
#include <string>
#include <vector>

#include "base/civil_time.h"
#include "gtest/gtest.h"
#include "parsers/embedded.h"
#include "parsers/record.h"
#include "parsers/registry.h"

namespace rstscope::parsers {
namespace {

std::string IsoMicros(int64_t ts_us) {
  char millis[24];
  base::FormatIsoMillis(ts_us, millis);
  char buf[40];
  std::snprintf(buf, sizeof buf, "%.19s.%06lldZ", millis,
                static_cast<long long>(((ts_us % 1000000) + 1000000) % 1000000));
  return buf;
}

// Runs one sample through `container`'s parser the way an import does and
// checks every field; `expected_format` is the record's format name.
void CheckSample(const FormatInfo& container, const FormatSample& sample,
                 std::string_view expected_format) {
  std::vector<std::string_view> lines;
  for (size_t start = 0;;) {
    const size_t nl = sample.text.find('\n', start);
    lines.push_back(sample.text.substr(start, nl == std::string_view::npos ? nl : nl - start));
    if (nl == std::string_view::npos) break;
    start = nl + 1;
  }
  auto parser = container.make_parser(SampleContext());
  ParsedLine header;
  const ParseOutcome outcome = parser->Parse(lines[0], &header);
  ASSERT_EQ(outcome.status, ParseStatus::kParsed)
      << "column " << outcome.column << ": " << outcome.reason;
  ParsedLine first = header;
  for (size_t i = 1; i < lines.size(); ++i) {
    ParsedLine ignored;
    EXPECT_NE(parser->Parse(lines[i], &ignored).status, ParseStatus::kParsed)
        << "continuation line " << i << " was taken for a new record";
  }
  // The header's views may point into parser storage that the continuation
  // lines' Parse calls reused: parse the first line again, as the import
  // keeps its own copy.
  auto fresh = container.make_parser(SampleContext());
  header = ParsedLine();
  ASSERT_EQ(fresh->Parse(lines[0], &header).status, ParseStatus::kParsed);
  (void)first;
  if (header.ts_in_record) fresh->CompleteRecord(sample.text, &header);
  const FinishedRecord rec = FinishRecord(sample.text, header, Classifier::Default());

  EXPECT_TRUE(header.has_ts);
  EXPECT_EQ(IsoMicros(header.ts_us), sample.ts);
  EXPECT_EQ(header.format.empty() ? container.name : header.format, expected_format);
  EXPECT_EQ(header.host, sample.host);
  EXPECT_EQ(rec.process, sample.process);
  EXPECT_EQ(rec.pid, sample.pid);
  EXPECT_EQ(base::SeverityName(header.severity), sample.severity);
  EXPECT_EQ(rec.message, sample.message);
  EXPECT_EQ(base::KindName(rec.kind), sample.kind);
  EXPECT_EQ(rec.src_ip, sample.src_ip);
  EXPECT_EQ(rec.src_port, sample.src_port);
  EXPECT_EQ(rec.dst_ip, sample.dst_ip);
  EXPECT_EQ(rec.dst_port, sample.dst_port);
  if (!sample.attrs.empty()) {
    std::string attrs;
    AppendAttrsJson(header, &attrs);
    EXPECT_EQ(attrs, sample.attrs);
  }
}

struct Case {
  const FormatInfo* format;
  size_t index;
};

std::vector<Case> AllSamples() {
  std::vector<Case> cases;
  for (const FormatInfo* f : AllFormats()) {
    for (size_t i = 0; i < f->samples.size(); ++i) cases.push_back({f, i});
  }
  return cases;
}

class FormatSampleTest : public ::testing::TestWithParam<Case> {};

TEST_P(FormatSampleTest, ParsesToExpectedFields) {
  const FormatInfo& format = *GetParam().format;
  const FormatSample& sample = format.samples[GetParam().index];
  SCOPED_TRACE(std::string(format.name) + " sample: " + std::string(sample.text));
  CheckSample(format, sample, format.name);
}

INSTANTIATE_TEST_SUITE_P(AllFormats, FormatSampleTest, ::testing::ValuesIn(AllSamples()),
                         [](const ::testing::TestParamInfo<Case>& info) {
                           return std::string(info.param.format->name) + "_" +
                                  std::to_string(info.param.index);
                         });

struct EmbeddedCase {
  const EmbeddedFormat* format;
  size_t index;
};

std::vector<EmbeddedCase> AllEmbeddedSamples() {
  std::vector<EmbeddedCase> cases;
  for (const EmbeddedFormat* f : AllEmbeddedFormats()) {
    for (size_t i = 0; i < f->samples.size(); ++i) cases.push_back({f, i});
  }
  return cases;
}

class EmbeddedSampleTest : public ::testing::TestWithParam<EmbeddedCase> {};

TEST_P(EmbeddedSampleTest, ParsesInsideItsContainerToExpectedFields) {
  const EmbeddedFormat& format = *GetParam().format;
  const FormatSample& sample = format.samples[GetParam().index];
  SCOPED_TRACE(std::string(format.name) + " sample: " + std::string(sample.text));
  const FormatInfo* container = FindFormat(format.container);
  ASSERT_NE(container, nullptr) << "unknown container " << format.container;
  CheckSample(*container, sample, format.name);
}

INSTANTIATE_TEST_SUITE_P(AllEmbeddedFormats, EmbeddedSampleTest,
                         ::testing::ValuesIn(AllEmbeddedSamples()),
                         [](const ::testing::TestParamInfo<EmbeddedCase>& info) {
                           return std::string(info.param.format->name) + "_" +
                                  std::to_string(info.param.index);
                         });
GTEST_ALLOW_UNINSTANTIATED_PARAMETERIZED_TEST(EmbeddedSampleTest);

// Import and detection parse every line into one ParsedLine, Reset between
// lines. Whatever the lines before, that must be exactly a new object.
TEST(ParsedLineTest, ResetIsANewObjectForEveryParser) {
  std::vector<std::string_view> lines;
  for (const FormatInfo* f : AllFormats()) {
    for (const FormatSample& sample : f->samples) {
      lines.push_back(sample.text.substr(0, sample.text.find('\n')));
    }
  }
  auto same = [](const ParsedLine& a, const ParsedLine& b) {
    if (a.nattrs != b.nattrs) return false;
    for (int i = 0; i < a.nattrs; ++i) {
      if (a.attrs[i].key != b.attrs[i].key || a.attrs[i].value != b.attrs[i].value ||
          a.attrs[i].is_number != b.attrs[i].is_number) {
        return false;
      }
    }
    return a.ts_us == b.ts_us && a.has_ts == b.has_ts && a.flags == b.flags &&
           a.severity == b.severity && a.host == b.host && a.process == b.process &&
           a.pid == b.pid && a.src_ip == b.src_ip && a.dst_ip == b.dst_ip &&
           a.src_port == b.src_port && a.dst_port == b.dst_port && a.msg_offset == b.msg_offset &&
           a.msg_length == b.msg_length && a.message == b.message &&
           a.has_message_override == b.has_message_override && a.format == b.format &&
           a.role == b.role && a.ts_in_record == b.ts_in_record && a.kind == b.kind &&
           a.rule == b.rule;
  };
  int parsed = 0;
  for (const FormatInfo* f : AllFormats()) {
    auto fresh_parser = f->make_parser(SampleContext());
    auto reused_parser = f->make_parser(SampleContext());
    ParsedLine reused;
    for (size_t i = 0; i < lines.size(); ++i) {
      ParsedLine fresh;
      const ParseStatus want = fresh_parser->Parse(lines[i], &fresh).status;
      reused.Reset();
      const ParseStatus got = reused_parser->Parse(lines[i], &reused).status;
      ASSERT_EQ(got, want) << f->name << " on " << lines[i];
      if (want != ParseStatus::kParsed) continue;
      ++parsed;
      EXPECT_TRUE(same(reused, fresh)) << f->name << " on " << lines[i];
    }
  }
  // Every format parsed at least its own samples.
  EXPECT_GE(parsed, static_cast<int>(lines.size()));
}

TEST(FormatRegistryTest, EveryFormatHasSamplesAndAUniqueName) {
  std::set<std::string_view> names;
  for (const FormatInfo* f : AllFormats()) {
    EXPECT_FALSE(f->samples.empty()) << f->name;
    EXPECT_FALSE(f->description.empty()) << f->name;
    EXPECT_FALSE(f->signature.empty()) << f->name;
    EXPECT_TRUE(names.insert(f->name).second) << "duplicate format name " << f->name;
    EXPECT_EQ(FindFormat(f->name), f);
  }
  for (const EmbeddedFormat* f : AllEmbeddedFormats()) {
    EXPECT_FALSE(f->samples.empty()) << f->name;
    EXPECT_TRUE(names.insert(f->name).second) << "duplicate format name " << f->name;
    EXPECT_EQ(FindEmbeddedFormat(f->name), f);
  }
  EXPECT_EQ(FindFormat("no_such_format"), nullptr);
}

}  // namespace
}  // namespace rstscope::parsers
