// Edge cases of the application text formats (logback, serilog, nlog,
// python_logging, go_log, dotnet_console, app_text) beyond their format
// samples, and detection of each from realistic excerpts with stack traces.
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

std::vector<std::string_view> SplitLines(std::string_view text) {
  std::vector<std::string_view> lines;
  for (size_t start = 0;;) {
    const size_t nl = text.find('\n', start);
    lines.push_back(text.substr(start, nl == std::string_view::npos ? nl : nl - start));
    if (nl == std::string_view::npos) break;
    start = nl + 1;
  }
  return lines;
}

// One parser of one format, and the last parse's results.
class FormatFixture {
 public:
  explicit FormatFixture(const FormatInfo& format, SourceContext ctx = SampleContext())
      : parser_(format.make_parser(ctx)) {}

  ParseStatus Parse(std::string_view line) {
    parsed_ = ParsedLine();
    line_ = line;
    return parser_->Parse(line, &parsed_).status;
  }
  // The message of a one-line record.
  std::string_view Message() const {
    return FinishRecord(line_, parsed_, Classifier::Default()).message;
  }
  const ParsedLine& parsed() const { return parsed_; }

 private:
  std::unique_ptr<LineParser> parser_;
  ParsedLine parsed_;
  std::string_view line_;
};

// ---------------------------------------------------------------------------
// logback

TEST(LogbackTest, Log4j2ThreadBeforeLevel) {
  FormatFixture f(kLogbackFormat);
  ASSERT_EQ(f.Parse("2024-03-01 10:15:02.456 [http-nio-8080-exec-3] WARN  "
                    "com.acme.api.OrdersController - Slow - very slow"),
            ParseStatus::kParsed);
  EXPECT_EQ(f.parsed().ts_us, Utc(2024, 3, 1, 10, 15, 2, 456000));
  EXPECT_EQ(f.parsed().severity, Severity::kWarning);
  EXPECT_EQ(f.parsed().FindAttr("thread"), "http-nio-8080-exec-3");
  EXPECT_EQ(f.parsed().FindAttr("logger"), "com.acme.api.OrdersController");
  EXPECT_EQ(f.Message(), "Slow - very slow");
  EXPECT_TRUE(f.parsed().process.empty());
  EXPECT_EQ(f.parsed().pid, -1);
}

TEST(LogbackTest, ThreadNameWithBlanks) {
  FormatFixture f(kLogbackFormat);
  ASSERT_EQ(f.Parse("2024-03-01 10:15:02,123 INFO [RMI TCP Connection(2)-127.0.0.1] "
                    "sun.rmi.transport - connection accepted"),
            ParseStatus::kParsed);
  EXPECT_EQ(f.parsed().FindAttr("thread"), "RMI TCP Connection(2)-127.0.0.1");
  EXPECT_EQ(f.Message(), "connection accepted");
}

TEST(LogbackTest, SpringBoot3NamesTheApplicationAsProcess) {
  FormatFixture f(kLogbackFormat);
  ASSERT_EQ(f.Parse("2025-01-24T07:00:30.139Z ERROR 1 --- [app] [nio-8080-exec-1] "
                    "c.e.shop.PaymentService : Payment failed"),
            ParseStatus::kParsed);
  EXPECT_EQ(f.parsed().process, "app");
  EXPECT_EQ(f.parsed().pid, 1);
  EXPECT_EQ(f.parsed().FindAttr("thread"), "nio-8080-exec-1");
  EXPECT_EQ(f.parsed().FindAttr("logger"), "c.e.shop.PaymentService");
  EXPECT_EQ(f.parsed().flags & base::kFlagTzAssumed, 0);
  EXPECT_EQ(f.Message(), "Payment failed");
}

TEST(LogbackTest, SpringBoot2PaddedThreadAndLogger) {
  FormatFixture f(kLogbackFormat);
  ASSERT_EQ(f.Parse("2024-03-01 10:15:00.001  INFO 12345 --- [           main] "
                    "com.acme.shop.ShopApplication            : Starting ShopApplication"),
            ParseStatus::kParsed);
  EXPECT_TRUE(f.parsed().process.empty());
  EXPECT_EQ(f.parsed().pid, 12345);
  EXPECT_EQ(f.parsed().FindAttr("thread"), "main");
  EXPECT_EQ(f.parsed().FindAttr("logger"), "com.acme.shop.ShopApplication");
  EXPECT_NE(f.parsed().flags & base::kFlagTzAssumed, 0);
  EXPECT_EQ(f.Message(), "Starting ShopApplication");
}

