// Edge cases of json_lines beyond its format samples: time encodings, field
// names and nesting, message ranges versus built messages, rejections, and
// detection.
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/civil_time.h"
#include "base/event_batch.h"
#include "base/zone.h"
#include "gtest/gtest.h"
#include "parsers/classifier.h"
#include "parsers/formats/formats.h"
#include "parsers/record.h"
#include "parsers/sniffer.h"

namespace rstscope::parsers {
namespace {

using base::Severity;

int64_t Utc(int64_t y, int mo, int d, int h, int mi, int s, int64_t us = 0) {
  return base::CivilToUnixSeconds(y, mo, d, h, mi, s) * 1000000 + us;
}

class JsonLinesTest : public ::testing::Test {
 protected:
  ParseOutcome Parse(std::string_view line) {
    parsed_ = ParsedLine();
    line_ = line;
    return parser_->Parse(line, &parsed_);
  }
  ParseStatus Status(std::string_view line) { return Parse(line).status; }
  FinishedRecord Finish() const { return FinishRecord(line_, parsed_, Classifier::Default()); }
  std::string_view Message() const { return Finish().message; }
  std::optional<std::string_view> Attr(std::string_view key) const {
    for (int i = 0; i < parsed_.nattrs; ++i) {
      if (parsed_.attrs[i].key == key) return parsed_.attrs[i].value;
    }
    return std::nullopt;
  }

  std::unique_ptr<LineParser> parser_ = kJsonLinesFormat.make_parser(SampleContext());
  ParsedLine parsed_;
  std::string_view line_;
};

TEST_F(JsonLinesTest, EpochNumbersByMagnitude) {
  const int64_t want = Utc(2024, 3, 1, 10, 15, 2, 123000);
  for (std::string_view line : {
           std::string_view(R"json({"ts":1709288102.123,"msg":"s"})json"),
           std::string_view(R"json({"time":1709288102123,"msg":"ms"})json"),
           std::string_view(R"json({"time":1709288102123000,"msg":"us"})json"),
           std::string_view(R"json({"time":1709288102123000000,"msg":"ns"})json"),
       }) {
    ASSERT_EQ(Status(line), ParseStatus::kParsed) << line;
    EXPECT_EQ(parsed_.ts_us, want) << line;
    EXPECT_EQ(parsed_.flags & base::kFlagTzAssumed, 0) << line;
  }
  ASSERT_EQ(Status(R"json({"ts":1709288102,"msg":"whole seconds"})json"), ParseStatus::kParsed);
  EXPECT_EQ(parsed_.ts_us, Utc(2024, 3, 1, 10, 15, 2));
}

TEST_F(JsonLinesTest, IsoTimeWithoutOffsetUsesTheSourceZone) {
  SourceContext ctx = SampleContext();
  ctx.zone = base::Zone::Load("-05:00").value();
  parser_ = kJsonLinesFormat.make_parser(ctx);
  ASSERT_EQ(Status(R"json({"timestamp":"2024-03-01T10:15:02","message":"naive"})json"),
            ParseStatus::kParsed);
  EXPECT_EQ(parsed_.ts_us, Utc(2024, 3, 1, 15, 15, 2));
  EXPECT_NE(parsed_.flags & base::kFlagTzAssumed, 0);
  ASSERT_EQ(Status(R"json({"timestamp":"2024-03-01T10:15:02Z","message":"utc"})json"),
            ParseStatus::kParsed);
  EXPECT_EQ(parsed_.ts_us, Utc(2024, 3, 1, 10, 15, 2));
  EXPECT_EQ(parsed_.flags & base::kFlagTzAssumed, 0);
}

TEST_F(JsonLinesTest, FirstValidTimeFieldWins) {
  ASSERT_EQ(Status(R"json({"t":"request","time":"2024-03-01T10:15:02Z","ts":1,"msg":"x"})json"),
            ParseStatus::kParsed);
  EXPECT_EQ(parsed_.ts_us, Utc(2024, 3, 1, 10, 15, 2));
}

TEST_F(JsonLinesTest, MongoExtendedJsonDate) {
  ASSERT_EQ(Status(R"json({"t":{"$date":"2024-03-01T10:15:02.123+00:00"},"msg":"x"})json"),
            ParseStatus::kParsed);
  EXPECT_EQ(parsed_.ts_us, Utc(2024, 3, 1, 10, 15, 2, 123000));
}

TEST_F(JsonLinesTest, VerbatimMessageIsARangeOfTheLine) {
  ASSERT_EQ(Status(R"json({"time":"2024-03-01T10:15:02Z", "msg" : "plain text" , "x":1})json"),
            ParseStatus::kParsed);
  EXPECT_FALSE(parsed_.has_message_override);
  EXPECT_EQ(line_.substr(parsed_.msg_offset, parsed_.msg_length), "plain text");
}

TEST_F(JsonLinesTest, EscapedMessageIsUnescaped) {
  ASSERT_EQ(
      Status(R"json({"time":"2024-03-01T10:15:02Z","msg":"tab\there \"quoted\" \u00e9"})json"),
      ParseStatus::kParsed);
  EXPECT_TRUE(parsed_.has_message_override);
  EXPECT_EQ(Message(), "tab\there \"quoted\" \xC3\xA9");
}

TEST_F(JsonLinesTest, DockerLogFieldLosesItsNewline) {
  ASSERT_EQ(
      Status(
          R"json({"log":"Error: read ECONNRESET\n","stream":"stderr","time":"2024-03-01T10:15:02.5Z"})json"),
      ParseStatus::kParsed);
  EXPECT_EQ(Message(), "Error: read ECONNRESET");
  EXPECT_EQ(Finish().kind, base::Kind::kReset);
}

TEST_F(JsonLinesTest, RenderedMessageBeatsTemplateWhateverTheOrder) {
  ASSERT_EQ(
      Status(R"json({"@t":"2024-03-01T10:15:02Z","@mt":"Hello {Name}","@m":"Hello \"Bob\""})json"),
      ParseStatus::kParsed);
  EXPECT_EQ(Message(), "Hello \"Bob\"");
  ASSERT_EQ(
      Status(R"json({"@t":"2024-03-01T10:15:02Z","@m":"Hello Bob","@mt":"Hello {Name}"})json"),
      ParseStatus::kParsed);
  EXPECT_EQ(Message(), "Hello Bob");
}

