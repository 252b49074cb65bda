// Edge cases of journald_json beyond its format samples: how the message is
// handed over (range or owned text), attributes, buffer reuse, rejections
// and detection.
#include <optional>
#include <string>
#include <vector>

#include "base/civil_time.h"
#include "base/event_batch.h"
#include "gtest/gtest.h"
#include "parsers/formats/formats.h"
#include "parsers/sniffer.h"

namespace rstscope::parsers {
namespace {

std::string_view MessageOf(std::string_view line, const ParsedLine& p) {
  if (p.has_message_override) return p.message;
  return p.msg_length == ParsedLine::kToEnd ? line.substr(p.msg_offset)
                                            : line.substr(p.msg_offset, p.msg_length);
}

const Attr* FindAttr(const ParsedLine& p, std::string_view key) {
  for (int i = 0; i < p.nattrs; ++i) {
    if (p.attrs[i].key == key) return &p.attrs[i];
  }
  return nullptr;
}

class JournaldJsonTest : public ::testing::Test {
 protected:
  ParseStatus Parse(std::string_view line) {
    parsed_ = ParsedLine();
    return parser_->Parse(line, &parsed_).status;
  }

  std::unique_ptr<LineParser> parser_ = kJournaldJsonFormat.make_parser(SampleContext());
  ParsedLine parsed_;
};

TEST_F(JournaldJsonTest, PlainMessageIsARangeOfTheLine) {
  const std::string line =
      "{\"__REALTIME_TIMESTAMP\":\"1709288102000000\",\"MESSAGE\" :  \"Started api.service.\"  , "
      "\"_PID\":\"1\"}";
  ASSERT_EQ(Parse(line), ParseStatus::kParsed);
  EXPECT_FALSE(parsed_.has_message_override);
  EXPECT_EQ(parsed_.msg_offset, line.find("Started"));
  EXPECT_EQ(parsed_.msg_length, std::string_view("Started api.service.").size());
  EXPECT_EQ(MessageOf(line, parsed_), "Started api.service.");
  EXPECT_EQ(parsed_.ts_us, 1709288102000000);
  EXPECT_EQ(parsed_.flags, 0);
}

TEST_F(JournaldJsonTest, EscapedMessageIsDecodedIntoParserStorage) {
  const std::string line =
      "{\"__REALTIME_TIMESTAMP\":\"1709288102000000\",\"MESSAGE\":\"line one\\nline \\\"two\\\" "
      "\\\\ \\u00fc\"}";
  ASSERT_EQ(Parse(line), ParseStatus::kParsed);
  EXPECT_TRUE(parsed_.has_message_override);
  EXPECT_EQ(parsed_.message, "line one\nline \"two\" \\ \xC3\xBC");
}

TEST_F(JournaldJsonTest, RepeatedMessageFieldsAreJoined) {
  ASSERT_EQ(
      Parse("{\"__REALTIME_TIMESTAMP\":\"1709288102000000\",\"MESSAGE\":[\"first\",\"second\"]}"),
      ParseStatus::kParsed);
  EXPECT_EQ(parsed_.message, "first\nsecond");
}

TEST_F(JournaldJsonTest, ByteArrayMessageIsRepairedAndFlagged) {
  // "h\xC3\xA9" is valid UTF-8, "\xC3" alone at the end is not.
  ASSERT_EQ(
      Parse("{\"__REALTIME_TIMESTAMP\":\"1709288102000000\",\"MESSAGE\":[104,195,169,32,195]}"),
      ParseStatus::kParsed);
  EXPECT_EQ(parsed_.message, "h\xC3\xA9 \xEF\xBF\xBD");
  EXPECT_NE(parsed_.flags & base::kFlagReplacedUtf8, 0);
  ASSERT_EQ(Parse("{\"__REALTIME_TIMESTAMP\":\"1709288102000000\",\"MESSAGE\":[104,105]}"),
            ParseStatus::kParsed);
  EXPECT_EQ(parsed_.message, "hi");
  EXPECT_EQ(parsed_.flags & base::kFlagReplacedUtf8, 0);
}

TEST_F(JournaldJsonTest, MissingMessageIsEmpty) {
  ASSERT_EQ(Parse("{\"__REALTIME_TIMESTAMP\":\"1709288102000000\",\"_PID\":\"42\"}"),
            ParseStatus::kParsed);
  EXPECT_TRUE(parsed_.has_message_override);
  EXPECT_EQ(parsed_.message, "");
  EXPECT_EQ(parsed_.pid, 42);
}

TEST_F(JournaldJsonTest, UnitComesFromUnitBeforeSystemdUnit) {
  ASSERT_EQ(Parse("{\"__REALTIME_TIMESTAMP\":\"1709288102000000\",\"_SYSTEMD_UNIT\":\"init.scope\","
                  "\"UNIT\":\"api.service\",\"_TRANSPORT\":\"journal\",\"EXIT_CODE\":\"exited\","
                  "\"EXIT_STATUS\":\"203\",\"MESSAGE\":\"x\"}"),
            ParseStatus::kParsed);
  EXPECT_EQ(parsed_.FindAttr("unit"), "api.service");
  EXPECT_EQ(parsed_.FindAttr("transport"), "journal");
  EXPECT_EQ(parsed_.FindAttr("exit_code"), "exited");
  const Attr* status = FindAttr(parsed_, "exit_status");
  ASSERT_NE(status, nullptr);
  EXPECT_EQ(status->value, "203");
  EXPECT_TRUE(status->is_number);

  ASSERT_EQ(
      Parse("{\"__REALTIME_TIMESTAMP\":\"1709288102000000\",\"_SYSTEMD_UNIT\":\"api.service\","
            "\"MESSAGE\":\"x\"}"),
      ParseStatus::kParsed);
  EXPECT_EQ(parsed_.FindAttr("unit"), "api.service");
  EXPECT_FALSE(parsed_.FindAttr("transport").has_value());
  EXPECT_FALSE(parsed_.FindAttr("exit_status").has_value());
}

TEST_F(JournaldJsonTest, IdentifierAndPidFallbacks) {
  ASSERT_EQ(Parse("{\"__REALTIME_TIMESTAMP\":\"1\",\"_COMM\":\"java\",\"SYSLOG_PID\":\"8\","
                  "\"_PID\":\"9\",\"SYSLOG_IDENTIFIER\":\"api\"}"),
            ParseStatus::kParsed);
  EXPECT_EQ(parsed_.process, "api");
  EXPECT_EQ(parsed_.pid, 9);
  ASSERT_EQ(Parse("{\"__REALTIME_TIMESTAMP\":\"1\",\"_COMM\":\"java\",\"SYSLOG_PID\":\"8\"}"),
            ParseStatus::kParsed);
  EXPECT_EQ(parsed_.process, "java");
  EXPECT_EQ(parsed_.pid, 8);
  EXPECT_EQ(parsed_.severity, base::Severity::kUnknown);
}

TEST_F(JournaldJsonTest, SourceRealtimeWinsWhateverTheOrder) {
  ASSERT_EQ(Parse("{\"_SOURCE_REALTIME_TIMESTAMP\":\"1709288101000000\",\"__REALTIME_TIMESTAMP\":"
                  "\"1709288102000000\"}"),
            ParseStatus::kParsed);
  EXPECT_EQ(parsed_.ts_us, 1709288101000000);
}

TEST_F(JournaldJsonTest, ALongLineThenAShortOneReuseTheBuffer) {
  const std::string long_line = "{\"__REALTIME_TIMESTAMP\":\"1709288102000000\",\"MESSAGE\":\"" +
                                std::string(5000, 'x') + "\",\"_HOSTNAME\":\"big\"}";
  ASSERT_EQ(Parse(long_line), ParseStatus::kParsed);
  EXPECT_EQ(MessageOf(long_line, parsed_).size(), 5000u);
  EXPECT_EQ(parsed_.host, "big");
  const std::string short_line = "{\"__REALTIME_TIMESTAMP\":\"2\",\"MESSAGE\":\"ok\"}";
  ASSERT_EQ(Parse(short_line), ParseStatus::kParsed);
  EXPECT_EQ(MessageOf(short_line, parsed_), "ok");
  EXPECT_EQ(parsed_.host, "");
  EXPECT_EQ(parsed_.ts_us, 2);
}

TEST_F(JournaldJsonTest, OtherJsonAndTextAreNotThisFormat) {
  EXPECT_EQ(Parse("{\"log\":\"hello\\n\",\"stream\":\"stderr\",\"time\":\"2024-03-01T10:15:02Z\"}"),
            ParseStatus::kNotThisFormat);
  EXPECT_EQ(Parse("Mar  1 10:15:02 web01 app: __REALTIME_TIMESTAMP"), ParseStatus::kNotThisFormat);
  EXPECT_EQ(Parse("__REALTIME_TIMESTAMP=1709288102000000"), ParseStatus::kNotThisFormat);
  EXPECT_EQ(Parse(""), ParseStatus::kNotThisFormat);
}

TEST_F(JournaldJsonTest, BrokenEntriesAreMalformed) {
  EXPECT_EQ(Parse("{\"__REALTIME_TIMESTAMP\":\"1709288102000000\",\"MESSAGE\": oops}"),
            ParseStatus::kMalformed);
  EXPECT_EQ(Parse("{\"__REALTIME_TIMESTAMP\":\"soon\",\"MESSAGE\":\"x\"}"),
            ParseStatus::kMalformed);
  EXPECT_EQ(Parse("{\"__REALTIME_TIMESTAMP\":\"1234567890123456789012\"}"),
            ParseStatus::kMalformed);
  EXPECT_EQ(Parse("{\"__REALTIME_TIMESTAMP\":\"1\",\"MESSAGE\":[1,2,300]}"),
            ParseStatus::kMalformed);
  EXPECT_EQ(Parse("{\"__REALTIME_TIMESTAMP\":\"1\",\"MESSAGE\":true}"), ParseStatus::kMalformed);
  EXPECT_EQ(Parse("[\"__REALTIME_TIMESTAMP\"]"), ParseStatus::kNotThisFormat);
}

TEST(JournaldJsonSniffTest, PicksJournaldOverOtherFormats) {
  const std::vector<std::string_view> lines = {
      "{\"__CURSOR\":\"s=1;i=1\",\"__REALTIME_TIMESTAMP\":\"1709288101998877\",\"_TRANSPORT\":"
      "\"kernel\",\"PRIORITY\":\"3\",\"SYSLOG_IDENTIFIER\":\"kernel\",\"_HOSTNAME\":\"web01\","
      "\"MESSAGE\":\"Out of memory: Killed process 1849 (java) total-vm:8123456kB\"}",
      "{\"__CURSOR\":\"s=1;i=2\",\"__REALTIME_TIMESTAMP\":\"1709288102123456\",\"_HOSTNAME\":"
      "\"web01\",\"PRIORITY\":\"5\",\"SYSLOG_IDENTIFIER\":\"systemd\",\"_PID\":\"1\",\"UNIT\":"
      "\"api.service\",\"MESSAGE\":\"api.service: Main process exited, code=killed, "
      "status=9/KILL\"}",
      "{\"__CURSOR\":\"s=1;i=3\",\"__REALTIME_TIMESTAMP\":\"1709288102223456\",\"_HOSTNAME\":"
      "\"web01\",\"PRIORITY\":\"4\",\"SYSLOG_IDENTIFIER\":\"systemd\",\"_PID\":\"1\",\"UNIT\":"
      "\"api.service\",\"MESSAGE\":\"api.service: Failed with result 'oom-kill'.\"}",
      "{\"__CURSOR\":\"s=1;i=4\",\"__REALTIME_TIMESTAMP\":\"1709288107000000\",\"_HOSTNAME\":"
      "\"web01\",\"PRIORITY\":\"6\",\"SYSLOG_IDENTIFIER\":\"systemd\",\"_PID\":\"1\",\"MESSAGE\":"
      "\"Started api.service.\"}",
  };
  EXPECT_EQ(SniffFormat(lines, SampleContext()).format, &kJournaldJsonFormat);
}

}  // namespace
}  // namespace rstscope::parsers