TEST(LogbackTest, NaiveTimeIsInTheSourceZone) {
  SourceContext ctx = SampleContext();
  ctx.zone = base::Zone::Load("+02:00").value();
  FormatFixture f(kLogbackFormat, ctx);
  ASSERT_EQ(f.Parse("2024-03-01 10:15:02,123 ERROR [main] com.acme.Foo - x"), ParseStatus::kParsed);
  EXPECT_EQ(f.parsed().ts_us, Utc(2024, 3, 1, 8, 15, 2, 123000));
  EXPECT_NE(f.parsed().flags & base::kFlagTzAssumed, 0);
}

TEST(LogbackTest, RejectsOtherLayoutsAndStackLines) {
  FormatFixture f(kLogbackFormat);
  EXPECT_NE(f.Parse("2024-03-01 10:15:02,123 error [main] com.acme.Foo - lower-case level"),
            ParseStatus::kParsed);
  EXPECT_NE(f.Parse("2024-03-01 10:15:02,123 ERROR [main] com.acme.Foo: no dash"),
            ParseStatus::kParsed);
  EXPECT_NE(f.Parse("2024-03-01 10:15:02,123 - acme - ERROR - python"), ParseStatus::kParsed);
  EXPECT_NE(f.Parse("\tat com.acme.Foo.bar(Foo.java:42)"), ParseStatus::kParsed);
  EXPECT_NE(f.Parse("Caused by: java.net.SocketException: Connection reset"), ParseStatus::kParsed);
  EXPECT_NE(f.Parse("2024-03-01 10:15:02,123 ERROR"), ParseStatus::kParsed);
}

// ---------------------------------------------------------------------------
// serilog

TEST(SerilogTest, OffsetAfterABlankIsApplied) {
  FormatFixture f(kSerilogFormat);
  ASSERT_EQ(f.Parse("2024-11-05 14:03:27.123 +01:00 [ERR] boom"), ParseStatus::kParsed);
  EXPECT_EQ(f.parsed().ts_us, Utc(2024, 11, 5, 13, 3, 27, 123000));
  EXPECT_EQ(f.parsed().flags & base::kFlagTzAssumed, 0);
  EXPECT_EQ(f.parsed().severity, Severity::kError);
  EXPECT_EQ(f.Message(), "boom");
}

TEST(SerilogTest, EveryLevelAbbreviation) {
  FormatFixture f(kSerilogFormat);
  const std::pair<std::string_view, Severity> levels[] = {
      {"VRB", Severity::kDebug},   {"DBG", Severity::kDebug}, {"INF", Severity::kInfo},
      {"WRN", Severity::kWarning}, {"ERR", Severity::kError}, {"FTL", Severity::kCritical},
  };
  for (const auto& [word, severity] : levels) {
    const std::string line = "2024-11-05 14:03:27.123 +01:00 [" + std::string(word) + "] m";
    ASSERT_EQ(f.Parse(line), ParseStatus::kParsed) << word;
    EXPECT_EQ(f.parsed().severity, severity) << word;
  }
}

TEST(SerilogTest, EmptyMessage) {
  FormatFixture f(kSerilogFormat);
  ASSERT_EQ(f.Parse("2024-11-05 14:03:27.123 +01:00 [INF]"), ParseStatus::kParsed);
  EXPECT_EQ(f.Message(), "");
}

TEST(SerilogTest, RejectsOtherLevelsAndShapes) {
  FormatFixture f(kSerilogFormat);
  EXPECT_NE(f.Parse("2024-11-05 14:03:27.123 +01:00 [ERROR] long level"), ParseStatus::kParsed);
  EXPECT_NE(f.Parse("2024-11-05 14:03:27.123 +01:00 [err] lower case"), ParseStatus::kParsed);
  EXPECT_NE(f.Parse("2024-11-05 14:03:27.123 +01:00 [ERR]no blank"), ParseStatus::kParsed);
  EXPECT_NE(f.Parse("2024-11-05 14:03:27.123 +01 [ERR] short offset"), ParseStatus::kParsed);
  EXPECT_NE(f.Parse(" ---> System.Net.Sockets.SocketException (10054): An existing connection"),
            ParseStatus::kParsed);
}

// ---------------------------------------------------------------------------
// nlog

