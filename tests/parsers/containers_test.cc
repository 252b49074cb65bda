// Edge cases of docker_events, cri and docker_json beyond their format
// samples: attribute lists, partial-line joining, JSON escapes, rejections
// and detection.
#include <optional>
#include <vector>

#include "base/civil_time.h"
#include "gtest/gtest.h"
#include "parsers/formats/platform_formats.h"
#include "parsers/sniffer.h"

namespace rstscope::parsers {
namespace {

class ContainerFormatTest : public ::testing::Test {
 protected:
  void Use(const FormatInfo& format) { parser_ = format.make_parser(SampleContext()); }
  ParseStatus Parse(std::string_view line) {
    parsed_ = ParsedLine();
    line_ = line;
    return parser_->Parse(line, &parsed_).status;
  }
  std::string_view Message() const {
    return parsed_.has_message_override ? parsed_.message : line_.substr(parsed_.msg_offset);
  }

  std::unique_ptr<LineParser> parser_ = kDockerEventsFormat.make_parser(SampleContext());
  ParsedLine parsed_;
  std::string_view line_;
};

TEST_F(ContainerFormatTest, DockerDieWithZeroExitIsNotACrash) {
  ASSERT_EQ(Parse("2024-01-15T10:30:00.567890123Z container die 3f1c2d9e8b7a (exitCode=0, "
                  "image=acme/api:1.4, name=api)"),
            ParseStatus::kParsed);
  EXPECT_EQ(parsed_.kind, base::Kind::kOther);
  EXPECT_EQ(parsed_.FindAttr("exit_code"), "0");
}

TEST_F(ContainerFormatTest, DockerRestartAndValuesWithCommas) {
  ASSERT_EQ(Parse("2024-01-15T10:30:00.567890123Z container restart 3f1c2d9e8b7a "
                  "(com.example.note=a, b, image=acme/api:1.4, name=api)"),
            ParseStatus::kParsed);
  EXPECT_EQ(parsed_.kind, base::Kind::kRestart);
  EXPECT_EQ(parsed_.process, "api");
  EXPECT_EQ(parsed_.FindAttr("image"), "acme/api:1.4");
}

TEST_F(ContainerFormatTest, DockerEventWithoutAttributes) {
  ASSERT_EQ(Parse("2024-01-15T10:30:00.000000000Z daemon reload 7RQZ:ABCD"), ParseStatus::kParsed);
  EXPECT_EQ(parsed_.process, "");
  EXPECT_EQ(parsed_.kind, base::Kind::kOther);
  EXPECT_EQ(Message(), "daemon reload 7RQZ:ABCD");
}

TEST_F(ContainerFormatTest, DockerEventsRejectsOtherTimestampedLines) {
  EXPECT_EQ(Parse("2024-01-15T10:30:00Z container die 3f1c (exitCode=1)"),
            ParseStatus::kNotThisFormat);  // the CLI always prints 9 digits
  EXPECT_EQ(Parse("2024-01-15T10:30:00.567890123Z INFO starting (pid=1)"),
            ParseStatus::kNotThisFormat);
  EXPECT_EQ(Parse("2024-01-15T10:30:00.567890123Z stdout F hello"), ParseStatus::kNotThisFormat);
}

TEST_F(ContainerFormatTest, CriPartialLinesAreJoinedUntilAFullLine) {
  Use(kCriFormat);
  ASSERT_EQ(Parse("2024-03-01T10:15:02.000000001Z stderr P part one "), ParseStatus::kParsed);
  EXPECT_EQ(Message(), "part one ");
  EXPECT_EQ(Parse("2024-03-01T10:15:02.000000002Z stderr P part two "),
            ParseStatus::kContinuation);
  EXPECT_EQ(Parse("2024-03-01T10:15:02.000000003Z stderr F end"), ParseStatus::kContinuation);
  ASSERT_EQ(Parse("2024-03-01T10:15:03.000000000Z stdout F next record"), ParseStatus::kParsed);
  EXPECT_EQ(Message(), "next record");
  EXPECT_EQ(parsed_.FindAttr("stream"), "stdout");
}

TEST_F(ContainerFormatTest, CriEmptyMessageAndBadTags) {
  Use(kCriFormat);
  ASSERT_EQ(Parse("2024-03-01T10:15:02.000000001Z stdout F"), ParseStatus::kParsed);
  EXPECT_EQ(Message(), "");
  EXPECT_EQ(Parse("2024-03-01T10:15:02.000000001Z stdout X hello"), ParseStatus::kNotThisFormat);
  EXPECT_EQ(Parse("2024-03-01T10:15:02.000000001Z console F hello"), ParseStatus::kNotThisFormat);
}

TEST_F(ContainerFormatTest, DockerJsonDecodesEscapesAndSurrogates) {
  Use(kDockerJsonFormat);
  ASSERT_EQ(
      Parse(
          R"({"log":"a\"b\\c\/d \ud83d\ude00 \u00e9\r\n","stream":"stdout","time":"2024-01-15T10:30:00Z"})"),
      ParseStatus::kParsed);
  EXPECT_EQ(Message(), "a\"b\\c/d \xF0\x9F\x98\x80 \xC3\xA9");
}

TEST_F(ContainerFormatTest, DockerJsonSplitLineContinuesUntilItsNewline) {
  Use(kDockerJsonFormat);
  ASSERT_EQ(Parse(R"({"log":"first half ","stream":"stdout","time":"2024-01-15T10:30:00Z"})"),
            ParseStatus::kParsed);
  EXPECT_EQ(Parse(R"({"log":"middle ","stream":"stdout","time":"2024-01-15T10:30:00Z"})"),
            ParseStatus::kContinuation);
  EXPECT_EQ(Parse(R"({"log":"end\n","stream":"stdout","time":"2024-01-15T10:30:00Z"})"),
            ParseStatus::kContinuation);
  EXPECT_EQ(Parse(R"({"log":"next\n","stream":"stdout","time":"2024-01-15T10:30:01Z"})"),
            ParseStatus::kParsed);
}

TEST_F(ContainerFormatTest, DockerJsonBrokenObjects) {
  Use(kDockerJsonFormat);
  EXPECT_EQ(Parse(R"({"log":"x\q\n","stream":"stdout","time":"2024-01-15T10:30:00Z"})"),
            ParseStatus::kMalformed);
  EXPECT_EQ(Parse(R"({"log":"x\n","stream":"stdout"})"), ParseStatus::kMalformed);
  EXPECT_EQ(Parse(R"({"msg":"x","time":"2024-01-15T10:30:00Z"})"), ParseStatus::kNotThisFormat);
}

TEST(ContainerSniffTest, PicksDockerEvents) {
  const std::vector<std::string_view> lines = {
      "2024-01-15T10:29:40.000000001Z container health_status: unhealthy 3f1c2d9e8b7a "
      "(image=acme/api:1.4, name=api)",
      "2024-01-15T10:30:00.560001234Z container oom 3f1c2d9e8b7a (image=acme/api:1.4, name=api)",
      "2024-01-15T10:30:00.567890123Z container die 3f1c2d9e8b7a (exitCode=137, "
      "image=acme/api:1.4, name=api)",
      "2024-01-15T10:30:00.600000000Z network disconnect 9e1b2c3d4e5f (container=3f1c2d9e8b7a, "
      "name=bridge, type=bridge)",
      "2024-01-15T10:30:01.000000000Z network connect 9e1b2c3d4e5f (container=3f1c2d9e8b7a, "
      "name=bridge, type=bridge)",
      "2024-01-15T10:30:01.102030405Z container start 3f1c2d9e8b7a (image=acme/api:1.4, name=api)",
      "2024-01-15T10:30:01.102030406Z container restart 3f1c2d9e8b7a (image=acme/api:1.4, "
      "name=api)",
      "2024-01-15T10:31:00.000000000Z image pull acme/api:1.5 (name=acme/api)",
      "2024-01-15T10:31:05.000000000Z container create 4a2b3c4d5e6f (image=acme/api:1.5, "
      "name=api2)",
      "2024-01-15T10:31:06.000000000Z container start 4a2b3c4d5e6f (image=acme/api:1.5, name=api2)",
  };
  EXPECT_EQ(SniffFormat(lines, SampleContext()).format, &kDockerEventsFormat);
}

// Full lines only: the sniffer counts a joined partial line against a
// format, so a sample with many P lines can lose to app_text.
TEST(ContainerSniffTest, PicksCri) {
  const std::vector<std::string_view> lines = {
      "2024-04-16T06:21:30.494902976Z stderr F 2024/04/16 06:21:30 Starting server...",
      "2024-04-16T06:21:30.495000000Z stdout F listening on :8080",
      "2024-04-16T06:21:31.000000000Z stdout F {\"level\":\"info\",\"msg\":\"ready\"}",
      "2024-04-16T06:21:31.000000001Z stdout F GET /health 200",
      "2024-04-16T06:21:32.000000000Z stderr F panic: runtime error: invalid memory address",
      "2024-04-16T06:21:32.000000100Z stderr F ",
      "2024-04-16T06:21:32.000000200Z stderr F goroutine 1 [running]:",
      "2024-04-16T06:21:32.000000300Z stderr F main.main()",
      "2024-04-16T06:21:40.000000000Z stdout F listening on :8080",
      "2024-04-16T06:21:41.000000000Z stdout F GET /health 200",
  };
  const SniffResult r = SniffFormat(lines, SampleContext());
  EXPECT_EQ(r.format, &kCriFormat) << r.reason;
}

TEST(ContainerSniffTest, PicksDockerJson) {
  const std::vector<std::string_view> lines = {
      R"({"log":"Listening on port 8080\n","stream":"stdout","time":"2024-01-15T10:30:00.123456789Z"})",
      R"({"log":"GET /health 200\n","stream":"stdout","time":"2024-01-15T10:30:01.1Z"})",
      R"({"log":"GET /api/orders 200\n","stream":"stdout","time":"2024-01-15T10:30:02.2Z"})",
      R"({"log":"read tcp 10.0.0.5:8080-\u003e10.0.0.9:5000: read: connection reset by peer\n","stream":"stderr","time":"2024-01-15T10:30:03.3Z"})",
      R"({"log":"GET /api/orders 500\n","stream":"stdout","time":"2024-01-15T10:30:04.4Z"})",
      R"({"log":"shutting down\n","stream":"stderr","time":"2024-01-15T10:30:05.5Z"})",
      R"({"log":"Listening on port 8080\n","stream":"stdout","time":"2024-01-15T10:30:10.0Z"})",
      R"({"log":"GET /health 200\n","stream":"stdout","time":"2024-01-15T10:30:11.1Z"})",
  };
  EXPECT_EQ(SniffFormat(lines, SampleContext()).format, &kDockerJsonFormat);
}

}  // namespace
}  // namespace rstscope::parsers
