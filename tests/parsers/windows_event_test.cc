// Edge cases of wevtutil_text and windows_event_csv beyond their format
// samples: record completion, header rows, time layouts, quoting, and
// detection.
#include <optional>
#include <string>
#include <vector>

#include "base/civil_time.h"
#include "base/event_batch.h"
#include "gtest/gtest.h"
#include "parsers/formats/windows_formats.h"
#include "parsers/sniffer.h"

namespace rstscope::parsers {
namespace {

int64_t Utc(int64_t y, int mo, int d, int h, int mi, int s) {
  return base::CivilToUnixSeconds(y, mo, d, h, mi, s) * 1000000;
}

TEST(WevtutilTest, OnlyTheEventHeaderStartsARecord) {
  auto parser = kWevtutilTextFormat.make_parser(SampleContext());
  ParsedLine p;
  EXPECT_EQ(parser->Parse("Event[0]:", &p).status, ParseStatus::kParsed);
  EXPECT_TRUE(p.ts_in_record);
  for (std::string_view line : {"  Log Name: System", "  Description: ", "Event[x]:",
                                "Event[12]: trailing", "The service entered the stopped state."}) {
    ParsedLine q;
    EXPECT_EQ(parser->Parse(line, &q).status, ParseStatus::kNotThisFormat) << line;
  }
}

TEST(WevtutilTest, CompleteRecordReadsFieldsAndMultiLineDescription) {
  auto parser = kWevtutilTextFormat.make_parser(SampleContext());
  const std::string_view record =
      "Event[7]:\n"
      "  Log Name: Application\n"
      "  Source: .NET Runtime\n"
      "  Date: 2024-03-01T10:15:02.123\n"
      "  Event ID: 1026\n"
      "  Level: Error\n"
      "  Computer: WEB01\n"
      "  Description: \n"
      "Application: OrdersService.exe\n"
      "Description: The process was terminated due to an unhandled exception.";
  ParsedLine p;
  ASSERT_EQ(parser->Parse("Event[7]:", &p).status, ParseStatus::kParsed);
  parser->CompleteRecord(record, &p);
  EXPECT_TRUE(p.has_ts);
  EXPECT_EQ(p.ts_us, Utc(2024, 3, 1, 10, 15, 2) + 123000);
  EXPECT_EQ(p.flags & base::kFlagTzAssumed, base::kFlagTzAssumed);
  EXPECT_EQ(p.host, "WEB01");
  EXPECT_EQ(p.process, ".NET Runtime");
  EXPECT_EQ(p.severity, base::Severity::kError);
  EXPECT_EQ(p.FindAttr("event_id"), "1026");
  // The message starts after the first "Description:" only.
  EXPECT_EQ(record.substr(p.msg_offset),
            "Application: OrdersService.exe\nDescription: The process was terminated due to an "
            "unhandled exception.");
}

TEST(WevtutilTest, RecordWithoutDescriptionHasAnEmptyMessage) {
  auto parser = kWevtutilTextFormat.make_parser(SampleContext());
  const std::string_view record = "Event[0]:\n  Source: EventLog\n  Date: 2024-03-01T10:15:02.000";
  ParsedLine p;
  ASSERT_EQ(parser->Parse("Event[0]:", &p).status, ParseStatus::kParsed);
  parser->CompleteRecord(record, &p);
  EXPECT_EQ(p.process, "EventLog");
  EXPECT_EQ(p.msg_length, 0u);
}

TEST(WevtutilTest, LocalDateUsesTheSourceZone) {
  SourceContext ctx = SampleContext();
  auto zone = base::Zone::Load("+02:00");
  ASSERT_TRUE(zone.ok());
  ctx.zone = *zone;
  auto parser = kWevtutilTextFormat.make_parser(ctx);
  ParsedLine p;
  ASSERT_EQ(parser->Parse("Event[0]:", &p).status, ParseStatus::kParsed);
  parser->CompleteRecord("Event[0]:\n  Date: 2024-03-01T10:15:02.000\n  Description: x", &p);
  EXPECT_EQ(p.ts_us, Utc(2024, 3, 1, 8, 15, 2));
}

class EventCsvTest : public ::testing::Test {
 protected:
  bool Directive(std::string_view line) { return parser_->ConsumeDirective(line); }
  ParseStatus Parse(std::string_view line) {
    parsed_ = ParsedLine();
    line_ = line;
    return parser_->Parse(line, &parsed_).status;
  }
  std::string_view Message() const {
    return parsed_.has_message_override ? parsed_.message
                                        : line_.substr(parsed_.msg_offset, parsed_.msg_length);
  }