TEST(NlogTest, FieldsAndAPipeInTheMessage) {
  FormatFixture f(kNlogFormat);
  ASSERT_EQ(f.Parse("2024-03-01 10:15:02.1234|Warn|Acme.Cache|hit|miss"), ParseStatus::kParsed);
  EXPECT_EQ(f.parsed().ts_us, Utc(2024, 3, 1, 10, 15, 2, 123400));
  EXPECT_EQ(f.parsed().severity, Severity::kWarning);
  EXPECT_EQ(f.parsed().FindAttr("logger"), "Acme.Cache");
  EXPECT_EQ(f.Message(), "hit|miss");
}

TEST(NlogTest, RejectsMissingFields) {
  FormatFixture f(kNlogFormat);
  EXPECT_NE(f.Parse("2024-03-01 10:15:02.1234|ERROR|no logger field"), ParseStatus::kParsed);
  EXPECT_NE(f.Parse("2024-03-01 10:15:02.1234|LOUD|Acme|unknown level"), ParseStatus::kParsed);
  EXPECT_NE(f.Parse("2024-03-01 10:15:02.1234|ERROR||empty logger"), ParseStatus::kParsed);
  EXPECT_NE(f.Parse("2024-03-01 10:15:02.1234 ERROR Acme msg"), ParseStatus::kParsed);
}

// ---------------------------------------------------------------------------
// python_logging

TEST(PythonLoggingTest, DashSeparatedLayoutKeepsDashesInTheMessage) {
  FormatFixture f(kPythonLoggingFormat);
  ASSERT_EQ(f.Parse("2024-03-01 10:15:02,123 - acme.client - ERROR - retry 3 - giving up"),
            ParseStatus::kParsed);
  EXPECT_EQ(f.parsed().FindAttr("logger"), "acme.client");
  EXPECT_EQ(f.parsed().severity, Severity::kError);
  EXPECT_EQ(f.Message(), "retry 3 - giving up");
}

TEST(PythonLoggingTest, LevelThenNameColon) {
  FormatFixture f(kPythonLoggingFormat);
  ASSERT_EQ(f.Parse("2024-03-01 10:15:02,123 CRITICAL  root: disk full"), ParseStatus::kParsed);
  EXPECT_EQ(f.parsed().severity, Severity::kCritical);
  EXPECT_EQ(f.parsed().FindAttr("logger"), "root");
  EXPECT_EQ(f.Message(), "disk full");
}

TEST(PythonLoggingTest, BracketedLevel) {
  FormatFixture f(kPythonLoggingFormat);
  ASSERT_EQ(f.Parse("2024-03-01 10:15:02,123 [WARNING] urllib3.connectionpool: Retrying"),
            ParseStatus::kParsed);
  EXPECT_EQ(f.parsed().severity, Severity::kWarning);
  EXPECT_EQ(f.Message(), "Retrying");
}

TEST(PythonLoggingTest, RejectsJavaLevelsAndTracebackLines) {
  FormatFixture f(kPythonLoggingFormat);
  EXPECT_NE(f.Parse("2024-03-01 10:15:02,123 WARN acme: java level"), ParseStatus::kParsed);
  EXPECT_NE(f.Parse("2024-03-01 10:15:02,123 ERROR acme no colon"), ParseStatus::kParsed);
  EXPECT_NE(f.Parse("2024-03-01 10:15:02,123 ERROR [main] com.acme.Foo - logback"),
            ParseStatus::kParsed);
  EXPECT_NE(f.Parse("Traceback (most recent call last):"), ParseStatus::kParsed);
  EXPECT_NE(f.Parse("  File \"/app/client.py\", line 42, in sync"), ParseStatus::kParsed);
  EXPECT_NE(f.Parse("ConnectionResetError: [Errno 104] Connection reset by peer"),
            ParseStatus::kParsed);
}

// ---------------------------------------------------------------------------
// go_log

TEST(GoLogTest, StandardLogIsLocalTime) {
  FormatFixture f(kGoLogFormat);
  ASSERT_EQ(f.Parse("2024/03/01 10:15:02 main.go:42: listening"), ParseStatus::kParsed);
  EXPECT_EQ(f.parsed().ts_us, Utc(2024, 3, 1, 10, 15, 2));
  EXPECT_NE(f.parsed().flags & base::kFlagTzAssumed, 0);
  EXPECT_EQ(f.parsed().severity, Severity::kUnknown);
  EXPECT_EQ(f.Message(), "main.go:42: listening");
}

TEST(GoLogTest, ZapNameCallerMessageAndContext) {
  FormatFixture f(kGoLogFormat);
  ASSERT_EQ(f.Parse("2024-03-01T10:15:02.123Z\twarn\thttp\tserver/handler.go:88\tslow request\t"
                    "{\"ms\": 2300}"),
            ParseStatus::kParsed);
  EXPECT_EQ(f.parsed().severity, Severity::kWarning);
  EXPECT_EQ(f.parsed().FindAttr("logger"), "http");
  EXPECT_EQ(f.Message(), "slow request\t{\"ms\": 2300}");
}