TEST_F(JsonLinesTest, ClefWithoutLevelIsInformation) {
  ASSERT_EQ(Status(R"json({"@t":"2024-03-01T10:15:02Z","@mt":"Started"})json"),
            ParseStatus::kParsed);
  EXPECT_EQ(parsed_.severity, Severity::kInfo);
  ASSERT_EQ(Status(R"json({"time":"2024-03-01T10:15:02Z","msg":"no level"})json"),
            ParseStatus::kParsed);
  EXPECT_EQ(parsed_.severity, Severity::kUnknown);
}

TEST_F(JsonLinesTest, NumericLevels) {
  const std::pair<std::string_view, Severity> cases[] = {
      {R"json({"time":1709288102,"level":10})json", Severity::kDebug},
      {R"json({"time":1709288102,"level":30})json", Severity::kInfo},
      {R"json({"time":1709288102,"level":40})json", Severity::kWarning},
      {R"json({"time":1709288102,"level":60})json", Severity::kCritical},
      {R"json({"time":1709288102,"level":3})json", Severity::kError},
      {R"json({"time":1709288102,"level":99})json", Severity::kUnknown},
  };
  for (const auto& [line, severity] : cases) {
    ASSERT_EQ(Status(line), ParseStatus::kParsed) << line;
    EXPECT_EQ(parsed_.severity, severity) << line;
  }
}

TEST_F(JsonLinesTest, NestedEcsObjects) {
  ASSERT_EQ(
      Status(
          R"json({"@timestamp":"2024-03-01T10:15:02Z","log":{"level":"warn","logger":"app.db"},"host":{"name":"db-1"},"service":{"name":"orders"},"process":{"pid":"812"},"message":"slow query"})json"),
      ParseStatus::kParsed);
  EXPECT_EQ(parsed_.severity, Severity::kWarning);
  EXPECT_EQ(Attr("logger"), "app.db");
  EXPECT_EQ(parsed_.host, "db-1");
  EXPECT_EQ(parsed_.process, "orders");
  EXPECT_EQ(parsed_.pid, 812);
  EXPECT_EQ(Message(), "slow query");
}

TEST_F(JsonLinesTest, ErrorObjectWithoutStackIsTypeAndMessage) {
  ASSERT_EQ(
      Status(
          R"json({"time":"2024-03-01T10:15:02Z","message":"Payment failed","error":{"type":"java.net.SocketException","message":"Connection reset"}})json"),
      ParseStatus::kParsed);
  EXPECT_EQ(Message(), "Payment failed\njava.net.SocketException: Connection reset");
  EXPECT_EQ(Finish().rule, "java_connection_reset");
}