  std::unique_ptr<LineParser> parser_ = kWindowsEventCsvFormat.make_parser(SampleContext());
  ParsedLine parsed_;
  std::string_view line_;
};

TEST_F(EventCsvTest, GetWinEventExportColumnsComeFromTheHeader) {
  EXPECT_TRUE(Directive("#TYPE System.Diagnostics.Eventing.Reader.EventLogRecord"));
  EXPECT_TRUE(
      Directive("\"Message\",\"Id\",\"Version\",\"Level\",\"ProviderName\",\"LogName\","
                "\"MachineName\",\"TimeCreated\",\"LevelDisplayName\""));
  ASSERT_EQ(Parse("\"The \"\"W3SVC\"\" service terminated unexpectedly.  It has done this 2 "
                  "time(s).\",\"7034\",\"0\",\"2\",\"Service Control Manager\",\"System\","
                  "\"WEB01.corp.example.com\",\"3/1/2024 10:15:02 PM\",\"Error\""),
            ParseStatus::kParsed);
  EXPECT_EQ(Message(),
            "The \"W3SVC\" service terminated unexpectedly.  It has done this 2 time(s).");
  EXPECT_EQ(parsed_.ts_us, Utc(2024, 3, 1, 22, 15, 2));
  EXPECT_EQ(parsed_.host, "WEB01.corp.example.com");
  EXPECT_EQ(parsed_.process, "Service Control Manager");
  EXPECT_EQ(parsed_.severity, base::Severity::kError);
  EXPECT_EQ(parsed_.FindAttr("event_id"), "7034");
}

TEST_F(EventCsvTest, NumericLevelWithoutDisplayName) {
  EXPECT_TRUE(Directive("TimeCreated,ProviderName,Id,Level,Message"));
  ASSERT_EQ(Parse("2024-03-01 10:15:02,Schannel,36888,3,A fatal alert was generated"),
            ParseStatus::kParsed);
  EXPECT_EQ(parsed_.severity, base::Severity::kWarning);
  EXPECT_EQ(Message(), "A fatal alert was generated");
}

TEST_F(EventCsvTest, DayFirstDottedDatesAndTwelveOClock) {
  ASSERT_EQ(Parse("Information,13.05.2016 08:39:56,Service Control Manager,7036,None,x"),
            ParseStatus::kParsed);
  EXPECT_EQ(parsed_.ts_us, Utc(2016, 5, 13, 8, 39, 56));
  ASSERT_EQ(Parse("Information,5/13/2016 12:05:00 AM,Service Control Manager,7036,None,x"),
            ParseStatus::kParsed);
  EXPECT_EQ(parsed_.ts_us, Utc(2016, 5, 13, 0, 5, 0));
  ASSERT_EQ(Parse("Information,5/13/2016 12:05:00 PM,Service Control Manager,7036,None,x"),
            ParseStatus::kParsed);
  EXPECT_EQ(parsed_.ts_us, Utc(2016, 5, 13, 12, 5, 0));
}

TEST_F(EventCsvTest, RejectsRowsThatAreNotEvents) {
  EXPECT_EQ(Parse("Level,Date and Time,Source,Event ID,Task Category"),
            ParseStatus::kNotThisFormat);
  EXPECT_EQ(Parse("Error,13/13/2016 8:39:56 AM,SCM,7031,None,x"), ParseStatus::kNotThisFormat);
  EXPECT_EQ(Parse("Error,5/13/2016 8:39:56 AM,SCM,abc,None,x"), ParseStatus::kNotThisFormat);
  EXPECT_EQ(Parse("Bogus,5/13/2016 8:39:56 AM,SCM,7031,None,x"), ParseStatus::kNotThisFormat);
  EXPECT_EQ(Parse("id,name,price"), ParseStatus::kNotThisFormat);
  EXPECT_FALSE(Directive("id,name,price"));
}

TEST(WindowsEventSniffTest, PicksWevtutilText) {
  const std::vector<std::string_view> lines = {
      "Event[0]:",
      "  Log Name: System",
      "  Source: Service Control Manager",
      "  Date: 2026-07-19T08:00:01.000",
      "  Event ID: 7034",
      "  Level: Error",
      "  Computer: WIN-TEST",
      "  Description: ",
      "The VirtualBox system service service terminated unexpectedly.  It has done this 1 "
      "time(s).",
      "Event[1]:",
      "  Log Name: System",
      "  Source: Service Control Manager",
      "  Date: 2026-07-19T08:00:31.000",
      "  Event ID: 7036",
      "  Level: Information",
      "  Computer: WIN-TEST",
      "  Description: ",
      "The VirtualBox system service service entered the running state.",
  };
  EXPECT_EQ(SniffFormat(lines, SampleContext()).format, &kWevtutilTextFormat);
}

TEST(WindowsEventSniffTest, PicksWindowsEventCsv) {
  const std::vector<std::string_view> lines = {
      "Level,Date and Time,Source,Event ID,Task Category",
      "Information,5/13/2016 8:45:12 PM,Service Control Manager,7036,None,\"The WSUS Service "
      "service entered the running state.\"",
      "Error,5/13/2016 8:39:56 AM,Service Control Manager,7031,None,\"The WSUS Service service "
      "terminated unexpectedly.  It has done this 1 time(s).\"",
      "Information,5/13/2016 8:39:50 AM,Service Control Manager,7036,None,\"The Windows Update "
      "service entered the stopped state.\"",
      "Warning,5/13/2016 8:30:00 AM,Microsoft-Windows-WAS,5011,None,\"A process serving "
      "application pool 'OrdersPool' suffered a fatal communication error with the Windows "
      "Process Activation Service. The process id was '4312'.\"",
      "Error,5/13/2016 8:20:00 AM,Schannel,36874,None,\"An TLS 1.2 connection request was "
      "received from a remote client application, but none of the cipher suites supported by "
      "the client application are supported by the server.\"",
      "Information,5/13/2016 8:10:00 AM,EventLog,6013,None,\"The system uptime is 86400 "
      "seconds.\"",
      "Error,5/13/2016 8:00:00 AM,Application Error,1000,(100),\"Faulting application name: "
      "w3wp.exe, version: 10.0.20348.1, time stamp: 0x5c1a5b3e\"",
  };
  EXPECT_EQ(SniffFormat(lines, SampleContext()).format, &kWindowsEventCsvFormat);
}

}  // namespace
}  // namespace rstscope::parsers