TEST(GoLogTest, ZapMessageOnly) {
  FormatFixture f(kGoLogFormat);
  ASSERT_EQ(f.Parse("2024-03-01T10:15:02.123Z\tDPANIC\tinvariant broken"), ParseStatus::kParsed);
  EXPECT_EQ(f.parsed().severity, Severity::kCritical);
  EXPECT_FALSE(f.parsed().FindAttr("logger").has_value());
  EXPECT_EQ(f.Message(), "invariant broken");
}

TEST(GoLogTest, ZapSingleWordMessageWithContext) {
  FormatFixture f(kGoLogFormat);
  ASSERT_EQ(f.Parse("2024-03-01T10:15:02.123Z\tINFO\tstarted\t{\"port\": 8080}"),
            ParseStatus::kParsed);
  EXPECT_EQ(f.Message(), "started\t{\"port\": 8080}");
}

TEST(GoLogTest, LeavesNginxErrorLogsToNginx) {
  FormatFixture f(kGoLogFormat);
  EXPECT_EQ(f.Parse("2024/03/01 10:15:02 [error] 2211#2211: *90312 recv() failed"),
            ParseStatus::kNotThisFormat);
  EXPECT_EQ(f.Parse("2024/03/01 10:15:02 [worker 3] draining"), ParseStatus::kParsed);
}

TEST(GoLogTest, RejectsPanicContinuationAndOtherLayouts) {
  FormatFixture f(kGoLogFormat);
  EXPECT_NE(f.Parse("goroutine 1 [running]:"), ParseStatus::kParsed);
  EXPECT_NE(f.Parse("\t/app/main.go:42 +0x1d"), ParseStatus::kParsed);
  EXPECT_NE(f.Parse("2024-03-01T10:15:02.123Z\tLOUD\tmsg"), ParseStatus::kParsed);
  EXPECT_NE(f.Parse("2024-03-01T10:15:02.123Z INFO not tab separated"), ParseStatus::kParsed);
}

// ---------------------------------------------------------------------------
// dotnet_console

TEST(DotnetConsoleTest, MessageStartsAfterTheIndentOfTheNextLine) {
  FormatFixture f(kDotnetConsoleFormat);
  const std::string_view header = "2024-03-01 10:15:02 fail: Acme.Api.OrdersController[0]";
  ASSERT_EQ(f.Parse(header), ParseStatus::kParsed);
  EXPECT_EQ(f.parsed().severity, Severity::kError);
  EXPECT_EQ(f.parsed().FindAttr("logger"), "Acme.Api.OrdersController");
  EXPECT_EQ(f.parsed().FindAttr("event_id"), "0");
  const std::string record = std::string(header) + "\n      Payment call failed";
  EXPECT_EQ(FinishRecord(record, f.parsed(), Classifier::Default()).message, "Payment call failed");
  // A header without its message lines has an empty message.
  EXPECT_EQ(FinishRecord(header, f.parsed(), Classifier::Default()).message, "");
}

TEST(DotnetConsoleTest, LevelAbbreviations) {
  FormatFixture f(kDotnetConsoleFormat);
  const std::pair<std::string_view, Severity> levels[] = {
      {"trce", Severity::kDebug},   {"dbug", Severity::kDebug}, {"info", Severity::kInfo},
      {"warn", Severity::kWarning}, {"fail", Severity::kError}, {"crit", Severity::kCritical},
  };
  for (const auto& [word, severity] : levels) {
    const std::string line = "2024-03-01 10:15:02 " + std::string(word) + ": Acme[1]";
    ASSERT_EQ(f.Parse(line), ParseStatus::kParsed) << word;
    EXPECT_EQ(f.parsed().severity, severity) << word;
  }
}

TEST(DotnetConsoleTest, IsoTimestampWithOffset) {
  FormatFixture f(kDotnetConsoleFormat);
  ASSERT_EQ(f.Parse("2024-03-01T11:15:02.250+01:00 warn: Acme.Api[7] slow"), ParseStatus::kParsed);
  EXPECT_EQ(f.parsed().ts_us, Utc(2024, 3, 1, 10, 15, 2, 250000));
  EXPECT_EQ(f.parsed().flags & base::kFlagTzAssumed, 0);
  EXPECT_EQ(f.Message(), "slow");
}