TEST_F(JsonLinesTest, SeveralErrorFieldsAreAllAppended) {
  ASSERT_EQ(
      Status(R"json({"time":"2024-03-01T10:15:02Z","msg":"m","error":"e1","stack":"e2"})json"),
      ParseStatus::kParsed);
  EXPECT_EQ(Message(), "m\ne1\ne2");
}

TEST_F(JsonLinesTest, ErrorWithoutMessage) {
  ASSERT_EQ(Status(R"json({"time":"2024-03-01T10:15:02Z","err":"write EPIPE"})json"),
            ParseStatus::kParsed);
  EXPECT_EQ(Message(), "write EPIPE");
  EXPECT_EQ(Finish().kind, base::Kind::kReset);
}

TEST_F(JsonLinesTest, NoMessageFieldKeepsTheWholeLine) {
  ASSERT_EQ(Status(R"json({"time":"2024-03-01T10:15:02Z","event":"connection reset by peer"})json"),
            ParseStatus::kParsed);
  EXPECT_EQ(Message(), line_);
  EXPECT_EQ(Finish().kind, base::Kind::kReset);
}

TEST_F(JsonLinesTest, FieldsOfUnexpectedTypesAreIgnored) {
  ASSERT_EQ(
      Status(
          R"json({"time":"2024-03-01T10:15:02Z","msg":42,"host":["a"],"pid":-3,"level":null,"message":"text"})json"),
      ParseStatus::kParsed);
  EXPECT_EQ(Message(), "text");
  EXPECT_TRUE(parsed_.host.empty());
  EXPECT_EQ(parsed_.pid, -1);
  EXPECT_EQ(parsed_.severity, Severity::kUnknown);
}

TEST_F(JsonLinesTest, NestedObjectsLeftPartWayDoNotHideLaterFields) {
  ASSERT_EQ(
      Status(
          R"json({"logger":{"name":"x","deep":{"a":[1,{"b":2}]}},"attr":{"k":[{"v":"w"}]},"time":"2024-03-01T10:15:02Z","host":{"ip":"10.0.0.1","name":"web-2"},"msg":"after"})json"),
      ParseStatus::kParsed);
  EXPECT_EQ(parsed_.ts_us, Utc(2024, 3, 1, 10, 15, 2));
  EXPECT_EQ(parsed_.host, "web-2");
  EXPECT_FALSE(Attr("logger").has_value());
  EXPECT_EQ(Message(), "after");
}

TEST_F(JsonLinesTest, LongLineThenShortLineReusesTheBuffer) {
  const std::string long_line = R"json({"time":"2024-03-01T10:15:02Z","msg":")json" +
                                std::string(100000, 'x') + R"json("})json";
  ASSERT_EQ(Status(long_line), ParseStatus::kParsed);
  EXPECT_EQ(Message().size(), 100000u);
  ASSERT_EQ(Status(R"json({"time":"2024-03-01T10:15:03Z","msg":"short"})json"),
            ParseStatus::kParsed);
  EXPECT_EQ(Message(), "short");
  EXPECT_EQ(parsed_.ts_us, Utc(2024, 3, 1, 10, 15, 3));
}

TEST_F(JsonLinesTest, ObjectWithoutTimeIsNotThisFormat) {
  const ParseOutcome o = Parse(R"json({"level":"info","msg":"no time"})json");
  EXPECT_EQ(o.status, ParseStatus::kNotThisFormat);
  EXPECT_EQ(o.reason, "JSON object without a time field");
}

TEST_F(JsonLinesTest, JournaldExportIsLeftToJournald) {
  EXPECT_EQ(
      Status(
          R"json({"__REALTIME_TIMESTAMP":"1709288102123456","_HOSTNAME":"web-1","SYSLOG_IDENTIFIER":"kernel","MESSAGE":"Out of memory: Killed process 4412 (java)","PRIORITY":"3"})json"),
      ParseStatus::kNotThisFormat);
}

TEST_F(JsonLinesTest, BadTimeIsMalformedAtItsColumn) {
  const ParseOutcome o = Parse(R"json({"msg":"x","time":"yesterday"})json");
  EXPECT_EQ(o.status, ParseStatus::kMalformed);
  EXPECT_EQ(o.column, 19u);
  EXPECT_EQ(Status(R"json({"time":"2024-03-01T10:15:02Z junk","msg":"x"})json"),
            ParseStatus::kMalformed);
  EXPECT_EQ(Status(R"json({"time":-5,"msg":"x"})json"), ParseStatus::kMalformed);
  EXPECT_EQ(Status(R"json({"time":true,"msg":"x"})json"), ParseStatus::kMalformed);
}