TEST(DotnetConsoleTest, RejectsMalformedHeadersAndMessageLines) {
  FormatFixture f(kDotnetConsoleFormat);
  EXPECT_NE(f.Parse("2024-03-01 10:15:02 fail: Acme.Api[x1]"), ParseStatus::kParsed);
  EXPECT_NE(f.Parse("2024-03-01 10:15:02 fail: Acme Api[0]"), ParseStatus::kParsed);
  EXPECT_NE(f.Parse("2024-03-01 10:15:02 fail: Acme.Api"), ParseStatus::kParsed);
  EXPECT_NE(f.Parse("2024-03-01 10:15:02 error: Acme.Api[0]"), ParseStatus::kParsed);
  EXPECT_NE(f.Parse("2024-03-01 10:15:02 fail"), ParseStatus::kParsed);
  EXPECT_NE(f.Parse("      Payment call failed"), ParseStatus::kParsed);
  EXPECT_NE(f.Parse("info: Acme.Api[0]"), ParseStatus::kParsed);
}

// ---------------------------------------------------------------------------
// app_text

TEST(AppTextTest, CapitalizedWordIsNotALevel) {
  FormatFixture f(kAppTextFormat);
  ASSERT_EQ(f.Parse("2024-03-01 10:15:02 Error connecting to db"), ParseStatus::kParsed);
  EXPECT_EQ(f.parsed().severity, Severity::kUnknown);
  EXPECT_EQ(f.Message(), "Error connecting to db");
}

TEST(AppTextTest, LevelForms) {
  FormatFixture f(kAppTextFormat);
  ASSERT_EQ(f.Parse("2024-03-01 10:15:02 [warning] disk 91% full"), ParseStatus::kParsed);
  EXPECT_EQ(f.parsed().severity, Severity::kWarning);
  EXPECT_EQ(f.Message(), "disk 91% full");
  ASSERT_EQ(f.Parse("2024-03-01 10:15:02 ERROR - upstream failed"), ParseStatus::kParsed);
  EXPECT_EQ(f.parsed().severity, Severity::kError);
  EXPECT_EQ(f.Message(), "upstream failed");
  ASSERT_EQ(f.Parse("2024-03-01 10:15:02 I did it"), ParseStatus::kParsed);
  EXPECT_EQ(f.parsed().severity, Severity::kUnknown);
  EXPECT_EQ(f.Message(), "I did it");
}

TEST(AppTextTest, BracketedPidAndOffset) {
  FormatFixture f(kAppTextFormat);
  ASSERT_EQ(f.Parse("[2026-05-26 19:49:12 +0200] [56] [INFO] Booting worker with pid: 74"),
            ParseStatus::kParsed);
  EXPECT_EQ(f.parsed().ts_us, Utc(2026, 5, 26, 17, 49, 12));
  EXPECT_EQ(f.parsed().flags & base::kFlagTzAssumed, 0);
  EXPECT_EQ(f.parsed().pid, 56);
  EXPECT_EQ(f.parsed().severity, Severity::kInfo);
  EXPECT_EQ(f.Message(), "Booting worker with pid: 74");
  ASSERT_EQ(f.Parse("2024-03-01 10:15:02 [12a] not a pid"), ParseStatus::kParsed);
  EXPECT_EQ(f.parsed().pid, -1);
  EXPECT_EQ(f.Message(), "[12a] not a pid");
}

TEST(AppTextTest, TimestampOnly) {
  FormatFixture f(kAppTextFormat);
  ASSERT_EQ(f.Parse("2024/03/01 10:15:02"), ParseStatus::kParsed);
  EXPECT_EQ(f.parsed().ts_us, Utc(2024, 3, 1, 10, 15, 2));
  EXPECT_EQ(f.Message(), "");
}

TEST(AppTextTest, RejectsNonTimestampStartsAndOutOfRangeTimes) {
  FormatFixture f(kAppTextFormat);
  EXPECT_EQ(f.Parse("java.net.SocketException: Connection reset"), ParseStatus::kNotThisFormat);
  EXPECT_EQ(f.Parse("2024-03-01T10:15:02Zfoo"), ParseStatus::kNotThisFormat);
  EXPECT_EQ(f.Parse("[2024-03-01 10:15:02 unclosed"), ParseStatus::kNotThisFormat);
  EXPECT_EQ(f.Parse("1960-01-01 00:00:00 before the epoch"), ParseStatus::kMalformed);
}

// ---------------------------------------------------------------------------
// Records end to end: a header plus its stack trace classifies by the
// innermost cause.

TEST(AppRecordTest, JavaCauseChainIsAReset) {
  FormatFixture f(kLogbackFormat);
  const std::string_view record =
      "2024-03-01 10:15:02,123 ERROR [main] com.acme.Client - call failed\n"
      "org.apache.http.client.ClientProtocolException: request failed\n"
      "\tat org.apache.http.impl.client.CloseableHttpClient.execute(CloseableHttpClient.java:83)\n"
      "Caused by: java.net.SocketException: Connection reset\n"
      "\t... 12 common frames omitted";
  const std::vector<std::string_view> lines = SplitLines(record);
  ASSERT_EQ(f.Parse(lines[0]), ParseStatus::kParsed);
  const ParsedLine header = f.parsed();
  for (size_t i = 1; i < lines.size(); ++i) EXPECT_NE(f.Parse(lines[i]), ParseStatus::kParsed);
  const FinishedRecord rec = FinishRecord(record, header, Classifier::Default());
  EXPECT_EQ(rec.kind, base::Kind::kReset);
  EXPECT_EQ(rec.rule, "java_connection_reset");
}

// ---------------------------------------------------------------------------
// Detection: about ten realistic lines of each format, stack traces
// included, pick that format out of every registered one.

std::string_view Sniff(std::string_view text) {
  const std::vector<std::string_view> lines = SplitLines(text);
  const SniffResult result = SniffFormat(lines, SampleContext());
  return result.format == nullptr ? std::string_view("(none)") : result.format->name;
}

TEST(AppSniffTest, Logback) {
  EXPECT_EQ(
      Sniff(
          "2025-01-24T07:00:27.001Z  INFO 1 --- [shop] [           main] c.e.shop.ShopApplication "
          ": Starting ShopApplication using Java 21\n"
          "2025-01-24T07:00:29.870Z  INFO 1 --- [shop] [           main] "
          "o.s.b.w.embedded.tomcat.TomcatWebServer : Tomcat started on port 8080 (http)\n"
          "2025-01-24T07:00:29.901Z  INFO 1 --- [shop] [           main] c.e.shop.ShopApplication "
          ": Started ShopApplication in 3.2 seconds (process running for 3.6)\n"
          "2025-01-24T07:00:30.139Z ERROR 1 --- [shop] [nio-8080-exec-1] c.e.shop.PaymentService "
          ": Payment failed\n"
          "java.net.SocketTimeoutException: Read timed out\n"
          "\tat java.base/sun.nio.ch.NioSocketImpl.timedRead(NioSocketImpl.java:288)\n"
          "\tat java.base/java.net.Socket$SocketInputStream.read(Socket.java:1099)\n"
          "Caused by: java.net.SocketException: Connection reset\n"
          "\t... 42 common frames omitted\n"
          "2025-01-24T07:00:31.002Z  WARN 1 --- [shop] [nio-8080-exec-2] c.e.shop.PaymentService "
          ": Retrying payment 7781\n"
          "2025-01-24T07:00:31.420Z  INFO 1 --- [shop] [nio-8080-exec-2] c.e.shop.PaymentService "
          ": Payment 7781 accepted"),
      "logback");
  EXPECT_EQ(
      Sniff(
          "2024-03-01 10:15:00,001 INFO  [main] com.acme.App - Starting\n"
          "2024-03-01 10:15:01,002 INFO  [main] com.acme.App - Connected to db\n"
          "2024-03-01 10:15:02,123 ERROR [pool-1-thread-3] com.acme.OrderSync - Order sync failed\n"
          "org.springframework.web.client.ResourceAccessException: I/O error on POST request\n"
          "\tat org.springframework.web.client.RestTemplate.doExecute(RestTemplate.java:791)\n"
          "\tat com.acme.OrderSync.run(OrderSync.java:57)\n"
          "Caused by: java.net.SocketException: Connection reset by peer\n"
          "\tat java.base/sun.nio.ch.SocketDispatcher.read0(Native Method)\n"
          "\t... 9 common frames omitted\n"
          "2024-03-01 10:15:03,004 WARN  [pool-1-thread-3] com.acme.OrderSync - Will retry in 5s"),
      "logback");
}