TEST_F(JsonLinesTest, BrokenJsonIsMalformed) {
  EXPECT_EQ(Status(R"json({"time":"2024-03-01T10:15:02Z","msg":)json"), ParseStatus::kMalformed);
  EXPECT_EQ(Status(R"json({"time":"2024-03-01T10:15:02Z" "msg":"x"})json"),
            ParseStatus::kMalformed);
  EXPECT_EQ(Status(R"json({"time":"2024-03-01T10:15:02Z"} trailing)json"), ParseStatus::kMalformed);
  const ParseOutcome o = Parse(R"json({"time":"2024-03-01T10:15:02Z"} {"msg":"second"})json");
  EXPECT_EQ(o.status, ParseStatus::kMalformed);
  EXPECT_EQ(o.column, 33u);
}

TEST_F(JsonLinesTest, NonObjectsAreNotThisFormat) {
  EXPECT_EQ(Status("2024-03-01 10:15:02 plain text"), ParseStatus::kNotThisFormat);
  EXPECT_EQ(Status(R"json(["2024-03-01T10:15:02Z","array"])json"), ParseStatus::kNotThisFormat);
  EXPECT_EQ(Status(""), ParseStatus::kNotThisFormat);
  EXPECT_EQ(Status("   "), ParseStatus::kNotThisFormat);
}

TEST_F(JsonLinesTest, LeadingBlanksAreAllowed) {
  ASSERT_EQ(Status(R"json(  {"time":"2024-03-01T10:15:02Z","msg":"indented"})json"),
            ParseStatus::kParsed);
  EXPECT_EQ(Message(), "indented");
}

TEST(JsonLinesSniffTest, StructuredLogIsJsonLines) {
  const std::vector<std::string_view> lines = {
      R"json({"level":"info","ts":1709288100.001,"caller":"server/main.go:30","msg":"starting"})json",
      R"json({"level":"info","ts":1709288100.002,"caller":"server/main.go:42","msg":"listening on :8080"})json",
      R"json({"level":"debug","ts":1709288101.5,"logger":"http","msg":"GET /health","status":200})json",
      R"json({"level":"error","ts":1709288102.123,"logger":"orders","msg":"upstream call failed","error":"read tcp 10.0.0.5:41234->10.0.0.21:8080: read: connection reset by peer","stacktrace":"main.call\n\t/app/orders.go:88"})json",
      R"json({"level":"warn","ts":1709288102.5,"logger":"orders","msg":"retrying","attempt":2})json",
      R"json({"level":"info","ts":1709288103.0,"logger":"orders","msg":"upstream call ok"})json",
      R"json({"level":"info","ts":1709288104.0,"logger":"http","msg":"GET /v1/orders","status":200})json",
      R"json({"level":"info","ts":1709288105.0,"logger":"http","msg":"GET /v1/orders","status":200})json",
      R"json({"level":"info","ts":1709288106.0,"logger":"http","msg":"GET /v1/orders","status":500})json",
      R"json({"level":"info","ts":1709288107.0,"logger":"http","msg":"shutting down"})json",
  };
  const SniffResult result = SniffFormat(lines, SampleContext());
  ASSERT_NE(result.format, nullptr) << result.reason;
  EXPECT_EQ(result.format->name, "json_lines");
}

TEST(JsonLinesSniffTest, ClefIsJsonLines) {
  const std::vector<std::string_view> lines = {
      R"json({"@t":"2024-03-01T10:15:00.0000000Z","@mt":"Now listening on: {address}","address":"http://[::]:8080"})json",
      R"json({"@t":"2024-03-01T10:15:01.0000000Z","@mt":"Request starting {Method} {Path}","Method":"GET","Path":"/orders"})json",
      R"json({"@t":"2024-03-01T10:15:02.1234567Z","@mt":"Request to {Url} failed","@l":"Error","@x":"System.Net.Http.HttpRequestException: An error occurred while sending the request.\n ---> System.Net.Sockets.SocketException (10054): An existing connection was forcibly closed by the remote host.","Url":"https://api.example.com/v1/orders"})json",
      R"json({"@t":"2024-03-01T10:15:03.0000000Z","@mt":"Retrying {Attempt}","@l":"Warning","Attempt":1})json",
      R"json({"@t":"2024-03-01T10:15:04.0000000Z","@mt":"Request finished in {Elapsed} ms","Elapsed":2100})json",
  };
  const SniffResult result = SniffFormat(lines, SampleContext());
  ASSERT_NE(result.format, nullptr) << result.reason;
  EXPECT_EQ(result.format->name, "json_lines");
}

}  // namespace
}  // namespace rstscope::parsers