TEST(AppSniffTest, Serilog) {
  EXPECT_EQ(
      Sniff(
          "2024-11-05 14:03:20.001 +01:00 [INF] Now listening on: http://[::]:8080\n"
          "2024-11-05 14:03:20.002 +01:00 [INF] Application started. Press Ctrl+C to shut down.\n"
          "2024-11-05 14:03:25.510 +01:00 [INF] Request starting HTTP/1.1 GET /orders\n"
          "2024-11-05 14:03:27.123 +01:00 [ERR] Request to https://api.example.com/v1/orders "
          "failed\n"
          "System.Net.Http.HttpRequestException: An error occurred while sending the request.\n"
          " ---> System.IO.IOException: Unable to read data from the transport connection: An "
          "existing connection was forcibly closed by the remote host..\n"
          " ---> System.Net.Sockets.SocketException (10054): An existing connection was forcibly "
          "closed by the remote host.\n"
          "   at "
          "System.Net.Sockets.Socket.AwaitableSocketAsyncEventArgs.ThrowException(SocketError "
          "error, CancellationToken cancellationToken)\n"
          "   --- End of inner exception stack trace ---\n"
          "   at System.Net.Http.HttpConnection.SendAsyncCore(HttpRequestMessage request, Boolean "
          "async, CancellationToken cancellationToken)\n"
          "2024-11-05 14:03:28.000 +01:00 [WRN] Retrying request 1/5\n"
          "2024-11-05 14:03:29.000 +01:00 [INF] Request finished in 2.1s 200"),
      "serilog");
}

TEST(AppSniffTest, Nlog) {
  EXPECT_EQ(
      Sniff(
          "2024-03-01 10:15:00.0001|INFO|Microsoft.Hosting.Lifetime|Application started.\n"
          "2024-03-01 10:15:01.1200|DEBUG|Acme.Client.OrdersClient|POST /v1/orders\n"
          "2024-03-01 10:15:02.1234|ERROR|Acme.Client.OrdersClient|Request failed\n"
          "System.Net.Http.HttpRequestException: An error occurred while sending the request.\n"
          " ---> System.IO.IOException: Unable to write data to the transport connection: An "
          "established connection was aborted by the software in your host machine.\n"
          " ---> System.Net.Sockets.SocketException (10053): An established connection was aborted "
          "by the software in your host machine.\n"
          "   at System.Net.Sockets.Socket.Send(ReadOnlySpan`1 buffer, SocketFlags socketFlags)\n"
          "   --- End of inner exception stack trace ---\n"
          "2024-03-01 10:15:03.0000|WARN|Acme.Client.OrdersClient|Retrying in 2s\n"
          "2024-03-01 10:15:05.0000|INFO|Acme.Client.OrdersClient|POST /v1/orders 201"),
      "nlog");
}

TEST(AppSniffTest, PythonLogging) {
  EXPECT_EQ(
      Sniff(
          "2024-03-01 10:15:00,001 - acme.client - INFO - starting sync\n"
          "2024-03-01 10:15:01,010 - urllib3.connectionpool - DEBUG - Starting new HTTPS "
          "connection "
          "(1): api.example.com:443\n"
          "2024-03-01 10:15:02,123 - acme.client - ERROR - Order sync failed\n"
          "Traceback (most recent call last):\n"
          "  File \"/app/client.py\", line 42, in sync\n"
          "    resp = session.post(url, json=payload, timeout=10)\n"
          "  File \"/usr/lib/python3/dist-packages/requests/adapters.py\", line 501, in send\n"
          "    raise ConnectionError(err, request=request)\n"
          "requests.exceptions.ConnectionError: ('Connection aborted.', ConnectionResetError(104, "
          "'Connection reset by peer'))\n"
          "2024-03-01 10:15:03,500 - acme.client - WARNING - retrying in 2s\n"
          "2024-03-01 10:15:05,600 - acme.client - INFO - sync done"),
      "python_logging");
  EXPECT_EQ(Sniff("2024-03-01 10:15:00,001 INFO acme.client: starting sync\n"
                  "2024-03-01 10:15:02,123 ERROR acme.client: Order sync failed\n"
                  "Traceback (most recent call last):\n"
                  "  File \"/app/client.py\", line 42, in sync\n"
                  "    resp = session.post(url)\n"
                  "ConnectionResetError: [Errno 104] Connection reset by peer\n"
                  "2024-03-01 10:15:03,456 WARNING urllib3.connectionpool: Retrying after "
                  "connection broken\n"
                  "2024-03-01 10:15:05,600 INFO acme.client: sync done\n"
                  "2024-03-01 10:15:06,001 DEBUG asyncio: Using selector: EpollSelector\n"
                  "2024-03-01 10:15:07,002 INFO acme.client: idle"),
            "python_logging");
}

TEST(AppSniffTest, GoLog) {
  EXPECT_EQ(Sniff("2024/03/01 10:15:00 starting orders-client v1.4.2\n"
                  "2024/03/01 10:15:00 connecting to https://cafe.example.com\n"
                  "2024/03/01 10:15:02 Get \"https://cafe.example.com/tea\": read tcp "
                  "10.138.0.89:37041->10.138.0.27:443: read: connection reset by peer\n"
                  "2024/03/01 10:15:03 retrying in 1s\n"
                  "2024/03/01 10:15:04 ok\n"
                  "2024/03/01 10:15:05 worker started\n"
                  "panic: runtime error: invalid memory address or nil pointer dereference\n"
                  "[signal SIGSEGV: segmentation violation code=0x1 addr=0x0 pc=0x4a5b2c]\n"
                  "\n"
                  "goroutine 1 [running]:\n"
                  "main.main()\n"
                  "\t/app/main.go:42 +0x1d"),
            "go_log");
  EXPECT_EQ(
      Sniff(
          "2024-03-01T10:15:00.001Z\tINFO\tserver/main.go:30\tstarting\t{\"version\": \"1.4.2\"}\n"
          "2024-03-01T10:15:00.002Z\tINFO\tserver/main.go:42\tlistening on :8080\n"
          "2024-03-01T10:15:02.123Z\tERROR\torders\tupstream call failed\t{\"error\": \"write tcp "
          "10.123.45.67:51000->10.0.0.1:8443: write: broken pipe\"}\n"
          "2024-03-01T10:15:02.500Z\tWARN\torders\tretrying\t{\"attempt\": 2}\n"
          "2024-03-01T10:15:03.000Z\tINFO\torders\tupstream call ok\n"
          "2024-03-01T10:15:04.000Z\tDEBUG\thttp\tGET /health\t{\"status\": 200}\n"
          "2024-03-01T10:15:05.000Z\tINFO\thttp\tGET /v1/orders\t{\"status\": 200}\n"
          "2024-03-01T10:15:06.000Z\tINFO\thttp\tGET /v1/orders\t{\"status\": 200}"),
      "go_log");
}

TEST(AppSniffTest, DotnetConsole) {
  EXPECT_EQ(
      Sniff("2024-03-01 10:15:00 info: Microsoft.Hosting.Lifetime[14]\n"
            "      Now listening on: http://[::]:8080\n"
            "2024-03-01 10:15:00 info: Microsoft.Hosting.Lifetime[0]\n"
            "      Application started. Press Ctrl+C to shut down.\n"
            "2024-03-01 10:15:02 fail: Acme.Api.OrdersController[0]\n"
            "      Payment call failed\n"
            "      System.Net.Http.HttpRequestException: An error occurred while sending the "
            "request.\n"
            "       ---> System.IO.IOException: Unable to read data from the transport connection: "
            "Connection reset by peer.\n"
            "       ---> System.Net.Sockets.SocketException (104): Connection reset by peer\n"
            "         at System.Net.Sockets.Socket.AwaitableSocketAsyncEventArgs.ThrowException("
            "SocketError error, CancellationToken cancellationToken)\n"
            "2024-03-01 10:15:03 warn: Acme.Api.Health[1001]\n"
            "      Dependency check slow: 2300 ms\n"
            "2024-03-01 10:20:00 info: Microsoft.Hosting.Lifetime[0]\n"
            "      Application is shutting down..."),
      "dotnet_console");
}

TEST(AppSniffTest, AppText) {
  EXPECT_EQ(
      Sniff(
          "[2026-05-26 19:49:10 +0200] [56] [INFO] Starting gunicorn 22.0.0\n"
          "[2026-05-26 19:49:10 +0200] [56] [INFO] Listening at: http://0.0.0.0:8000 (56)\n"
          "[2026-05-26 19:49:10 +0200] [56] [INFO] Using worker: sync\n"
          "[2026-05-26 19:49:10 +0200] [66] [INFO] Booting worker with pid: 66\n"
          "[2026-05-26 19:49:11 +0200] [67] [INFO] Booting worker with pid: 67\n"
          "[2026-05-26 19:49:12 +0200] [56] [ERROR] Worker (pid:66) was sent SIGKILL! Perhaps out "
          "of memory?\n"
          "[2026-05-26 19:49:12 +0200] [74] [INFO] Booting worker with pid: 74\n"
          "[2026-05-26 19:50:12 +0200] [56] [CRITICAL] WORKER TIMEOUT (pid:67)\n"
          "Traceback (most recent call last):\n"
          "  File \"/app/views.py\", line 12, in report\n"
          "[2026-05-26 19:50:13 +0200] [81] [INFO] Booting worker with pid: 81"),
      "app_text");
}

}  // namespace
}  // namespace rstscope::parsers
